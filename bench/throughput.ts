// Status throughput: requests per second and p50/p99 latency of the public status routes
// (GET /v1/links/{id}/status answered 200 and 304, and the batch GET /v1/status?links=…) with
// autocannon on loopback, each beside a bare node:http server answering the same bytes in the
// same run. `node bench/throughput.ts [--duration=10] [--connections=50]`
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStatuses, type LoadResult, load } from './lib/load.ts';
import { type BenchOptions, fmt, percentile, runStandalone, type Section } from './lib/report.ts';
import { freePort, linkRequest, processCpuMs, spawnServer, startSystem } from './lib/system.ts';

/** The budget from the issue: the status route within 70 % of the bare server. */
export const THROUGHPUT_BUDGET = 0.7;
/** The 304 path's CPU per request, at least this fraction of a minimal Hono route's (bench/hono-server.ts). */
export const HONO_304_BUDGET = 0.85;
/** Rounds per server and case, taken in turn. */
const ROUNDS = 3;
/** Links in the batch request (a page with a handful of elements). */
const BATCH_SIZE = 10;

export async function run(options: BenchOptions): Promise<Section[]> {
  const system = await startSystem({ providers: ['placetopay'] });
  const temp = mkdtempSync(join(tmpdir(), 'paylink-bench-bare-'));
  let bare: Awaited<ReturnType<typeof spawnServer>> | null = null;
  let hono: Awaited<ReturnType<typeof spawnServer>> | null = null;
  try {
    const links = [];
    for (let i = 0; i < BATCH_SIZE; i++) links.push(await system.createLink(linkRequest('placetopay', i)));
    const statusPath = `/v1/links/${links[0]!.id}/status`;
    const batchPath = `/v1/status?links=${links.map((l) => l.id).join(',')}`;

    // The bare server answers the proxy's own bodies, byte for byte.
    const capture = async (path: string) => {
      const response = await fetch(`${system.proxyUrl}${path}`);
      return { body: await response.text(), etag: response.headers.get('etag') ?? '"0"' };
    };
    const bodies = { status: await capture(statusPath), batch: await capture(batchPath) };
    const bodiesFile = join(temp, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    const barePort = await freePort();
    const bareUrl = `http://127.0.0.1:${barePort}`;
    bare = await spawnServer(
      'bench/bare-server.ts',
      [String(barePort), bodiesFile],
      process.env,
      async () => {
        const response = await fetch(`${bareUrl}${statusPath}`);
        await response.body?.cancel();
        return response.ok;
      },
    );
    const honoPort = await freePort();
    const honoUrl = `http://127.0.0.1:${honoPort}`;
    hono = await spawnServer(
      'bench/hono-server.ts',
      [String(honoPort), bodiesFile],
      process.env,
      async () => {
        const response = await fetch(`${honoUrl}${statusPath}`);
        await response.body?.cancel();
        return response.ok;
      },
    );
    const proxyUrl = system.proxyUrl.replace('localhost', '127.0.0.1');

    const cases: Array<{
      route: string;
      path: string;
      headers: Record<string, string>;
      expect: string;
      /** Also measure the minimal Hono route (the 304 path's budget is against it). */
      hono?: boolean;
    }> = [
      {
        route: `GET /v1/links/{id}/status → 200 (${bodies.status.body.length} B)`,
        path: statusPath,
        headers: {},
        expect: '200',
      },
      {
        route: 'GET /v1/links/{id}/status → 304 (If-None-Match)',
        path: statusPath,
        headers: { 'if-none-match': bodies.status.etag },
        expect: '304',
        hono: true,
      },
      {
        route: `GET /v1/status?links=${BATCH_SIZE} ids → 200 (${bodies.batch.body.length} B)`,
        path: batchPath,
        headers: {},
        expect: '200',
      },
    ];
    const rows: Section['rows'] = [];
    const notes: string[] = [];
    const warmup = options.quick ? 1 : 2;
    for (const c of cases) {
      const results: Record<string, LoadResult & { cpuUs: number }> = {};
      // Bare first, then the proxy, back to back, so both see the same machine state.
      const servers: Array<[string, string, number]> = [
        ['bare node:http', bareUrl, bare.child.pid!],
        ...(c.hono ? [['minimal Hono route', honoUrl, hono.child.pid!] as [string, string, number]] : []),
        ['PayLink proxy', proxyUrl, system.pid],
      ];
      // Short rounds in turn (bare, Hono, proxy, bare, …) rather than one long run each, so a
      // change in the machine's other load falls on every server alike.
      for (const [, base] of servers)
        await load({
          url: `${base}${c.path}`,
          headers: c.headers,
          connections: options.connections,
          duration: warmup,
        });
      const rounds: Record<string, Array<LoadResult & { cpuMs: number }>> = {};
      for (let round = 0; round < ROUNDS; round++) {
        for (const [server, base, pid] of servers) {
          const cpuBefore = processCpuMs(pid);
          const result = await load({
            url: `${base}${c.path}`,
            headers: c.headers,
            connections: options.connections,
            duration: options.duration / ROUNDS,
          });
          const runs = rounds[server] ?? [];
          runs.push({ ...result, cpuMs: processCpuMs(pid) - cpuBefore });
          rounds[server] = runs;
          const unexpected = Object.entries(result.statuses).filter(([code]) => code !== c.expect);
          if (unexpected.length || result.errors)
            notes.push(
              `${server}, ${c.route}: unexpected answers ${describeStatuses(result.statuses)}, ${result.errors} errors`,
            );
        }
      }
      for (const [server, runs] of Object.entries(rounds)) {
        const total = runs.reduce((sum, r) => sum + r.total, 0);
        const median = (pick: (r: LoadResult) => number) => percentile(runs.map(pick), 50);
        results[server] = {
          rps: median((r) => r.rps),
          p50: median((r) => r.p50),
          p99: median((r) => r.p99),
          statuses: {},
          errors: 0,
          total,
          cpuUs: (runs.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / total,
        };
      }
      const b = results['bare node:http']!;
      const p = results['PayLink proxy']!;
      const ratio = p.rps / b.rps;
      rows.push([c.route, 'bare node:http', fmt(b.rps), fmt(b.p50), fmt(b.p99), fmt(b.cpuUs), '100 %', '']);
      const h = results['minimal Hono route'];
      if (h) {
        rows.push([
          '',
          'minimal Hono route',
          fmt(h.rps),
          fmt(h.p50),
          fmt(h.p99),
          fmt(h.cpuUs),
          `${fmt((h.rps / b.rps) * 100)} % (CPU ${fmt((b.cpuUs / h.cpuUs) * 100)} %)`,
          '',
        ]);
      }
      const honoShare = h ? h.cpuUs / p.cpuUs : Number.NaN;
      rows.push([
        '',
        'PayLink proxy',
        fmt(p.rps),
        fmt(p.p50),
        fmt(p.p99),
        fmt(p.cpuUs),
        `${fmt(ratio * 100)} % (CPU ${fmt((b.cpuUs / p.cpuUs) * 100)} %)`,
        h
          ? `CPU ${fmt(honoShare, 2)}× Hono's: ${honoShare >= HONO_304_BUDGET ? 'ok' : 'BELOW'} (≥ ${HONO_304_BUDGET}×)`
          : ratio >= THROUGHPUT_BUDGET
            ? 'ok (≥ 70 %)'
            : 'BELOW 70 %',
      ]);
    }
    return [
      {
        title: 'Status throughput (autocannon, loopback)',
        columns: ['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'vs bare', 'budget'],
        rows,
        notes: [
          `${options.connections} connections; per case and server ${warmup} s of warm-up, then ${ROUNDS} rounds of ${fmt(options.duration / ROUNDS, 1)} s taken in turn with the other servers (req/s and latency: the median round; CPU: over all rounds); servers on core 0, autocannon on core 1; latency resolution 1 ms.`,
          'The proxy answers with its full middleware (request id, security headers, CORS, rate limit, metrics) from SQLite; the bare server sends the same body and ETag and nothing else; the minimal Hono route (bench/hono-server.ts) does the same through Hono on @hono/node-server, the framework the proxy runs on.',
          `The 304 path's budget: the proxy's CPU per request at least ${HONO_304_BUDGET}× the minimal Hono route's (its share = Hono µs ÷ proxy µs).`,
          'CPU µs/req: the server process’s user+system CPU time over the run divided by the requests answered; less disturbed by other load on the machine than req/s. "vs bare (CPU)" is bare ÷ proxy CPU per request.',
          ...notes,
        ],
      },
    ];
  } finally {
    await bare?.stop();
    await hono?.stop();
    await system.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

await runStandalone(import.meta, run);
