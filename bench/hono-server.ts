// The framework reference for the throughput benchmark: a minimal Hono route on
// @hono/node-server answering the same bodies and ETag/304 as the proxy's status routes, and
// nothing else (no middleware, no store). The proxy's 304 path is held to ≥ 0.85× its CPU per
// request. `node bench/hono-server.ts <port> <bodies.json>` (bodies.json as for bare-server.ts)
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';

const [portText, bodiesFile] = process.argv.slice(2);
if (!portText || !bodiesFile) {
  console.error('usage: node bench/hono-server.ts <port> <bodies.json>');
  process.exit(64);
}
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, { body: string; etag: string }>;

const app = new Hono();
const answer =
  (which: { body: string; etag: string }) =>
  (c: Context): Response => {
    c.header('etag', which.etag);
    c.header('cache-control', 'no-cache');
    if (c.req.header('if-none-match') === which.etag) return c.body(null, 304);
    return c.body(which.body, 200, { 'content-type': 'application/json' });
  };
app.get('/v1/links/:id/status', answer(bodies.status!));
app.get('/v1/status', answer(bodies.batch!));

const server = serve({ fetch: app.fetch, port: Number(portText), hostname: '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
