// Paid-to-delivered: from a payment settled at the provider to the verified `link.paid` event at
// the merchant's own endpoint, a receiver on loopback that checks every delivery with the
// `standardwebhooks` library as a merchant would, and counts duplicates by webhook-id. Placetopay
// (signed notification: the proxy reads the link at once) and Payroc (no notification: the
// reconciler finds the payment on its schedule).
// `node bench/delivery.ts [--deliveries=200] [--reads-per-second=5]`
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { type BenchOptions, fmt, percentile, runStandalone, type Section } from './lib/report.ts';
import { linkRequest, type System, startSystem } from './lib/system.ts';

/** The proxy's default reconcile interval in a link's first hour, for providers it must poll. */
const RECONCILE_INTERVAL_MS = 30_000;
/** Links created through the API at once. */
const CREATE_CONCURRENCY = 16;

interface Arrival {
  at: number;
  linkId: string | null;
  verified: boolean;
}

type PaidEvent = { type?: string; data?: { link?: { id?: string } } };

/** The merchant's endpoint: verifies each delivery, remembers it by webhook-id, answers 204. */
async function startReceiver() {
  const arrivals = new Map<string, Arrival[]>();
  const waiters = new Map<string, () => void>();
  let secret = '';
  let failures = 0;
  let unexpected = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const id = header(request.headers, 'webhook-id');
      let event: PaidEvent | null = null;
      try {
        event = new Webhook(secret).verify(body, {
          'webhook-id': id,
          'webhook-timestamp': header(request.headers, 'webhook-timestamp'),
          'webhook-signature': header(request.headers, 'webhook-signature'),
        }) as PaidEvent;
      } catch {
        failures++;
      }
      const linkId = event?.type === 'link.paid' ? (event.data?.link?.id ?? null) : null;
      if (event && !linkId) unexpected++;
      const list = arrivals.get(id) ?? [];
      list.push({ at, linkId, verified: event !== null });
      arrivals.set(id, list);
      if (event && linkId && list.length === 1) waiters.get(linkId)?.();
      response.writeHead(event ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    arrivals,
    setSecret(value: string) {
      secret = value;
    },
    /** First verified arrival per link id. */
    firstByLink(): Map<string, number> {
      const first = new Map<string, number>();
      for (const list of arrivals.values()) {
        const ok = list.find((a) => a.verified && a.linkId);
        if (ok && !first.has(ok.linkId!)) first.set(ok.linkId!, ok.at);
      }
      return first;
    },
    /** Resolves when a verified link.paid for `linkId` has arrived (or after `timeoutMs`). */
    waitFor(linkIds: readonly string[], timeoutMs: number): Promise<void> {
      const pending = new Set(linkIds);
      for (const id of this.firstByLink().keys()) pending.delete(id);
      if (pending.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          for (const id of linkIds) waiters.delete(id);
          resolve();
        }
        for (const id of pending) {
          waiters.set(id, () => {
            pending.delete(id);
            if (pending.size === 0) done();
          });
        }
      });
    },
    get failures() {
      return failures;
    },
    get unexpected() {
      return unexpected;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

async function registerEndpoint(system: System, url: string): Promise<string> {
  const response = await fetch(`${system.proxyUrl}/v1/webhook-endpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, events: ['link.paid'] }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`registering the endpoint failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { secret: string }).secret;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(options: BenchOptions): Promise<Section[]> {
  const budget = options.readsPerSecond;
  const system = await startSystem({
    providers: ['placetopay', 'payroc'],
    env: { PAYLINK_READS_PER_SECOND: String(budget) },
  });
  const receiver = await startReceiver();
  try {
    receiver.setSecret(await registerEndpoint(system, receiver.url));
    // Payments paced below the read budget: each one costs the proxy one provider read.
    const gapMs = Math.ceil(1000 / (budget * 0.8));
    const scenarios = [
      {
        provider: 'placetopay',
        learns: 'signed notification → read at once',
        settle: 'after creating all links, one every',
        waitMs: 20_000,
      },
      {
        provider: 'payroc',
        learns: 'no notification → reconciler (30 s)',
        settle: 'right after creating each, one every',
        waitMs: RECONCILE_INTERVAL_MS + 30_000,
      },
    ];
    const rows: Section['rows'] = [];
    const payCalls: number[] = [];
    for (const s of scenarios) {
      const links: Array<{ id: string; providerRef: string }> = [];
      const paidAt = new Map<string, number>();
      const pay = async (link: { id: string; providerRef: string }) => {
        const started = performance.now();
        await system.pay(s.provider, link.providerRef);
        paidAt.set(link.id, performance.now());
        payCalls.push(performance.now() - started);
        await sleep(Math.max(0, gapMs - (performance.now() - started)));
      };
      const started = Date.now();
      if (s.provider === 'payroc') {
        // Polled: the payment is found at the link's first scheduled read, one interval after
        // its creation; create and pay one link at a time so those reads stay within the budget.
        for (let i = 0; i < options.deliveries; i++) {
          const link = await system.createLink(linkRequest(s.provider, i));
          links.push(link);
          await pay(link);
        }
      } else {
        let next = 0;
        await Promise.all(
          Array.from({ length: CREATE_CONCURRENCY }, async () => {
            while (next < options.deliveries) {
              const n = next++;
              links.push(await system.createLink(linkRequest(s.provider, n)));
            }
          }),
        );
        for (const link of links) await pay(link);
      }
      await receiver.waitFor(
        links.map((l) => l.id),
        s.waitMs,
      );
      // Late duplicates (a retry after a slow answer) still count.
      await sleep(1000);
      const seconds = (Date.now() - started) / 1000;

      const first = receiver.firstByLink();
      const times: number[] = [];
      for (const link of links) {
        const at = first.get(link.id);
        if (at !== undefined) times.push(at - paidAt.get(link.id)!);
      }
      const ours = new Set(links.map((l) => l.id));
      let once = 0;
      let repeated = 0;
      let extra = 0;
      for (const list of receiver.arrivals.values()) {
        const linkId = list.find((a) => a.linkId)?.linkId;
        if (!linkId || !ours.has(linkId)) continue;
        if (list.length === 1) once++;
        else {
          repeated++;
          extra += list.length - 1;
        }
      }
      const distinctIds = new Set<string>();
      for (const [id, list] of receiver.arrivals)
        if (list.some((a) => a.linkId && ours.has(a.linkId))) distinctIds.add(id);
      const eventsPerLink = distinctIds.size - times.length;
      rows.push([
        s.provider,
        s.learns,
        `${fmt(links.length)} (${s.settle} ${fmt(gapMs)} ms)`,
        fmt(times.length),
        fmt(percentile(times, 50)),
        fmt(percentile(times, 95)),
        fmt(Math.max(...times)),
        fmt(once),
        repeated ? `${fmt(repeated)} (+${fmt(extra)} copies)` : '0',
        [
          links.length - times.length ? `${fmt(links.length - times.length)} never arrived` : '',
          eventsPerLink > 0 ? `${fmt(eventsPerLink)} link(s) with two event ids` : '',
        ]
          .filter(Boolean)
          .join('; ') || 'ok',
      ]);
      process.stderr.write(`  ${s.provider}: ${fmt(seconds)} s\n`);
    }
    const [p50, p95] = await Promise.all([
      system.metric('paylink_event_delivery_latency_seconds', 'quantile="0.5"'),
      system.metric('paylink_event_delivery_latency_seconds', 'quantile="0.95"'),
    ]);
    return [
      {
        title: `Paid-to-delivered (ms, pay call returns → verified link.paid at the merchant's endpoint; budget ${fmt(budget)} reads/s)`,
        columns: [
          'provider',
          'proxy learns by',
          'payments',
          'delivered',
          'p50',
          'p95',
          'max',
          'arrived once',
          'more than once',
          'check',
        ],
        rows,
        notes: [
          'The receiver: node:http on 127.0.0.1, registered with POST /v1/webhook-endpoints (events ["link.paid"]); every delivery verified with standardwebhooks (new Webhook(secret).verify(rawBody, headers)) and counted by webhook-id.',
          `Verification failures: ${fmt(receiver.failures)}; verified deliveries that were not link.paid for a link: ${fmt(receiver.unexpected)}.`,
          `Each payment is POST /_emulator/links/{ref}/pay with {"outcome":"approved"}, one after another, at most one per ${fmt(gapMs)} ms (below the ${fmt(budget)} reads/s budget: each costs one provider read); pay calls took p50 ${fmt(percentile(payCalls, 50), 1)} ms. Clock: performance.now() in this process when the pay call returns and when the delivery's body has arrived.`,
          `Payroc sends no notification: a link paid right after its creation is found at its first reconciling read, one PAYLINK_RECONCILE_INTERVAL_MS (${fmt(RECONCILE_INTERVAL_MS)} ms, the default) after creation, within one reconciler tick (1 s); a payment at a random moment of a link's schedule would wait half an interval on average. A watched link is read every PAYLINK_REFRESH_INTERVAL_MS instead (not measured here).`,
          `The proxy's own paylink_event_delivery_latency_seconds (event created → 2xx, its recent deliveries, both providers) at the end: p50 ${fmt(p50 * 1000)} ms, p95 ${fmt(p95 * 1000)} ms.`,
        ],
      },
    ];
  } finally {
    await receiver.close();
    await system.stop();
  }
}

await runStandalone(import.meta, run);
