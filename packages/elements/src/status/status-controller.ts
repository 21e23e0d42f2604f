import type { LinkStatusView } from '@paylink/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type StatusMode, type WatchOptions, type WatchState, watchStatus } from './status-source.ts';

export interface StatusTarget {
  proxy: string;
  link: string;
  mode?: StatusMode;
  interval?: number;
}

/**
 * Connects an element to the page's shared status source for one link: watches while the host
 * is connected, re-watches when the target changes, and re-renders the host on every change.
 */
export class StatusController implements ReactiveController {
  state: WatchState = { status: null, error: null };
  readonly #host: ReactiveControllerHost;
  readonly #onChange: (state: WatchState, previous: LinkStatusView | null) => void;
  #target: StatusTarget | null = null;
  #key = '';
  #unwatch: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    onChange: (state: WatchState, previous: LinkStatusView | null) => void = () => {},
  ) {
    this.#host = host;
    this.#onChange = onChange;
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
    this.state = { status: null, error: null };
    if (target) this.#subscribe(initial);
  }

  /** Watches the same target again from scratch (after an error). */
  retry(): void {
    const target = this.#target;
    this.#key = '';
    this.watch(target);
  }

  hostConnected(): void {
    if (this.#target && !this.#unwatch) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }

  #subscribe(initial?: LinkStatusView): void {
    const { proxy, link, mode, interval } = this.#target!;
    const options: WatchOptions = { mode, interval, initial };
    this.#unwatch = watchStatus(
      proxy,
      link,
      (state) => {
        const previous = this.state.status;
        this.state = state;
        this.#onChange(state, previous);
        this.#host.requestUpdate();
      },
      options,
    );
  }
}
