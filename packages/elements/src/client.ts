import {
  type LinkStatusView,
  PayLinkClient,
  type Problem,
  ProxyRequestError,
  type PublicLinkView,
} from '@paylink/core';

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

/** `GET /v1/status?links=…`. */
export interface StatusBatch {
  statuses: LinkStatusView[];
  notFound: string[];
}

/**
 * Core's `PayLinkClient` plus the public routes it does not cover yet (batch status, product
 * checkout, provider list, the SSE address).
 */
export class ProxyClient extends PayLinkClient {
  readonly #apiKey: string | undefined;

  constructor(baseUrl: string, apiKey?: string) {
    super({ baseUrl, apiKey });
    this.#apiKey = apiKey;
  }

  /** Many statuses in one request (at most 100 ids). */
  getStatuses(ids: readonly string[], signal?: AbortSignal): Promise<StatusBatch> {
    return this.#send(`/v1/status?links=${ids.map(encodeURIComponent).join(',')}`, { signal });
  }

  /** A fresh one-time link for a product configured in the proxy. */
  checkout(product: string, signal?: AbortSignal): Promise<PublicLinkView> {
    return this.#send('/v1/checkout', {
      method: 'POST',
      body: JSON.stringify({ product }),
      headers: { 'content-type': 'application/json' },
      signal,
    });
  }

  /** The providers this proxy is configured with (merchant route). */
  async listProviders(signal?: AbortSignal): Promise<ProviderInfo[]> {
    const body = await this.#send<{ providers: ProviderInfo[] }>('/v1/providers', {
      headers: this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {},
      signal,
    });
    return body.providers;
  }

  /** Address of a link's Server-Sent Events stream. */
  eventsUrl(linkId: string): string {
    return `${this.baseUrl}/v1/links/${encodeURIComponent(linkId)}/events`;
  }

  async #send<T>(path: string, init: RequestInit): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, init);
    if (!response.ok) {
      const problem = (response.headers.get('content-type') ?? '').includes('json')
        ? ((await response.json().catch(() => null)) as Problem | null)
        : null;
      throw new ProxyRequestError(response.status, problem);
    }
    return (await response.json()) as T;
  }
}

const clients = new Map<string, ProxyClient>();

/** The shared public client for a proxy. */
export function clientFor(proxy: string): ProxyClient {
  let client = clients.get(proxy);
  if (!client) {
    client = new ProxyClient(proxy);
    clients.set(proxy, client);
  }
  return client;
}

/** HTTP status of a failed request, or null when the proxy could not be reached. */
export function errorStatus(error: unknown): number | null {
  return error instanceof ProxyRequestError ? error.status : null;
}
