import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderAdapter, providerDefinitions } from '@paylink/providers';
import type { Hono } from 'hono';
import { ensureApiKey, generateApiKey } from './api-keys.ts';
import { type AppEnv, createApp } from './app.ts';
import type { ProxyConfig } from './config.ts';
import { StatusHub } from './hub.ts';
import { LinkService } from './link-service.ts';
import { jsonLogger, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { CircuitBreaker, guardAdapter } from './provider-guard.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { LinkStore } from './store/store.ts';

export interface PayLinkProxy {
  app: Hono<AppEnv>;
  service: LinkService;
  store: LinkStore;
  hub: StatusHub;
  /** The development API key, when one is in use (never in production). */
  devApiKey: string | null;
  close(): Promise<void>;
}

/** Opens the store named by the configuration. */
export async function openStore(config: ProxyConfig): Promise<LinkStore> {
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    const { PostgresStore } = await import('./store/postgres.ts');
    return PostgresStore.connect(config.databaseUrl);
  }
  return new SqliteStore(config.databaseUrl);
}

/** Builds every adapter the configuration enables. */
export function createAdapters(
  config: ProxyConfig,
  deps: { fetch?: typeof fetch } = {},
): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const [name, settings] of Object.entries(config.providers)) {
    const definition = providerDefinitions[name];
    if (!definition) continue;
    const breaker = new CircuitBreaker(name, { cooldownMs: config.breakerCooldownMs });
    adapters.set(name, guardAdapter(definition.createAdapter(settings, deps), breaker));
  }
  return adapters;
}

/** Assembles the proxy: store, adapters, status service and the Hono app. */
export async function createProxy(
  config: ProxyConfig,
  options: { log?: Logger; store?: LinkStore; fetch?: typeof fetch } = {},
): Promise<PayLinkProxy> {
  const log = options.log ?? jsonLogger();
  const store = options.store ?? (await openStore(config));
  const hub = new StatusHub();
  const service = new LinkService({
    store,
    hub,
    adapters: createAdapters(config, { fetch: options.fetch }),
    publicBaseUrl: config.publicBaseUrl,
    refreshIntervalMs: config.refreshIntervalMs,
    webhookRefreshIntervalMs: config.webhookRefreshIntervalMs,
    nudgeFloorMs: config.nudgeFloorMs,
    idempotencyAbandonMs: config.idempotencyAbandonMs,
    log,
  });
  (store as { attachHub?: (hub: StatusHub) => void }).attachHub?.(hub);
  let devApiKey: string | null = null;
  if (!config.production) {
    devApiKey = config.devApiKey ?? developmentKey(config.dataDir);
    await ensureApiKey(store, devApiKey, 'development');
  }
  const app = createApp({ config, store, service, hub, log, metrics: new Metrics() });
  return {
    app,
    service,
    store,
    hub,
    devApiKey,
    close: async () => {
      service.close();
      await store.close();
    },
  };
}

/** A development key kept in the data folder, so it survives restarts. */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, 'dev-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
