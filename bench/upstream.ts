// Upstream calls: many browsers' worth of pollers on one link for a while, and how many status
// queries reach the provider (counted at the emulator) against the naive count of one per poll.
// Two links in the same run: Payroc (no payment-link notifications: the proxy polls it) and
// Placetopay (signed notifications, safety-net polling off: no polling queries at all).
// `node bench/upstream.ts [--watchers=1000] [--watch-seconds=60]`
import { type BenchOptions, fmt, runStandalone, type Section } from './lib/report.ts';
import { linkRequest, startSystem } from './lib/system.ts';

/** The element's default polling interval (pay-link-status `interval`). */
const POLL_INTERVAL_MS = 3000;
/** The proxy's default refresh interval for providers it must poll. */
const REFRESH_INTERVAL_MS = 3000;

interface PollStats {
  polls: number;
  ok: number;
  notModified: number;
  failed: number;
}

/** `watchers` independent pollers, each polling like <pay-link-status mode="poll"> (If-None-Match, fixed interval). */
async function poll(url: string, watchers: number, seconds: number): Promise<PollStats> {
  const stats: PollStats = { polls: 0, ok: 0, notModified: 0, failed: 0 };
  const end = Date.now() + seconds * 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const watcher = async () => {
    // Browsers open pages at random moments: spread the first polls over one interval.
    await sleep(Math.random() * POLL_INTERVAL_MS);
    let etag = '';
    while (Date.now() < end) {
      const started = Date.now();
      try {
        const response = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {} });
        await response.arrayBuffer();
        stats.polls++;
        if (response.status === 200) {
          stats.ok++;
          etag = response.headers.get('etag') ?? '';
        } else if (response.status === 304) stats.notModified++;
        else stats.failed++;
      } catch {
        stats.failed++;
      }
      await sleep(Math.max(0, POLL_INTERVAL_MS - (Date.now() - started)));
    }
  };
  await Promise.all(Array.from({ length: watchers }, watcher));
  return stats;
}

export async function run(options: BenchOptions): Promise<Section[]> {
  const system = await startSystem({
    providers: ['payroc', 'placetopay'],
    env: {
      PAYLINK_REFRESH_INTERVAL_MS: String(REFRESH_INTERVAL_MS),
      PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0',
    },
  });
  try {
    const scenarios = [
      {
        provider: 'payroc',
        learns: 'polling (no notifications)',
        reads: /^GET \/v1\/payment-links\/[^/]+$/,
        expected: options.watchSeconds / (REFRESH_INTERVAL_MS / 1000),
      },
      {
        provider: 'placetopay',
        learns: 'signed webhooks, safety net off',
        reads: /^POST \/api\/payment-link\/\d+$/,
        expected: 0,
      },
    ];
    const links = [];
    for (const s of scenarios) links.push(await system.createLink(linkRequest(s.provider)));
    for (const s of scenarios) system.emulators[s.provider]!.hits.clear();
    const before = await Promise.all(
      scenarios.map((s) => system.metric('paylink_upstream_reads_total', `provider="${s.provider}"`)),
    );

    const started = Date.now();
    const results = await Promise.all(
      links.map((link) =>
        poll(
          `${system.proxyUrl.replace('localhost', '127.0.0.1')}/v1/links/${link.id}/status`,
          options.watchers,
          options.watchSeconds,
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;

    const rows: Section['rows'] = [];
    for (const [i, s] of scenarios.entries()) {
      const stats = results[i]!;
      const reads = system.emulators[s.provider]!.count(s.reads);
      const metric =
        (await system.metric('paylink_upstream_reads_total', `provider="${s.provider}"`)) - before[i]!;
      const budget =
        s.expected === 0
          ? reads === 0
            ? 'ok (zero)'
            : `OVER: ${reads} polling queries`
          : reads <= Math.ceil(s.expected) + 1
            ? `ok (≤ 1 per ${REFRESH_INTERVAL_MS / 1000} s)`
            : 'OVER';
      rows.push([
        s.provider,
        s.learns,
        fmt(options.watchers),
        `${fmt(stats.polls)} (${fmt(stats.notModified)} × 304)`,
        fmt(stats.polls),
        `${fmt(reads)} (proxy metric ${fmt(metric)})`,
        reads === 0 ? '∞' : `${fmt(stats.polls / reads)}×`,
        budget,
      ]);
      if (stats.failed) rows.push(['', `${stats.failed} polls failed`, '', '', '', '', '', '']);
    }
    const payrocAuth = system.emulators.payroc!.count(/^POST \/authorize$/);
    return [
      {
        title: `Upstream calls (${fmt(options.watchers)} pollers per link for ${fmt(seconds)} s)`,
        columns: [
          'provider',
          'proxy learns by',
          'pollers',
          'polls answered',
          'naive queries',
          'provider reads',
          'saved',
          'budget',
        ],
        rows,
        notes: [
          `Pollers behave like <pay-link-status mode="poll">: every ${POLL_INTERVAL_MS / 1000} s with If-None-Match, first polls spread over one interval; both links polled in the same run.`,
          'Naive: a server that forwards every poll to the provider. Provider reads are counted at the emulator (requests received) and cross-checked with the proxy’s paylink_upstream_reads_total.',
          `Payroc reads are single-flight and at most one per PAYLINK_REFRESH_INTERVAL_MS (${REFRESH_INTERVAL_MS} ms) per link, whatever the number of watchers${payrocAuth ? `; plus ${payrocAuth} token request(s) to POST /authorize` : ''}.`,
          'Placetopay runs with PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS=0 (signed notifications only); with the default safety net (60 s) expect at most one read per watched link per minute.',
        ],
      },
    ];
  } finally {
    await system.stop();
  }
}

await runStandalone(import.meta, run);
