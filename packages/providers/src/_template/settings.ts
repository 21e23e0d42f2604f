// Step 1 of "Adding a provider" (../../README.md): the settings, read and checked once at start.
// Copy this folder to `src/<name>/`, then replace "template" and every field below with the provider's.
import { configurationError, type ProviderSetting } from '../adapter.ts';

export const PROVIDER = 'template';

/** The settings the provider needs, as `PAYLINK_TEMPLATE_<NAME>` or in the config file. */
export const settings: readonly ProviderSetting[] = [
  {
    name: 'baseUrl',
    secret: false,
    required: true,
    description: 'API base URL, e.g. https://api.example.com',
  },
  { name: 'apiKey', secret: true, required: true, description: 'API key, sent as a bearer token' },
  {
    name: 'webhookSecret',
    secret: true,
    required: true,
    description: 'Shared secret the provider signs notifications with (HMAC-SHA256)',
  },
];

/** The settings once checked: what the adapter factory takes. */
export interface TemplateSettings {
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
}

/** Reads the settings; throws a configuration error (the proxy stops at start) when one cannot work. */
export function readSettings(raw: Record<string, string>): TemplateSettings {
  if (!/^https?:\/\//.test(raw.baseUrl ?? '')) {
    throw configurationError(PROVIDER, 'baseUrl must be an http(s) URL');
  }
  return { baseUrl: raw.baseUrl!, apiKey: raw.apiKey ?? '', webhookSecret: raw.webhookSecret ?? '' };
}
