// Payroc's settings, read and checked once at start (README.md, "Settings").
import { configurationError, type ProviderSetting } from '../adapter.ts';
import { isTimeZone } from './dates.ts';

export const PROVIDER = 'payroc';

/** The settings Payroc needs, as `PAYLINK_PAYROC_<NAME>` or in the config file. */
export const settings: readonly ProviderSetting[] = [
  {
    name: 'baseUrl',
    secret: false,
    required: true,
    description: 'API base, with or without /v1 (https://api.uat.payroc.com or https://api.payroc.com)',
  },
  {
    name: 'identityUrl',
    secret: false,
    required: true,
    description: 'Identity service base (https://identity.uat.payroc.com or https://identity.payroc.com)',
  },
  { name: 'apiKey', secret: true, required: true, description: 'API key, exchanged for bearer tokens' },
  {
    name: 'terminalId',
    secret: false,
    required: true,
    description: 'Processing terminal id, e.g. 1234001',
  },
  {
    name: 'timeZone',
    secret: false,
    required: false,
    description:
      "IANA time zone of the processing terminal, in which expiresOn (a date) is read; default: the terminal's own timezone from GET /processing-terminals/{id}, else UTC",
  },
];

/** Payroc's settings once checked. */
export interface PayrocSettings {
  baseUrl: string;
  identityUrl: string;
  apiKey: string;
  terminalId: string;
  /** The terminal's IANA zone; null: read the terminal's own `timezone` once. */
  timeZone: string | null;
}

/** Reads Payroc's settings; throws a configuration error on an unknown `timeZone`. */
export function readSettings(raw: Record<string, string>): PayrocSettings {
  if (raw.timeZone && !isTimeZone(raw.timeZone)) {
    throw configurationError(PROVIDER, `timeZone "${raw.timeZone}" is not an IANA time zone`);
  }
  return {
    baseUrl: raw.baseUrl ?? '',
    identityUrl: raw.identityUrl ?? '',
    apiKey: raw.apiKey ?? '',
    terminalId: raw.terminalId ?? '',
    timeZone: raw.timeZone || null,
  };
}
