import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { Metrics } from '../metrics.ts';
import { openApiDocument } from '../openapi.ts';
import { ProblemError, problems } from '../problem.ts';

const BUNDLE_FILE = /^paylink(-[\w-]+)?\.js$/;

/** Bundle, API description, health and metrics. */
export function metaRoutes({ config, store, engine, hub }: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const bundleCache = new Map<string, string>();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ready', store: store.kind, providers: engine.providers.map((p) => p.name) });
    } catch {
      throw new ProblemError(503, 'not-ready', 'Not ready', 'The database is not reachable.');
    }
  });
  app.get('/metrics', async (c) => {
    const [dueBacklog, deliveryBacklog, endpoints] = await Promise.all([
      store.dueBacklog(new Date().toISOString()),
      store.deliveryBacklog(),
      store.listWebhookEndpoints(),
    ]);
    const text = metrics.render({
      upstreamReads: engine.providerReads.upstreamReads,
      watchedLinks: hub.watchedCount,
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
  });
  app.get('/openapi.json', (c) => {
    c.header('access-control-allow-origin', '*');
    return c.json(openApiDocument(config.publicBaseUrl));
  });

  // The script-tag bundle and its lazy chunks. Module scripts load in CORS mode, hence the header.
  app.get('/:file{paylink[\\w-]*\\.js}', async (c) => {
    const file = c.req.param('file');
    if (!BUNDLE_FILE.test(file)) throw problems.notFound(file);
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
