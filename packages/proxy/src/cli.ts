#!/usr/bin/env node
// `paylink` command: manage API keys against the configured store.
//   paylink keys create --name <name> [--origins https://a.example,https://b.example]
//   paylink keys list
//   paylink keys revoke <key id>
//   paylink serve
import { parseArgs } from 'node:util';
import { createApiKey } from './api-keys.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openStore } from './proxy.ts';

const USAGE = `Usage:
  paylink keys create --name <name> [--origins <origin,origin>]   create a key (shown once)
  paylink keys list                                              list keys (never the keys themselves)
  paylink keys revoke <key id>                                   revoke a key
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
    options: { name: { type: 'string' }, origins: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  if (group !== 'keys' || !['create', 'list', 'revoke'].includes(action ?? '')) {
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
    if (action === 'create') {
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (!name) {
        err('keys create needs --name <name> (what the key is for, e.g. "back office")');
        return 64;
      }
      const origins =
        typeof values.origins === 'string'
          ? values.origins
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean)
          : [];
      const bad = origins.filter((o) => !/^https?:\/\/[^/]+$/.test(o));
      if (bad.length) {
        err(`--origins must be origins such as https://shop.example (got ${bad.join(', ')})`);
        return 64;
      }
      const { key, record } = await createApiKey(store, { name, allowedOrigins: origins });
      out(
        `Created API key ${record.id} (${record.name}). Store it now: it is shown only once.\n\n  ${key}\n`,
      );
      return 0;
    }
    if (action === 'list') {
      const keys = await store.listApiKeys();
      if (keys.length === 0) out('No API keys.');
      for (const k of keys)
        out(
          `${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.createdAt}  ${k.name}${k.allowedOrigins.length ? `  origins: ${k.allowedOrigins.join(', ')}` : ''}`,
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

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exit(code);
}
