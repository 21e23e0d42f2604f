import { type MerchantLinkView, PayLinkClient, type Problem, ProxyRequestError } from '@paylink/core';
// Types only: the elements' modules define custom elements, which a service worker cannot load.
import type { ProviderInfo, StatusBatch } from '@paylink/elements';
import type { ProxyFailure } from './messages.ts';
import { apiKeyItem, proxyUrlItem } from './storage.ts';

/**
 * Core's client plus the routes the background needs that core does not cover: providers, the
 * link list, batch status and share (the same requests as the elements' `ProxyClient`).
 */
export class MerchantClient extends PayLinkClient {
  readonly #apiKey: string;

  constructor(baseUrl: string, apiKey: string) {
    super({ baseUrl, apiKey });
    this.#apiKey = apiKey;
  }

  /** The providers this proxy is configured with, and what each supports. */
  async listProviders(signal?: AbortSignal): Promise<ProviderInfo[]> {
    const body = await this.#send<{ providers: ProviderInfo[] }>('/v1/providers', { signal });
    return body.providers;
  }

  /**
   * Whether the proxy takes this key's POSTs from here. Browsers send `Origin` with POSTs only (not
   * with GETs) from extension pages and workers, and the proxy refuses a key from an origin it does
   * not allow for it; an empty create body is refused by validation (400, nothing is created) only
   * after the key and origin checks pass, so a 403 here means the origin is the problem.
   */
  async probeWrite(signal?: AbortSignal): Promise<void> {
    try {
      await this.#send('/v1/links', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
        signal,
      });
    } catch (error) {
      if (error instanceof ProxyRequestError && error.status === 400) return;
      throw error;
    }
  }

  /** Many statuses in one request (at most 100 ids). */
  getStatuses(ids: readonly string[], signal?: AbortSignal): Promise<StatusBatch> {
    // A public route: the key stays home.
    return this.#send(`/v1/status?links=${ids.map(encodeURIComponent).join(',')}`, { signal }, false);
  }

  /** The newest links first (`GET /v1/links?limit=`). */
  async listLinks(limit: number, signal?: AbortSignal): Promise<MerchantLinkView[]> {
    const body = await this.#send<{ links: MerchantLinkView[] }>(`/v1/links?limit=${limit}`, { signal });
    return body.links;
  }

  /** Asks the provider to e-mail the link; 501 when the provider cannot. */
  async shareLink(linkId: string, recipients: string[], signal?: AbortSignal): Promise<void> {
    await this.#send(`/v1/links/${encodeURIComponent(linkId)}/share`, {
      method: 'POST',
      body: JSON.stringify({ recipients }),
      headers: { 'content-type': 'application/json' },
      signal,
    });
  }

  async #send<T>(path: string, init: RequestInit, withKey = true): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: withKey ? { ...init.headers, authorization: `Bearer ${this.#apiKey}` } : init.headers,
    });
    if (!response.ok) {
      const problem = (response.headers.get('content-type') ?? '').includes('json')
        ? ((await response.json().catch(() => null)) as Problem | null)
        : null;
      throw new ProxyRequestError(response.status, problem);
    }
    return (await response.json()) as T;
  }
}

/** A client for the saved settings, or null while the extension is not set up. */
export async function savedClient(): Promise<MerchantClient | null> {
  const [proxyUrl, apiKey] = await Promise.all([proxyUrlItem.getValue(), apiKeyItem.getValue()]);
  return proxyUrl && apiKey ? new MerchantClient(proxyUrl, apiKey) : null;
}

/** A failed proxy call as plain data (it crosses the message channel). */
export function toFailure(error: unknown): ProxyFailure {
  if (error instanceof ProxyRequestError) {
    return {
      status: error.status,
      problem: error.problem?.type?.split('/').at(-1) ?? null,
      message: error.problem?.detail ?? error.message,
    };
  }
  return { status: null, problem: null, message: error instanceof Error ? error.message : String(error) };
}

/** `https://pay.example.com/` → `https://pay.example.com/*`, the match pattern for a host permission. */
export function originPattern(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Normalizes what a person typed as the proxy URL; null when it is not an http(s) address. */
export function normalizeProxyUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
