// Midtrans's settings, read once at start (README.md, "Settings").
import type { ProviderSetting } from '../adapter.ts';

export const PROVIDER = 'midtrans';

/** The settings Midtrans needs, as `PAYLINK_MIDTRANS_<NAME>` or in the config file. */
export const settings: readonly ProviderSetting[] = [
  {
    name: 'baseUrl',
    secret: false,
    required: true,
    description:
      'API host: https://api.sandbox.midtrans.com (sandbox) or https://api.midtrans.com (production)',
  },
  {
    name: 'serverKey',
    secret: true,
    required: true,
    description: 'Server Key from the dashboard (Settings → Access Keys); SB-Mid-server-… in sandbox',
  },
];

/** Midtrans's settings once read. */
export interface MidtransSettings {
  /** Default: the sandbox, `https://api.sandbox.midtrans.com`. */
  baseUrl: string;
  serverKey: string;
}

/** Reads Midtrans's settings (neither can be checked without a call). */
export function readSettings(raw: Record<string, string>): MidtransSettings {
  return { baseUrl: raw.baseUrl || 'https://api.sandbox.midtrans.com', serverKey: raw.serverKey ?? '' };
}
