// Counts the HTTP requests an adapter call really makes (Payroc's `get` reads the link, then its card
// and bank-transfer payments; a token refresh or a retry is one more), so the upstream budget can be
// charged per request rather than per adapter call.
import { AsyncLocalStorage } from 'node:async_hooks';

/** The HTTP requests made so far by the adapter call it was given to (`withCallCounter`). */
export interface CallCounter {
  calls: number;
}

const current = new AsyncLocalStorage<CallCounter>();

/**
 * A provider's `fetch` that counts each request against the adapter call in progress, if any. The
 * proxy gives every adapter one, so whatever the adapter does, each request it sends is seen.
 */
export function countingFetch(inner?: typeof fetch): typeof fetch {
  const send = inner ?? ((input, init) => globalThis.fetch(input, init));
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const counter = current.getStore();
    if (counter) counter.calls++;
    return send(input, init);
  }) as typeof fetch;
}

/** Runs `work`, counting in `counter` every request a `countingFetch` sends on its behalf. */
export function withCallCounter<T>(counter: CallCounter, work: () => Promise<T>): Promise<T> {
  return current.run(counter, work);
}
