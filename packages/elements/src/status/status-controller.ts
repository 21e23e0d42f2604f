import type { LinkStatusView } from '@paylink/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorStatus } from '../client.ts';
import type { PayLinkEventMap } from '../events.ts';
import { backoffDelay } from './backoff.ts';
import type { StatusListener, StatusMode, WatchState } from './status-source.ts';

// The status transports (SSE, long poll, plain polling, status-source.ts) are a chunk of their own:
// nothing at first paint needs them (a button paints from its link's view; a status badge shows
// "Loading…"). The first element created starts loading it at once, in parallel with its first
// request, from the origin that served the page's elements. An attempt that fails (that origin down)
// is tried again every ≤ 3 s while an element waits: Chromium fetches a failed dynamic import
// again; Firefox (ESR 153) keeps the failure for the page's life, so there a badge whose transports
// never loaded stays on its error until a reload (README, "Size" of the elements).
type Live = typeof import('./status-source.ts');
let live: Live | undefined;
let loadingLive: Promise<Live> | undefined;

/** Loads the status transports (once; again after a failed attempt). */
function loadLive(): Promise<Live> {
  loadingLive ??= import('./status-source.ts').then(
    (module) => (live = module),
    (error: unknown) => {
      loadingLive = undefined;
      throw error;
    },
  );
  return loadingLive;
}

export interface StatusTarget {
  proxy: string;
  link: string;
  mode?: StatusMode;
  interval?: number;
}

/**
 * Connects an element to the page's shared status source for one link: watches while the host
 * is connected, re-watches when the target changes, re-renders the host on every change, and
 * sends the host's `paylink-status-change` (every new version), `paylink-paid` (once per target)
 * and, when `reportErrors`, `paylink-error` (once per run of failures).
 */
export class StatusController implements ReactiveController {
  state: WatchState = { status: null, error: null };
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #reportErrors: boolean;
  #target: StatusTarget | null = null;
  #key = '';
  #unwatch: (() => void) | null = null;
  #paid = false;

  constructor(host: ReactiveControllerHost & HTMLElement, reportErrors = false) {
    this.#host = host;
    this.#reportErrors = reportErrors;
    host.addController(this);
    loadLive().catch(() => {});
  }

  /** Watches `target` (null: nothing). Cheap to call on every update; only a change re-subscribes. */
  watch(target: StatusTarget | null, initial?: LinkStatusView): void {
    const key = target ? `${target.proxy} ${target.link} ${target.mode} ${target.interval}` : '';
    if (key === this.#key && this.#unwatch) return;
    this.#unwatch?.();
    this.#unwatch = null;
    this.#target = target;
    this.#key = key;
    this.#paid = false;
    this.state = { status: null, error: null };
    if (target) this.#subscribe(initial);
  }

  hostConnected(): void {
    if (this.#target && !this.#unwatch) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }

  #emit<K extends keyof PayLinkEventMap>(type: K, detail: PayLinkEventMap[K]['detail']): void {
    this.#host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #subscribe(initial?: LinkStatusView): void {
    const { proxy, link, mode, interval } = this.#target!;
    const listener: StatusListener = (state) => {
      const { status, error } = state;
      const previous = this.state;
      this.state = state;
      if (status && status.version !== previous.status?.version) {
        this.#emit('paylink-status-change', status);
        if (status.status === 'paid' && !this.#paid) {
          this.#paid = true;
          this.#emit('paylink-paid', status);
        }
      }
      if (this.#reportErrors && error && !previous.error)
        this.#emit('paylink-error', { message: error.message, status: errorStatus(error) });
      this.#host.requestUpdate();
    };
    const watch = (module: Live) => module.watchStatus(proxy, link, listener, { mode, interval, initial });
    if (live) {
      this.#unwatch = watch(live);
      return;
    }
    // Until the transports arrive, the host shows what it knows; then the shared source takes over.
    let stop: (() => void) | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    this.#unwatch = () => {
      stopped = true;
      clearTimeout(timer);
      stop?.();
    };
    const attempt = () =>
      loadLive().then(
        (module) => {
          if (!stopped) stop = watch(module);
        },
        (error: unknown) => {
          if (stopped) return;
          // Shown like an unreachable proxy ("Reconnecting…" once a status is known).
          listener({ status: initial ?? this.state.status, error: error as Error });
          timer = setTimeout(attempt, Math.min(3000, backoffDelay(500, ++failures)));
        },
      );
    void attempt();
  }
}
