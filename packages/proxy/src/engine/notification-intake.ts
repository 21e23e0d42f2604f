import { createHash } from 'node:crypto';
import type { ProviderAdapter, WebhookEvent } from '@paylink/providers';
import type { Logger } from '../log.ts';
import { problems } from '../problem.ts';
import type { LinkStore } from '../store/store.ts';
import type { ProviderReads } from './provider-reads.ts';
import type { StatusWriter } from './status-writer.ts';

export interface IntakeResult {
  applied: number;
  ignored: number;
  /** Notifications whose effect could not be applied yet (the provider's API failed): not recorded, so a retry counts. */
  deferred: number;
}

export interface NotificationIntakeOptions {
  store: LinkStore;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  writer: StatusWriter;
  reads: ProviderReads;
  log: Logger;
  now: () => Date;
}

/**
 * Provider notifications: verified by the adapter, then applied. A notification is recorded as
 * processed only once its effect is applied: a verified claim is written at once; a terse or
 * untrusted one is confirmed by reading the link, and if that read fails the link goes to the
 * reconciler with backoff and the provider's retry of the same notification is applied, not dropped.
 */
export class NotificationIntake {
  readonly #o: NotificationIntakeOptions;

  constructor(options: NotificationIntakeOptions) {
    this.#o = options;
  }

  async handle(provider: string, headers: Headers, rawBody: string): Promise<IntakeResult> {
    const adapter = this.#o.adapters.get(provider);
    if (!adapter) throw problems.notFound(`Provider ${provider}`);
    const events = await adapter.parseWebhook({ headers, rawBody });
    const result: IntakeResult = { applied: 0, ignored: 0, deferred: 0 };
    for (const event of events) result[await this.#apply(adapter, event)]++;
    return result;
  }

  async #apply(adapter: ProviderAdapter, event: WebhookEvent): Promise<keyof IntakeResult> {
    const { store } = this.#o;
    const link = await store.findByProviderRef(adapter.name, event.providerRef);
    if (!link) {
      this.#o.log.warn('notification for an unknown link', { provider: adapter.name });
      return 'ignored';
    }
    // A fixed-length key, whatever the provider's id looks like (its length is the sender's choice).
    const eventKey = createHash('sha256').update(event.eventId).digest('base64url');
    if (await store.hasWebhookEvent(adapter.name, eventKey)) return 'ignored'; // a replay
    const claim = event.trust === 'verified' ? event.claimed : null;
    if (claim?.status) {
      const current = await this.#o.writer.apply(
        link,
        {
          status: claim.status,
          payments: claim.payments ?? link.payments,
          lastPayment: claim.lastPayment ?? link.lastPayment,
        },
        'provider',
      );
      // The claim is applied; the API is still the fuller truth (payment counts), read in the background.
      void this.#o.reads.nudge(current);
    } else {
      // Terse (Placetopay's PAID names no payment) or untrusted (a nudge): the provider's API decides.
      const read = await this.#o.reads.nudge(link);
      if (!read.ok) {
        this.#o.log.warn('notification deferred: the provider could not be read', {
          provider: adapter.name,
          linkId: link.id,
        });
        return 'deferred';
      }
    }
    await store.recordWebhookEvent(adapter.name, eventKey, this.#o.now().toISOString());
    return 'applied';
  }
}
