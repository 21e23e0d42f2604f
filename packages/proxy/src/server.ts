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
// Bounded connections: a request whose headers or body stop arriving is cut after
// PAYLINK_REQUEST_TIMEOUT_MS (60 s), an idle keep-alive connection after PAYLINK_KEEP_ALIVE_TIMEOUT_MS
// (5 s). Long polls and event streams are exempt: those timers only cover receiving the request.
const serverOptions = {
  requestTimeout: config.requestTimeoutMs,
  headersTimeout: config.requestTimeoutMs,
  keepAliveTimeout: config.keepAliveTimeoutMs,
  connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.requestTimeoutMs / 4))),
};
const server = serve(
  { fetch: proxy.app.fetch, port: config.port, hostname: config.host, serverOptions },
  (info) => {
    log.info('proxy listening', {
      url: config.publicBaseUrl,
      port: info.port,
      store: proxy.store.kind,
      providers: proxy.engine.providers.map((p) => p.name),
    });
  },
);
const metricsServer = config.metricsAddr
  ? serve(
      {
        fetch: proxy.metricsApp.fetch,
        port: config.metricsAddr.port,
        hostname: config.metricsAddr.host,
        serverOptions,
      },
      (info) => log.info('metrics listening', { host: config.metricsAddr!.host, port: info.port }),
    )
  : null;

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
    metricsServer?.close();
    server.close(async () => {
      await proxy.close();
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
  });
}
