// The Node entry: the only file that listens. `node packages/proxy/src/server.ts`
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { jsonLogger } from './log.ts';
import { createProxy } from './proxy.ts';

const log = jsonLogger();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
mkdirSync(config.dataDir, { recursive: true });
let proxy: Awaited<ReturnType<typeof createProxy>>;
try {
  proxy = await createProxy(config, { log });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
const server = serve({ fetch: proxy.app.fetch, port: config.port, hostname: config.host }, (info) => {
  log.info('proxy listening', {
    url: config.publicBaseUrl,
    port: info.port,
    store: proxy.store.kind,
    providers: proxy.engine.providers.map((p) => p.name),
  });
});

// Graceful shutdown: stop accepting, let in-flight requests finish (streams are cut after 10 s).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(
      () => (server as unknown as { closeAllConnections(): void }).closeAllConnections(),
      10_000,
    );
    force.unref();
    server.close(async () => {
      await proxy.close();
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
  });
}
