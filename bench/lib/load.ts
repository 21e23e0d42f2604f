// One load run with autocannon (in this process, on the load generator's core).
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Varies each request (e.g. a random link id); see autocannon's `setupRequest`. */
  setupRequest?: (request: { path?: string; headers?: Record<string, string> }) => { path?: string };
  /** Seconds of unmeasured load first (JIT warm-up, connection set-up). */
  warmup?: number;
}

export interface LoadResult {
  /** Completed requests per second over the run. */
  rps: number;
  /** Latency percentiles in ms (autocannon's histogram resolution: 1 ms). */
  p50: number;
  p99: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  total: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const base = {
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
  };
  if (options.warmup) await autocannon({ ...base, duration: options.warmup });
  const result = await autocannon({ ...base, duration: options.duration });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
  );
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
    total,
  };
}

/** `{"200": 5, "304": 2}` → `200×5, 304×2`. */
export function describeStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(', ');
}
