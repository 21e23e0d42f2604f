import {
  displayText,
  isPublicLinkId,
  type LinkStatusView,
  type Problem,
  ProxyRequestError,
  type PublicLinkView,
  type StatusResult,
  type ViewBatch,
} from '@paylink/core';
import { recoveryOf } from './status/recovery.ts';

// The public routes the page elements read, as plain functions: core's `PayLinkClient` is a class,
// so its merchant methods (create, disable) would ride along in every `paylink.js` (classes do not
// tree-shake); the form uses it through `MerchantClient` instead.

/**
 * Sends one request to a proxy. An error answer throws a `ProxyRequestError` carrying the RFC 9457
 * problem body when there is one; 304 passes (the status reads ask for it).
 */
export async function send(proxy: string, path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(proxy + path, init);
  // Any answer but a gateway's says the proxy is there: whoever waits for it goes again.
  if (response.status < 502 || response.status > 504) recoveryOf(proxy).succeeded();
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

export const linkPath = (link: string) => `/v1/links/${encodeURIComponent(link)}`;

/**
 * The error for an id that is not a link id (a typo on the page). It is never sent to the proxy: in a
 * batch it would spoil the answer for every other element.
 */
export function invalidLinkError(link: string): ProxyRequestError {
  return new ProxyRequestError(
    400,
    {
      type: 'about:blank',
      title: 'Not a link id',
      status: 400,
      errors: [{ field: 'link', message: 'must be a link id such as pl_3kTq…' }],
    },
    `"${link}" is not a payment link id (they look like pl_3kTq…).`,
  );
}

const notFoundError = () =>
  new ProxyRequestError(
    404,
    { type: 'about:blank', title: 'Not found', status: 404 },
    'Payment link not found.',
  );

type ViewWaiter = { resolve(view: PublicLinkView): void; reject(error: unknown): void };
const viewQueues = new Map<string, Map<string, ViewWaiter[]>>();

/**
 * A link's public view. Reads asked for in the same task are coalesced per proxy: one link is one
 * `GET /v1/links/{id}`, several are `GET /v1/views?links=…` (100 a request), so a page with 200
 * buttons makes two requests, not 200.
 */
export function getLink(proxy: string, link: string, signal?: AbortSignal): Promise<PublicLinkView> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    if (!isPublicLinkId(link)) return reject(invalidLinkError(link));
    let queue = viewQueues.get(proxy);
    if (!queue) {
      queue = new Map();
      viewQueues.set(proxy, queue);
      setTimeout(() => flushViews(proxy), 0);
    }
    const waiter = { resolve, reject };
    queue.set(link, [...(queue.get(link) ?? []), waiter]);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * A view as the page may show it: text that could reorder what a reader sees (bidi overrides)
 * is dropped, even from links stored before the proxy refused it.
 */
function shown(view: PublicLinkView): PublicLinkView {
  return {
    ...view,
    title: view.title === null ? null : displayText(view.title),
    description: displayText(view.description),
  };
}

async function flushViews(proxy: string): Promise<void> {
  const queue = viewQueues.get(proxy)!;
  viewQueues.delete(proxy);
  const ids = [...queue.keys()];
  const settle = (id: string, outcome: (waiter: ViewWaiter) => void) => queue.get(id)?.forEach(outcome);
  if (ids.length === 1) {
    const id = ids[0]!;
    await json<PublicLinkView>(proxy, linkPath(id)).then(
      (view) => settle(id, (w) => w.resolve(shown(view))),
      (error) => settle(id, (w) => w.reject(error)),
    );
    return;
  }
  for (let start = 0; start < ids.length; start += 100) {
    const chunk = ids.slice(start, start + 100);
    await json<ViewBatch>(proxy, `/v1/views?links=${chunk.map(encodeURIComponent).join(',')}`).then(
      ({ links, invalid = [] }) => {
        const found = new Set<string>();
        for (const view of links) {
          found.add(view.id);
          settle(view.id, (w) => w.resolve(shown(view)));
        }
        for (const id of invalid) found.add(id);
        for (const id of invalid) settle(id, (w) => w.reject(invalidLinkError(id)));
        // `notFound`, and any id the answer did not mention at all.
        for (const id of chunk) if (!found.has(id)) settle(id, (w) => w.reject(notFoundError()));
      },
      (error) => {
        for (const id of chunk) settle(id, (w) => w.reject(error));
      },
    );
  }
}

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

/** Address of the QR image the proxy renders of a link's checkout URL (`GET /v1/links/{id}/qr.svg`). */
export const qrImageUrl = (proxy: string, link: string): string => `${proxy}${linkPath(link)}/qr.svg`;

/** Address of a link's Server-Sent Events stream. */
export const eventsUrl = (proxy: string, link: string): string => `${proxy}${linkPath(link)}/events`;

/** HTTP status of a failed request, or null when the proxy could not be reached. */
export function errorStatus(error: unknown): number | null {
  return error instanceof ProxyRequestError ? error.status : null;
}
