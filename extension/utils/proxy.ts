import {
  isLoopbackHost,
  type LinkStatus,
  type MerchantEvent,
  type MerchantLinkView,
  PayLinkClient,
  type Problem,
  ProxyRequestError,
  type StatusBatch,
} from '@paylink/core';
// Types only: the elements' modules define custom elements, which a service worker cannot load.
import type { ProviderInfo } from '@paylink/elements';
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
    let body: { providers?: unknown };
    try {
      body = await this.#send<{ providers?: unknown }>('/v1/providers', { signal });
    } catch (error) {
      // A server without the route, or one that answers it with something else than a problem.
      if (
        error instanceof ProxyRequestError &&
        (error.status === 404 || error.status === 405) &&
        !error.problem
      )
        throw new NotAProxyError();
      throw error;
    }
    if (!Array.isArray(body?.providers)) throw new NotAProxyError();
    return body.providers as ProviderInfo[];
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

  /** A page of links, newest first (`GET /v1/links`); pass `nextCursor` back as `cursor`. */
  listLinks(query: LinkQuery, signal?: AbortSignal): Promise<LinkPage> {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.status) params.set('status', query.status);
    if (query.provider) params.set('provider', query.provider);
    return this.#send(`/v1/links?${params}`, { signal });
  }

  /** Every event of one link, oldest first, following the cursor (at most `max`). */
  async linkEvents(linkId: string, max = 500): Promise<MerchantEvent[]> {
    const events: MerchantEvent[] = [];
    let after: string | undefined;
    do {
      const page = await this.listEvents({ link: linkId, after, limit: 100 });
      events.push(...page.events);
      after = page.nextCursor ?? undefined;
    } while (after && events.length < max);
    return events;
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
    if (!(response.headers.get('content-type') ?? '').includes('json')) throw new NotAProxyError();
    return (await response.json()) as T;
  }
}

/** `GET /v1/links` parameters. */
export interface LinkQuery {
  limit: number;
  cursor?: string;
  status?: LinkStatus;
  provider?: string;
}

/** One page of `GET /v1/links`. */
export interface LinkPage {
  links: MerchantLinkView[];
  nextCursor: string | null;
}

/** The address answers, but not as a PayLink proxy does. */
export class NotAProxyError extends Error {
  constructor() {
    super('This address does not answer as a PayLink proxy.');
    this.name = 'NotAProxyError';
  }
}

/** A client for the saved settings, or null while the extension is not set up. */
export async function savedClient(): Promise<MerchantClient | null> {
  const [proxyUrl, apiKey] = await Promise.all([proxyUrlItem.getValue(), apiKeyItem.getValue()]);
  return proxyUrl && apiKey ? new MerchantClient(proxyUrl, apiKey) : null;
}

/** A failed proxy call as plain data (it crosses the message channel). */
export function toFailure(error: unknown): ProxyFailure {
  if (error instanceof NotAProxyError)
    return { status: null, problem: 'not-a-proxy', message: error.message };
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

/**
 * Normalizes what a person typed as the proxy URL: null when it is not an https address, or an
 * http one on a loopback host (anywhere else the API key would travel in clear).
 */
export function normalizeProxyUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
