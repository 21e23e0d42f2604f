import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderAdapter, providerDefinitions } from '@paylink/providers';
import type { Hono } from 'hono';
import { ensureApiKey, generateApiKey } from './api-keys.ts';
import { createApp } from './app.ts';
import { ConfigError, type ProxyConfig } from './config.ts';
import type { AppEnv } from './deps.ts';
import { DEFAULT_SCHEDULE } from './engine/schedule.ts';
import { StatusEngine } from './engine/status-engine.ts';
import { countingFetch } from './engine/upstream-calls.ts';
import { StatusHub } from './hub.ts';
import { jsonLogger, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { CircuitBreaker, guardAdapter } from './provider-guard.ts';
import { metricsApp } from './routes/meta.ts';
import { StatusAnswers } from './status-answers.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { LinkStore } from './store/store.ts';
import { TUNABLES } from './tunables.ts';
import { Watchers } from './watchers.ts';

export interface PayLinkProxy {
  app: Hono<AppEnv>;
  /** `/metrics` alone, for its own listener when `PAYLINK_METRICS_ADDR` is set. */
  metricsApp: Hono;
  engine: StatusEngine;
  store: LinkStore;
  hub: StatusHub;
  /** The event streams and long polls this instance holds. */
  watchers: Watchers;
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

/** Builds every adapter the configuration enables; throws `ConfigError` naming every bad provider setting. */
export function createAdapters(
  config: ProxyConfig,
  deps: { fetch?: typeof fetch } = {},
): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  const problems: string[] = [];
  for (const [name, settings] of Object.entries(config.providers)) {
    const definition = providerDefinitions[name];
    if (!definition) continue;
    // Settings are checked once, here at start: a bad one stops the proxy with a configuration
    // error naming the provider, never a failure on the first payment.
    let created: ProviderAdapter;
    try {
      // Every request the adapter sends is counted, so reads are charged per HTTP request (upstream-calls.ts).
      created = definition.createAdapter(settings, { ...deps, fetch: countingFetch(deps.fetch) });
    } catch (error) {
      problems.push(
        `${definition.title} settings: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    const breaker = new CircuitBreaker(name, { cooldownMs: config.breakerCooldownMs });
    adapters.set(name, guardAdapter(created, breaker, undefined, config.providerDeadlineMs));
  }
  if (problems.length) throw new ConfigError(problems);
  return adapters;
}

/** Assembles the proxy: store, adapters, status service and the Hono app. */
export async function createProxy(
  config: ProxyConfig,
  options: { log?: Logger; store?: LinkStore; fetch?: typeof fetch } = {},
): Promise<PayLinkProxy> {
  const log = options.log ?? jsonLogger();
  if (config.production) refuseDevelopmentKeyFile(config.dataDir);
  const store = options.store ?? (await openStore(config));
  const hub = new StatusHub();
  const engine = new StatusEngine({
    store,
    hub,
    adapters: createAdapters(config, { fetch: options.fetch }),
    log,
    publicBaseUrl: config.publicBaseUrl,
    production: config.production,
    schedule: {
      ...DEFAULT_SCHEDULE,
      pollIntervalMs: config.reconcileIntervalMs,
      signedIntervalMs: config.reconcileSignedIntervalMs,
      graceMs: config.expiryGraceMs,
    },
    readsPerSecond: (provider) => config.readsPerSecond[provider] ?? config.defaultReadsPerSecond,
    refreshIntervalMs: config.refreshIntervalMs,
    webhookRefreshIntervalMs: config.webhookRefreshIntervalMs,
    nudgeFloorMs: config.nudgeFloorMs,
    idempotencyAbandonMs: config.idempotencyAbandonMs,
    reconcileTickMs: config.reconcileTickMs,
    retentionDays: config.retentionDays,
    delivery: {
      pollMs: config.eventPollMs,
      timeoutMs: config.eventTimeoutMs,
      retryBaseMs: config.eventRetryBaseMs,
    },
  });
  await engine.endpoints.syncConfigured(config.webhookEndpoints);
  (store as { attachHub?: (hub: StatusHub) => void }).attachHub?.(hub);
  let devApiKey: string | null = null;
  if (config.production) await revokeDevelopmentKeys(store);
  else {
    devApiKey = config.devApiKey ?? developmentKey(config.dataDir);
    await ensureApiKey(store, devApiKey, DEVELOPMENT_KEY_NAME);
  }
  const metrics = new Metrics();
  const answers = new StatusAnswers();
  hub.onEveryChange((change) => answers.forget(change.linkId));
  const watchers = new Watchers({
    hub,
    links: engine.links,
    answers,
    heartbeatMs: TUNABLES.sseHeartbeatMs,
    sweepMs: TUNABLES.longPollSweepMs,
    log,
  });
  const deps = { config, store, engine, hub, answers, watchers, log, metrics };
  const app = createApp(deps);
  engine.start();
  return {
    app,
    metricsApp: metricsApp(deps, metrics),
    engine,
    store,
    hub,
    watchers,
    devApiKey,
    close: async () => {
      watchers.close();
      await engine.close();
      await store.close();
    },
  };
}

const DEVELOPMENT_KEY_NAME = 'development';

/** In production the proxy will not start while a development key is on disk (delete the file). */
function refuseDevelopmentKeyFile(dataDir: string): void {
  const file = join(dataDir, 'dev-api-key');
  if (existsSync(file)) {
    throw new ConfigError([
      `${file} holds a development API key, which is refused when NODE_ENV=production: delete the file (create keys with \`paylink keys create\`)`,
    ]);
  }
}

/** In production a development key left in the database by an earlier run is revoked. */
async function revokeDevelopmentKeys(store: LinkStore): Promise<void> {
  const now = new Date().toISOString();
  for (const key of await store.listApiKeys()) {
    if (key.name === DEVELOPMENT_KEY_NAME && !key.revokedAt) await store.revokeApiKey(key.id, now);
  }
}

/** A development key kept in the data folder, so it survives restarts. */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, 'dev-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
