import {
  displayText,
  getLink,
  getViews,
  isPublicLinkId,
  ProxyRequestError,
  type ProxyTarget,
  type PublicLinkView,
} from '@paylink/core';
import { recoveryOf } from './status/recovery.ts';

// What the page elements add to core's client: one `ProxyTarget` per proxy whose fetch tells the
// proxy's recovery state about every answer, and link reads coalesced into batches.

const targets = new Map<string, ProxyTarget>();

/**
 * The elements' way to a proxy: core's client functions take it. Any answer but a gateway's says
 * the proxy is there, so whoever waits for it (status/recovery.ts) goes again.
 */
export function proxyTarget(proxy: string): ProxyTarget {
  let target = targets.get(proxy);
  if (!target) {
    target = {
      baseUrl: proxy,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (response.status < 502 || response.status > 504) recoveryOf(proxy).succeeded();
        return response;
      },
    };
    targets.set(proxy, target);
  }
  return target;
}

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
 * buttons makes two requests, not 200. The answer is per id: one bad id fails only its own reader.
 */
export function readLink(proxy: string, link: string, signal?: AbortSignal): Promise<PublicLinkView> {
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
  const target = proxyTarget(proxy);
  const ids = [...queue.keys()];
  const settle = (id: string, outcome: (waiter: ViewWaiter) => void) => queue.get(id)?.forEach(outcome);
  if (ids.length === 1) {
    const id = ids[0]!;
    await getLink(target, id).then(
      (view) => settle(id, (w) => w.resolve(shown(view))),
      (error) => settle(id, (w) => w.reject(error)),
    );
    return;
  }
  for (let start = 0; start < ids.length; start += 100) {
    const chunk = ids.slice(start, start + 100);
    await getViews(target, chunk).then(
      ({ links, invalid = [] }) => {
        const answered = new Set<string>(invalid);
        for (const view of links) {
          answered.add(view.id);
          settle(view.id, (w) => w.resolve(shown(view)));
        }
        for (const id of invalid) settle(id, (w) => w.reject(invalidLinkError(id)));
        // `notFound`, and any id the answer did not mention at all.
        for (const id of chunk) if (!answered.has(id)) settle(id, (w) => w.reject(notFoundError()));
      },
      (error) => {
        for (const id of chunk) settle(id, (w) => w.reject(error));
      },
    );
  }
}

/** HTTP status of a failed request, or null when the proxy could not be reached. */
export function errorStatus(error: unknown): number | null {
  return error instanceof ProxyRequestError ? error.status : null;
}
