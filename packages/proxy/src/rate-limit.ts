/** A token bucket per client key; `take` answers 0 when allowed, else the seconds to wait. */
export class RateLimiter {
  readonly #capacity: number;
  readonly #refillPerSecond: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #maxKeys: number;

  constructor(options: { capacity: number; refillPerSecond: number; maxKeys?: number }) {
    this.#capacity = options.capacity;
    this.#refillPerSecond = options.refillPerSecond;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  take(key: string, now = Date.now()): number {
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(
      this.#capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.#refillPerSecond,
    );
    bucket.at = now;
    if (!this.#buckets.has(key)) {
      // Bounded memory: forget the oldest client when full.
      if (this.#buckets.size >= this.#maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
      this.#buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.#refillPerSecond;
  }
}
