import type { LinkStatusView } from '@paylink/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorStatus } from '../client.ts';
import type { PayLinkEventMap } from '../events.ts';
import { type StatusMode, type WatchState, watchStatus } from './status-source.ts';

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
    this.#unwatch = watchStatus(
      proxy,
      link,
      (state) => {
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
      },
      { mode, interval, initial },
    );
  }
}
