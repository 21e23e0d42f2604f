import { isFinalStatus } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { setBounded } from '../bounded-map.ts';
import type { StatusHub } from '../hub.ts';
import { describeError, type Logger } from '../log.ts';
import type { LinkStore, StoredLink } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';
import type { ProviderReads } from './provider-reads.ts';
import type { StatusWriter } from './status-writer.ts';

export interface LinkReadsOptions {
  store: LinkStore;
  hub: StatusHub;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  writer: StatusWriter;
  reads: ProviderReads;
  log: Logger;
  now: () => Date;
}

/**
 * Links as viewers see them: a short-lived cache in front of the store, the local (provisional)
 * expiry, and the watched set whose members are refreshed from their provider while someone
 * holds a long poll or a stream.
 */
export class LinkReads {
  readonly #o: LinkReadsOptions;
  /**
   * Recently read links, so hot status polls do not hit the database. An entry is dropped on any
   * change this process hears of (its own, or another instance's through the hub) and lives at
   * most `TUNABLES.linkCacheTtlMs`, which bounds staleness should a cross-instance notification be lost.
   */
  readonly #cache = new Map<string, { link: StoredLink; at: number }>();
  readonly #watched = new Map<string, { count: number; link: StoredLink }>();
  #ticker: NodeJS.Timeout | null = null;

  constructor(options: LinkReadsOptions) {
    this.#o = options;
    options.hub.onEveryChange((change) => this.#cache.delete(change.linkId));
    options.writer.onChange((link) => {
      this.#remember(link);
      const entry = this.#watched.get(link.id);
      if (entry) entry.link = link;
    });
  }

  /** The stored link with local expiry applied; null when unknown. */
  async get(linkId: string): Promise<StoredLink | null> {
    const link = this.#cached(linkId) ?? (await this.#o.store.getLink(linkId));
    if (!link) return null;
    this.#remember(link);
    return this.current(link);
  }

  async getMany(linkIds: readonly string[]): Promise<StoredLink[]> {
    const cached = linkIds.map((id) => this.#cached(id)).filter((link) => link !== undefined);
    const missing = linkIds.filter((id) => !this.#cache.has(id));
    const loaded = missing.length ? await this.#o.store.getLinks(missing) : [];
    for (const link of loaded) this.#remember(link);
    return Promise.all([...cached, ...loaded].map((link) => this.current(link)));
  }

  /** A stored link as it stands now: an open link past its expiry becomes (provisionally) expired. */
  current(link: StoredLink): Promise<StoredLink> {
    if (isFinalStatus(link.status) || !link.expiresAt || Date.parse(link.expiresAt) > this.#o.now().getTime())
      return Promise.resolve(link);
    return this.#o.writer.apply(link, link, 'clock');
  }

  isStale(link: StoredLink): boolean {
    return (!isFinalStatus(link.status) || link.provisional) && this.#o.reads.isFailing(link.id);
  }

  /**
   * For a provider the proxy learns from only by asking (no trustworthy notifications), a read
   * that finds the link due waits briefly for the provider's answer, so a lone poll sees the
   * news; signed-notification providers are refreshed in the background.
   */
  async currentFresh(link: StoredLink): Promise<StoredLink> {
    const adapter = this.#o.adapters.get(link.provider);
    const refresh = this.#o.reads.refreshIfDue(link);
    if (!adapter || adapter.capabilities.webhooks === 'signed') return link;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<StoredLink>((resolve) => {
      timer = setTimeout(() => resolve(link), TUNABLES.freshReadWaitMs);
    });
    try {
      return await Promise.race([refresh, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Marks a link as watched (long poll or stream) until the returned function is called: while
   * watched it is refreshed on its interval and expired on time by one shared ticker.
   */
  watch(link: StoredLink): () => void {
    const entry = this.#watched.get(link.id);
    if (entry) entry.count++;
    else this.#watched.set(link.id, { count: 1, link });
    this.#startTicker();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.#watched.get(link.id);
      if (current && --current.count === 0) this.#watched.delete(link.id);
    };
  }

  #startTicker(): void {
    if (this.#ticker) return;
    this.#ticker = setInterval(() => {
      if (this.#watched.size === 0) {
        clearInterval(this.#ticker!);
        this.#ticker = null;
        return;
      }
      for (const entry of this.#watched.values()) {
        void this.current(entry.link)
          .then((link) => {
            entry.link = link;
            return this.#o.reads.refreshIfDue(link);
          })
          .catch((error: unknown) =>
            this.#o.log.warn('watch tick failed', { linkId: entry.link.id, ...describeError(error) }),
          );
      }
    }, TUNABLES.watchTickMs);
    this.#ticker.unref();
  }

  #cached(linkId: string): StoredLink | undefined {
    const entry = this.#cache.get(linkId);
    if (!entry) return undefined;
    if (this.#o.now().getTime() - entry.at > TUNABLES.linkCacheTtlMs) {
      this.#cache.delete(linkId);
      return undefined;
    }
    return entry.link;
  }

  #remember(link: StoredLink): void {
    setBounded(this.#cache, link.id, { link, at: this.#o.now().getTime() }, TUNABLES.linkCacheMaxLinks);
  }

  close(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
    this.#watched.clear();
  }
}
