import { ProviderError, ProviderErrorKind } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';

export interface BreakerOptions {
  /** Consecutive unavailability failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * A per-provider circuit breaker: after repeated outages, calls fail fast (a clear 503) instead of
 * piling up on a provider that is down; one trial call after the cool-down decides recovery.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openUntil = 0;
  #trialRunning = false;
  readonly provider: string;

  constructor(provider: string, options: BreakerOptions = {}) {
    this.provider = provider;
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.#failures < this.#threshold) return 'closed';
    return this.#now() < this.#openUntil ? 'open' : 'half-open';
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.#trialRunning)) {
      throw new ProviderError(
        this.provider,
        ProviderErrorKind.Unavailable,
        `${this.provider} is failing; calls are paused for a moment`,
        // What a client is told to wait is the breaker's real cool-down (at least a second).
        { retryAfterMs: Math.max(1000, this.#openUntil - this.#now()) },
      );
    }
    const trial = state === 'half-open';
    if (trial) this.#trialRunning = true;
    try {
      const result = await call();
      this.#failures = 0;
      return result;
    } catch (error) {
      if (isOutage(error)) {
        this.#failures = trial ? this.#threshold : this.#failures + 1;
        if (this.#failures >= this.#threshold) this.#openUntil = this.#now() + this.#cooldownMs;
      } else if (trial) {
        this.#failures = 0; // the provider answered: it is up
      }
      throw error;
    } finally {
      if (trial) this.#trialRunning = false;
    }
  }
}

function isOutage(error: unknown): boolean {
  return error instanceof ProviderError && error.kind === ProviderErrorKind.Unavailable;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A deadline on a provider call as a whole, retries included: past it the call is aborted and
 * fails as unavailable, so a provider that hangs holds no request longer than this.
 */
export async function withDeadline<T>(
  provider: string,
  deadlineMs: number,
  call: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new ProviderError(
          provider,
          ProviderErrorKind.Unavailable,
          `${provider} did not answer within ${deadlineMs} ms`,
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/**
 * Wraps an adapter with its provider's circuit breaker and a deadline per call, and retries reads
 * (safe: they change nothing) on retryable failures with jittered backoff. Writes are not retried
 * here: an adapter retries a write itself only where the provider makes that safe (Payroc's
 * Idempotency-Key).
 */
export function guardAdapter(
  adapter: ProviderAdapter,
  breaker: CircuitBreaker,
  readRetryDelaysMs: readonly number[] = [100, 400],
  callDeadlineMs = 15_000,
): ProviderAdapter {
  const timed = <T>(call: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal) =>
    breaker.run(() => withDeadline(adapter.name, callDeadlineMs, call, outer));
  const guarded: ProviderAdapter = {
    name: adapter.name,
    capabilities: adapter.capabilities,
    validate: (request) => adapter.validate(request),
    // Some providers' verification calls their API (Plexo reads the payment back): it gets the
    // breaker and the deadline too.
    parseWebhook: (input) => timed(() => adapter.parseWebhook(input)),
    create: (request, context) =>
      timed((signal) => adapter.create(request, { ...context, signal }), context.signal),
    disable: (ref, outer) => timed((signal) => adapter.disable(ref, signal), outer),
    get: (ref, outer) =>
      timed(async (signal) => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await adapter.get(ref, signal);
          } catch (error) {
            const delay = readRetryDelaysMs[attempt];
            if (
              delay === undefined ||
              !(error instanceof ProviderError) ||
              !error.retryable ||
              signal?.aborted ||
              // The provider asked for more patience than a quick retry has: leave it to the reconciler.
              (error.retryAfterMs ?? 0) > delay
            )
              throw error;
            await sleep(delay * (0.5 + Math.random()));
          }
        }
      }, outer),
  };
  if (adapter.share) {
    const share = adapter.share.bind(adapter);
    guarded.share = (ref, request, outer) => timed((signal) => share(ref, request, signal), outer);
  }
  return guarded;
}
