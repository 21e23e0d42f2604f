export { createApiKey, generateApiKey, hashApiKey } from './api-keys.ts';
export { type AppDeps, type AppEnv, createApp } from './app.ts';
export { ConfigError, envName, loadConfig, type Product, type ProxyConfig, providerEnv } from './config.ts';
export { StatusHub } from './hub.ts';
export { LinkService } from './link-service.ts';
export { jsonLogger, type Logger, silentLogger } from './log.ts';
export { createProxy, openStore, type PayLinkProxy } from './proxy.ts';
export { SqliteStore } from './store/sqlite.ts';
export type { LinkStore, StoredLink } from './store/store.ts';
