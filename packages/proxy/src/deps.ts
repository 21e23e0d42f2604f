import type { ProxyConfig } from './config.ts';
import type { StatusEngine } from './engine/status-engine.ts';
import type { StatusHub } from './hub.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { StatusAnswers } from './status-answers.ts';
import type { ApiKeyRecord, LinkStore } from './store/store.ts';
import type { Watchers } from './watchers.ts';

/** What the routes are built from. */
export interface AppDeps {
  config: ProxyConfig;
  store: LinkStore;
  engine: StatusEngine;
  hub: StatusHub;
  /** Each link's status serialised once per version, for every reader. */
  answers: StatusAnswers;
  /** The event streams and long polls held by this process. */
  watchers: Watchers;
  log: Logger;
  metrics?: Metrics;
}

/** Variables handlers share through the Hono context. */
export type AppEnv = { Variables: { apiKey: ApiKeyRecord; requestId: string } };
