import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { clientIp, isLoopbackIp } from '../client-ip.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { Metrics } from '../metrics.ts';
import { openApiDocument } from '../openapi.ts';
import { ProblemError, problems } from '../problem.ts';

const BUNDLE_FILE = /^paylink(-[\w-]+)?\.js$/;

/** Bundle, API description, health and metrics. */
export function metaRoutes(deps: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const { config, store } = deps;
  const app = new Hono<AppEnv>();
  const bundleCache = new Map<string, string>();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      // Ready or not, and nothing more: which store and providers run is nobody else's business.
      return c.json({ status: 'ready' });
    } catch {
      throw new ProblemError(503, 'not-ready', 'Not ready', 'The database is not reachable.');
    }
  });
  // With PAYLINK_METRICS_ADDR the metrics live on their own listener (server.ts), not here.
  if (!config.metricsAddr) app.get('/metrics', metricsGuard(config), (c) => renderMetrics(c, deps, metrics));
  app.get('/openapi.json', (c) => {
    c.header('access-control-allow-origin', '*');
    return c.json(openApiDocument(config.publicBaseUrl));
  });

  // The script-tag bundle and its lazy chunks. Module scripts load in CORS mode, hence the header.
  // Matched as `/*` (other paths go on to the next route or the 404): a root path parameter
  // (`/:file{…}`) would keep Hono on its trie router, slower on every request, because its
  // RegExpRouter cannot combine one with the other routes.
  app.get('/*', async (c, next) => {
    const file = c.req.path.slice(1);
    if (!BUNDLE_FILE.test(file)) return next();
    let text = bundleCache.get(file);
    if (text === undefined) {
      try {
        text = await readFile(join(config.bundleDir, file), 'utf8');
      } catch {
        throw problems.notFound(`${file} (run \`npm run build\`)`);
      }
      if (config.production) bundleCache.set(file, text);
    }
    c.header('access-control-allow-origin', '*');
    // Chunk names carry a content hash; the entry keeps a stable URL, so it is revalidated.
    c.header(
      'cache-control',
      file === 'paylink.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
    );
    return c.body(text, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  return app;
}

/**
 * Who may read `/metrics` on the public listener: with `PAYLINK_METRICS_TOKEN`, a request bearing
 * it; without, only the merchant's own machine (a loopback client).
 */
function metricsGuard(config: AppDeps['config']): MiddlewareHandler<AppEnv> {
  const expected = config.metricsToken ? createHash('sha256').update(config.metricsToken).digest() : null;
  return async function metricsAccess(c, next) {
    if (expected) {
      const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected))
        throw problems.unauthorized('Send the metrics token as "Authorization: Bearer <token>".');
    } else if (!isLoopbackIp(clientIp(c, config.trustedProxies))) {
      throw new ProblemError(
        403,
        'metrics-private',
        'Metrics are private',
        'Set PAYLINK_METRICS_TOKEN (or PAYLINK_METRICS_ADDR) to read metrics from elsewhere.',
      );
    }
    await next();
  };
}

/** The Prometheus text of the proxy, the engine and the store. */
export async function renderMetrics(
  c: Context,
  { store, engine, watchers, answers }: AppDeps,
  metrics: Metrics,
): Promise<Response> {
  const [dueBacklog, deliveryBacklog, endpoints] = await Promise.all([
    store.dueBacklog(new Date().toISOString()),
    store.deliveryBacklog(),
    store.listWebhookEndpoints(),
  ]);
  const text = metrics.render({
    upstreamReads: engine.providerReads.upstreamReads,
    watchedLinks: watchers.linkCount,
    openStreams: watchers.streamCount,
    waitingPolls: watchers.pollCount,
    statusSerializations: answers.serializations,
    budgets: [...engine.budgets].map(([provider, b]) => ({
      provider,
      ratePerSecond: b.ratePerSecond,
      taken: b.taken,
    })),
    dueBacklog,
    deliveryBacklog,
    endpointFailures: endpoints.map((e) => [e.id, e.health.consecutiveFailures]),
    deliveryLatencies: engine.deliveryLatencies,
  });
  return c.text(text, 200, { 'content-type': 'text/plain; version=0.0.4' });
}

/** The metrics alone, for their own listener (`PAYLINK_METRICS_ADDR`). */
export function metricsApp(deps: AppDeps, metrics: Metrics): Hono {
  const app = new Hono();
  app.get('/metrics', (c) => renderMetrics(c, deps, metrics));
  return app;
}
