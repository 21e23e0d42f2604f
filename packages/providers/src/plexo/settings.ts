// Plexo's settings, read and checked once at start (README.md, "Settings").
import { configurationError, type ProviderSetting } from '../adapter.ts';

export const PROVIDER = 'plexo';

/** The settings Plexo needs, as `PAYLINK_PLEXO_<NAME>` or in the config file. */
export const settings: readonly ProviderSetting[] = [
  {
    name: 'baseUrl',
    secret: false,
    required: true,
    description: 'API base URL, e.g. https://api.testing.plexo.com.uy',
  },
  { name: 'clientId', secret: false, required: true, description: 'Client id (the Basic auth user name)' },
  { name: 'apiKey', secret: true, required: true, description: 'API key (the Basic auth password)' },
  {
    name: 'merchantId',
    secret: false,
    required: true,
    description: 'Merchant id (integer) owned by the client',
  },
];

/** Plexo's settings once checked. */
export interface PlexoSettings {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** `merchantId` of every create body: a positive 32-bit integer (§3.1). */
  merchantId: number;
}

/** Reads Plexo's settings; throws a configuration error unless `merchantId` is a positive integer. */
export function readSettings(raw: Record<string, string>): PlexoSettings {
  const merchantId = Number(raw.merchantId);
  if (!/^[1-9]\d{0,9}$/.test(raw.merchantId ?? '') || merchantId > 2_147_483_647) {
    throw configurationError(PROVIDER, 'setting merchantId must be a positive integer');
  }
  return { baseUrl: raw.baseUrl ?? '', clientId: raw.clientId ?? '', apiKey: raw.apiKey ?? '', merchantId };
}
