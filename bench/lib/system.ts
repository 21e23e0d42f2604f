// Stands the system up for a benchmark: the real provider emulators served on loopback from this
// process, and the real proxy (`packages/proxy/src/server.ts`) in its own process on core 0, so
// its CPU and memory can be measured apart from the load generator.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, emulatorFactories, listenDeferred, type RunningServer } from '@paylink/emulators';
import { providerEnv } from '@paylink/proxy';
import type { Hono } from 'hono';
import { ROOT, serverCommand } from './report.ts';

/** The fixed development API key the benchmarks create links with. */
export const BENCH_API_KEY = 'plk_bench_key_0123456789abcdefghij';

/** A served emulator, with a count of the API requests it answered (method and path). */
export interface ServedEmulator {
  emulator: Emulator;
  url: string;
  /** Requests that reached the emulator, by `METHOD /path`. */
  hits: Map<string, number>;
  /** Sum of hits whose `METHOD /path` matches. */
  count(pattern: RegExp): number;
  /** Calls `listener` with each request's `METHOD /path` and arrival (`performance.now()`); returns the unsubscribe. */
  onHit(listener: (key: string, at: number) => void): () => void;
}

export interface SystemOptions {
  /** Emulators to serve and wire into the proxy. */
  providers: string[];
  /** Extra proxy environment (refresh intervals, PAYLINK_BUNDLE_DIR, DATABASE_URL…). */
  env?: Record<string, string>;
  /** Node flags for the proxy process (e.g. `--cpu-prof`); also from PAYLINK_BENCH_PROXY_NODE_ARGS. */
  nodeArgs?: string[];
}

export interface System {
  proxyUrl: string;
  apiKey: string;
  /** The proxy's process id (for RSS). */
  pid: number;
  /** The proxy's data folder (temporary; the SQLite file is `paylink.sqlite` in it). */
  dataDir: string;
  emulators: Record<string, ServedEmulator>;
  /** `POST /v1/links`; returns the merchant view. */
  createLink(body: Record<string, unknown>): Promise<{ id: string; providerRef: string; status: string }>;
  /** Settles a payment at the emulator exactly as its checkout page would. */
  pay(provider: string, providerRef: string, outcome?: 'approved' | 'rejected' | 'pending'): Promise<void>;
  /** The proxy's `/metrics` text. */
  metrics(): Promise<string>;
  /** A gauge or counter from `/metrics` (summed over label sets matching `labels`). */
  metric(name: string, labels?: string): Promise<number>;
  /** Resident set size of the proxy process, in bytes. */
  rss(): number;
  /**
   * Starts another proxy instance on the same data (same environment, its own port): with a
   * PostgreSQL `DATABASE_URL`, a second instance that hears the first one's changes. Stopped with the system.
   */
  startPeer(): Promise<{ url: string; pid: number; rss(): number }>;
  stop(): Promise<void>;
}

/** Children and temp folders still alive, cleaned up on Ctrl+C or a crash too. */
const cleanups = new Set<() => Promise<void> | void>();
let hooked = false;
function onCleanup(fn: () => Promise<void> | void): () => void {
  if (!hooked) {
    hooked = true;
    const all = async () => {
      for (const cleanup of [...cleanups]) await cleanup();
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void all().finally(() => process.exit(130)));
    }
    process.once('exit', () => {
      for (const cleanup of cleanups) void cleanup();
    });
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** A free loopback port (the proxy must know its public URL, hence its port, before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Serves one emulator on loopback, counting the requests it receives. */
async function serveEmulator(
  name: string,
  notificationUrl: string,
): Promise<ServedEmulator & { server: RunningServer }> {
  const factory = emulatorFactories[name];
  if (!factory) throw new Error(`no emulator for ${name}`);
  const server = await listenDeferred(0, '127.0.0.1');
  const url = `http://localhost:${server.port}`;
  const emulator = factory({ publicUrl: url, notificationUrl });
  const hits = new Map<string, number>();
  const listeners = new Set<(key: string, at: number) => void>();
  const counting = {
    fetch: ((request: Request) => {
      const key = `${request.method} ${new URL(request.url).pathname}`;
      hits.set(key, (hits.get(key) ?? 0) + 1);
      if (listeners.size) {
        const at = performance.now();
        for (const listener of listeners) listener(key, at);
      }
      return emulator.app.fetch(request);
    }) as Hono['fetch'],
  };
  server.setApp(counting);
  const count = (pattern: RegExp) => {
    let n = 0;
    for (const [key, value] of hits) if (pattern.test(key)) n += value;
    return n;
  };
  const onHit = (listener: (key: string, at: number) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { emulator, url, hits, count, onHit, server };
}

/** Spawns a Node script as a server on core 0 and resolves once `ready()` answers. */
export async function spawnServer(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: () => Promise<boolean>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const { command, args: argv } = serverCommand(script, args, nodeArgs);
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      // A server that dies during a benchmark says why, instead of the bench failing on a refused connection.
      if (!stopping)
        process.stderr.write(`\n${script} exited (${code ?? signal}) during the benchmark:\n${stderr}\n`);
      resolve(code);
    }),
  );
  const stop = async () => {
    stopping = true;
    unregister();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const unregister = onCleanup(stop);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${script} did not become ready in 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, stop };
}

/** Environment without anything PayLink-related inherited from the caller's shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PAYLINK_') && key !== 'DATABASE_URL') env[key] = value;
  }
  return env;
}

/** Starts the emulators (here) and the proxy (its own process, core 0) on a temp data folder. */
export async function startSystem(options: SystemOptions): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paylink-bench-'));
  const removeData = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const proxyUrl = `http://localhost:${port}`;
  const emulators: Record<string, ServedEmulator & { server: RunningServer }> = {};
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    NODE_ENV: 'development',
    PAYLINK_PORT: String(port),
    PAYLINK_HOST: '127.0.0.1',
    PAYLINK_PUBLIC_URL: proxyUrl,
    PAYLINK_DATA_DIR: dataDir,
    PAYLINK_DEV_API_KEY: BENCH_API_KEY,
  };
  for (const name of options.providers) {
    const served = await serveEmulator(name, `${proxyUrl}/v1/webhooks/${name}`);
    emulators[name] = served;
    Object.assign(env, providerEnv(name, served.emulator.adapterSettings));
  }
  Object.assign(env, options.env);
  const closeEmulators = async () => {
    for (const served of Object.values(emulators)) {
      served.emulator.close();
      await served.server.close();
    }
  };
  const unregisterEmulators = onCleanup(closeEmulators);

  const nodeArgs =
    options.nodeArgs ?? process.env.PAYLINK_BENCH_PROXY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const spawnProxy = (url: string, proxyEnv: NodeJS.ProcessEnv) =>
    spawnServer(
      'packages/proxy/src/server.ts',
      [],
      proxyEnv,
      async () => {
        const response = await fetch(`${url}/readyz`);
        await response.body?.cancel();
        return response.ok;
      },
      nodeArgs,
    );
  const peers: Array<Awaited<ReturnType<typeof spawnServer>>> = [];
  let proxy: Awaited<ReturnType<typeof spawnServer>>;
  try {
    proxy = await spawnProxy(proxyUrl, env);
  } catch (error) {
    unregisterEmulators();
    await closeEmulators();
    removeData();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pid = proxy.child.pid!;

  const scrape = async () => (await fetch(`${proxyUrl}/metrics`)).text();
  // Once more on a failed fetch: a pooled connection the proxy closed while this process was busy
  // (its keep-alive timeout passed) fails its next request with "other side closed".
  const metrics = () => scrape().catch(scrape);
  return {
    proxyUrl,
    apiKey: BENCH_API_KEY,
    pid,
    dataDir,
    emulators,
    async createLink(body) {
      const response = await fetch(`${proxyUrl}/v1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${text}`);
      return JSON.parse(text);
    },
    async pay(provider, providerRef, outcome = 'approved') {
      const served = emulators[provider];
      if (!served) throw new Error(`no emulator for ${provider}`);
      const response = await fetch(`${served.url}/_emulator/links/${encodeURIComponent(providerRef)}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      });
      if (!response.ok) throw new Error(`pay failed: ${response.status} ${await response.text()}`);
      await response.body?.cancel();
    },
    metrics,
    async metric(name, labels = '') {
      let total = 0;
      for (const line of (await metrics()).split('\n')) {
        if (!line.startsWith(name)) continue;
        const match = /^([a-z_]+)(\{[^}]*\})?\s+(\S+)$/.exec(line);
        if (match?.[1] === name && (match[2] ?? '').includes(labels)) total += Number(match[3]);
      }
      return total;
    },
    rss: () => processRss(pid),
    async startPeer() {
      const peerPort = await freePort();
      const url = `http://127.0.0.1:${peerPort}`;
      const peer = await spawnProxy(url, { ...env, PAYLINK_PORT: String(peerPort) });
      peers.push(peer);
      const peerPid = peer.child.pid!;
      return { url, pid: peerPid, rss: () => processRss(peerPid) };
    },
    async stop() {
      for (const peer of peers) await peer.stop();
      await proxy.stop();
      unregisterEmulators();
      await closeEmulators();
      removeData();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process (Linux `/proc`), in bytes; NaN elsewhere. */
export function processRss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Request bodies the benchmarks create links with, per provider (amounts in currencies the provider takes). */
export function linkRequest(provider: string, n = 0): Record<string, unknown> {
  const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  switch (provider) {
    case 'placetopay':
      return {
        provider,
        amount: { value: '100000.00', currency: 'COP' },
        description: `Bench invoice ${n}`,
        reference: `BENCH-${n}`,
        usageLimit: 1,
      };
    case 'payroc':
      return {
        provider,
        amount: { value: '100.00', currency: 'GBP' },
        description: `Bench invoice ${n}`,
        reference: `BENCH${n}`,
        usageLimit: 1,
        expiresAt,
      };
    default:
      throw new Error(`no benchmark request for ${provider}`);
  }
}

/**
 * CPU time (user + system) a process has used, in ms (Linux `/proc`; NaN elsewhere). Per request,
 * it is a capacity figure that other load on the machine disturbs much less than requests/second.
 */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ: 100 on every mainstream architecture. */
const CLOCK_TICKS = 100;
