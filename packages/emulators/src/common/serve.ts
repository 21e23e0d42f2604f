import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a Hono app on loopback (port 0 picks a free one). */
export function listen(app: Hono, port = 0, hostname = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * Listens first and takes the app later: for servers whose app must know its own URL (an
 * emulator's checkout URLs) when the port is picked by the system.
 */
export async function listenDeferred(
  port = 0,
  hostname = '127.0.0.1',
): Promise<RunningServer & { setApp(app: { fetch: Hono['fetch'] }): void }> {
  let target: { fetch: Hono['fetch'] } | null = null;
  const { Hono: HonoClass } = await import('hono');
  const shell = new HonoClass();
  // The Node bindings (c.env) go along, so the app still sees the socket (client address).
  shell.all('*', (c) => (target ? target.fetch(c.req.raw, c.env) : c.text('starting', 503)));
  const server = await listen(shell, port, hostname);
  return { ...server, setApp: (app) => (target = app) };
}
