import type { DeliveryBacklog } from './store/store.ts';

/** What the status engine and the store report at scrape time. */
export interface MetricsSnapshot {
  upstreamReads: ReadonlyMap<string, number>;
  watchedLinks: number;
  openStreams: number;
  waitingPolls: number;
  /** Status answers serialised (once per link version, whatever the number of readers). */
  statusSerializations: number;
  budgets: Array<{ provider: string; ratePerSecond: number; taken: number }>;
  dueBacklog: Record<string, number>;
  deliveryBacklog: DeliveryBacklog[];
  endpointFailures: Array<[string, number]>;
  deliveryLatencies: readonly number[];
}

/** Counters and gauges exposed at `/metrics` in the Prometheus text format. */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #durations = new Map<string, { sum: number; count: number }>();
  readonly #webhooks = new Map<string, number>();

  observeRequest(method: string, route: string, status: number, ms: number): void {
    const key = `${method} ${route} ${status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    const durationKey = `${method} ${route}`;
    const d = this.#durations.get(durationKey);
    if (d) {
      d.sum += ms / 1000;
      d.count++;
    } else this.#durations.set(durationKey, { sum: ms / 1000, count: 1 });
  }

  observeWebhook(provider: string, outcome: 'applied' | 'ignored' | 'refused' | 'deferred'): void {
    const key = `provider="${escapeLabel(provider)}",outcome="${outcome}"`;
    this.#webhooks.set(key, (this.#webhooks.get(key) ?? 0) + 1);
  }

  render(extra: MetricsSnapshot): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, values: Iterable<[string, number]>, type = 'counter') => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    };
    // Keys are kept plain on the hot path and turned into labels only here.
    const labels = (key: string) => {
      const [method, route, status] = key.split(' ');
      return `method="${method}",route="${escapeLabel(route ?? '')}"${status ? `,status="${status}"` : ''}`;
    };
    counter(
      'paylink_http_requests_total',
      'HTTP requests answered.',
      [...this.#requests].map(([k, v]) => [labels(k), v] as [string, number]),
    );
    counter(
      'paylink_http_request_duration_seconds_sum',
      'Total time answering, per route.',
      [...this.#durations].map(([k, v]) => [labels(k), v.sum] as [string, number]),
    );
    counter(
      'paylink_http_request_duration_seconds_count',
      'Requests timed, per route.',
      [...this.#durations].map(([k, v]) => [labels(k), v.count] as [string, number]),
    );
    counter(
      'paylink_upstream_reads_total',
      'Link reads sent to providers.',
      [...extra.upstreamReads].map(([p, n]) => [`provider="${escapeLabel(p)}"`, n] as [string, number]),
    );
    counter('paylink_webhooks_total', 'Provider notifications received, by outcome.', this.#webhooks);
    counter('paylink_open_streams', 'Open Server-Sent Events streams.', [['', extra.openStreams]], 'gauge');
    counter('paylink_long_polls', 'Long polls waiting for a change.', [['', extra.waitingPolls]], 'gauge');
    counter(
      'paylink_status_serializations_total',
      'Status answers serialised (once per link version, shared by every poll and stream).',
      [['', extra.statusSerializations]],
    );
    counter(
      'paylink_watched_links',
      'Links with a waiting poll or an open stream.',
      [['', extra.watchedLinks]],
      'gauge',
    );
    const byProvider = (values: Iterable<[string, number]>) =>
      [...values].map(([p, n]) => [`provider="${escapeLabel(p)}"`, n] as [string, number]);
    counter(
      'paylink_upstream_budget_reads_per_second',
      'Provider reads allowed per second (the upstream budget).',
      byProvider(extra.budgets.map((b) => [b.provider, b.ratePerSecond])),
      'gauge',
    );
    counter(
      'paylink_upstream_budget_taken_total',
      'Provider reads that took a token of the upstream budget.',
      byProvider(extra.budgets.map((b) => [b.provider, b.taken])),
    );
    counter(
      'paylink_reconciler_due_links',
      'Links due for a reconciling provider read (the backlog).',
      byProvider(Object.entries(extra.dueBacklog)),
      'gauge',
    );
    const byEndpoint = (pick: (b: MetricsSnapshot['deliveryBacklog'][number]) => number) =>
      extra.deliveryBacklog.map(
        (b) => [`endpoint="${escapeLabel(b.endpointId)}"`, pick(b)] as [string, number],
      );
    counter(
      'paylink_events_pending',
      'Event deliveries waiting, per endpoint.',
      byEndpoint((b) => b.pending),
      'gauge',
    );
    counter(
      'paylink_events_failed',
      'Event deliveries given up, per endpoint.',
      byEndpoint((b) => b.failed),
      'gauge',
    );
    counter(
      'paylink_webhook_endpoint_consecutive_failures',
      'Failed deliveries in a row, per endpoint (0: healthy).',
      extra.endpointFailures.map(([id, n]) => [`endpoint="${escapeLabel(id)}"`, n] as [string, number]),
      'gauge',
    );
    const latencies = [...extra.deliveryLatencies].sort((a, b) => a - b);
    const quantile = (q: number) =>
      latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0;
    lines.push(
      '# HELP paylink_event_delivery_latency_seconds Event creation to 2xx at the endpoint, recent deliveries.',
      '# TYPE paylink_event_delivery_latency_seconds summary',
      `paylink_event_delivery_latency_seconds{quantile="0.5"} ${quantile(0.5) / 1000}`,
      `paylink_event_delivery_latency_seconds{quantile="0.95"} ${quantile(0.95) / 1000}`,
      `paylink_event_delivery_latency_seconds_count ${latencies.length}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/["\\\n]/g, '\\$&');
}
