import {
  type LinkStatusView,
  type Problem,
  ProxyRequestError,
  type PublicLinkView,
  type StatusResult,
} from '@paylink/core';

// The public routes the page elements read, as plain functions: core's `PayLinkClient` is a class,
// so its merchant methods (create, disable) would ride along in every `paylink.js` (classes do not
// tree-shake); the form uses it through `MerchantClient` instead.

/**
 * Sends one request to a proxy. An error answer throws a `ProxyRequestError` carrying the RFC 9457
 * problem body when there is one; 304 passes (the status reads ask for it).
 */
export async function send(proxy: string, path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(proxy + path, init);
  if (!response.ok && response.status !== 304) {
    const problem = (response.headers.get('content-type') ?? '').includes('json')
      ? ((await response.json().catch(() => null)) as Problem | null)
      : null;
    throw new ProxyRequestError(response.status, problem);
  }
  return response;
}

/** The JSON body of a successful request. */
export const json = <T>(proxy: string, path: string, init?: RequestInit): Promise<T> =>
  send(proxy, path, init).then((response) => response.json() as Promise<T>);

const linkPath = (link: string) => `/v1/links/${encodeURIComponent(link)}`;

/** A link's public view. */
export const getLink = (proxy: string, link: string, signal?: AbortSignal): Promise<PublicLinkView> =>
  json(proxy, linkPath(link), { signal });

/**
 * A link's status. With the last ETag the proxy answers a cheap 304 (`notModified`); `waitSeconds`
 * asks it to hold the request until the status changes (long poll).
 */
export async function getStatus(
  proxy: string,
  link: string,
  etag: string,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<StatusResult> {
  const response = await send(proxy, `${linkPath(link)}/status${waitSeconds ? `?wait=${waitSeconds}` : ''}`, {
    headers: etag ? { 'if-none-match': etag } : {},
    signal,
  });
  const tag = response.headers.get('etag') ?? '';
  return response.status === 304
    ? { notModified: true, etag: tag || etag }
    : { notModified: false, etag: tag, status: (await response.json()) as LinkStatusView };
}

/** Address of a link's Server-Sent Events stream. */
export const eventsUrl = (proxy: string, link: string): string => `${proxy}${linkPath(link)}/events`;

/** HTTP status of a failed request, or null when the proxy could not be reached. */
export function errorStatus(error: unknown): number | null {
  return error instanceof ProxyRequestError ? error.status : null;
}
