// Reconciler: many open links nobody watches (100,000 by default), and how many reads reach the
// provider over a while (2 minutes) against the proxy's upstream budget and against naive
// polling of every link at the reconcile interval; the due backlog, the proxy's CPU and memory,
// and how soon a few unwatched payments show in the merchant's list. Payroc: no payment-link
// notifications, so the reconciler is the only way the proxy learns of a payment.
// `node bench/reconciler.ts [--open-links=100000] [--reconcile-seconds=120] [--reads-per-second=5]`
import { join } from 'node:path';
import type { CreateLinkRequest } from '@paylink/core';
import { providerDefinitions } from '@paylink/providers';
import Database from 'better-sqlite3';
import { newPublicLinkId } from '../packages/proxy/src/ids.ts';
import { LINK_COLUMNS, type LinkRow, linkToRow, rowToLink } from '../packages/proxy/src/store/rows.ts';
import { type BenchOptions, fmt, percentile, runStandalone, type Section } from './lib/report.ts';
import { linkRequest, processCpuMs, type System, startSystem } from './lib/system.ts';

/** The proxy's default reconcile interval in a link's first hour, for providers it must poll. */
const RECONCILE_INTERVAL_MS = 30_000;
/** Payroc's link query, as the emulator sees it. */
const READ = /^GET \/v1\/payment-links\/[^/]+$/;
/** Links created through the API at once. */
const CREATE_CONCURRENCY = 16;
/**
 * At most this many links are created through the proxy's API; the rest are created at the
 * emulator by the Payroc adapter in this process and stored as rows shaped like the API's (older
 * than them, all due), so 100,000 open links do not take minutes to set up.
 */
const API_CREATES = 2000;
/** Unwatched payments per group (youngest links, oldest links). */
const PAID_PER_GROUP = 5;
/** When those payments happen, from the start of the measured window. */
const PAY_AT_MS = 5000;
/** How often the merchant list is polled for them. */
const LIST_POLL_MS = 500;

interface Created {
  id: string;
  providerRef: string;
  createdAt: string;
}

interface Sample {
  /** Seconds since the window started. */
  t: number;
  reads: number;
  budgetTaken: number;
  backlog: number;
  rss: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

/** Creates `count` links through the API, `CREATE_CONCURRENCY` at a time; oldest first. */
async function createLinks(system: System, count: number): Promise<Created[]> {
  const links: Created[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      while (next < count) {
        const n = next++;
        links.push((await system.createLink(linkRequest('payroc', n))) as unknown as Created);
      }
    }),
  );
  return links.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Creates `count` Payroc links at the emulator with the adapter (in process, no sockets: set-up,
 * not measured) and stores them in the proxy's SQLite file as rows shaped like `templateId`, each
 * older than the last and due now; oldest first.
 */
async function seedLinks(system: System, templateId: string, count: number): Promise<Created[]> {
  if (count <= 0) return [];
  const { emulator } = system.emulators.payroc!;
  const adapter = providerDefinitions.payroc!.createAdapter(emulator.adapterSettings, {
    fetch: (input, init) => Promise.resolve(emulator.app.fetch(new Request(input, init))),
  });
  const refs: Array<{ providerRef: string; url: string }> = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const n = next++;
        const made = await adapter.create(
          linkRequest('payroc', API_CREATES + n) as unknown as CreateLinkRequest,
          {
            idempotencyKey: crypto.randomUUID(),
            notificationUrl: `${system.proxyUrl}/v1/webhooks/payroc`,
          },
        );
        refs[n] = { providerRef: made.providerRef, url: made.url };
      }
    }),
  );
  const db = new Database(join(system.dataDir, 'paylink.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const template = rowToLink(db.prepare('SELECT * FROM links WHERE id = ?').get(templateId) as LinkRow);
    const due = new Date().toISOString();
    const oldest = Date.parse(template.createdAt) - count * 1000;
    const insert = db.prepare(
      `INSERT INTO links (${LINK_COLUMNS.join(', ')}, next_check_at) VALUES (${LINK_COLUMNS.map((c) => `@${c}`).join(', ')}, @next_check_at)`,
    );
    const links: Created[] = refs.map((ref, i) => ({
      id: newPublicLinkId(),
      providerRef: ref.providerRef,
      createdAt: new Date(oldest + i * 1000).toISOString(),
    }));
    db.transaction(() => {
      for (const [i, link] of links.entries()) {
        insert.run({
          ...linkToRow({
            ...template,
            id: link.id,
            providerRef: link.providerRef,
            url: refs[i]!.url,
            reference: `SEED${i}`,
            description: `Seeded invoice ${i}`,
            createdAt: link.createdAt,
            updatedAt: link.createdAt,
          }),
          next_check_at: due,
        });
      }
    })();
    return links;
  } finally {
    db.close();
  }
}

/** Most events in any window of `ms` (timestamps ascending). */
function busiestWindow(times: readonly number[], ms: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Paid links (Payroc) in the merchant's list, by id. */
async function paidInList(system: System): Promise<Set<string>> {
  const response = await fetch(`${system.proxyUrl}/v1/links?status=paid&provider=payroc&limit=100`, {
    headers: { authorization: `Bearer ${system.apiKey}` },
  });
  if (!response.ok) throw new Error(`GET /v1/links: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { links: Array<{ id: string }> };
  return new Set(body.links.map((link) => link.id));
}

export async function run(options: BenchOptions): Promise<Section[]> {
  const budget = options.readsPerSecond;
  const system = await startSystem({
    providers: ['payroc'],
    env: { PAYLINK_READS_PER_SECOND: String(budget) },
  });
  try {
    const emulator = system.emulators.payroc!;

    // 1. The open links, through the API (each create is a real call to the emulator), and the
    //    rest seeded.
    const createStarted = Date.now();
    const created = await createLinks(system, Math.min(options.openLinks, API_CREATES));
    const seeded = await seedLinks(system, created[0]!.id, options.openLinks - created.length);
    const links = [...seeded, ...created];
    const createSeconds = (Date.now() - createStarted) / 1000;

    // 2. The measured window: every read the emulator receives, and the proxy's figures each second.
    const readTimes: number[] = [];
    const readsOf = new Map<string, number>();
    const unsubscribe = emulator.onHit((key, at) => {
      if (!READ.test(key)) return;
      readTimes.push(at);
      const ref = key.slice(key.lastIndexOf('/') + 1);
      readsOf.set(ref, (readsOf.get(ref) ?? 0) + 1);
    });
    const readsMetric = () => system.metric('paylink_upstream_reads_total', 'provider="payroc"');
    const takenMetric = () => system.metric('paylink_upstream_budget_taken_total', 'provider="payroc"');
    const metricBefore = await readsMetric();
    const takenBefore = await takenMetric();
    const cpuBefore = processCpuMs(system.pid);
    const rssBefore = system.rss();
    const t0 = performance.now();
    const windowMs = options.reconcileSeconds * 1000;
    const elapsed = () => performance.now() - t0;

    // A few payments nobody watches: the youngest links (read first) and the oldest.
    const groups = [
      { name: `youngest ${PAID_PER_GROUP} (created last)`, links: links.slice(-PAID_PER_GROUP) },
      { name: `oldest ${PAID_PER_GROUP} (created first)`, links: links.slice(0, PAID_PER_GROUP) },
    ];
    const paidAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const payments = (async () => {
      await sleep(PAY_AT_MS);
      for (const group of groups) {
        for (const link of group.links) {
          await system.pay('payroc', link.providerRef);
          paidAt.set(link.id, performance.now());
        }
      }
      while (elapsed() < windowMs && seenAt.size < paidAt.size) {
        const listed = await paidInList(system);
        const now = performance.now();
        for (const id of listed) if (paidAt.has(id) && !seenAt.has(id)) seenAt.set(id, now);
        await sleep(LIST_POLL_MS);
      }
    })();
    payments.catch(() => {}); // awaited (and rethrown) after the window

    const samples: Sample[] = [];
    let peakRss = rssBefore;
    for (let second = 1; second * 1000 <= windowMs; second++) {
      await sleep(Math.max(0, second * 1000 - elapsed()));
      const [reads, taken, backlog] = await Promise.all([
        readsMetric(),
        takenMetric(),
        system.metric('paylink_reconciler_due_links', 'provider="payroc"'),
      ]);
      const rss = system.rss();
      peakRss = Math.max(peakRss, rss);
      samples.push({
        t: second,
        reads: reads - metricBefore,
        budgetTaken: taken - takenBefore,
        backlog,
        rss,
      });
    }
    const seconds = elapsed() / 1000;
    const cpuMs = processCpuMs(system.pid) - cpuBefore;
    unsubscribe();
    await payments;

    // 3. Figures.
    const inWindow = readTimes.filter((at) => at - t0 <= seconds * 1000);
    const reads = inWindow.length;
    const proxyReads = samples.at(-1)?.reads ?? 0;
    const allowed = budget * seconds + budget;
    const lastBacklog = samples.at(-1)?.backlog ?? Number.NaN;
    const firstRead = inWindow[0];
    const span = firstRead === undefined ? seconds : seconds - (firstRead - t0) / 1000;
    const sinceFirst = firstRead === undefined ? 0 : reads / span;
    const naivePerSecond = options.openLinks / (RECONCILE_INTERVAL_MS / 1000);
    const busiest = busiestWindow(inWindow, 1000);
    const perSecond = new Array<number>(Math.ceil(seconds)).fill(0);
    for (const at of inWindow) perSecond[Math.min(perSecond.length - 1, Math.floor((at - t0) / 1000))]!++;
    const maxBin = Math.max(...perSecond);
    const authorize = emulator.count(/^POST \/authorize$/);

    const summary: Section = {
      title: `Reconciler upstream reads (${fmt(options.openLinks)} open Payroc links, nobody watching, ${fmt(seconds)} s, budget ${fmt(budget)} reads/s)`,
      columns: ['figure', 'measured', 'budget', 'naive (every link each 30 s)', 'verdict'],
      rows: [
        [
          'provider reads in the window',
          `${fmt(reads)} (proxy metric ${fmt(proxyReads)})`,
          `≤ ${fmt(allowed)}`,
          fmt(naivePerSecond * seconds),
          reads === 0 && lastBacklog > 0
            ? 'NO READS while links are due'
            : reads <= allowed
              ? 'ok (within budget)'
              : 'OVER budget',
        ],
        [
          'reads/s, mean (from the first read on)',
          `${fmt(reads / seconds, 2)} (${fmt(sinceFirst, 2)})`,
          fmt(budget),
          fmt(naivePerSecond),
          reads <= budget * span + budget ? 'ok' : 'OVER',
        ],
        [
          'reads in the busiest 1 s (sliding; per wall-clock second)',
          `${fmt(busiest)} (${fmt(maxBin)})`,
          `≤ ${fmt(2 * budget)} (full bucket + 1 s refill)`,
          fmt(naivePerSecond),
          busiest <= 2 * budget ? 'ok' : 'OVER',
        ],
        [
          'due backlog at the end (paylink_reconciler_due_links)',
          fmt(lastBacklog),
          '',
          '0',
          lastBacklog > budget * (RECONCILE_INTERVAL_MS / 1000) ? 'more due than the budget can read' : 'ok',
        ],
        [
          'proxy CPU in the window',
          `${fmt(cpuMs)} ms (${fmt((cpuMs / (seconds * 1000)) * 100, 1)} % of a core)`,
          '',
          '',
          '',
        ],
        [
          'proxy RSS (start → end, peak)',
          `${mib(rssBefore)} → ${mib(system.rss())}, ${mib(peakRss)}`,
          '',
          '',
          '',
        ],
      ],
      notes: [
        `Links: ${fmt(created.length)} Payroc links created through POST /v1/links (${CREATE_CONCURRENCY} at a time, each a real create at the emulator)${seeded.length ? ` and ${fmt(seeded.length)} more created at the emulator by the Payroc adapter in the bench process and stored as rows shaped like them (older, due at once)` : ''}, ${fmt(createSeconds, 1)} s in all, just before the window; nobody watches any of them. ${seeded.length ? 'The seeded links are due from the start of the window.' : createSeconds * 1000 < RECONCILE_INTERVAL_MS ? `The first links fall due about ${fmt(RECONCILE_INTERVAL_MS / 1000 - createSeconds)} s into the window.` : 'The first links were already due when the window started (their reads began during the creates).'}`,
        `Proxy settings: defaults (PAYLINK_RECONCILE_INTERVAL_MS 30000, PAYLINK_RECONCILE_TICK_MS 500) and PAYLINK_READS_PER_SECOND=${fmt(budget)}. Budget: reads/s × seconds + one second's burst (the bucket starts full).`,
        'Reads are GET /v1/payment-links/{id} as received by the emulator, timestamped on arrival; cross-checked with the proxy’s paylink_upstream_reads_total (which counts reads started, so one in flight at the end can differ).',
        `From the first read on, the reconciler used ${fmt((sinceFirst / budget) * 100)} % of the budget; reads are the only provider calls it makes.`,
        `Naive: every open link read every 30 s, ${fmt(naivePerSecond)} reads/s. Besides reads, the emulator got ${fmt(authorize)} token request(s) (POST /authorize) in the whole run.`,
        `Proxy CPU from /proc/<pid>/stat over the window; it includes answering the bench’s /metrics scrape every second and the merchant-list poll every ${LIST_POLL_MS} ms.`,
      ],
    };

    const step = seconds >= 120 ? 60 : 10;
    const series: Section['rows'] = [];
    for (let from = 0; from < seconds - 0.5; from += step) {
      const to = Math.min(seconds, from + step);
      const n = inWindow.filter((at) => at - t0 >= from * 1000 && at - t0 < to * 1000).length;
      const bins = perSecond.slice(from, Math.ceil(to));
      const at = samples.filter((s) => s.t <= to).at(-1);
      series.push([
        `${fmt(from)}–${fmt(to)} s`,
        fmt(n),
        fmt(n / (to - from), 2),
        fmt(Math.max(0, ...bins)),
        fmt(at?.budgetTaken ?? Number.NaN),
        fmt(at?.backlog ?? Number.NaN),
        at ? mib(at.rss) : '',
      ]);
    }

    const paidRows: Section['rows'] = groups.map((group) => {
      const times = group.links
        .filter((link) => seenAt.has(link.id))
        .map((link) => (seenAt.get(link.id)! - paidAt.get(link.id)!) / 1000);
      const missing = group.links.length - times.length;
      const read = group.links.filter((link) => readsOf.has(link.providerRef)).length;
      return [
        group.name,
        fmt(group.links.length),
        fmt(read),
        fmt(times.length),
        times.length ? fmt(percentile(times, 50), 1) : 'n/a',
        times.length ? fmt(Math.max(...times), 1) : 'n/a',
        missing ? `${fmt(missing)} not shown paid by the end` : 'all shown',
      ];
    });
    const payStart = Math.min(...paidAt.values()) - t0;

    return [
      summary,
      {
        title: `Reconciler reads over time (${step} s periods)`,
        columns: [
          'period',
          'reads',
          'reads/s',
          'max in a second',
          'budget taken (cumulative)',
          'due backlog',
          'proxy RSS',
        ],
        rows: series,
        notes: [
          'Reads counted at the emulator; budget taken is paylink_upstream_budget_taken_total since the window started; backlog and RSS sampled at the end of each period.',
        ],
      },
      {
        title: 'Unwatched payments: paid at the emulator → shown paid in GET /v1/links (s)',
        columns: [
          'links',
          'paid',
          'read in the window',
          'shown paid',
          'p50',
          'max',
          'by the end of the window',
        ],
        rows: paidRows,
        notes: [
          `Paid through POST /_emulator/links/{ref}/pay about ${fmt(payStart / 1000)} s into the window, one after another, with nobody watching (Payroc sends no notification: only a reconciling read finds them); “youngest/oldest” is by the links’ createdAt.`,
          `Timed from each pay call returning to the first GET /v1/links?status=paid poll (every ${LIST_POLL_MS} ms) listing the link. The reconciler gives 70 % of its reads to the youngest due links and 30 % to the longest overdue: young links are found within about one interval; when far more links are due than the budget can read, an old link waits for the overdue share to come round (10,000 due links at 1.5 reads/s: about 2 hours).`,
        ],
      },
    ];
  } finally {
    await system.stop();
  }
}

await runStandalone(import.meta, run);
