import type { ProviderAdapter } from '@paylink/providers';
import { DeliveryWorker } from '../events/delivery-worker.ts';
import { WebhookEndpoints } from '../events/webhook-endpoints.ts';
import type { StatusHub } from '../hub.ts';
import type { Logger } from '../log.ts';
import type { LinkStore } from '../store/store.ts';
import { LinkCreation } from './link-creation.ts';
import { LinkDisabling } from './link-disabling.ts';
import { LinkReads } from './link-reads.ts';
import { NotificationIntake } from './notification-intake.ts';
import { ProviderReads } from './provider-reads.ts';
import { Reconciler } from './reconciler.ts';
import { Retention } from './retention.ts';
import type { ScheduleSettings } from './schedule.ts';
import { StatusWriter } from './status-writer.ts';
import { UpstreamBudget } from './upstream-budget.ts';

export interface StatusEngineOptions {
  store: LinkStore;
  hub: StatusHub;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  log: Logger;
  publicBaseUrl: string;
  production: boolean;
  schedule: ScheduleSettings;
  /** Provider reads per second, per provider. */
  readsPerSecond: (provider: string) => number;
  refreshIntervalMs: number;
  webhookRefreshIntervalMs: number;
  nudgeFloorMs: number;
  idempotencyAbandonMs?: number;
  reconcileTickMs: number;
  /** How long notification ids, idempotency keys and finished events are kept. */
  retentionDays: number;
  delivery: { pollMs: number; timeoutMs: number; retryBaseMs: number };
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The status engine, one part per step of a status change: creation → notification intake /
 * reconciler → provider reads → status writer (store + outbox) → hub → streams; and the delivery
 * worker that sends the outbox to the merchant's endpoints.
 */
export class StatusEngine {
  readonly adapters: ReadonlyMap<string, ProviderAdapter>;
  readonly budgets: ReadonlyMap<string, UpstreamBudget>;
  readonly writer: StatusWriter;
  readonly providerReads: ProviderReads;
  readonly links: LinkReads;
  readonly creation: LinkCreation;
  readonly disabling: LinkDisabling;
  readonly intake: NotificationIntake;
  readonly reconciler: Reconciler;
  readonly endpoints: WebhookEndpoints;
  readonly delivery: DeliveryWorker;
  readonly retention: Retention;
  /** Event deliveries' latency from the event's creation, most recent first (metrics, bench). */
  readonly deliveryLatencies: number[] = [];

  constructor(o: StatusEngineOptions) {
    const now = o.now ?? (() => new Date());
    const { store, hub, adapters, log } = o;
    this.adapters = adapters;
    this.budgets = new Map(
      [...adapters.keys()].map((name) => [name, new UpstreamBudget(o.readsPerSecond(name))]),
    );
    this.writer = new StatusWriter({ store, hub, adapters, schedule: o.schedule, log, now });
    this.providerReads = new ProviderReads({
      store,
      hub,
      adapters,
      writer: this.writer,
      budgets: this.budgets,
      schedule: o.schedule,
      refreshIntervalMs: o.refreshIntervalMs,
      webhookRefreshIntervalMs: o.webhookRefreshIntervalMs,
      nudgeFloorMs: o.nudgeFloorMs,
      log,
      now,
    });
    this.links = new LinkReads({
      store,
      hub,
      adapters,
      writer: this.writer,
      reads: this.providerReads,
      log,
      now,
    });
    this.creation = new LinkCreation({
      store,
      adapters,
      publicBaseUrl: o.publicBaseUrl,
      schedule: o.schedule,
      idempotencyAbandonMs: o.idempotencyAbandonMs,
      log,
      now,
    });
    this.disabling = new LinkDisabling({ adapters, links: this.links, writer: this.writer });
    this.intake = new NotificationIntake({
      store,
      adapters,
      writer: this.writer,
      reads: this.providerReads,
      log,
      now,
    });
    this.reconciler = new Reconciler({
      store,
      adapters,
      reads: this.providerReads,
      budgets: this.budgets,
      tickMs: o.reconcileTickMs,
      log,
      now,
    });
    this.endpoints = new WebhookEndpoints({ store, production: o.production, now });
    this.delivery = new DeliveryWorker({
      store,
      log,
      ...o.delivery,
      fetch: o.fetch,
      now,
      onDelivered: (_endpoint, latencyMs) => {
        this.deliveryLatencies.unshift(latencyMs);
        if (this.deliveryLatencies.length > 1000) this.deliveryLatencies.length = 1000;
      },
    });
    this.retention = new Retention({ store, retentionDays: o.retentionDays, log, now });
    this.writer.onChange((_link, events) => {
      if (events > 0) this.delivery.wake();
    });
  }

  adapter(provider: string): ProviderAdapter | undefined {
    return this.adapters.get(provider);
  }

  get providers(): ProviderAdapter[] {
    return [...this.adapters.values()];
  }

  /** Starts the background work: the reconciler and the delivery worker. */
  start(): void {
    this.reconciler.start();
    this.delivery.start();
    this.retention.start();
  }

  /** Stops every timer and waits for the passes under way (graceful shutdown, tests). */
  async close(): Promise<void> {
    this.links.close();
    this.providerReads.close();
    this.retention.close();
    await Promise.all([this.reconciler.close(), this.delivery.close()]);
  }
}
