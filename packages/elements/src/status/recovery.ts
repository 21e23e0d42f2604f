import { ProxyRequestError } from '@paylink/core';

/** Longest wait between two probes of a proxy that is down: every element is back within ~5 s of it. */
const MAX_PROBE_DELAY_MS = 3000;
/** First probe after an outage is seen. */
const FIRST_PROBE_DELAY_MS = 500;

/**
 * True for an answer that means "the proxy is not there" rather than "the proxy said no": no answer
 * at all, or a gateway's 502/503/504 in front of it.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof ProxyRequestError))
    return !(error instanceof DOMException && error.name === 'AbortError');
  return error.status === 502 || error.status === 503 || error.status === 504;
}

/** A request that succeeds (or fails with anything but an outage) once the proxy is back. */
export type Probe = (signal: AbortSignal) => Promise<unknown>;

export type OutageListener = (down: boolean) => void;

/**
 * One recovery state per proxy, shared by every element and request of the page that talks to it.
 * The first outage seen starts one probe loop (quick at first, then every ≤ 3 s with jitter); while
 * it runs, nobody else asks the proxy anything; the first probe that gets an answer wakes them all
 * at once. So 50 elements make one request every few seconds while the proxy is down, and all of
 * them are back within about 5 s of it.
 */
export class ProxyRecovery {
  readonly proxy: string;
  #down = false;
  #attempts = 0;
  #probe: Probe | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;
  readonly #waiters = new Set<() => void>();
  readonly #listeners = new Set<OutageListener>();

  constructor(proxy: string) {
    this.proxy = proxy;
  }

  /** The proxy is known to be unreachable. */
  get down(): boolean {
    return this.#down;
  }

  /** Records an outage; `probe` (the failed request, say) is what the loop tries until it gets an answer. */
  failed(probe: Probe): void {
    this.#probe = probe;
    if (this.#down) return;
    this.#down = true;
    this.#attempts = 0;
    this.#schedule();
    for (const listener of this.#listeners) listener(true);
  }

  /** Records an answer from the proxy: everyone waiting goes again now. */
  succeeded(): void {
    if (!this.#down) return;
    this.#down = false;
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
    this.#probe = null;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
    for (const listener of this.#listeners) listener(false);
  }

  /** Resolves true once the proxy answers again (at once when it is not down), false when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<boolean> {
    if (!this.#down) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', stop);
        resolve(true);
      };
      const stop = () => {
        this.#waiters.delete(wake);
        resolve(false);
      };
      this.#waiters.add(wake);
      signal?.addEventListener('abort', stop, { once: true });
    });
  }

  /** Calls `listener(true)` when the proxy goes down and `listener(false)` when it is back. */
  onChange(listener: OutageListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #schedule(): void {
    const ceiling = Math.min(MAX_PROBE_DELAY_MS, FIRST_PROBE_DELAY_MS * 2 ** this.#attempts);
    // Jitter (between 60 % and 100 % of the ceiling) so many pages do not probe in step.
    const delay = ceiling * (0.6 + Math.random() * 0.4);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#probeNow(), delay);
  }

  async #probeNow(): Promise<void> {
    const probe = this.#probe;
    if (!this.#down || !probe) return;
    // Nobody waits any more (every element left): stop probing; the next request starts over.
    if (this.#waiters.size === 0) return this.succeeded();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      await probe(abort.signal);
      this.succeeded();
    } catch (error) {
      if (abort.signal.aborted) return;
      if (!isOutage(error)) return this.succeeded();
      this.#attempts++;
      this.#schedule();
    }
  }
}

const recoveries = new Map<string, ProxyRecovery>();

/** The recovery state of a proxy (one per proxy per page). */
export function recoveryOf(proxy: string): ProxyRecovery {
  let recovery = recoveries.get(proxy);
  if (!recovery) {
    recovery = new ProxyRecovery(proxy);
    recoveries.set(proxy, recovery);
  }
  return recovery;
}
