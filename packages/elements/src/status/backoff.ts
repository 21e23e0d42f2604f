/** Longest wait between retries when the proxy is unreachable. */
const MAX_BACKOFF_MS = 60_000;

/**
 * Delay before retry number `failures` (1, 2, …): exponential from `base`, capped, with "equal
 * jitter" (half fixed, half random) so many pages do not retry in step.
 */
export function backoffDelay(base: number, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}
