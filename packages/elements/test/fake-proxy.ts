/**
 * A small in-memory stand-in for the PayLink proxy's public read routes, for the element tests that
 * need what the real stack cannot stage on demand: any status or amount mode at once, unsafe checkout
 * URLs stored before the proxy refused them, a per-link network fault, a proxy without SSE, a request
 * log to assert sharing and batching. Its answers are core's wire types. It has no merchant routes and
 * no provider capabilities: the form, the QR images and the outage tests run against the real proxy
 * and emulators (test/real-stack.ts). Tests drive it through `/_test/`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LinkStatusView, PublicLinkView, StatusBatch, ViewBatch } from '@paylink/core';

/** A fault a test can attach to a link: drop the connection, or answer with an error status. */
export type Fault = 'network' | number | null;

interface FakeLink {
  view: PublicLinkView;
  fault: Fault;
  /** Hold `GET /v1/links/{id}` this long (to observe the loading state). */
  delayMs: number;
  /** Answer 404 on `/events`, as a proxy without SSE would. */
  noSse: boolean;
}

/** Test-only knobs accepted by `POST /_test/links/{id}` beside the view fields. */
interface Knobs {
  fault?: Fault;
  delayMs?: number;
  noSse?: boolean;
}

interface Product {
  template: Partial<PublicLinkView>;
  rateLimited: boolean;
}

/** One request the fake received, with the link ids it named. */
export interface LoggedRequest {
  method: string;
  path: string;
  search: string;
  links: string[];
  ifNoneMatch: string | null;
  status: number;
  at: number;
}

const FINAL = new Set(['paid', 'expired', 'disabled']);

export interface FakeProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the fake on a random loopback port. */
export async function startFakeProxy(): Promise<FakeProxy> {
  const links = new Map<string, FakeLink>();
  const products = new Map<string, Product>();
  const requests: LoggedRequest[] = [];
  const waiters = new Map<string, Set<() => void>>();
  const streams = new Map<string, Set<ServerResponse>>();
  let sequence = 0;

  const statusOf = (view: PublicLinkView): LinkStatusView => ({
    id: view.id,
    status: view.status,
    payments: view.payments,
    lastPayment: view.lastPayment,
    version: view.version,
    updatedAt: view.updatedAt,
    stale: false,
  });

  const newView = (id: string, patch: Partial<PublicLinkView>): PublicLinkView => {
    const now = new Date().toISOString();
    return {
      id,
      provider: 'placetopay',
      url: `https://checkout.example.com/pay/${id}`,
      status: 'open',
      amount: { value: '100000.00', currency: 'COP' },
      amountMode: 'fixed',
      flexibleAmount: null,
      title: null,
      description: 'Invoice #1042',
      expiresAt: null,
      payments: { count: 0, limit: 1 },
      lastPayment: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...patch,
    };
  };

  const changed = (id: string) => {
    const link = links.get(id);
    for (const wake of waiters.get(id) ?? []) wake();
    waiters.delete(id);
    if (!link) return;
    for (const res of streams.get(id) ?? []) {
      res.write(`id: ${link.view.version}\nevent: status\ndata: ${JSON.stringify(statusOf(link.view))}\n\n`);
      if (FINAL.has(link.view.status)) res.end();
    }
    if (FINAL.has(link.view.status)) streams.delete(id);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { title: String(error) });
    });
  });

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    const problem = status >= 400;
    res.writeHead(status, {
      ...(body === undefined
        ? {}
        : { 'content-type': problem ? 'application/problem+json' : 'application/json' }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({
    type: 'about:blank',
    title,
    status,
    ...extra,
  });

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  /** Applies a link's fault; returns true when the request was answered by it. */
  function faulted(ids: string[], req: IncomingMessage, res: ServerResponse, log: LoggedRequest): boolean {
    for (const id of ids) {
      const fault = links.get(id)?.fault;
      if (fault === 'network') {
        log.status = 0;
        req.socket.destroy();
        return true;
      }
      if (typeof fault === 'number') {
        log.status = fault;
        send(res, fault, problem(fault, 'Injected fault'));
        return true;
      }
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'etag');
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': 'authorization, content-type, if-none-match, idempotency-key',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }

    // ---- test control API ----
    let match = /^\/_test\/links\/([^/]+)$/.exec(path);
    if (match && method === 'POST') {
      const id = decodeURIComponent(match[1]!);
      const body = (await readJson(req)) as Partial<PublicLinkView> & Knobs;
      const { fault, delayMs, noSse, ...patch } = body;
      const existing = links.get(id);
      if (!existing) {
        links.set(id, {
          view: newView(id, patch),
          fault: fault ?? null,
          delayMs: delayMs ?? 0,
          noSse: noSse ?? false,
        });
      } else {
        if ('fault' in body) existing.fault = fault ?? null;
        if (delayMs !== undefined) existing.delayMs = delayMs;
        if (noSse !== undefined) existing.noSse = noSse;
        if (Object.keys(patch).length > 0) {
          existing.view = {
            ...existing.view,
            ...patch,
            version: patch.version ?? existing.view.version + 1,
            updatedAt: new Date().toISOString(),
          };
          changed(id);
        }
      }
      send(res, 200, links.get(id)!.view);
      return;
    }
    if (path === '/_test/requests' && method === 'GET') {
      const link = url.searchParams.get('link');
      send(res, 200, link ? requests.filter((r) => r.links.includes(link)) : requests);
      return;
    }
    match = /^\/_test\/products\/([^/]+)$/.exec(path);
    if (match && method === 'POST') {
      const body = (await readJson(req)) as Partial<PublicLinkView> & { rateLimited?: boolean };
      const { rateLimited, ...template } = body;
      products.set(decodeURIComponent(match[1]!), { template, rateLimited: rateLimited ?? false });
      send(res, 200, {});
      return;
    }

    // ---- the proxy's routes ----
    const log: LoggedRequest = {
      method,
      path,
      search: url.search,
      links: [],
      ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null,
      status: 200,
      at: Date.now(),
    };
    requests.push(log);
    const reply = (status: number, body?: unknown, headers?: Record<string, string>) => {
      log.status = status;
      send(res, status, body, headers);
    };

    if (path === '/v1/status' && method === 'GET') {
      const ids = (url.searchParams.get('links') ?? '').split(',').filter(Boolean);
      log.links = ids;
      if (ids.length > 100) return reply(400, problem(400, 'Too many links'));
      if (faulted(ids, req, res, log)) return;
      const statuses = ids.filter((id) => links.has(id)).map((id) => statusOf(links.get(id)!.view));
      reply(200, { statuses, notFound: ids.filter((id) => !links.has(id)) } satisfies StatusBatch);
      return;
    }

    if (path === '/v1/views' && method === 'GET') {
      const ids = (url.searchParams.get('links') ?? '').split(',').filter(Boolean);
      log.links = ids;
      if (ids.length > 100) return reply(400, problem(400, 'Too many links'));
      if (faulted(ids, req, res, log)) return;
      const found = ids.filter((id) => links.has(id)).map((id) => links.get(id)!);
      const delay = Math.max(0, ...found.map((link) => link.delayMs));
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      reply(200, {
        links: found.map((link) => link.view),
        notFound: ids.filter((id) => !links.has(id)),
        invalid: [],
      } satisfies ViewBatch);
      return;
    }

    match = /^\/v1\/links\/([^/]+)(\/status|\/events)?$/.exec(path);
    if (match && method === 'GET') {
      const id = decodeURIComponent(match[1]!);
      log.links = [id];
      if (faulted([id], req, res, log)) return;
      const link = links.get(id);
      if (!link) return reply(404, problem(404, 'Link not found', { detail: `No link ${id}` }));
      if (!match[2]) {
        if (link.delayMs) await new Promise((resolve) => setTimeout(resolve, link.delayMs));
        return reply(200, link.view);
      }
      if (match[2] === '/status') {
        const tag = () => `"${links.get(id)!.view.version}"`;
        const wait = Math.min(30, Number(url.searchParams.get('wait') ?? 0)) * 1000;
        if (wait > 0 && log.ifNoneMatch === tag() && !FINAL.has(link.view.status)) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, wait);
            const set = waiters.get(id) ?? new Set();
            waiters.set(id, set);
            set.add(done);
            req.socket.once('close', done);
            function done() {
              clearTimeout(timer);
              set.delete(done);
              resolve();
            }
          });
          if (res.destroyed) return;
        }
        if (log.ifNoneMatch === tag()) return reply(304, undefined, { etag: tag() });
        return reply(200, statusOf(links.get(id)!.view), { etag: tag() });
      }
      // Server-Sent Events: the current status first, then each change; ends after a final one.
      if (link.noSse) return reply(404, problem(404, 'Not found'));
      log.status = 200;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`id: ${link.view.version}\nevent: status\ndata: ${JSON.stringify(statusOf(link.view))}\n\n`);
      if (FINAL.has(link.view.status)) {
        res.end();
        return;
      }
      const set = streams.get(id) ?? new Set();
      streams.set(id, set);
      set.add(res);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
      req.socket.once('close', () => {
        clearInterval(heartbeat);
        set.delete(res);
      });
      return;
    }

    if (path === '/v1/checkout' && method === 'POST') {
      const body = await readJson(req);
      const sku = String(body['product'] ?? '');
      log.links = [sku];
      const product = products.get(sku);
      if (!product) return reply(404, problem(404, 'Unknown product'));
      if (product.rateLimited) return reply(429, problem(429, 'Too many requests'));
      const id = `pl_checkout${String(++sequence).padStart(9, '0')}`;
      links.set(id, { view: newView(id, { ...product.template }), fault: null, delayMs: 0, noSse: false });
      reply(201, links.get(id)!.view);
      return;
    }

    reply(404, problem(404, 'Not found'));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
