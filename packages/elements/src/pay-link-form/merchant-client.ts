import { PayLinkClient } from '@paylink/core';
import { send } from '../client.ts';

/** One provider as `GET /v1/providers` lists it (capabilities as in @paylink/providers' adapter.ts). */
export interface ProviderInfo {
  name: string;
  title: string;
  capabilities: {
    usageLimit: 'any' | 'single-or-unlimited' | 'single';
    unlimitedUsage: boolean;
    expiryRequired: boolean;
    locale: boolean;
    share: 'api' | 'at-create' | 'none';
    currencies: readonly string[] | null;
  };
}

/** Core's `PayLinkClient` (merchant routes, API key) plus the provider list the form needs. */
export class MerchantClient extends PayLinkClient {
  readonly #apiKey: string;

  constructor(baseUrl: string, apiKey: string) {
    super({ baseUrl, apiKey });
    this.#apiKey = apiKey;
  }

  /** The providers this proxy is configured with (merchant route). */
  async listProviders(signal?: AbortSignal): Promise<ProviderInfo[]> {
    const response = await send(this.baseUrl, '/v1/providers', {
      headers: { authorization: `Bearer ${this.#apiKey}` },
      signal,
    });
    return ((await response.json()) as { providers: ProviderInfo[] }).providers;
  }
}
