import type { StatusSnapshot } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { eventsForChange } from '../events/merchant-events.ts';
import type { StatusHub } from '../hub.ts';
import type { Logger } from '../log.ts';
import type { LinkStore, StoredLink } from '../store/store.ts';
import { nextCheckAt, type ScheduleSettings } from './schedule.ts';
import { nextState, type ObservationSource } from './status-rules.ts';

export interface StatusWriterOptions {
  store: LinkStore;
  hub: StatusHub;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  schedule: ScheduleSettings;
  log: Logger;
  now: () => Date;
}

/**
 * The one place a link's status changes: applies an observation under the status rules with
 * compare-and-set, writes the change's merchant events in the same transaction (the outbox),
 * reschedules the reconciler, and announces the change to this process (and, through the store,
 * to the others).
 */
export class StatusWriter {
  readonly #o: StatusWriterOptions;
  readonly #changeListeners = new Set<(link: StoredLink, events: number) => void>();

  constructor(options: StatusWriterOptions) {
    this.#o = options;
  }

  /** Hears every change this process writes (caches, the delivery worker). */
  onChange(listener: (link: StoredLink, events: number) => void): void {
    this.#changeListeners.add(listener);
  }

  /** Applies what `source` observed; returns the link as stored afterwards. */
  async apply(link: StoredLink, observed: StatusSnapshot, source: ObservationSource): Promise<StoredLink> {
    const { store } = this.#o;
    let current = link;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.#o.now();
      const state = nextState(current, observed, source, now, this.#o.schedule.graceMs);
      if (!state) {
        if (source === 'clock') return current;
        const checkedAt = now.toISOString();
        await store.touchChecked(current.id, checkedAt);
        return { ...current, checkedAt };
      }
      const stored: StoredLink = {
        ...current,
        ...state,
        version: current.version + 1,
        updatedAt: now.toISOString(),
        checkedAt: source === 'provider' ? now.toISOString() : current.checkedAt,
      };
      const events = eventsForChange(current, stored, now);
      if (
        await store.updateStatus(current.id, current.version, stored, {
          events,
          nextCheckAt: this.#nextCheck(current, stored, now),
        })
      ) {
        this.#o.hub.publish({ linkId: stored.id, version: stored.version });
        for (const listener of this.#changeListeners) listener(stored, events.length);
        this.#o.log.info('link status changed', {
          linkId: stored.id,
          status: stored.status,
          provisional: stored.provisional,
          version: stored.version,
          events: events.map((e) => e.type),
        });
        return stored;
      }
      const reloaded = await store.getLink(current.id);
      if (!reloaded) return current;
      current = reloaded;
    }
    return current;
  }

  /** The reconciler's next read after a change: at once for a fresh provisional expiry, to confirm it. */
  #nextCheck(before: StoredLink, after: StoredLink, now: Date): string | null {
    if (after.provisional && !before.provisional) return now.toISOString();
    const adapter = this.#o.adapters.get(after.provider);
    if (!adapter) return null;
    return nextCheckAt(after, adapter.capabilities, now, this.#o.schedule);
  }
}
