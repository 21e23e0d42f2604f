// Watching at scale: many browsers watching one link at once (a shared invoice, a live event's
// checkout), held as raw sockets by this process. A payment is settled at the Placetopay emulator
// (a signed notification to the proxy) and each watcher's arrival of "paid" is timed:
// - 10,000 SSE streams on one link, one instance (SQLite), and the proxy's memory per idle stream;
// - 10,000 long polls on one link, woken by the change;
// - two instances on PostgreSQL: the change applied on A, 5,000 SSE streams on B (LISTEN/NOTIFY).
// Reference in the same run: one watcher alone.
// `node bench/watchers.ts [--streams=10000] [--peer-streams=5000] [--stores=sqlite,postgres]`

import { throwawaySchema } from './lib/pg-schema.ts';
import {
  closeRawClients,
  loopbackSources,
  openRawClients,
  type RawClient,
  waitForArrivals,
} from './lib/raw-clients.ts';
import { type BenchOptions, fmt, percentile, runStandalone, type Section } from './lib/report.ts';
import { linkRequest, processCpuMs, type System, startSystem } from './lib/system.ts';

/** Budgets from the issue (p95, ms; KiB per idle stream). */
export const BUDGETS = { sse: 200, longPoll: 250, peer: 300, streamKiB: 10 } as const;

const PAID = '"status":"paid"';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Spreads sockets over source addresses: one address has about 28,000 ephemeral ports, shared with other work. */
const SOURCES = loopbackSources(7);

interface Arrivals {
  /** CPU time the serving proxy spent from the payment until the last arrival, in ms. */
  cpuMs: number;
  count: number;
  received: number;
  p50: number;
  p95: number;
  max: number;
}

/** Times from `t0` to each client's arrival; a client that never got it counts as infinitely late. */
function arrivals(clients: readonly RawClient[], t0: number, cpuMs: number): Arrivals {
  const times = clients.map((c) => (Number.isNaN(c.arrivedAt) ? Number.POSITIVE_INFINITY : c.arrivedAt - t0));
  return {
    cpuMs,
    count: clients.length,
    received: times.filter(Number.isFinite).length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
  };
}

const portOf = (url: string) => Number(new URL(url).port);

async function waitForGauge(system: System, name: string, atLeast: number, url?: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = url ? await gauge(url, name) : await system.metric(name);
    if (value >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`${name} stayed at ${value}, expected ${atLeast}`);
    await sleep(100);
  }
}

async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/** SSE streams on one fresh link of `system` (served by `watchUrl`), then one payment; times each arrival. */
async function sseFanOut(
  system: System,
  count: number,
  watchUrl = system.proxyUrl,
  rss = () => system.rss(),
  pid = system.pid,
): Promise<Arrivals & { kibPerStream: number; openSeconds: number }> {
  const link = await system.createLink(linkRequest('placetopay'));
  const rssBefore = rss();
  const openStarted = Date.now();
  const clients = await openRawClients({
    port: portOf(watchUrl),
    path: `/v1/links/${link.id}/events`,
    headers: { accept: 'text/event-stream' },
    count,
    readyText: 'event: status',
    awaitedText: PAID,
    sourceAddresses: SOURCES,
  });
  const openSeconds = (Date.now() - openStarted) / 1000;
  try {
    await sleep(2000); // idle: what a held stream costs between changes
    const kibPerStream = (rss() - rssBefore) / count / 1024;
    const cpu0 = processCpuMs(pid);
    const t0 = performance.now();
    await system.pay('placetopay', link.providerRef);
    await waitForArrivals(clients, 15_000);
    return { ...arrivals(clients, t0, processCpuMs(pid) - cpu0), kibPerStream, openSeconds };
  } finally {
    await closeRawClients(clients);
  }
}

/** Long polls (`?wait=30`, If-None-Match the current ETag) on one fresh link, then one payment. */
async function longPollFanOut(system: System, count: number): Promise<Arrivals & { openSeconds: number }> {
  const link = await system.createLink(linkRequest('placetopay'));
  const before = await system.metric('paylink_long_polls');
  const openStarted = Date.now();
  const clients = await openRawClients({
    port: portOf(system.proxyUrl),
    path: `/v1/links/${link.id}/status?wait=30`,
    headers: { 'if-none-match': '"1"' },
    count,
    readyText: null,
    awaitedText: PAID,
    sourceAddresses: SOURCES,
  });
  try {
    await waitForGauge(system, 'paylink_long_polls', before + count);
    const openSeconds = (Date.now() - openStarted) / 1000;
    const cpu0 = processCpuMs(system.pid);
    const t0 = performance.now();
    await system.pay('placetopay', link.providerRef);
    await waitForArrivals(clients, 15_000);
    return { ...arrivals(clients, t0, processCpuMs(system.pid) - cpu0), openSeconds };
  } finally {
    await closeRawClients(clients);
  }
}

function row(
  what: string,
  a: Arrivals,
  reference: Arrivals,
  budget: number,
  extra = '',
): Section['rows'][number] {
  const complete = a.received === a.count;
  return [
    what,
    `${fmt(a.received)} / ${fmt(a.count)}`,
    fmt(a.p50),
    fmt(a.p95),
    fmt(a.max),
    `${fmt(a.cpuMs)} ms (${fmt((a.cpuMs * 1000) / a.count)} µs/watcher)`,
    `1 watcher: ${fmt(reference.p50)} ms`,
    `≤ ${budget} ms: ${complete && a.p95 <= budget ? 'ok' : 'OVER'}${extra}`,
  ];
}

/** 10,000 SSE streams and then 10,000 long polls on one link, one instance on SQLite. */
async function oneInstance(options: BenchOptions, rows: Section['rows'], notes: string[]): Promise<void> {
  const streams = options.streams;
  const system = await startSystem({
    providers: ['placetopay'],
    env: { PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0' },
  });
  try {
    await sseFanOut(system, Math.min(streams, 500)); // warm-up, not counted
    const single = await sseFanOut(system, 1);
    const sse = await sseFanOut(system, streams);
    rows.push(row(`${fmt(streams)} SSE streams, one link, one instance (SQLite)`, sse, single, BUDGETS.sse));
    rows.push([
      'memory per idle SSE stream (proxy RSS growth ÷ streams)',
      '',
      '',
      '',
      '',
      '',
      '',
      `${fmt(sse.kibPerStream, 1)} KiB; ≤ ${BUDGETS.streamKiB} KiB: ${sse.kibPerStream <= BUDGETS.streamKiB ? 'ok' : 'OVER'}`,
    ]);
    await longPollFanOut(system, Math.min(streams, 500)); // warm-up
    const singlePoll = await longPollFanOut(system, 1);
    const polls = await longPollFanOut(system, streams);
    rows.push(
      row(`${fmt(streams)} long polls woken, one link (SQLite)`, polls, singlePoll, BUDGETS.longPoll),
    );
    notes.push(
      `Opening ${fmt(streams)} streams took ${fmt(sse.openSeconds, 1)} s, ${fmt(streams)} long polls ${fmt(polls.openSeconds, 1)} s (not timed against a budget).`,
    );
  } finally {
    await system.stop();
  }
}

/** Two instances on one PostgreSQL database: the notification reaches A, the streams are held by B. */
async function twoInstances(options: BenchOptions, rows: Section['rows']): Promise<void> {
  let schema: Awaited<ReturnType<typeof throwawaySchema>>;
  try {
    schema = await throwawaySchema(options.databaseUrl);
  } catch (error) {
    rows.push([
      'two instances on PostgreSQL',
      'skipped',
      '',
      '',
      '',
      '',
      '',
      `unreachable: ${error instanceof Error ? error.message : error}`,
    ]);
    return;
  }
  const system = await startSystem({
    providers: ['placetopay'],
    env: { PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0', DATABASE_URL: schema.url },
  });
  try {
    const peer = await system.startPeer();
    const streams = options.peerStreams;
    await sseFanOut(system, Math.min(streams, 500), peer.url, peer.rss, peer.pid); // warm-up
    const single = await sseFanOut(system, 1, peer.url, peer.rss, peer.pid);
    const far = await sseFanOut(system, streams, peer.url, peer.rss, peer.pid);
    rows.push(
      row(
        `two instances, PostgreSQL: applied on A, ${fmt(streams)} SSE streams on B`,
        far,
        single,
        BUDGETS.peer,
      ),
    );
  } finally {
    await system.stop();
    await schema.drop();
  }
}

export async function run(options: BenchOptions): Promise<Section[]> {
  const rows: Section['rows'] = [];
  const notes: string[] = [];
  if (options.stores.includes('sqlite')) await oneInstance(options, rows, notes);
  if (options.stores.includes('postgres')) await twoInstances(options, rows);
  notes.push(
    'Time: from the call that settles the payment at the emulator (which then sends its signed notification to the proxy) to each socket receiving "status":"paid"; clock: performance.now() in the load generator. A watcher that never received it counts as infinitely late.',
    'Watchers are raw TCP sockets in the load generator (core 1), spread over 8 loopback source addresses; the proxy runs on core 0. Memory: the proxy’s RSS after the streams sat idle 2 s, minus before they opened, divided by their number.',
    'Each figure follows a warm-up of 500 watchers; the reference is one watcher alone on a fresh link, in the same run.',
    'Proxy CPU: user+system time of the proxy that holds the watchers, from the payment to the last arrival (on B for two instances): the steadier figure on a shared machine, where the wall-clock times move with other load.',
  );
  return [
    {
      title: 'Watchers at scale (one link, many browsers)',
      columns: ['watchers', 'received', 'p50 ms', 'p95 ms', 'max ms', 'proxy CPU', 'reference', 'budget'],
      rows,
      notes,
    },
  ];
}

await runStandalone(import.meta, run);
