/**
 * The real PayLink stack for the element tests: the proxy and one emulator per provider (as
 * `npm start` runs them, on free ports), a gate in front of the proxy that a test can close to play
 * "the proxy is down", and a small control server (CORS for the test page) through which the browser
 * creates links with the development key and settles payments at the emulators. Nothing of ours is
 * replaced: the elements talk to the real proxy, through the gate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MerchantLinkView } from '@paylink/core';
import { createApiKey } from '@paylink/proxy';
import { type Stack, startStack } from '../../../scripts/stack.ts';

export interface RealStack {
  /** The proxy, as the elements reach it (through the gate). */
  proxyUrl: string;
  /** The control server (see `control` below). */
  controlUrl: string;
  close(): Promise<void>;
}

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });

/** Starts the stack, its gate and its control server. */
export async function startRealStack(): Promise<RealStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paylink-elements-'));
  const stack: Stack = await startStack({
    dataDir,
    ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
    log: { info() {}, warn() {}, error() {} },
    // Statuses the elements watch are read from the emulators often, so a payment shows quickly.
    env: { PAYLINK_REFRESH_INTERVAL_MS: '500', PAYLINK_NUDGE_FLOOR_MS: '0' },
  });
  const target = new URL(stack.proxyUrl);

  // The gate: forwards every request (streams included) to the proxy while open; while closed it
  // drops connections, as an unreachable proxy would.
  let open = true;
  /** Requests that reached the gate while it was closed. */
  let refused = 0;
  const sockets = new Set<Socket>();
  const gate = createServer((req, res) => {
    if (!open) {
      refused++;
      return req.socket.destroy();
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  gate.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const gatePort = await listening(gate);
  const proxyUrl = `http://localhost:${gatePort}`;

  const merchant = (path: string, init: RequestInit = {}) =>
    fetch(stack.proxyUrl + path, {
      ...init,
      headers: {
        authorization: `Bearer ${stack.apiKey}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  /** Links created through the control server, for settling their payments. */
  const created = new Map<string, MerchantLinkView>();

  const routes: Record<
    string,
    (req: IncomingMessage, match: RegExpMatchArray) => Promise<[number, unknown]>
  > = {
    // Creates a link (the body of POST /v1/links) with the development key.
    'POST /links': async (req) => {
      const response = await merchant('/v1/links', {
        method: 'POST',
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: await body(req),
      });
      const answer = (await response.json()) as MerchantLinkView;
      if (response.status === 201) created.set(answer.id, answer);
      return [response.status, answer];
    },
    // Settles a payment at the link's emulator exactly as its checkout page would.
    'POST /links/(pl_\\w+)/pay': async (req, match) => {
      const found = created.get(match[1]!);
      if (!found) return [404, { error: 'no such link' }];
      const { outcome } = JSON.parse((await body(req)) || '{}') as { outcome?: string };
      const emulator = stack.emulators[found.provider]!;
      const response = await fetch(`${emulator.url}/_emulator/links/${found.providerRef}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: outcome ?? 'approved' }),
      });
      return [response.status, await response.text()];
    },
    // Disables a link (at its provider, then locally) with the development key.
    'POST /links/(pl_\\w+)/disable': async (_req, match) => {
      const response = await merchant(`/v1/links/${match[1]}/disable`, { method: 'POST' });
      return [response.status, await response.json()];
    },
    // A merchant key the test page may use (its origin allowed), for <pay-link-form> tests.
    'POST /page-key': async (req) => {
      const origin = req.headers.origin ?? '';
      const { key } = await createApiKey(stack.proxy.store, {
        name: 'element tests',
        allowedOrigins: [origin],
      });
      return [201, { apiKey: key }];
    },
    // What a provider's emulator received (method, path, parsed body), newest last.
    'GET /emulators/(\\w+)/requests': async (_req, match) => {
      const emulator = stack.emulators[match[1]!];
      return emulator ? [200, emulator.emulator.control.requests] : [404, { error: 'no such emulator' }];
    },
    // Closes or opens the gate (closing also cuts the connections already open).
    'POST /gate/(open|closed)': async (_req, match) => {
      open = match[1] === 'open';
      if (!open) {
        refused = 0;
        for (const socket of sockets) socket.destroy();
      }
      return [204, null];
    },
    // How many requests the gate refused since it was last closed.
    'GET /gate': async () => [200, { open, refused }],
  };

  const control = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    for (const [route, handle] of Object.entries(routes)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const match = req.method === method ? path.match(new RegExp(`^${pattern}$`)) : null;
      if (!match) continue;
      const [status, answer] = await handle(req, match);
      res.writeHead(status, { 'content-type': 'application/json' });
      return res.end(
        answer === null ? undefined : typeof answer === 'string' ? answer : JSON.stringify(answer),
      );
    }
    res.writeHead(404).end();
  });
  const controlPort = await listening(control);

  return {
    proxyUrl,
    controlUrl: `http://localhost:${controlPort}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([gate, control].map((s) => new Promise((resolve) => s.close(resolve))));
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
