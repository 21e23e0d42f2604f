// Many HTTP watchers from one process, as raw sockets: an `http.Agent` or `fetch` per stream costs
// more memory and CPU in the load generator than the proxy spends on it. Each client sends one
// GET and records when the bytes it waits for arrive (`performance.now()`, this process's clock).
import { connect, type Socket } from 'node:net';

export interface RawClient {
  /** When the awaited text arrived (ms, `performance.now()`), or NaN while waiting. */
  arrivedAt: number;
  /** The connection ended (by the server or an error) before or after it arrived. */
  ended: boolean;
  socket: Socket;
}

export interface RawClientsOptions {
  port: number;
  /** The request line's target, e.g. `/v1/links/pl_…/events`. */
  path: string;
  headers?: Record<string, string>;
  count: number;
  /** Text that marks a client as ready (e.g. the first `event: status`); null: ready once connected. */
  readyText: string | null;
  /** Text whose arrival is timed (e.g. `"status":"paid"`). */
  awaitedText: string;
  /** Connections being opened at once (keeps the server's accept backlog from overflowing). */
  concurrency?: number;
  /** Loopback source addresses to spread the clients over (ephemeral ports are per source address). */
  sourceAddresses?: readonly string[];
  /** Gives up when not all are ready by then. */
  timeoutMs?: number;
}

/** Opens `count` clients and resolves once every one is ready. */
export async function openRawClients(options: RawClientsOptions): Promise<RawClient[]> {
  const request = Buffer.from(
    `GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1:${options.port}\r\n${Object.entries(
      options.headers ?? {},
    )
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`,
  );
  const ready = options.readyText === null ? null : Buffer.from(options.readyText);
  const awaited = Buffer.from(options.awaitedText);
  const sources = options.sourceAddresses ?? ['127.0.0.1'];
  const clients: RawClient[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let next = 0;
  const openOne = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port: options.port,
        localAddress: sources[n % sources.length],
      });
      const client: RawClient = { arrivedAt: Number.NaN, ended: false, socket };
      clients.push(client);
      let isReady = false;
      // A short tail of the previous chunk, in case the awaited text straddles two reads.
      let tail: Buffer = Buffer.alloc(0);
      const markReady = () => {
        if (isReady) return;
        isReady = true;
        resolve();
      };
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.write(request);
        if (!ready) markReady();
      });
      socket.on('data', (chunk: Buffer) => {
        const seen = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        if (!isReady && ready && seen.includes(ready)) markReady();
        if (Number.isNaN(client.arrivedAt) && seen.includes(awaited)) client.arrivedAt = performance.now();
        tail = seen.subarray(Math.max(0, seen.length - 64));
      });
      socket.on('error', (error) => {
        client.ended = true;
        if (!isReady) reject(error);
      });
      socket.on('close', () => {
        client.ended = true;
        if (!isReady) reject(new Error('closed before ready'));
      });
    });
  await Promise.all(
    Array.from({ length: options.concurrency ?? 200 }, async () => {
      while (next < options.count) {
        if (Date.now() > deadline) throw new Error(`only ${next} of ${options.count} clients ready in time`);
        await openOne(next++);
      }
    }),
  );
  return clients;
}

/** Waits until every client has its awaited text (or `timeoutMs` passes). */
export async function waitForArrivals(clients: readonly RawClient[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && clients.some((c) => Number.isNaN(c.arrivedAt) && !c.ended)) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Closes every client and waits for the sockets to be gone. */
export async function closeRawClients(clients: readonly RawClient[]): Promise<void> {
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.socket.destroyed) return resolve();
          c.socket.once('close', () => resolve());
          c.socket.destroy();
        }),
    ),
  );
}

/** Loopback source addresses: 127.0.0.1 plus `extra` more of 127/8 (all local on Linux). */
export function loopbackSources(extra: number): string[] {
  return ['127.0.0.1', ...Array.from({ length: extra }, (_, i) => `127.0.0.${i + 2}`)];
}
