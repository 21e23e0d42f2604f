import type { ProviderAdapter } from '@paylink/providers';
import { describeError, type Logger } from '../log.ts';
import type { LinkStore } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';
import type { ProviderReads } from './provider-reads.ts';
import type { UpstreamBudget } from './upstream-budget.ts';

export interface ReconcilerOptions {
  store: LinkStore;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  reads: ProviderReads;
  budgets: ReadonlyMap<string, UpstreamBudget>;
  /** How often it looks for due links. */
  tickMs: number;
  /** How long a claimed link stays leased to this instance if it never reports back. */
  leaseMs?: number;
  log: Logger;
  now: () => Date;
}

/**
 * Keeps every link that is not final true to its provider, watched or not: each tick it claims
 * the due links (through the store, so several instances share the work and each link is read by
 * one of them) and reads as many as the provider's budget allows, youngest first. Watched and
 * just-notified links are read on their own path first; the reconciler spends what is left.
 */
export class Reconciler {
  readonly #o: ReconcilerOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  /** Reads handed out so far, per provider (for the young/overdue share). */
  readonly #slots = new Map<string, number>();

  constructor(options: ReconcilerOptions) {
    this.#o = options;
  }

  start(): void {
    if (this.#timer || this.#o.tickMs <= 0) return;
    this.#timer = setInterval(() => void this.tick(), this.#o.tickMs);
    this.#timer.unref();
  }

  /** One pass over the due links (also called by tests and benchmarks). */
  tick(): Promise<void> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pass(): Promise<void> {
    const reads: Promise<unknown>[] = [];
    for (const adapter of this.#o.adapters.values()) {
      if (!adapter.capabilities.read) continue;
      const budget = this.#o.budgets.get(adapter.name);
      const room = Math.min(TUNABLES.reconcileBatch, budget ? budget.available() : TUNABLES.reconcileBatch);
      if (room < 1) continue;
      const now = this.#o.now();
      try {
        // Most reads go to the youngest due links (the likeliest to change), the rest to the longest
        // overdue, so no link starves when the budget cannot keep every link on time. Counted over
        // the passes, so the share holds even when each pass has room for one read.
        const young = this.#youngSlots(adapter.name, room);
        const lease = new Date(now.getTime() + (this.#o.leaseMs ?? TUNABLES.reconcileLeaseMs)).toISOString();
        const due = await this.#o.store.claimDueLinks(
          adapter.name,
          now.toISOString(),
          lease,
          young,
          'youngest',
        );
        if (room > young)
          due.push(
            ...(await this.#o.store.claimDueLinks(
              adapter.name,
              now.toISOString(),
              lease,
              room - young,
              'overdue',
            )),
          );
        for (const link of due) {
          if (budget && !budget.tryTake()) {
            // Spent by a watcher meanwhile: hand the link back, due now.
            reads.push(this.#o.store.scheduleCheck(link.id, now.toISOString()));
            continue;
          }
          reads.push(this.#o.reads.read(link, 'taken'));
        }
      } catch (error) {
        this.#o.log.warn('reconciler pass failed', { provider: adapter.name, ...describeError(error) });
      }
    }
    await Promise.allSettled(reads);
  }

  /** Of the next `room` reads for a provider, how many go to the youngest due links. */
  #youngSlots(provider: string, room: number): number {
    const before = this.#slots.get(provider) ?? 0;
    this.#slots.set(provider, before + room);
    const youngBy = (n: number) => Math.floor(n * TUNABLES.reconcileYoungShare + 0.5);
    return youngBy(before + room) - youngBy(before);
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
