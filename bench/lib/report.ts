// Options, tables and machine information shared by every benchmark script.
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Command-line options every script understands (each script reads the ones it needs). */
export interface BenchOptions {
  /** Short durations and small counts: a smoke test, not figures to quote. */
  quick: boolean;
  /** Seconds per load run in throughput and scale (default 10, quick 3). */
  duration: number;
  /** Concurrent connections the load generator keeps open (default 50). */
  connections: number;
  /** Seconds the upstream benchmark watches (default 60, quick 10). */
  watchSeconds: number;
  /** Concurrent pollers per link in the upstream benchmark (default 1000, quick 200). */
  watchers: number;
  /** Payments per transport in paid-to-visible (default 20, quick 5). */
  payments: number;
  /** Element polling interval in ms for the plain-polling transport (default 3000, the element's default). */
  pollInterval: number;
  /** Stored links in the scale benchmark (default 100000, quick 10000). */
  links: number;
  /** Stores the scale benchmark covers (default both; PostgreSQL is skipped when unreachable). */
  stores: string[];
  /** PostgreSQL for the scale benchmark. */
  databaseUrl: string;
  /** Open links the reconciler benchmark creates (default 100000, quick 1000). */
  openLinks: number;
  /** Seconds the reconciler benchmark measures (default 120, quick 40). */
  reconcileSeconds: number;
  /** The proxy's upstream budget in the reconciler and delivery benchmarks (PAYLINK_READS_PER_SECOND, default 5). */
  readsPerSecond: number;
  /** Payments per provider in the delivery benchmark (default 200, quick 20). */
  deliveries: number;
  /** SSE streams and long polls on one link in the watchers benchmark (default 10000, quick 1000). */
  streams: number;
  /** SSE streams on the second instance in the watchers benchmark (default 5000, quick 500). */
  peerStreams: number;
  /** Print the results as JSON after the tables. */
  json: boolean;
  /** run.ts only: the benchmarks to run (default all). */
  only: string[];
}

/** Parses `process.argv`: `--quick`, `--duration=10`, `--only=size,throughput`, … */
export function parseOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string' },
      'watch-seconds': { type: 'string' },
      watchers: { type: 'string' },
      payments: { type: 'string' },
      'poll-interval': { type: 'string' },
      links: { type: 'string' },
      stores: { type: 'string' },
      'database-url': { type: 'string' },
      'open-links': { type: 'string' },
      'reconcile-seconds': { type: 'string' },
      'reads-per-second': { type: 'string' },
      deliveries: { type: 'string' },
      streams: { type: 'string' },
      'peer-streams': { type: 'string' },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Options (all optional):
  --quick                short runs, small counts (a smoke test)
  --duration=S           seconds per load run (throughput, scale; default 10, quick 3)
  --connections=N        load generator connections (default 50)
  --watch-seconds=S      upstream: how long the watchers poll (default 60, quick 10)
  --watchers=N           upstream: pollers per link (default 1000, quick 200)
  --payments=N           paid-to-visible: payments per transport (default 20, quick 5)
  --poll-interval=MS     paid-to-visible: the element's polling interval (default 3000)
  --links=N              scale: stored links (default 100000, quick 10000)
  --stores=sqlite,postgres  scale: which stores (default both)
  --database-url=URL     scale: PostgreSQL (default $DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
  --open-links=N         reconciler: open Payroc links (default 100000, quick 1000; beyond 2000 seeded)
  --reconcile-seconds=S  reconciler: seconds measured (default 120, quick 40)
  --reads-per-second=N   reconciler, delivery: the proxy's upstream budget per provider (default 5)
  --deliveries=N         delivery: payments per provider (default 200, quick 20)
  --streams=N            watchers: SSE streams and long polls on one link (default 10000, quick 1000)
  --peer-streams=N       watchers: SSE streams on the second PostgreSQL instance (default 5000, quick 500)
  --only=a,b             run.ts: size, throughput, upstream, paid-to-visible, scale, watchers, reconciler, delivery
                         (the same as naming them: npm run bench -- watchers scale)
  --json                 also print the results as JSON`);
    process.exit(0);
  }
  const quick = values.quick;
  const num = (text: string | undefined, fallback: number, name: string) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a positive number (got "${text}")`);
    return value;
  };
  const list = (text: string | undefined) =>
    text
      ? text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  return {
    quick,
    duration: num(values.duration, quick ? 3 : 10, 'duration'),
    connections: num(values.connections, 50, 'connections'),
    watchSeconds: num(values['watch-seconds'], quick ? 10 : 60, 'watch-seconds'),
    watchers: num(values.watchers, quick ? 200 : 1000, 'watchers'),
    payments: num(values.payments, quick ? 5 : 20, 'payments'),
    pollInterval: num(values['poll-interval'], 3000, 'poll-interval'),
    links: num(values.links, quick ? 10_000 : 100_000, 'links'),
    stores: list(values.stores).length ? list(values.stores) : ['sqlite', 'postgres'],
    databaseUrl:
      values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    openLinks: num(values['open-links'], quick ? 1000 : 100_000, 'open-links'),
    reconcileSeconds: num(values['reconcile-seconds'], quick ? 40 : 120, 'reconcile-seconds'),
    readsPerSecond: num(values['reads-per-second'], 5, 'reads-per-second'),
    deliveries: num(values.deliveries, quick ? 20 : 200, 'deliveries'),
    streams: num(values.streams, quick ? 1000 : 10_000, 'streams'),
    peerStreams: num(values['peer-streams'], quick ? 500 : 5000, 'peer-streams'),
    json: values.json,
    only: [...list(values.only), ...positionals],
  };
}

/** One printed table: a benchmark's figures with their reference, side by side. */
export interface Section {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** What the figures mean, budgets, caveats. */
  notes: string[];
}

/** Renders sections as aligned plain-text tables. */
export function formatSections(sections: readonly Section[]): string {
  const out: string[] = [];
  for (const section of sections) {
    const cells = [section.columns, ...section.rows.map((row) => row.map(String))];
    const widths = section.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
    const line = (row: string[]) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    out.push(`\n## ${section.title}\n`);
    out.push(line(section.columns));
    out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of cells.slice(1)) out.push(line(row));
    for (const note of section.notes) out.push(`  * ${note}`);
  }
  return out.join('\n');
}

/** What the figures were measured on. */
export function machineInfo(): string {
  const cpu = cpus();
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return [
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores, ${gib(totalmem())} RAM (${gib(freemem())} free)`,
    `OS: ${type()} ${release()}, Node ${process.version}, ${pinned ? 'proxy/servers pinned to core 0, load generator and browser to core 1' : 'no CPU pinning (taskset or a second core missing)'}`,
    `Date: ${new Date().toISOString()}, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (other work on the machine disturbs req/s and latency)`,
  ].join('\n');
}

/** Prints the machine and the tables (and JSON when asked). */
export function printReport(sections: readonly Section[], options: BenchOptions): void {
  console.log(
    `\n${machineInfo()}${options.quick ? '\n(--quick: smoke-test durations, do not quote these figures)' : ''}`,
  );
  console.log(formatSections(sections));
  if (options.json) console.log(`\n${JSON.stringify(sections, null, 2)}`);
}

let pinned = false;

/**
 * On a machine with two cores or more, moves this process (the load generator, emulators and the
 * browser it launches) to core 1, so servers started with `serverCommand()` own core 0.
 */
export function pinLoadGenerator(): void {
  if (cpus().length < 2) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    pinned = true;
  } catch {
    pinned = false;
  }
}

/** The command and arguments that run a Node script on core 0 (when this process pinned itself). */
export function serverCommand(
  script: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): { command: string; args: string[] } {
  // Our packages from source (their `@paylink/source` export condition), not their built `lib/`.
  const node = [
    process.execPath,
    '--conditions=@paylink/source',
    ...nodeArgs,
    resolve(ROOT, script),
    ...args,
  ];
  return pinned
    ? { command: 'taskset', args: ['-c', '0', ...node] }
    : { command: node[0]!, args: node.slice(1) };
}

/** The repository root (bench/..). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** True when `meta` (a script's `import.meta`) is the entry point, as opposed to imported by run.ts. */
export function isMain(meta: ImportMeta): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === meta.filename;
}

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Formats a number with thousands separators and `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Runs a script's `run()` when it is the entry point: pin, run, print, exit non-zero on failure. */
export async function runStandalone(
  meta: ImportMeta,
  run: (options: BenchOptions) => Promise<Section[]>,
): Promise<void> {
  if (!isMain(meta)) return;
  try {
    const options = parseOptions();
    pinLoadGenerator();
    const sections = await run(options);
    printReport(sections, options);
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
