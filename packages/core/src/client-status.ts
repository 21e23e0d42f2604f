// The status routes of the proxy client: what watching a link's status needs (reads with ETags and
// long poll, batches, the SSE address). Apart from client.ts so a page's first paint bundles none of it.
import {
  isJsonResponse,
  linkIdList,
  linkPath,
  NotAProxyError,
  type ProxyTarget,
  proxyJson,
  proxyRequest,
} from './client.ts';
import type { LinkStatusView } from './link.ts';
import type { StatusBatch } from './proxy-api.ts';

/** A status read: the new status, or `notModified` when the ETag still matches. */
export type StatusResult =
  | { notModified: true; etag: string }
  | { notModified: false; etag: string; status: LinkStatusView };

/**
 * A link's status (`GET /v1/links/{id}/status`). With the last ETag the proxy answers a cheap 304
 * (`notModified`); `waitSeconds` holds the request open (long poll) until the status changes.
 */
export async function getStatus(
  target: ProxyTarget,
  linkId: string,
  options: { etag?: string; waitSeconds?: number; signal?: AbortSignal } = {},
): Promise<StatusResult> {
  const query = options.waitSeconds ? `?wait=${Math.round(options.waitSeconds)}` : '';
  const response = await proxyRequest(target, `${linkPath(linkId)}/status${query}`, {
    headers: options.etag ? { 'if-none-match': options.etag } : {},
    signal: options.signal,
  });
  const etag = response.headers.get('etag') ?? '';
  if (response.status === 304) return { notModified: true, etag: etag || options.etag || '' };
  if (!isJsonResponse(response)) throw new NotAProxyError(target.baseUrl, response.status);
  return { notModified: false, etag, status: (await response.json()) as LinkStatusView };
}

/** Up to 100 statuses in one request (`GET /v1/status?links=…`). */
export const getStatuses = (
  target: ProxyTarget,
  linkIds: readonly string[],
  signal?: AbortSignal,
): Promise<StatusBatch> => proxyJson(target, `/v1/status?links=${linkIdList(linkIds)}`, { signal });

/** Address of a link's Server-Sent Events stream (`GET /v1/links/{id}/events`). */
export const eventsUrl = (target: ProxyTarget, linkId: string): string =>
  `${target.baseUrl.replace(/\/+$/, '')}${linkPath(linkId)}/events`;
