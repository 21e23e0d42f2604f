// Scale: a proxy holding many stored links (100,000 by default), on SQLite and on PostgreSQL side
// by side: create throughput through the API against the emulator, then status lookups of random
// links (req/s, p50/p99) and the proxy's resident memory.
// `node bench/scale.ts [--links=100000] [--stores=sqlite,postgres] [--duration=10]`
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { newPublicLinkId } from '../packages/proxy/src/ids.ts';
import { LINK_COLUMNS, type LinkRow, linkToRow, rowToLink } from '../packages/proxy/src/store/rows.ts';
import type { StoredLink } from '../packages/proxy/src/store/store.ts';
import { describeStatuses, load } from './lib/load.ts';
import { type BenchOptions, fmt, runStandalone, type Section } from './lib/report.ts';
import { linkRequest, type System, startSystem } from './lib/system.ts';

/** Budgets from the issue: lookup p99 and the proxy's RSS with 100,000 stored links. */
export const LOOKUP_P99_BUDGET_MS = 5;
export const RSS_BUDGET_MIB = 200;

const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

/**
 * Rows shaped exactly as the proxy stores a created link (`template`), with fresh public ids and
 * provider refs: filling 100,000 links through the API would take minutes per store, and the
 * create path is measured on its own first.
 */
function seedRows(template: StoredLink, count: number, offset: number): LinkRow[] {
  const rows: LinkRow[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    rows.push(
      linkToRow({
        ...template,
        id: newPublicLinkId(),
        providerRef: `seed-${n}`,
        reference: `SEED-${n}`,
        description: `Seeded invoice ${n}`,
      }),
    );
  }
  return rows;
}

interface Store {
  name: string;
  env: Record<string, string>;
  /** Loads the template link back from the store, adds `count` seeded links, lists every id. */
  seed(system: System, templateId: string, count: number): Promise<string[]>;
  close(): Promise<void>;
}

function sqliteStore(): Store {
  return {
    name: 'SQLite (WAL, file)',
    env: {},
    async seed(system, templateId, count) {
      const db = new Database(join(system.dataDir, 'paylink.sqlite'));
      db.pragma('busy_timeout = 5000');
      try {
        const template = rowToLink(db.prepare('SELECT * FROM links WHERE id = ?').get(templateId) as LinkRow);
        const insert = db.prepare(
          `INSERT INTO links (${LINK_COLUMNS.join(', ')}) VALUES (${LINK_COLUMNS.map((c) => `@${c}`).join(', ')})`,
        );
        const batch = db.transaction((rows: LinkRow[]) => {
          for (const row of rows) insert.run(row);
        });
        for (let done = 0; done < count; done += 10_000)
          batch(seedRows(template, Math.min(10_000, count - done), done));
        return (db.prepare('SELECT id FROM links').all() as Array<{ id: string }>).map((r) => r.id);
      } finally {
        db.close();
      }
    },
    async close() {},
  };
}

async function postgresStore(url: string): Promise<Store> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: scoped.toString() },
    async seed(_system, templateId, count) {
      const client = new pg.Client({ connectionString: scoped.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<LinkRow>('SELECT * FROM links WHERE id = $1', [templateId]);
        const template = rowToLink(rows[0]!);
        for (let done = 0; done < count; done += 1000) {
          const batch = seedRows(template, Math.min(1000, count - done), done);
          const values: unknown[] = [];
          const tuples = batch.map((row, r) => {
            for (const column of LINK_COLUMNS) values.push(row[column]);
            return `(${LINK_COLUMNS.map((_, c) => `$${r * LINK_COLUMNS.length + c + 1}`).join(', ')})`;
          });
          await client.query(
            `INSERT INTO links (${LINK_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
            values,
          );
        }
        await client.query('ANALYZE links');
        return (await client.query<{ id: string }>('SELECT id FROM links')).rows.map((r) => r.id);
      } finally {
        await client.end();
      }
    },
    async close() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function measureStore(store: Store, options: BenchOptions): Promise<Section['rows'][number]> {
  // Signed-webhook provider with the safety net off: lookups measure the proxy and its store, never the provider.
  const system = await startSystem({
    providers: ['placetopay'],
    env: { PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0', ...store.env },
  });
  try {
    const proxyUrl = system.proxyUrl.replace('localhost', '127.0.0.1');
    const template = await system.createLink(linkRequest('placetopay'));
    const rssStart = system.rss();

    // 1. Create throughput through the API (each create is a real call to the emulator).
    const creates = await load({
      url: `${proxyUrl}/v1/links`,
      method: 'POST',
      headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(linkRequest('placetopay', 1)),
      connections: Math.min(options.connections, 16),
      duration: options.duration,
    });
    const created = (creates.statuses['201'] ?? 0) + 1;

    // 2. Fill up to the target with rows shaped like the created ones.
    const seedStarted = Date.now();
    const ids = await store.seed(system, template.id, Math.max(0, options.links - created));
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const rssIdle = system.rss();

    // 3. Status lookups of random links among all of them.
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    const lookups = await load({
      url: `${proxyUrl}/v1/links/${pick()}/status`,
      connections: options.connections,
      duration: options.duration,
      warmup: options.quick ? 1 : 2,
      setupRequest: (request) => ({ ...request, path: `/v1/links/${pick()}/status` }),
    });
    const rssAfter = system.rss();
    // The same lookups one at a time: the lookup itself, without 50 connections queueing for one core.
    const single = await load({
      url: `${proxyUrl}/v1/links/${pick()}/status`,
      connections: 1,
      duration: Math.max(1, options.duration / 2),
      setupRequest: (request) => ({ ...request, path: `/v1/links/${pick()}/status` }),
    });
    const problems = [creates, lookups]
      .filter(
        (r, i) => r.errors || Object.keys(r.statuses).some((code) => code !== (i === 0 ? '201' : '200')),
      )
      .map((r) => `${describeStatuses(r.statuses)} ${r.errors} errors`);
    return [
      store.name,
      fmt(ids.length),
      `${fmt(creates.rps)} (p99 ${fmt(creates.p99)} ms)`,
      fmt(lookups.rps),
      fmt(lookups.p50),
      fmt(lookups.p99),
      `${fmt(single.p50)} / ${fmt(single.p99)}`,
      `${mib(rssStart)} → ${mib(rssIdle)} → ${mib(rssAfter)}`,
      `p99 ${lookups.p99 <= LOOKUP_P99_BUDGET_MS ? 'ok' : 'OVER'} (1 connection: ${single.p99 <= LOOKUP_P99_BUDGET_MS ? 'ok' : 'OVER'}), RSS ${rssAfter <= RSS_BUDGET_MIB * 2 ** 20 ? 'ok' : 'OVER'}`,
      problems.length
        ? `unexpected: ${problems.join('; ')}`
        : `seeded ${fmt(ids.length - created)} in ${fmt(seedSeconds, 1)} s`,
    ];
  } finally {
    await system.stop();
  }
}

export async function run(options: BenchOptions): Promise<Section[]> {
  const rows: Section['rows'] = [];
  const notes: string[] = [];
  for (const name of options.stores) {
    let store: Store;
    if (name === 'sqlite') store = sqliteStore();
    else if (name === 'postgres') {
      try {
        store = await postgresStore(options.databaseUrl);
      } catch (error) {
        rows.push([
          'PostgreSQL',
          'skipped',
          ...Array<string>(7).fill(''),
          `unreachable: ${error instanceof Error ? error.message : error}`,
        ]);
        continue;
      }
    } else throw new Error(`unknown store ${name} (sqlite, postgres)`);
    try {
      rows.push(await measureStore(store, options));
    } finally {
      await store.close();
    }
  }
  notes.push(
    `Creates: POST /v1/links with autocannon (${Math.min(options.connections, 16)} connections, ${options.duration} s), each a real create at the Placetopay emulator (same machine, core 1).`,
    'The rest of the links are inserted straight into the store as rows shaped like the created ones (same columns, fresh ids), so 100,000 links do not take minutes per store.',
    `Lookups: GET /v1/links/{random id}/status over every stored link, ${options.connections} connections, ${options.duration} s; PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS=0 so no lookup reaches the provider.`,
    'RSS of the proxy process: after start-up → after creates and seeding → after the lookups. PostgreSQL runs on this machine too (its CPU is not pinned).',
    `1 connection: the same random lookups one at a time for ${fmt(Math.max(1, options.duration / 2))} s, so the latency is the lookup's own rather than the queue of ${options.connections} connections on one core.`,
  );
  return [
    {
      title: `Scale (${fmt(options.links)} stored links)`,
      columns: [
        'store',
        'links',
        'creates/s via API',
        'lookup req/s',
        'p50 ms',
        'p99 ms',
        '1 connection: p50 / p99 ms',
        'proxy RSS',
        `budget: p99 ≤ ${LOOKUP_P99_BUDGET_MS} ms, RSS ≤ ${RSS_BUDGET_MIB} MiB`,
        'notes',
      ],
      rows,
      notes,
    },
  ];
}

await runStandalone(import.meta, run);
