import type { ProxyConfig } from './config.ts';
import type { StatusEngine } from './engine/status-engine.ts';
import type { StatusHub } from './hub.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { ApiKeyRecord, LinkStore } from './store/store.ts';

/** What the routes are built from. */
export interface AppDeps {
  config: ProxyConfig;
  store: LinkStore;
  engine: StatusEngine;
  hub: StatusHub;
  log: Logger;
  metrics?: Metrics;
}

/** Variables handlers share through the Hono context. */
export type AppEnv = { Variables: { apiKey: ApiKeyRecord; requestId: string } };
