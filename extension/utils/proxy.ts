import {
  isLoopbackHost,
  type MerchantEvent,
  NotAProxyError,
  PayLinkClient,
  ProxyRequestError,
  proxyRequest,
} from '@paylink/core';
import type { ProxyFailure } from './messages.ts';
import { apiKeyItem, proxyUrlItem } from './storage.ts';

/** Core's client with the key saved in the options, plus the two calls only the extension makes. */
export class MerchantClient extends PayLinkClient {
  constructor(baseUrl: string, apiKey: string) {
    super({ baseUrl, apiKey });
  }

  /**
   * Whether the proxy takes this key's POSTs from here. Browsers send `Origin` with POSTs only (not
   * with GETs) from extension pages and workers, and the proxy refuses a key from an origin it does
   * not allow for it; an empty create body is refused by validation (400, nothing is created) only
   * after the key and origin checks pass, so a 403 here means the origin is the problem.
   */
  async probeWrite(signal?: AbortSignal): Promise<void> {
    try {
      await proxyRequest(
        this,
        '/v1/links',
        { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal },
        true,
      );
    } catch (error) {
      if (error instanceof ProxyRequestError && !(error instanceof NotAProxyError) && error.status === 400)
        return;
      throw error;
    }
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
