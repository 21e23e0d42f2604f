/**
 * A provider's read budget: a token bucket refilled at `ratePerSecond`, holding at most one
 * second's worth. Every read of that provider's API takes a token, whoever asks for it, and every
 * further HTTP request the read needed is charged after it (`charge`).
 */
export class UpstreamBudget {
  readonly ratePerSecond: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;
  /** Tokens taken so far (for metrics). */
  taken = 0;

  constructor(ratePerSecond: number, now: () => number = () => performance.now()) {
    this.ratePerSecond = ratePerSecond;
    this.#capacity = Math.max(1, ratePerSecond);
    this.#now = now;
    this.#tokens = this.#capacity;
    this.#at = now();
  }

  /** Whole tokens available now. */
  available(): number {
    this.#refill();
    return Math.floor(this.#tokens);
  }

  /** Takes a token if one is there. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    this.taken++;
    return true;
  }

  /**
   * Charges `tokens` more for requests already made (an adapter call that took several HTTP requests
   * after taking one token): the bucket may go into debt, so later reads wait until it is repaid.
   * The debt is capped at ten seconds' worth, so one runaway call cannot starve a provider for long.
   */
  charge(tokens: number): void {
    if (!(tokens > 0)) return;
    this.#refill();
    this.#tokens = Math.max(-10 * this.#capacity, this.#tokens - tokens);
    this.taken += tokens;
  }

  /** Waits up to `maxWaitMs` for a token; false when none came in time. */
  async take(maxWaitMs: number): Promise<boolean> {
    const deadline = this.#now() + maxWaitMs;
    while (!this.tryTake()) {
      const wait = Math.ceil(((1 - this.#tokens) / this.ratePerSecond) * 1000);
      if (this.#now() + wait > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return true;
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#at) / 1000) * this.ratePerSecond);
    this.#at = now;
  }
}
