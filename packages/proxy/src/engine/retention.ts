import { describeError, type Logger } from '../log.ts';
import type { LinkStore, PruneResult } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';

const DAY_MS = 86_400_000;

/**
 * Keeps the bookkeeping tables bounded: notification ids, idempotency keys and finished events
 * older than `retentionDays` are deleted, hourly and once at start. Links themselves are kept.
 */
export class Retention {
  readonly #store: LinkStore;
  readonly #retentionMs: number;
  readonly #log: Logger;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: { store: LinkStore; retentionDays: number; log: Logger; now: () => Date }) {
    this.#store = options.store;
    this.#retentionMs = options.retentionDays * DAY_MS;
    this.#log = options.log;
    this.#now = options.now;
  }

  start(): void {
    if (this.#timer) return;
    void this.run();
    this.#timer = setInterval(() => void this.run(), TUNABLES.retentionEveryMs);
    this.#timer.unref();
  }

  /** One pass; never throws. */
  async run(): Promise<PruneResult | null> {
    const before = new Date(this.#now().getTime() - this.#retentionMs).toISOString();
    try {
      const pruned = await this.#store.prune(before);
      if (pruned.webhookEvents + pruned.idempotencyKeys + pruned.events > 0)
        this.#log.info('retention pass', { before, ...pruned });
      return pruned;
    } catch (error) {
      this.#log.warn('retention pass failed', describeError(error));
      return null;
    }
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
