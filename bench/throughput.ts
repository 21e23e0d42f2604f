// Status throughput: requests per second and p50/p99 latency of the public status routes
// (GET /v1/links/{id}/status answered 200 and 304, and the batch GET /v1/status?links=…) with
// autocannon on loopback, each beside a bare node:http server answering the same bytes in the
// same run. `node bench/throughput.ts [--duration=10] [--connections=50]`
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStatuses, type LoadResult, load } from './lib/load.ts';
import { type BenchOptions, fmt, runStandalone, type Section } from './lib/report.ts';
import { freePort, linkRequest, processCpuMs, spawnServer, startSystem } from './lib/system.ts';

/** The budget from the issue: the status route within 70 % of the bare server. */
export const THROUGHPUT_BUDGET = 0.7;
/** Links in the batch request (a page with a handful of elements). */
const BATCH_SIZE = 10;

export async function run(options: BenchOptions): Promise<Section[]> {
  const system = await startSystem({ providers: ['placetopay'] });
  const temp = mkdtempSync(join(tmpdir(), 'paylink-bench-bare-'));
  let bare: Awaited<ReturnType<typeof spawnServer>> | null = null;
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
    const proxyUrl = system.proxyUrl.replace('localhost', '127.0.0.1');

    const cases: Array<{ route: string; path: string; headers: Record<string, string>; expect: string }> = [
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
      for (const [server, base, pid] of [
        ['bare node:http', bareUrl, bare.child.pid!],
        ['PayLink proxy', proxyUrl, system.pid],
      ] as const) {
        const run = { url: `${base}${c.path}`, headers: c.headers, connections: options.connections };
        await load({ ...run, duration: warmup });
        const cpuBefore = processCpuMs(pid);
        const result = await load({ ...run, duration: options.duration });
        results[server] = { ...result, cpuUs: ((processCpuMs(pid) - cpuBefore) * 1000) / result.total };
        const unexpected = Object.entries(result.statuses).filter(([code]) => code !== c.expect);
        if (unexpected.length || result.errors)
          notes.push(
            `${server}, ${c.route}: unexpected answers ${describeStatuses(result.statuses)}, ${result.errors} errors`,
          );
      }
      const b = results['bare node:http']!;
      const p = results['PayLink proxy']!;
      const ratio = p.rps / b.rps;
      rows.push([c.route, 'bare node:http', fmt(b.rps), fmt(b.p50), fmt(b.p99), fmt(b.cpuUs), '100 %', '']);
      rows.push([
        '',
        'PayLink proxy',
        fmt(p.rps),
        fmt(p.p50),
        fmt(p.p99),
        fmt(p.cpuUs),
        `${fmt(ratio * 100)} % (CPU ${fmt((b.cpuUs / p.cpuUs) * 100)} %)`,
        ratio >= THROUGHPUT_BUDGET ? 'ok (≥ 70 %)' : 'BELOW 70 %',
      ]);
    }
    return [
      {
        title: 'Status throughput (autocannon, loopback)',
        columns: ['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'vs bare', 'budget'],
        rows,
        notes: [
          `${options.connections} connections, ${options.duration} s per run after ${warmup} s warm-up; servers on core 0, autocannon on core 1; latency resolution 1 ms.`,
          'The proxy answers with its full middleware (request id, security headers, CORS, metrics) from SQLite; the bare server sends the same body and ETag and nothing else.',
          'CPU µs/req: the server process’s user+system CPU time over the run divided by the requests answered; less disturbed by other load on the machine than req/s. "vs bare (CPU)" is bare ÷ proxy CPU per request.',
          ...notes,
        ],
      },
    ];
  } finally {
    await bare?.stop();
    await system.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

await runStandalone(import.meta, run);
