/** Counters and gauges exposed at `/metrics` in the Prometheus text format. */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #durations = new Map<string, { sum: number; count: number }>();
  readonly #webhooks = new Map<string, number>();
  openStreams = 0;

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

  observeWebhook(provider: string, outcome: 'applied' | 'ignored' | 'refused'): void {
    const key = `provider="${escapeLabel(provider)}",outcome="${outcome}"`;
    this.#webhooks.set(key, (this.#webhooks.get(key) ?? 0) + 1);
  }

  render(extra: { upstreamReads: ReadonlyMap<string, number>; watchedLinks: number }): string {
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
    counter('paylink_open_streams', 'Open Server-Sent Events streams.', [['', this.openStreams]], 'gauge');
    counter(
      'paylink_watched_links',
      'Links with a waiting poll or an open stream.',
      [['', extra.watchedLinks]],
      'gauge',
    );
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/["\\\n]/g, '\\$&');
}
