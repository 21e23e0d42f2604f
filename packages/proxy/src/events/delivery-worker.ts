import { DeliveryState } from '@paylink/core';
import { Webhook } from 'standardwebhooks';
import { describeError, type Logger } from '../log.ts';
import type { ClaimedDelivery, LinkStore } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';

export interface DeliveryWorkerOptions {
  store: LinkStore;
  log: Logger;
  /** How often it looks for due deliveries when nothing woke it. */
  pollMs: number;
  /** A receiver that has not answered by then is cut off; the attempt failed. */
  timeoutMs: number;
  /** The first retry's delay; each next one is 4× longer (with jitter), up to 6 h. */
  retryBaseMs: number;
  /** Most deliveries in flight at once. */
  concurrency?: number;
  fetch?: typeof fetch;
  now: () => Date;
  /** Reports each finished delivery's latency from the event's creation (metrics). */
  onDelivered?: (endpointId: string, latencyMs: number) => void;
}

/** The delay before retry number `attempt` (1 = the first retry): base × 4^(n−1), ±25 %, capped. */
export function deliveryRetryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  return Math.round(
    Math.min(TUNABLES.deliveryMaxRetryDelayMs, baseMs * 4 ** (attempt - 1)) * (0.75 + random() * 0.5),
  );
}

/**
 * Sends the outbox: POSTs each pending event to its endpoint signed per the Standard Webhooks
 * specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`), at least once and in
 * order per link; a non-2xx answer (a redirect included: never followed), a time-out or a refused
 * connection is retried with growing delays until the event's delivery window closes.
 * Deliveries are leased through the store, so several instances send each event from one of them.
 */
export class DeliveryWorker {
  readonly #o: DeliveryWorkerOptions;
  readonly #fetch: typeof fetch;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closed = false;

  constructor(options: DeliveryWorkerOptions) {
    this.#o = options;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => this.wake(), this.#o.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for due deliveries now (called when this process writes events). */
  wake(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  /** Runs passes until nothing is due (tests and benchmarks await it). */
  async drain(): Promise<void> {
    this.wake();
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    const limit = this.#o.concurrency ?? TUNABLES.deliveryConcurrency;
    for (;;) {
      const now = this.#o.now();
      let claimed: ClaimedDelivery[];
      try {
        const leaseUntil = new Date(now.getTime() + this.#o.timeoutMs + 5000).toISOString();
        claimed = await this.#o.store.claimDeliveries(now.toISOString(), leaseUntil, limit);
      } catch (error) {
        this.#o.log.warn('claiming event deliveries failed', describeError(error));
        return;
      }
      if (claimed.length === 0 || this.#closed) return;
      await Promise.all(claimed.map((delivery) => this.#attempt(delivery)));
    }
  }

  async #attempt({ event, endpoint, attempts, giveUpAt }: ClaimedDelivery): Promise<void> {
    const started = this.#o.now();
    const at = performance.now();
    const signature = new Webhook(endpoint.secret).sign(event.id, started, event.body);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.#fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'PayLink-Webhooks/0.1',
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(started.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: event.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status >= 300)
        error = status >= 300 && status < 400 ? `redirect ${status} (not followed)` : `HTTP ${status}`;
    } catch (cause) {
      error =
        cause instanceof DOMException && cause.name === 'TimeoutError'
          ? `no answer within ${this.#o.timeoutMs} ms`
          : connectionError(cause);
    }
    const durationMs = Math.round(performance.now() - at);
    const attempt = attempts + 1;
    const finished = this.#o.now();
    let state: DeliveryState = DeliveryState.Delivered;
    let nextAttemptAt: string | null = null;
    if (error) {
      const next = finished.getTime() + deliveryRetryDelayMs(attempt, this.#o.retryBaseMs);
      if (next > Date.parse(giveUpAt)) state = DeliveryState.Failed;
      else {
        state = DeliveryState.Pending;
        nextAttemptAt = new Date(next).toISOString();
      }
    }
    try {
      await this.#o.store.recordDeliveryAttempt({
        eventId: event.id,
        endpointId: endpoint.id,
        attempt,
        at: started.toISOString(),
        status,
        error,
        durationMs,
        state,
        nextAttemptAt,
      });
    } catch (cause) {
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      this.#o.log.error('recording an event delivery failed', { eventId: event.id, ...describeError(cause) });
      return;
    }
    if (state === DeliveryState.Delivered) {
      this.#o.onDelivered?.(endpoint.id, finished.getTime() - Date.parse(event.createdAt));
      return;
    }
    const failures = endpoint.health.consecutiveFailures + 1;
    const fields = { endpointId: endpoint.id, eventId: event.id, type: event.type, attempt, status, error };
    if (state === DeliveryState.Failed) this.#o.log.error('event delivery given up', fields);
    else if (failures % TUNABLES.deliveryFailingReportEvery === 0)
      this.#o.log.warn('webhook endpoint keeps failing', { ...fields, consecutiveFailures: failures });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}

/** A short reason for a failed connection (never the URL's query or anything secret). */
function connectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  return error instanceof Error ? error.message.slice(0, 200) : 'connection failed';
}
