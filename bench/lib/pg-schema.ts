// A throwaway PostgreSQL schema for a benchmark: created on start, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Creates a fresh schema; `url` points every connection at it (search_path). */
export async function throwawaySchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(databaseUrl);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
