import { createHash, randomUUID } from 'node:crypto';
import {
  applySnapshot,
  type CreateLinkRequest,
  isFinalStatus,
  LinkStatus,
  normalizeMoney,
  type StatusSnapshot,
  safeCheckoutUrl,
  statusAt,
  ValidationError,
} from '@paylink/core';
import type { ProviderAdapter, WebhookEvent } from '@paylink/providers';
import type { StatusHub } from './hub.ts';
import { newPublicLinkId } from './ids.ts';
import { describeError, type Logger } from './log.ts';
import { ProblemError, problems } from './problem.ts';
import type { CreateLinkBody } from './schemas.ts';
import type { LinkStore, StoredLink } from './store/store.ts';
import { merchantView } from './views.ts';

export interface LinkServiceOptions {
  store: LinkStore;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  hub: StatusHub;
  /** Public base URL of this proxy, for the webhook URLs handed to providers. */
  publicBaseUrl: string;
  /** How often a watched link is re-read from a provider that sends no trustworthy notifications. */
  refreshIntervalMs: number;
  /** Safety-net re-read for providers with signed notifications; 0 turns polling off for them. */
  webhookRefreshIntervalMs: number;
  /** Minimum time between two forced re-reads of one link (notification nudges). */
  nudgeFloorMs: number;
  /** An idempotency claim left unanswered this long is taken as abandoned (the process died). */
  idempotencyAbandonMs?: number;
  log: Logger;
  now?: () => Date;
}

/** How long a cached link may be served without reading the database again. */
const CACHE_TTL_MS = 1000;
const CACHE_MAX_LINKS = 50_000;
/** How long a status read waits for a due provider read before answering what it has. */
const FRESH_READ_WAIT_MS = 1500;

export interface CreateResult {
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * Creates, reads, refreshes and disables links, and applies notifications: the rules of the
 * status model live here, the HTTP shapes in the routes.
 */
export class LinkService {
  readonly #o: LinkServiceOptions;
  readonly #now: () => Date;
  /** Single flight: one provider read per link at a time, whatever the number of watchers. */
  readonly #inflight = new Map<string, Promise<StoredLink>>();
  readonly #lastAttempt = new Map<string, number>();
  readonly #scheduled = new Map<string, NodeJS.Timeout>();
  /** Links whose last provider read failed: their status is served as `stale`. */
  readonly #failing = new Map<string, number>();
  /** Creates under way in this process, by idempotency claim, so a concurrent duplicate waits for the first. */
  readonly #creating = new Map<string, { requestHash: string; work: Promise<CreateResult> }>();
  readonly #watched = new Map<string, { count: number; link: StoredLink }>();
  #ticker: NodeJS.Timeout | null = null;
  /**
   * Recently read links, so hot status polls do not hit the database. An entry is dropped on any
   * change this process hears of (its own, or another instance's through the hub) and lives at
   * most `CACHE_TTL_MS`, which bounds staleness should a cross-instance notification be lost.
   */
  readonly #cache = new Map<string, { link: StoredLink; at: number }>();
  /** Provider reads made, by provider (for /metrics and benchmarks). */
  readonly upstreamReads = new Map<string, number>();

  constructor(options: LinkServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    options.hub.onEveryChange((change) => this.#cache.delete(change.linkId));
  }

  adapter(provider: string): ProviderAdapter | undefined {
    return this.#o.adapters.get(provider);
  }

  get providers(): ProviderAdapter[] {
    return [...this.#o.adapters.values()];
  }

  // ---- create ------------------------------------------------------------------------------

  /** Creates a link, honouring an optional idempotency key scoped to the API key. */
  async create(
    scope: string,
    ownerKeyId: string | null,
    body: CreateLinkBody,
    idempotencyKey?: string,
  ): Promise<CreateResult> {
    const adapter = this.#requireAdapter(body.provider);
    const refused = adapter.validate(body as CreateLinkRequest);
    if (refused.length) {
      throw problems.unprocessable(
        'unsupported-by-provider',
        'Not supported by the provider',
        `${body.provider} cannot honour ${refused.map((e) => e.field).join(', ')}.`,
        refused,
      );
    }
    if (!idempotencyKey) return this.#createNow(adapter, ownerKeyId, body, randomUUID());

    const requestHash = hashJson(body);
    const claimKey = `${scope}\u0000${idempotencyKey}`;
    const running = this.#creating.get(claimKey);
    if (running) {
      if (running.requestHash !== requestHash) throw idempotencyMismatch();
      return { ...(await running.work), replayed: true };
    }

    // Registered before the first await, so a concurrent duplicate in this process waits for this one.
    const work = this.#claimAndCreate(adapter, scope, ownerKeyId, body, idempotencyKey, requestHash);
    this.#creating.set(claimKey, { requestHash, work });
    try {
      return await work;
    } finally {
      this.#creating.delete(claimKey);
    }
  }

  async #claimAndCreate(
    adapter: ProviderAdapter,
    scope: string,
    ownerKeyId: string | null,
    body: CreateLinkBody,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<CreateResult> {
    const now = this.#now().toISOString();
    const existing = await this.#o.store.claimIdempotencyKey(scope, idempotencyKey, requestHash, now);
    if (existing) {
      if (existing.requestHash !== requestHash) throw idempotencyMismatch();
      if (existing.response) return { ...existing.response, replayed: true };
      const abandonedBefore = new Date(
        this.#now().getTime() - (this.#o.idempotencyAbandonMs ?? 60_000),
      ).toISOString();
      if (!(await this.#o.store.retakeIdempotencyKey(scope, idempotencyKey, abandonedBefore, now))) {
        throw new ProblemError(
          409,
          'idempotency-in-progress',
          'Request in progress',
          'A request with this Idempotency-Key is still being handled; retry shortly.',
          {},
          { 'retry-after': '2' },
        );
      }
    }
    // The provider sees a key derived from ours, so a retry after a crash reaches the same provider-side key.
    const providerKey = uuidFromText(`${scope}\u0000${idempotencyKey}`);
    let result: CreateResult;
    try {
      result = await this.#createNow(adapter, ownerKeyId, body, providerKey);
    } catch (error) {
      // Free the key so the client's retry runs again; it reaches the provider with the same
      // derived key, so providers with idempotency (Payroc, Midtrans' order id) deduplicate it.
      await this.#o.store.releaseIdempotencyKey(scope, idempotencyKey);
      throw error;
    }
    await this.#o.store.completeIdempotencyKey(scope, idempotencyKey, {
      status: result.status,
      body: result.body,
    });
    return result;
  }

  async #createNow(
    adapter: ProviderAdapter,
    ownerKeyId: string | null,
    body: CreateLinkBody,
    providerKey: string,
  ): Promise<CreateResult> {
    const created = await adapter.create(body as CreateLinkRequest, {
      idempotencyKey: providerKey,
      notificationUrl: `${this.#o.publicBaseUrl}/v1/webhooks/${adapter.name}`,
    });
    if (!safeCheckoutUrl(created.url)) {
      this.#o.log.error('provider returned an unsafe checkout URL', {
        provider: adapter.name,
        providerRef: created.providerRef,
      });
      throw new ProblemError(
        502,
        'provider-unsafe-url',
        'Unsafe checkout URL',
        `${adapter.name} returned a checkout URL that is not https; the link was not stored.`,
      );
    }
    // A provider that deduplicates (Payroc, Midtrans) may answer a retried create with a link we
    // stored before a crash cut us off: answer that link rather than store it twice.
    const stored = await this.#o.store.findByProviderRef(adapter.name, created.providerRef);
    if (stored) {
      if (stored.ownerKeyId !== ownerKeyId) {
        throw new ProblemError(
          502,
          'provider-error',
          'Provider error',
          `${adapter.name} answered with another request's link.`,
        );
      }
      return { status: 201, body: JSON.stringify(merchantView(stored)), replayed: true };
    }
    const now = this.#now().toISOString();
    const link: StoredLink = {
      id: newPublicLinkId(),
      provider: adapter.name,
      providerRef: created.providerRef,
      url: created.url,
      status: created.state.status,
      payments: created.state.payments,
      lastPayment: created.state.lastPayment,
      version: 1,
      amount:
        body.amount.value === undefined
          ? { value: null, currency: body.amount.currency }
          : normalizeMoney({ value: body.amount.value, currency: body.amount.currency }),
      amountMode: body.amountMode ?? 'fixed',
      flexibleAmount: body.flexibleAmount ?? null,
      title: body.title ?? null,
      description: body.description,
      reference: body.reference ?? null,
      customer: body.customer ?? null,
      metadata: body.metadata ?? null,
      expiresAt: created.state.expiresAt ?? body.expiresAt ?? null,
      createdAt: now,
      updatedAt: now,
      checkedAt: now,
      ownerKeyId,
    };
    await this.#o.store.insertLink(link);
    this.#o.log.info('link created', { linkId: link.id, provider: link.provider });
    return { status: 201, body: JSON.stringify(merchantView(link)), replayed: false };
  }

  #requireAdapter(provider: string): ProviderAdapter {
    const adapter = this.#o.adapters.get(provider);
    if (!adapter) {
      const names = [...this.#o.adapters.keys()];
      throw new ValidationError([
        {
          field: 'provider',
          message: names.length
            ? `must be one of: ${names.join(', ')}`
            : 'no provider is configured on this proxy',
        },
      ]);
    }
    return adapter;
  }

  // ---- read --------------------------------------------------------------------------------

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

  #cached(linkId: string): StoredLink | undefined {
    const entry = this.#cache.get(linkId);
    if (!entry) return undefined;
    if (this.#now().getTime() - entry.at > CACHE_TTL_MS) {
      this.#cache.delete(linkId);
      return undefined;
    }
    return entry.link;
  }

  #remember(link: StoredLink): void {
    if (this.#cache.has(link.id)) this.#cache.delete(link.id);
    else if (this.#cache.size >= CACHE_MAX_LINKS) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(link.id, { link, at: this.#now().getTime() });
  }

  isStale(link: StoredLink): boolean {
    return !isFinalStatus(link.status) && this.#failing.has(link.id);
  }

  /** A stored link as it stands now: an open link past its expiry becomes expired. */
  async current(link: StoredLink): Promise<StoredLink> {
    const status = statusAt(link.status, link.expiresAt, this.#now());
    if (status === link.status) return link;
    return this.observe(link, { status, payments: link.payments, lastPayment: link.lastPayment }, false);
  }

  /**
   * Re-reads the link from its provider if its refresh interval has passed (or `force`), once at a
   * time per link; never throws (a failure marks the link stale and keeps the last known state).
   */
  refreshIfDue(link: StoredLink, options: { force?: boolean } = {}): Promise<StoredLink> {
    const adapter = this.#o.adapters.get(link.provider);
    if (!adapter?.capabilities.read || isFinalStatus(link.status)) return Promise.resolve(link);
    const running = this.#inflight.get(link.id);
    if (running) return running;
    const nowMs = this.#now().getTime();
    const lastAttempt = this.#lastAttempt.get(link.id) ?? 0;
    if (options.force) {
      const wait = lastAttempt + this.#o.nudgeFloorMs - nowMs;
      if (wait > 0) {
        // Coalesce a burst of nudges into one read at the end of the floor.
        if (!this.#scheduled.has(link.id)) {
          const timer = setTimeout(() => {
            this.#scheduled.delete(link.id);
            void this.#o.store
              .getLink(link.id)
              .then((fresh) => fresh && this.refreshIfDue(fresh, { force: true }))
              .catch((error: unknown) => this.#o.log.warn('scheduled refresh failed', describeError(error)));
          }, wait);
          timer.unref();
          this.#scheduled.set(link.id, timer);
        }
        return Promise.resolve(link);
      }
    } else {
      const interval = this.#intervalFor(adapter);
      if (interval === 0) return Promise.resolve(link);
      const since = Math.max(Date.parse(link.checkedAt), lastAttempt);
      const retryDelay = this.#failing.has(link.id) ? Math.min(interval, 2000) : interval;
      if (nowMs - since < retryDelay) return Promise.resolve(link);
    }
    this.#lastAttempt.set(link.id, nowMs);
    const work = this.#readFromProvider(adapter, link).finally(() => this.#inflight.delete(link.id));
    this.#inflight.set(link.id, work);
    return work;
  }

  /**
   * For a provider the proxy learns from only by asking (no trustworthy notifications), a read
   * that finds the link due waits briefly for the provider's answer, so a lone poll sees the
   * news; signed-notification providers are refreshed in the background.
   */
  async currentFresh(link: StoredLink): Promise<StoredLink> {
    const adapter = this.#o.adapters.get(link.provider);
    const refresh = this.refreshIfDue(link);
    if (!adapter || adapter.capabilities.webhooks === 'signed') return link;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<StoredLink>((resolve) => {
      timer = setTimeout(() => resolve(link), FRESH_READ_WAIT_MS);
    });
    try {
      return await Promise.race([refresh, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #intervalFor(adapter: ProviderAdapter): number {
    return adapter.capabilities.webhooks === 'signed'
      ? this.#o.webhookRefreshIntervalMs
      : this.#o.refreshIntervalMs;
  }

  async #readFromProvider(adapter: ProviderAdapter, link: StoredLink): Promise<StoredLink> {
    this.upstreamReads.set(adapter.name, (this.upstreamReads.get(adapter.name) ?? 0) + 1);
    try {
      const state = await adapter.get(link.providerRef);
      const wasFailing = this.#failing.delete(link.id);
      const current = (await this.#o.store.getLink(link.id)) ?? link;
      const next = await this.observe(current, state, true);
      // Leaving the stale state is a change watchers must hear about even if the status did not move.
      if (wasFailing && next.version === current.version)
        this.#o.hub.publish({ linkId: link.id, version: next.version });
      return next;
    } catch (error) {
      const firstFailure = !this.#failing.has(link.id);
      this.#failing.set(link.id, this.#now().getTime());
      if (firstFailure) this.#o.hub.publish({ linkId: link.id, version: link.version });
      this.#o.log.warn('provider read failed', {
        linkId: link.id,
        provider: link.provider,
        ...describeError(error),
      });
      return link;
    }
  }

  /**
   * Applies an observation under the monotonic rule with compare-and-set, announces a change and
   * returns the stored result. `confirmed`: the provider itself said so (updates `checkedAt`).
   */
  async observe(link: StoredLink, observed: StatusSnapshot, confirmed: boolean): Promise<StoredLink> {
    let current = link;
    for (let attempt = 0; attempt < 5; attempt++) {
      const localStatus = statusAt(observed.status, current.expiresAt, this.#now());
      const next = applySnapshot(current, { ...observed, status: localStatus });
      const now = this.#now().toISOString();
      if (next === current) {
        if (!confirmed) return current;
        await this.#o.store.touchChecked(current.id, now);
        const touched = { ...current, checkedAt: now };
        if (this.#cache.has(touched.id)) this.#remember(touched);
        return touched;
      }
      const update = { ...next, updatedAt: now, checkedAt: confirmed ? now : current.checkedAt };
      if (await this.#o.store.updateStatus(current.id, current.version, update)) {
        const stored = { ...current, ...update };
        this.#rememberWatched(stored);
        this.#o.hub.publish({ linkId: stored.id, version: stored.version });
        this.#remember(stored);
        this.#o.log.info('link status changed', {
          linkId: stored.id,
          status: stored.status,
          version: stored.version,
        });
        return stored;
      }
      const reloaded = await this.#o.store.getLink(current.id);
      if (!reloaded) return current;
      current = reloaded;
    }
    return current;
  }

  // ---- watch -------------------------------------------------------------------------------

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

  #rememberWatched(link: StoredLink): void {
    const entry = this.#watched.get(link.id);
    if (entry) entry.link = link;
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
            return this.refreshIfDue(link);
          })
          .catch((error: unknown) =>
            this.#o.log.warn('watch tick failed', { linkId: entry.link.id, ...describeError(error) }),
          );
      }
    }, 500);
    this.#ticker.unref();
  }

  // ---- disable -----------------------------------------------------------------------------

  /** Deactivates at the provider first, then locally; a provider failure leaves the link as it was. */
  async disable(linkId: string): Promise<StoredLink> {
    const link = await this.get(linkId);
    if (!link) throw problems.notFound(`Link ${linkId}`);
    if (link.status === LinkStatus.Disabled) return link;
    if (isFinalStatus(link.status)) {
      throw problems.conflict(
        `The link is already ${link.status}; only open links can be disabled.`,
        'link-final',
      );
    }
    const adapter = this.#requireAdapter(link.provider);
    if (!adapter.capabilities.disable)
      throw problems.notImplemented(`${adapter.name} cannot disable links through its API.`);
    await adapter.disable(link.providerRef);
    return this.observe(
      link,
      { status: LinkStatus.Disabled, payments: link.payments, lastPayment: link.lastPayment },
      true,
    );
  }

  // ---- notifications -----------------------------------------------------------------------

  /** Verifies and applies a provider notification; replays and unknown links change nothing. */
  async handleWebhook(
    provider: string,
    headers: Headers,
    rawBody: string,
  ): Promise<{ applied: number; ignored: number }> {
    const adapter = this.#o.adapters.get(provider);
    if (!adapter) throw problems.notFound(`Provider ${provider}`);
    const events = await adapter.parseWebhook({ headers, rawBody });
    let applied = 0;
    for (const event of events) {
      if (await this.#applyEvent(adapter, event)) applied++;
    }
    return { applied, ignored: events.length - applied };
  }

  async #applyEvent(adapter: ProviderAdapter, event: WebhookEvent): Promise<boolean> {
    const link = await this.#o.store.findByProviderRef(adapter.name, event.providerRef);
    if (!link) {
      this.#o.log.warn('notification for an unknown link', { provider: adapter.name });
      return false;
    }
    if (!(await this.#o.store.recordWebhookEvent(adapter.name, event.eventId, this.#now().toISOString()))) {
      return false; // a replay
    }
    let current = link;
    if (event.trust === 'verified' && event.claimed?.status) {
      current = await this.observe(
        link,
        {
          status: event.claimed.status,
          payments: event.claimed.payments ?? link.payments,
          lastPayment: event.claimed.lastPayment ?? link.lastPayment,
        },
        true,
      );
    }
    // Notifications are terse (Placetopay's PAID names no payment) or untrusted (a nudge): the
    // provider's API is the truth, so re-read it in the background and answer the sender fast.
    void this.refreshIfDue(current, { force: true }).catch(() => undefined);
    return true;
  }

  /** Stops timers (for tests and graceful shutdown). */
  close(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    for (const timer of this.#scheduled.values()) clearTimeout(timer);
    this.#scheduled.clear();
    this.#watched.clear();
  }
}

function idempotencyMismatch(): ProblemError {
  return problems.unprocessable(
    'idempotency-mismatch',
    'Idempotency-Key reused',
    'This Idempotency-Key was already used with a different request body.',
  );
}

/** Stable SHA-256 of a JSON value with sorted keys. */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A UUID v4-shaped id derived from text, so the same logical request always maps to the same key. */
export function uuidFromText(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
