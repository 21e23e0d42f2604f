import {
  eventsUrl,
  getStatus,
  isFinalStatus,
  isPublicLinkId,
  type LinkStatusView,
  ProxyRequestError,
  type StatusResult,
} from '@paylink/core';
import { invalidLinkError, proxyTarget } from '../client.ts';
import { announceOutages } from './announcer.ts';
import { backoffDelay } from './backoff.ts';
import { isOutage, recoveryOf } from './recovery.ts';

// Plain polling (mode="poll", past four streams, or proxies without SSE and long poll) loads on first use.
type Polling = typeof import('./poll-group.ts');
let polling: Polling | undefined;

/** How a status source learns of changes. `auto`: SSE, falling back to long poll, then to plain polling. */
export const StatusMode = { Auto: 'auto', Poll: 'poll', Sse: 'sse' } as const;
export type StatusMode = (typeof StatusMode)[keyof typeof StatusMode];

/** What a watcher sees: the last known status (kept while the proxy is unreachable) and the current error. */
export interface WatchState {
  status: LinkStatusView | null;
  error: Error | null;
}

export type StatusListener = (state: WatchState) => void;

export interface WatchOptions {
  /** Default `auto`. The first watcher of a link chooses for everyone watching it. */
  mode?: StatusMode;
  /** Plain polling interval in ms (default 3000); the shortest interval among watchers wins. */
  interval?: number;
  /** A status already known (e.g. from the link's public view), to save the first request. */
  initial?: LinkStatusView;
}

/** Seconds a long poll asks the proxy to hold the request. */
const LONG_POLL_SECONDS = 25;
/** Streams (SSE or long poll) one page keeps open per proxy; browsers allow ~6 HTTP/1.1 connections per origin. */
const MAX_STREAMS_PER_PROXY = 4;

/** Errors worth retrying: no answer, 408, 429 and 5xx. Anything else (404…) stops the source. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ProxyRequestError)) return true;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

const sources = new Map<string, StatusSource>();

/**
 * Watches a link's status through the source shared by everyone on the page watching the same
 * (proxy, link). The listener is called at once when a status is already known, then on every
 * change. Returns the function that stops watching; the source stops when its last watcher goes.
 */
export function watchStatus(
  proxy: string,
  link: string,
  listener: StatusListener,
  options: WatchOptions = {},
): () => void {
  const key = `${proxy} ${link}`;
  let source = sources.get(key);
  if (!source) {
    source = new StatusSource(proxy, link, options.mode ?? StatusMode.Auto);
    sources.set(key, source);
  }
  const active = source;
  active.add(listener, options);
  return () => {
    if (active.remove(listener)) sources.delete(key);
  };
}

/** How many shared sources are alive on this page (for tests and diagnostics). */
export function activeSourceCount(): number {
  return sources.size;
}

type Transport = 'sse' | 'long-poll' | 'poll';

/** One link's status on this page: one connection however many elements watch it. */
export class StatusSource {
  readonly proxy: string;
  readonly link: string;
  readonly mode: StatusMode;
  status: LinkStatusView | null = null;
  etag = '';
  error: Error | null = null;
  /** Consecutive failures, for backoff. */
  failures = 0;
  transport: Transport | null = null;
  readonly #listeners = new Map<StatusListener, number>();
  #abort: AbortController | null = null;
  #events: EventSource | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Fallback level reached in auto mode: SSE failed → long poll; long poll not held → plain poll. */
  #fallback: Transport | null = null;
  #stopped = false;

  constructor(proxy: string, link: string, mode: StatusMode) {
    this.proxy = proxy;
    this.link = link;
    this.mode = mode;
  }

  get interval(): number {
    return Math.min(...this.#listeners.values());
  }

  get final(): boolean {
    return this.status !== null && isFinalStatus(this.status.status);
  }

  add(listener: StatusListener, options: WatchOptions): void {
    this.#listeners.set(listener, Math.max(100, options.interval ?? 3000));
    if (options.initial) this.accept(options.initial, `"${options.initial.version}"`);
    if (this.#stopped) {
      // A source that gave up (404…) tries again for a new watcher.
      this.#stopped = false;
      this.error = null;
      this.failures = 0;
    }
    if (this.status || this.error) listener({ status: this.status, error: this.error });
    this.start();
  }

  /** Returns true when this was the last listener (the source has stopped). */
  remove(listener: StatusListener): boolean {
    this.#listeners.delete(listener);
    if (this.#listeners.size > 0) return false;
    this.#stopped = true;
    this.pause();
    return true;
  }

  /** Starts (or resumes) the transport unless the status is final, the page hidden or the source stopped. */
  start(): void {
    if (this.transport || this.final || this.#stopped || document.hidden) return;
    // A typo on the page fails here, alone: it never reaches the proxy (nor spoils a batch).
    if (!isPublicLinkId(this.link)) {
      this.fail(invalidLinkError(this.link));
      return;
    }
    this.transport = this.#choose();
    if (this.transport !== 'poll') void this.#run(this.transport);
    else if (polling) polling.join(this);
    else
      void import('./poll-group.ts').then((module) => {
        polling = module;
        if (this.transport === 'poll') module.join(this);
      });
  }

  /** Closes whatever is open; `start()` picks up again. */
  pause(): void {
    if (this.transport === 'poll') polling?.leave(this);
    this.transport = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#events?.close();
    this.#events = null;
    clearTimeout(this.#timer);
  }

  #choose(): Transport {
    if (this.mode === StatusMode.Poll) return 'poll';
    if (this.mode === StatusMode.Sse) return 'sse';
    if (this.#fallback) return this.#fallback;
    // Past a few streams per proxy, batch polling is kinder to the browser's connection pool.
    let streams = 0;
    for (const source of sources.values()) {
      if (source.proxy === this.proxy && (source.transport === 'sse' || source.transport === 'long-poll'))
        streams++;
    }
    if (streams >= MAX_STREAMS_PER_PROXY) return 'poll';
    return typeof EventSource === 'function' ? 'sse' : 'long-poll';
  }

  /** Takes a status in if it is newer than what we have; tells the listeners. */
  accept(status: LinkStatusView, etag?: string): void {
    const wasError = this.error !== null;
    this.failures = 0;
    this.error = null;
    if (this.status && status.version <= this.status.version) {
      if (status.version === this.status.version && etag) this.etag = etag;
      if (wasError) this.#notify();
      return;
    }
    this.status = status;
    this.etag = etag || `"${status.version}"`;
    this.#notify();
    if (this.final) this.pause();
  }

  /** Records a successful answer that carried no news (304). */
  unchanged(): void {
    this.failures = 0;
    if (this.error) {
      this.error = null;
      this.#notify();
    }
  }

  /** Records a failure; returns true when it is worth retrying (the caller then backs off). */
  fail(error: unknown): boolean {
    this.failures++;
    this.error = asError(error);
    const again = retryable(error);
    if (isOutage(error)) announceOutages(this.proxy);
    if (!again) {
      // e.g. 404: asking again will not help; a new watch (an element's retry) starts over.
      this.#stopped = true;
      this.pause();
    }
    this.#notify();
    return again;
  }

  #notify(): void {
    const state = { status: this.status, error: this.error };
    for (const listener of [...this.#listeners.keys()]) listener(state);
  }

  #result(result: StatusResult): void {
    if (result.notModified) this.unchanged();
    else this.accept(result.status, result.etag);
  }

  /** Waits `ms` unless paused meanwhile; resolves false when the source should not go on. */
  #sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      this.#timer = setTimeout(() => resolve(!signal.aborted), ms);
      signal.addEventListener('abort', () => resolve(false), { once: true });
    });
  }

  /**
   * Long poll (`?wait=25` with If-None-Match) in a loop, or for SSE one read of the current status
   * (the stream only promises changes; a cheap 304 when we know it) before opening the stream.
   */
  async #run(transport: Transport): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const { signal } = abort;
    let quick = 0;
    const recovery = recoveryOf(this.proxy);
    while (!signal.aborted && !this.final) {
      // While the proxy is down, one probe asks for everyone (status/recovery.ts); meanwhile this
      // source shows it is offline like the others.
      if (recovery.down) {
        if (!this.error) this.fail(new Error('The PayLink proxy cannot be reached.'));
        if (!(await recovery.wait(signal))) return;
      }
      // After a failure, read at once (a held request would keep "Reconnecting…" up to 25 s).
      const hold = transport === 'long-poll' && this.status !== null && this.error === null;
      const started = Date.now();
      try {
        const result = await getStatus(proxyTarget(this.proxy), this.link, {
          etag: this.etag,
          waitSeconds: hold ? LONG_POLL_SECONDS : 0,
          signal,
        });
        this.#result(result);
        if (transport === 'sse') {
          if (!signal.aborted && !this.final) this.#stream(signal);
          return;
        }
        // A proxy that answers "not modified" at once is not holding the request: poll instead.
        quick = hold && result.notModified && Date.now() - started < 1000 ? quick + 1 : 0;
        if (quick > 1 && this.mode === StatusMode.Auto) return this.#restart('poll');
        recovery.succeeded();
      } catch (error) {
        if (signal.aborted || !this.fail(error)) return;
        if (isOutage(error))
          recovery.failed((probe) =>
            getStatus(proxyTarget(this.proxy), this.link, { etag: this.etag, signal: probe }),
          );
        else if (!(await this.#sleep(backoffDelay(1000, this.failures), signal))) return;
      }
    }
  }

  #stream(signal: AbortSignal): void {
    const events = new EventSource(eventsUrl(proxyTarget(this.proxy), this.link));
    this.#events = events;
    let opened = false;
    events.onopen = () => {
      opened = true;
    };
    events.addEventListener('status', (event) => {
      try {
        this.accept(JSON.parse((event as MessageEvent<string>).data) as LinkStatusView);
      } catch {
        // A malformed event is ignored; the next one (or the next reconnect's read) corrects us.
      }
    });
    events.onerror = () => {
      events.close();
      if (this.#events !== events || this.final) return;
      this.#events = null;
      // Never connected: this proxy (or something in between) does not do SSE.
      if (!opened && this.mode === StatusMode.Auto) return this.#restart('long-poll');
      // The stream dropped: the proxy's recovery state probes it (EventSource's own pace is fixed and
      // per stream), and once it answers we read again first, then reopen the stream.
      this.fail(new Error('The status stream was interrupted.'));
      const recovery = recoveryOf(this.proxy);
      recovery.failed((probe) =>
        getStatus(proxyTarget(this.proxy), this.link, { etag: this.etag, signal: probe }),
      );
      void recovery.wait(signal).then((go) => go && this.#restart());
    };
  }

  #restart(fallback?: Transport): void {
    if (fallback) this.#fallback = fallback;
    this.pause();
    this.start();
  }
}

// Hidden tabs watch nothing; on return, every source reads its status again at once.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    for (const source of sources.values()) {
      if (document.hidden) source.pause();
      else source.start();
    }
  });
}
