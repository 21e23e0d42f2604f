import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusHub } from '../hub.ts';
import { findTestDatabase, newSchemaName } from '../testing/postgres.ts';
import { migrations } from './migrations.ts';
import { PostgresStore } from './postgres.ts';
import type { StatusUpdate, StoredLink } from './store.ts';
import { runStoreSuite } from './store-suite.ts';

const { url: databaseUrl, reason } = await findTestDatabase();
if (!databaseUrl) {
  console.warn(
    `Skipping the PostgreSQL store tests: no server reachable (${reason}). Set PAYLINK_TEST_DATABASE_URL to run them.`,
  );
}

const newSchema = newSchemaName;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl ?? undefined });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!databaseUrl)('PostgresStore', () => {
  const url = databaseUrl ?? '';
  const suiteSchema = newSchema();
  runStoreSuite(
    'postgres',
    () => PostgresStore.connect(url, { schema: suiteSchema }),
    () => dropSchema(suiteSchema),
  );

  describe('migrations', () => {
    const schema = newSchema();
    afterAll(() => dropSchema(schema));

    it('applies each migration once when several instances start at the same moment', async () => {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => PostgresStore.connect(url, { schema })),
      );
      await Promise.all(stores.map((store) => store.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>(
          `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
        );
        expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
        // The tables landed in the throwaway schema, not in public.
        const { rows: tables } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
          [schema],
        );
        expect(tables.map((row) => row.table_name)).toEqual([
          'api_keys',
          'delivery_attempts',
          'event_deliveries',
          'events',
          'idempotency_keys',
          'links',
          'schema_migrations',
          'webhook_endpoints',
          'webhook_events',
        ]);
      } finally {
        await client.end();
      }
    });

    it('refuses a schema name it would have to quote', async () => {
      await expect(PostgresStore.connect(url, { schema: 'Robert"; DROP' })).rejects.toThrow(
        /invalid PostgreSQL schema name/,
      );
    });
  });

  describe('status fan-out between instances (LISTEN/NOTIFY)', () => {
    const schema = newSchema();
    let a: PostgresStore;
    let b: PostgresStore;
    const hubA = new StatusHub();
    const hubB = new StatusHub();
    let counter = 0;

    const insertLink = async (): Promise<StoredLink> => {
      const now = new Date().toISOString();
      const link: StoredLink = {
        id: `pl_fanout_${++counter}`,
        provider: 'emulated',
        providerRef: `ref_${counter}`,
        url: 'https://checkout.example.com/p/1',
        status: 'open',
        payments: { count: 0, limit: 1 },
        lastPayment: null,
        version: 1,
        amount: { value: '10.00', currency: 'USD' },
        amountMode: 'fixed',
        flexibleAmount: null,
        title: null,
        description: 'fan-out',
        reference: null,
        customer: null,
        metadata: null,
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
        checkedAt: now,
        ownerKeyId: null,
        provisional: false,
      };
      await a.insertLink(link);
      return link;
    };
    const paid = (link: StoredLink, version = link.version + 1): StatusUpdate => ({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved', at: new Date().toISOString() },
      version,
      updatedAt: new Date().toISOString(),
      checkedAt: new Date().toISOString(),
      provisional: false,
    });

    beforeAll(async () => {
      a = await PostgresStore.connect(url, { schema });
      b = await PostgresStore.connect(url, { schema });
      await Promise.all([a.attachHub(hubA), b.attachHub(hubB)]);
    });

    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await dropSchema(schema);
    });

    it("wakes a waiter on the other instance's hub within a second", async () => {
      const link = await insertLink();
      const waiting = hubB.next(link.id, 1000);
      expect(await a.updateStatus(link.id, 1, paid(link))).toBe(true);
      expect(await waiting).toEqual({ linkId: link.id, version: 2 });
    });

    it('does not echo a change back to the instance that made it', async () => {
      const link = await insertLink();
      const own = hubA.next(link.id, 400);
      const other = hubB.next(link.id, 1000);
      expect(await a.updateStatus(link.id, 1, paid(link))).toBe(true);
      expect(await other).toEqual({ linkId: link.id, version: 2 });
      expect(await own).toBeNull();
    });

    it('announces nothing when the compare-and-set loses', async () => {
      const link = await insertLink();
      expect(await b.updateStatus(link.id, 1, paid(link))).toBe(true);
      const waiting = hubB.next(link.id, 400);
      expect(await a.updateStatus(link.id, 1, paid(link))).toBe(false);
      expect(await waiting).toBeNull();
    });

    it('reconnects its listener after the connection is killed', async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const listenerPid = async () =>
          (
            await admin.query<{ pid: number }>(
              'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
              [`paylink-listener:${b.instanceId}`],
            )
          ).rows[0]?.pid ?? null;
        const before = await listenerPid();
        expect(before).not.toBeNull();
        await admin.query('SELECT pg_terminate_backend($1)', [before]);
        let after: number | null = null;
        for (let i = 0; i < 50 && (after === null || after === before); i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          after = await listenerPid();
        }
        expect(after).not.toBeNull();
        expect(after).not.toBe(before);
        // The LISTEN is issued right after connecting; give it a moment to be registered.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const link = await insertLink();
        const waiting = hubB.next(link.id, 1000);
        expect(await a.updateStatus(link.id, 1, paid(link))).toBe(true);
        expect(await waiting).toEqual({ linkId: link.id, version: 2 });
      } finally {
        await admin.end();
      }
    });
  });
});
