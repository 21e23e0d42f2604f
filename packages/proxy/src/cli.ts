#!/usr/bin/env node
// `paylink` command: manage API keys against the configured store.
//   paylink keys create --name <name> [--scope links:read,links:write] [--group shop] [--origins https://a.example]
//   paylink keys list
//   paylink keys revoke <key id>
//   paylink webhooks add <url> [--events link.paid,link.expired] [--description <text>]
//   paylink webhooks list
//   paylink webhooks remove <endpoint id>
//   paylink serve
import { parseArgs } from 'node:util';
import { WEBHOOK_EVENT_TYPES } from '@paylink/core';
import { createApiKey, DEFAULT_SCOPES, SCOPES, type Scope } from './api-keys.ts';
import { ConfigError, loadConfig } from './config.ts';
import { WebhookEndpoints } from './events/webhook-endpoints.ts';
import { ProblemError } from './problem.ts';
import { openStore } from './proxy.ts';
import type { LinkStore } from './store/store.ts';

const USAGE = `Usage:
  paylink keys create --name <name> [--scope <scope,scope>] [--group <name>] [--origins <origin,origin>]
                                                                 create a key (shown once); scopes: links:read,
                                                                 links:write, webhooks:manage (default: those three)
                                                                 or admin (every owner, everything); keys of one
                                                                 --group see the same links, endpoints and events
  paylink keys list                                              list keys (never the keys themselves)
  paylink keys revoke <key id>                                   revoke a key
  paylink webhooks add <url> [--events <type,type>] [--description <text>]
                                                                 add an event receiver (its secret is shown once)
  paylink webhooks list                                          list event receivers and their health
  paylink webhooks remove <endpoint id>                          remove an event receiver
  paylink serve                                                  run the proxy (same as node src/server.ts)
Configuration comes from the same environment variables as the proxy (DATABASE_URL, PAYLINK_DATA_DIR, PAYLINK_CONFIG).`;

/** Runs the command; returns the exit code. Output goes through `out`/`err` so tests can read it. */
export async function runCli(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origins: { type: 'string' },
      scope: { type: 'string' },
      group: { type: 'string' },
      events: { type: 'string' },
      description: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: false,
  });
  const [group, action, arg] = positionals;
  if (values.help || !group) {
    out(USAGE);
    return values.help ? 0 : 64;
  }
  if (group === 'serve') {
    await import('./server.ts');
    return -1; // keeps running
  }
  const known =
    (group === 'keys' && ['create', 'list', 'revoke'].includes(action ?? '')) ||
    (group === 'webhooks' && ['add', 'list', 'remove'].includes(action ?? ''));
  if (!known) {
    err(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 64;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 78;
    }
    throw error;
  }
  const store = await openStore(config);
  try {
    if (group === 'webhooks')
      return await runWebhooks(store, config.production, action!, arg, values, out, err);
    if (action === 'create') {
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (!name) {
        err('keys create needs --name <name> (what the key is for, e.g. "back office")');
        return 64;
      }
      const origins = commaList(values.origins) ?? [];
      const bad = origins.filter((o) => !/^https?:\/\/[^/]+$/.test(o));
      if (bad.length) {
        err(`--origins must be origins such as https://shop.example (got ${bad.join(', ')})`);
        return 64;
      }
      const scopes = commaList(values.scope) ?? [...DEFAULT_SCOPES];
      const unknownScopes = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (unknownScopes.length || scopes.length === 0) {
        err(
          `--scope must list scopes among ${SCOPES.join(', ')} (got ${unknownScopes.join(', ') || 'none'})`,
        );
        return 64;
      }
      const group = typeof values.group === 'string' ? values.group.trim() : undefined;
      if (group !== undefined && !/^[\w.-]{1,40}$/.test(group)) {
        err('--group must be 1–40 letters, digits, . _ -');
        return 64;
      }
      const { key, record } = await createApiKey(store, {
        name,
        allowedOrigins: origins,
        scopes: scopes as Scope[],
        group,
      });
      out(
        `Created API key ${record.id} (${record.name}; ${record.scopes.join(', ')}; owner ${record.owner}). Store it now: it is shown only once.\n\n  ${key}\n`,
      );
      return 0;
    }
    if (action === 'list') {
      const keys = await store.listApiKeys();
      if (keys.length === 0) out('No API keys.');
      for (const k of keys)
        out(
          `${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.createdAt}  ${k.name}  scopes: ${k.scopes.join(',')}  owner: ${k.owner}${k.allowedOrigins.length ? `  origins: ${k.allowedOrigins.join(', ')}` : ''}`,
        );
      return 0;
    }
    if (!arg) {
      err('keys revoke needs the key id (see `paylink keys list`)');
      return 64;
    }
    if (await store.revokeApiKey(arg, new Date().toISOString())) {
      out(`Revoked ${arg}.`);
      return 0;
    }
    err(`No active key with id ${arg}.`);
    return 1;
  } finally {
    await store.close();
  }
}

/** A `--flag a,b,c` value as a list (undefined when the flag was not given). */
function commaList(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `paylink webhooks add|list|remove`. */
async function runWebhooks(
  store: LinkStore,
  production: boolean,
  action: string,
  arg: string | undefined,
  values: Record<string, string | boolean | undefined>,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const endpoints = new WebhookEndpoints({ store, production });
  if (action === 'list') {
    const list = await endpoints.list();
    if (list.length === 0) out('No webhook endpoints.');
    for (const e of list) {
      const health = e.health.consecutiveFailures
        ? `failing (${e.health.consecutiveFailures} in a row, since ${e.health.failingSince}: ${e.health.lastError})`
        : 'healthy';
      out(
        `${e.id}  ${e.url}  ${e.events.length ? e.events.join(',') : 'all events'}  ${health}${e.source === 'config' ? '  (config file)' : ''}`,
      );
    }
    return 0;
  }
  if (!arg) {
    err(
      action === 'add'
        ? 'webhooks add needs the URL to send events to'
        : 'webhooks remove needs the endpoint id (see `paylink webhooks list`)',
    );
    return 64;
  }
  try {
    if (action === 'remove') {
      await endpoints.remove(arg);
      out(`Removed ${arg}.`);
      return 0;
    }
    const events = commaList(values.events);
    const unknown = events?.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t)) ?? [];
    if (unknown.length) {
      err(`--events: unknown event types ${unknown.join(', ')} (known: ${WEBHOOK_EVENT_TYPES.join(', ')})`);
      return 64;
    }
    const description = typeof values.description === 'string' ? values.description : undefined;
    const endpoint = await endpoints.create({ url: arg, events, description }, null);
    out(
      `Added webhook endpoint ${endpoint.id} for ${endpoint.url}. Its signing secret is shown only once:\n\n  ${endpoint.secret}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const fields = error.problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    err(fields || error.problem.detail || error.problem.title);
    return error.problem.status === 404 ? 1 : 64;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exit(code);
}
