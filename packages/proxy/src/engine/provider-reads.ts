import { isFinalStatus, ProviderError } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { setBounded } from '../bounded-map.ts';
import type { StatusHub } from '../hub.ts';
import { describeError, type Logger } from '../log.ts';
import type { LinkStore, StoredLink } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';
import { nextCheckAt, retryDelayMs, type ScheduleSettings } from './schedule.ts';
import type { StatusWriter } from './status-writer.ts';
import type { UpstreamBudget } from './upstream-budget.ts';
import { withCallCounter } from './upstream-calls.ts';

export interface ProviderReadsOptions {
  store: LinkStore;
  hub: StatusHub;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  writer: StatusWriter;
  budgets: ReadonlyMap<string, UpstreamBudget>;
  schedule: ScheduleSettings;
  /** How often a watched link is re-read from a provider without trustworthy notifications. */
  refreshIntervalMs: number;
  /** The same for providers with signed notifications; 0 turns it off for them. */
  webhookRefreshIntervalMs: number;
  /** Minimum time between two reads of one link forced by notifications. */
  nudgeFloorMs: number;
  /** How long a nudge waits for the provider's budget before handing the link to the reconciler. */
  budgetWaitMs?: number;
  log: Logger;
  now: () => Date;
}

/** The outcome of asking a provider: `ok` false when the provider could not be read. */
export interface ReadResult {
  link: StoredLink;
  ok: boolean;
}

/**
 * Reads links from their providers: one read per link at a time whoever asks (single flight),
 * each inside the provider's upstream budget, and afterwards reschedules the link's next
 * reconciling read (with backoff after a failure). Never throws.
 */
export class ProviderReads {
  readonly #o: ProviderReadsOptions;
  readonly #inflight = new Map<string, Promise<ReadResult>>();
  readonly #lastAttempt = new Map<string, number>();
  /** Consecutive failed reads per link; such a link's status is served as `stale`. */
  readonly #failures = new Map<string, number>();
  /** Coalesced notification reads, one per link, run at the end of the nudge floor. */
  readonly #nudges = new Map<
    string,
    { promise: Promise<ReadResult>; timer: NodeJS.Timeout; cancel(): void }
  >();
  /** Provider reads made, by provider (for /metrics and benchmarks). */
  readonly upstreamReads = new Map<string, number>();

  constructor(options: ProviderReadsOptions) {
    this.#o = options;
  }

  isFailing(linkId: string): boolean {
    return this.#failures.has(linkId);
  }

  /** Reads the link now, unless a read of it is already under way (then that one's result). */
  read(link: StoredLink, budget: 'taken' | 'try' = 'try'): Promise<ReadResult> {
    const running = this.#inflight.get(link.id);
    if (running) return running;
    const adapter = this.#o.adapters.get(link.provider);
    if (!adapter?.capabilities.read || (isFinalStatus(link.status) && !link.provisional)) {
      // Nothing to read: a link the reconciler claimed leaves its schedule (and its lease).
      if (budget === 'taken') return this.#reschedule(link, true).then(() => ({ link, ok: true }));
      return Promise.resolve({ link, ok: true });
    }
    if (budget === 'try' && !this.#o.budgets.get(link.provider)?.tryTake()) {
      return Promise.resolve({ link, ok: true });
    }
    return this.#start(adapter, link);
  }

  /**
   * For watchers: reads the link if its refresh interval has passed (sooner while its reads fail).
   * Skipped when the provider's budget is spent: the reconciler has the link on its schedule.
   */
  refreshIfDue(link: StoredLink): Promise<StoredLink> {
    const adapter = this.#o.adapters.get(link.provider);
    if (!adapter?.capabilities.read) return Promise.resolve(link);
    const interval =
      adapter.capabilities.webhooks === 'signed'
        ? this.#o.webhookRefreshIntervalMs
        : this.#o.refreshIntervalMs;
    if (interval === 0 && !link.provisional) return Promise.resolve(link);
    const since = Math.max(Date.parse(link.checkedAt), this.#lastAttempt.get(link.id) ?? 0);
    const due = this.#failures.has(link.id) ? Math.min(interval || 2000, 2000) : interval || 2000;
    if (this.#o.now().getTime() - since < due) return Promise.resolve(link);
    return this.read(link).then((result) => result.link);
  }

  /**
   * For notifications: a read that starts after this call (a burst of nudges within the floor
   * becomes one read at its end), waiting briefly for the provider's budget.
   */
  nudge(link: StoredLink): Promise<ReadResult> {
    const queued = this.#nudges.get(link.id);
    if (queued) return queued.promise;
    const wait = Math.max(
      0,
      (this.#lastAttempt.get(link.id) ?? 0) + this.#o.nudgeFloorMs - this.#o.now().getTime(),
    );
    let resolve!: (result: ReadResult) => void;
    const promise = new Promise<ReadResult>((r) => {
      resolve = r;
    });
    const timer = setTimeout(async () => {
      this.#nudges.delete(link.id);
      // A read already under way may have started before the news: let it finish, then read again.
      await this.#inflight.get(link.id);
      const fresh = (await this.#o.store.getLink(link.id).catch(() => null)) ?? link;
      const budget = this.#o.budgets.get(link.provider);
      if (budget && !(await budget.take(this.#o.budgetWaitMs ?? TUNABLES.budgetWaitMs))) {
        await this.#reschedule(fresh, false);
        resolve({ link: fresh, ok: false });
        return;
      }
      resolve(await this.read(fresh, 'taken'));
    }, wait);
    timer.unref();
    this.#nudges.set(link.id, { promise, timer, cancel: () => resolve({ link, ok: false }) });
    return promise;
  }

  #start(adapter: ProviderAdapter, link: StoredLink): Promise<ReadResult> {
    setBounded(this.#lastAttempt, link.id, this.#o.now().getTime(), TUNABLES.maxTrackedLinks);
    const work = this.#readFromProvider(adapter, link).finally(() => this.#inflight.delete(link.id));
    this.#inflight.set(link.id, work);
    return work;
  }

  async #readFromProvider(adapter: ProviderAdapter, link: StoredLink): Promise<ReadResult> {
    this.upstreamReads.set(adapter.name, (this.upstreamReads.get(adapter.name) ?? 0) + 1);
    let state: Awaited<ReturnType<ProviderAdapter['get']>>;
    // One token was taken for this read; every further HTTP request it made is charged after it.
    const counter = { calls: 0 };
    try {
      state = await withCallCounter(counter, () => adapter.get(link.providerRef));
    } catch (error) {
      this.#o.budgets.get(link.provider)?.charge(counter.calls - 1);
      const failures = (this.#failures.get(link.id) ?? 0) + 1;
      setBounded(this.#failures, link.id, failures, TUNABLES.maxTrackedLinks);
      // Watchers hear that the status went stale.
      if (failures === 1) this.#o.hub.publish({ linkId: link.id, version: link.version });
      this.#o.log.warn('provider read failed', {
        linkId: link.id,
        provider: link.provider,
        failures,
        ...describeError(error),
      });
      await this.#reschedule(link, false, error instanceof ProviderError ? error.retryAfterMs : null);
      return { link, ok: false };
    }
    this.#o.budgets.get(link.provider)?.charge(counter.calls - 1);
    try {
      const wasFailing = this.#failures.delete(link.id);
      const current = (await this.#o.store.getLink(link.id)) ?? link;
      const next = await this.#o.writer.apply(current, state, 'provider');
      // Leaving the stale state is a change watchers must hear about even if the status did not move.
      if (wasFailing && next.version === current.version)
        this.#o.hub.publish({ linkId: link.id, version: next.version });
      await this.#reschedule(next, true);
      return { link: next, ok: true };
    } catch (error) {
      this.#o.log.error('applying a provider read failed', { linkId: link.id, ...describeError(error) });
      await this.#reschedule(link, false);
      return { link, ok: false };
    }
  }

  /** Puts the link back on the reconciler's schedule (and ends its lease). */
  async #reschedule(link: StoredLink, ok: boolean, retryAfterMs: number | null = null): Promise<void> {
    const adapter = this.#o.adapters.get(link.provider);
    const now = this.#o.now();
    let next = adapter ? nextCheckAt(link, adapter.capabilities, now, this.#o.schedule) : null;
    if (!ok && next !== null) {
      const backoff = retryDelayMs(this.#failures.get(link.id) ?? 1, Date.parse(next) - now.getTime());
      // Never sooner than the provider asked (its Retry-After, or the breaker's cool-down).
      next = new Date(now.getTime() + Math.max(backoff, retryAfterMs ?? 0)).toISOString();
    }
    await this.#o.store
      .scheduleCheck(link.id, next)
      .catch((error: unknown) => this.#o.log.warn('rescheduling a link failed', describeError(error)));
  }

  /** Stops queued notification reads (graceful shutdown, tests). */
  close(): void {
    for (const queued of this.#nudges.values()) {
      clearTimeout(queued.timer);
      queued.cancel();
    }
    this.#nudges.clear();
  }
}
