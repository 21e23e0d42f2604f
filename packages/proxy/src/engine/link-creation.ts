import { createHash, randomUUID } from 'node:crypto';
import { type CreateLinkRequest, normalizeMoney, safeCheckoutUrl, ValidationError } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { newPublicLinkId } from '../ids.ts';
import type { Logger } from '../log.ts';
import { ProblemError, problems } from '../problem.ts';
import type { CreateLinkBody } from '../schemas.ts';
import type { LinkStore, StoredLink } from '../store/store.ts';
import { merchantView } from '../views.ts';
import { nextCheckAt, type ScheduleSettings } from './schedule.ts';

export interface LinkCreationOptions {
  store: LinkStore;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  /** Public base URL of this proxy, for the webhook URLs handed to providers. */
  publicBaseUrl: string;
  schedule: ScheduleSettings;
  /** An idempotency claim left unanswered this long is taken as abandoned (the process died). */
  idempotencyAbandonMs?: number;
  log: Logger;
  now: () => Date;
}

/** A create's answer: the merchant view's JSON, exactly as first sent when replayed. */
export interface CreateResult {
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * Creates links at their provider and stores them, honouring `Idempotency-Key`: the same key and
 * body answer the first answer again, in this process or after a crash.
 */
export class LinkCreation {
  readonly #o: LinkCreationOptions;
  readonly #now: () => Date;
  /** Creates under way in this process, by idempotency claim, so a concurrent duplicate waits for the first. */
  readonly #creating = new Map<string, { requestHash: string; work: Promise<CreateResult> }>();

  constructor(options: LinkCreationOptions) {
    this.#o = options;
    this.#now = options.now;
  }

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
      // Stored (and served) as the parsed, normalised URL, never the provider's raw text.
      url: new URL(created.url).href,
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
      provisional: false,
    };
    await this.#o.store.insertLink(
      link,
      nextCheckAt(link, adapter.capabilities, this.#now(), this.#o.schedule),
    );
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
