import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PayLinkError, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@paylink/core';
import { providerDefinitions } from '@paylink/providers';
import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './client-ip.ts';
import { endpointUrlProblem } from './events/endpoint-url.ts';
import type { ConfiguredEndpoint } from './events/webhook-endpoints.ts';

/** A product sold in "buy now" mode: its price lives here, never in the page. */
export interface Product {
  provider: string;
  amount: { value: string; currency: string };
  description: string;
  title?: string;
}

export interface ProxyConfig {
  port: number;
  host: string;
  /** Public base URL of the proxy (webhook URLs, bundle URL), without trailing slash. */
  publicBaseUrl: string;
  dataDir: string;
  /** `postgres://…` or a SQLite file path. */
  databaseUrl: string;
  production: boolean;
  /** A fixed development API key (never in production). */
  devApiKey: string | null;
  /** Settings per configured provider (only providers with settings are enabled). */
  providers: Record<string, Record<string, string>>;
  /** Origins allowed to call `POST /v1/checkout` and the merchant routes from a browser. */
  allowedOrigins: string[];
  products: Record<string, Product>;
  refreshIntervalMs: number;
  webhookRefreshIntervalMs: number;
  nudgeFloorMs: number;
  /** An idempotency claim left unanswered this long (the process died) may be re-run. */
  idempotencyAbandonMs: number;
  /** How long a provider's open circuit fails fast before a trial call. */
  breakerCooldownMs: number;
  /** A provider call, retries included, that has not finished by then fails as unavailable. */
  providerDeadlineMs: number;
  /** Public requests allowed per client IP per minute (0: no limit). */
  rateLimitPerMinute: number;
  /** The reverse proxies allowed to name the client in `X-Forwarded-For` (hops or addresses). */
  trustedProxies: TrustedProxies;
  /** Where the built `paylink.js` and its chunks are. */
  bundleDir: string;
  /** The reconciler: how often it reads open links in their first hour, and how often it looks. */
  reconcileIntervalMs: number;
  reconcileSignedIntervalMs: number;
  reconcileTickMs: number;
  /** Provider reads per second allowed for each provider (the upstream budget), by provider. */
  readsPerSecond: Record<string, number>;
  defaultReadsPerSecond: number;
  /** After a link's expiry, how long a payment may still be confirmed before an open read confirms the expiry. */
  expiryGraceMs: number;
  /** Merchant events: endpoints from the file, first retry delay, receiver time-out, worker poll. */
  webhookEndpoints: ConfiguredEndpoint[];
  eventRetryBaseMs: number;
  eventTimeoutMs: number;
  eventPollMs: number;
  /** A request whose headers or body stop arriving is cut after this; long polls and streams are answers, not requests, and are exempt. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A bearer token for `/metrics` (else only loopback clients may read it). */
  metricsToken: string | null;
  /** `host:port` where `/metrics` is served on its own listener instead of the public one. */
  metricsAddr: { host: string; port: number } | null;
  /** How long notification ids, idempotency keys and delivered events are kept. */
  retentionDays: number;
  /** Notifications accepted per provider and sending address per minute (0: no limit). */
  webhookRatePerMinute: number;
}

/** A configuration problem, with one message per bad setting. */
export class ConfigError extends PayLinkError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config_invalid', `Invalid PayLink configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const productSchema = z.strictObject({
  provider: z.string(),
  amount: z.strictObject({ value: z.string(), currency: z.string().length(3) }),
  description: z.string().min(1),
  title: z.string().optional(),
});

/**
 * Whole-number settings: the configuration file's key, its environment variable, default and
 * lower bound. One table, so the file and the environment take the same settings with the same
 * bounds (the environment wins).
 */
const WHOLE_NUMBERS = {
  port: ['PAYLINK_PORT', 8787, 0],
  refreshIntervalMs: ['PAYLINK_REFRESH_INTERVAL_MS', 3000, 200],
  webhookRefreshIntervalMs: ['PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS', 60_000, 0],
  nudgeFloorMs: ['PAYLINK_NUDGE_FLOOR_MS', 1000, 0],
  idempotencyAbandonMs: ['PAYLINK_IDEMPOTENCY_ABANDON_MS', 60_000, 0],
  breakerCooldownMs: ['PAYLINK_BREAKER_COOLDOWN_MS', 10_000, 0],
  providerDeadlineMs: ['PAYLINK_PROVIDER_DEADLINE_MS', 15_000, 100],
  rateLimitPerMinute: ['PAYLINK_RATE_LIMIT_PER_MINUTE', 1200, 0],
  reconcileIntervalMs: ['PAYLINK_RECONCILE_INTERVAL_MS', 30_000, 100],
  reconcileSignedIntervalMs: ['PAYLINK_RECONCILE_SIGNED_INTERVAL_MS', 300_000, 100],
  reconcileTickMs: ['PAYLINK_RECONCILE_TICK_MS', 500, 0],
  expiryGraceMs: ['PAYLINK_EXPIRY_GRACE_MS', 600_000, 0],
  eventRetryBaseMs: ['PAYLINK_EVENT_RETRY_BASE_MS', 5000, 10],
  eventTimeoutMs: ['PAYLINK_EVENT_TIMEOUT_MS', 10_000, 100],
  eventPollMs: ['PAYLINK_EVENT_POLL_MS', 1000, 10],
  requestTimeoutMs: ['PAYLINK_REQUEST_TIMEOUT_MS', 60_000, 100],
  keepAliveTimeoutMs: ['PAYLINK_KEEP_ALIVE_TIMEOUT_MS', 5000, 100],
  retentionDays: ['PAYLINK_RETENTION_DAYS', 30, 1],
  webhookRatePerMinute: ['PAYLINK_WEBHOOK_RATE_PER_MINUTE', 600, 0],
} as const satisfies Record<string, readonly [string, number, number]>;
type WholeNumberSetting = keyof typeof WHOLE_NUMBERS;

/** Text settings: the file's key and its environment variable. */
const TEXTS = {
  host: 'PAYLINK_HOST',
  publicUrl: 'PAYLINK_PUBLIC_URL',
  databaseUrl: 'DATABASE_URL',
  trustedProxies: 'PAYLINK_TRUSTED_PROXIES',
  metricsToken: 'PAYLINK_METRICS_TOKEN',
  metricsAddr: 'PAYLINK_METRICS_ADDR',
  bundleDir: 'PAYLINK_BUNDLE_DIR',
} as const;
type TextSetting = keyof typeof TEXTS;

const fileSchema = z.strictObject({
  ...(Object.fromEntries(
    Object.entries(WHOLE_NUMBERS).map(([key, [, , min]]) => [key, z.int().min(min).optional()]),
  ) as Record<WholeNumberSetting, z.ZodOptional<z.ZodInt>>),
  ...(Object.fromEntries(Object.keys(TEXTS).map((key) => [key, z.string().optional()])) as Record<
    TextSetting,
    z.ZodOptional<z.ZodString>
  >),
  defaultReadsPerSecond: z.number().positive().optional(),
  allowedOrigins: z.array(z.url()).optional(),
  providers: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  products: z.record(z.string().regex(/^[\w.-]{1,64}$/), productSchema).optional(),
  readsPerSecond: z.record(z.string(), z.number().positive()).optional(),
  webhookEndpoints: z
    .array(
      z.strictObject({
        url: z.string(),
        events: z
          .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]))
          .min(1)
          .optional(),
        description: z.string().max(200).optional(),
        secret: z
          .string()
          .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ and at least 24 bytes in base64'),
      }),
    )
    .optional(),
});

/** `secretKey` → `SECRET_KEY`. */
export function envName(provider: string, setting: string): string {
  return `PAYLINK_${provider.toUpperCase()}_${setting.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** A provider's settings as the environment variables the proxy reads (`PAYLINK_<PROVIDER>_<SETTING>`). */
export function providerEnv(provider: string, settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]) => [envName(provider, name), value]),
  );
}

/**
 * Reads the configuration from environment variables and the optional JSON file named by
 * `PAYLINK_CONFIG`; environment variables win. Throws `ConfigError` listing every problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ProxyConfig {
  const problems: string[] = [];
  let file: z.infer<typeof fileSchema> = {};
  if (env.PAYLINK_CONFIG) {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(resolve(cwd, env.PAYLINK_CONFIG), 'utf8')));
      if (parsed.success) file = parsed.data;
      else
        problems.push(
          ...parsed.error.issues.map(
            (i) => `${env.PAYLINK_CONFIG}: ${i.path.join('.') || '(file)'} ${i.message}`,
          ),
        );
    } catch (error) {
      problems.push(
        `PAYLINK_CONFIG: cannot read ${env.PAYLINK_CONFIG} (${error instanceof Error ? error.message : error})`,
      );
    }
  }
  /** A whole-number setting: its variable, else the file's key (already checked), else the default. */
  const int = (key: WholeNumberSetting) => {
    const [name, fallback, min] = WHOLE_NUMBERS[key];
    const text = env[name];
    if (text === undefined || text === '') return file[key] ?? fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      problems.push(`${name} must be a whole number ≥ ${min} (got "${text}")`);
    return value;
  };
  /** A text setting: its variable, else the file's key. */
  const text = (key: TextSetting): string | undefined => env[TEXTS[key]] || file[key] || undefined;
  const positive = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) problems.push(`${name} must be a number > 0 (got "${text}")`);
    return value;
  };
  const production = env.NODE_ENV === 'production';
  const metricsAddr = (): { host: string; port: number } | null => {
    const address = text('metricsAddr');
    if (!address) return null;
    const match = /^(.+):(\d{1,5})$/.exec(address);
    if (!match || Number(match[2]) > 65535) {
      problems.push(`PAYLINK_METRICS_ADDR must be host:port, e.g. 127.0.0.1:9464 (got "${address}")`);
      return null;
    }
    return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
  };
  const trusted = (): TrustedProxies => {
    // PAYLINK_TRUST_PROXY=1 (before 0.2) meant one reverse proxy in front: one hop.
    const legacy = env.PAYLINK_TRUST_PROXY === '1' || env.PAYLINK_TRUST_PROXY === 'true' ? '1' : undefined;
    const parsed = parseTrustedProxies(text('trustedProxies') ?? legacy);
    if (typeof parsed === 'string') {
      problems.push(`PAYLINK_TRUSTED_PROXIES ${parsed}`);
      return null;
    }
    return parsed;
  };
  const port = int('port');
  const dataDir = resolve(cwd, env.PAYLINK_DATA_DIR || 'data');
  const publicBaseUrl = (text('publicUrl') || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicBaseUrl)) problems.push('PAYLINK_PUBLIC_URL must be an http(s) URL');

  const providers: Record<string, Record<string, string>> = {};
  for (const definition of Object.values(providerDefinitions)) {
    const settings: Record<string, string> = { ...file.providers?.[definition.name] };
    for (const setting of [{ name: 'baseUrl' }, ...definition.settings]) {
      const value = env[envName(definition.name, setting.name)];
      if (value) settings[setting.name] = value;
    }
    if (Object.keys(settings).length === 0) continue;
    const missing = [{ name: 'baseUrl', required: true }, ...definition.settings]
      .filter((s) => s.required && !settings[s.name])
      .map((s) => envName(definition.name, s.name));
    if (missing.length) problems.push(`${definition.title} is partly configured: set ${missing.join(', ')}`);
    else providers[definition.name] = settings;
  }
  for (const name of Object.keys(file.providers ?? {})) {
    if (!providerDefinitions[name])
      problems.push(
        `providers.${name}: unknown provider (known: ${Object.keys(providerDefinitions).join(', ')})`,
      );
  }

  const products = file.products ?? {};
  for (const [id, product] of Object.entries(products)) {
    if (!providerDefinitions[product.provider])
      problems.push(`products.${id}.provider: unknown provider "${product.provider}"`);
  }

  const allowedOrigins = [
    ...(file.allowedOrigins ?? []),
    ...(env.PAYLINK_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ];
  const devApiKey = env.PAYLINK_DEV_API_KEY || null;
  if (production && devApiKey)
    problems.push(
      'PAYLINK_DEV_API_KEY is refused when NODE_ENV=production; create a key with `paylink keys create`',
    );

  const config: ProxyConfig = {
    port,
    host: text('host') || '127.0.0.1',
    publicBaseUrl,
    dataDir,
    databaseUrl: text('databaseUrl') || resolve(dataDir, 'paylink.sqlite'),
    production,
    devApiKey,
    providers,
    allowedOrigins,
    products,
    refreshIntervalMs: int('refreshIntervalMs'),
    webhookRefreshIntervalMs: int('webhookRefreshIntervalMs'),
    nudgeFloorMs: int('nudgeFloorMs'),
    idempotencyAbandonMs: int('idempotencyAbandonMs'),
    breakerCooldownMs: int('breakerCooldownMs'),
    providerDeadlineMs: int('providerDeadlineMs'),
    rateLimitPerMinute: int('rateLimitPerMinute'),
    trustedProxies: trusted(),
    bundleDir: resolve(cwd, text('bundleDir') || new URL('../../elements/dist', import.meta.url).pathname),
    reconcileIntervalMs: int('reconcileIntervalMs'),
    reconcileSignedIntervalMs: int('reconcileSignedIntervalMs'),
    reconcileTickMs: int('reconcileTickMs'),
    defaultReadsPerSecond: env.PAYLINK_READS_PER_SECOND
      ? positive('PAYLINK_READS_PER_SECOND', 5)
      : (file.defaultReadsPerSecond ?? 5),
    readsPerSecond: Object.fromEntries(
      Object.keys(providerDefinitions).flatMap((name) => {
        const variable = `PAYLINK_READS_PER_SECOND_${name.toUpperCase()}`;
        const value = env[variable] ? positive(variable, 5) : file.readsPerSecond?.[name];
        return value === undefined ? [] : [[name, value]];
      }),
    ),
    expiryGraceMs: int('expiryGraceMs'),
    webhookEndpoints: file.webhookEndpoints ?? [],
    eventRetryBaseMs: int('eventRetryBaseMs'),
    eventTimeoutMs: int('eventTimeoutMs'),
    eventPollMs: int('eventPollMs'),
    requestTimeoutMs: int('requestTimeoutMs'),
    keepAliveTimeoutMs: int('keepAliveTimeoutMs'),
    metricsToken: text('metricsToken') ?? null,
    metricsAddr: metricsAddr(),
    retentionDays: int('retentionDays'),
    webhookRatePerMinute: int('webhookRatePerMinute'),
  };
  if (config.metricsToken !== null && config.metricsToken.length < 16)
    problems.push('PAYLINK_METRICS_TOKEN must be at least 16 characters');
  for (const [index, endpoint] of config.webhookEndpoints.entries()) {
    const problem = endpointUrlProblem(endpoint.url, production);
    if (problem) problems.push(`webhookEndpoints.${index}.url ${problem}`);
  }
  for (const name of Object.keys(file.readsPerSecond ?? {})) {
    if (!providerDefinitions[name]) problems.push(`readsPerSecond.${name}: unknown provider`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
