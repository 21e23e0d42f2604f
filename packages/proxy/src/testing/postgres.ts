// Finding the test PostgreSQL server: PAYLINK_TEST_DATABASE_URL, or the local one with trust
// auth (user `postgres`, else `root`, database `test`). Suites work in throwaway schemas.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const candidates = process.env.PAYLINK_TEST_DATABASE_URL
  ? [process.env.PAYLINK_TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** The first reachable server's URL, or null with the reasons each candidate failed. */
export async function findTestDatabase(): Promise<{ url: string | null; reason: string }> {
  const reasons: string[] = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return { url, reason: '' };
    } catch (error) {
      reasons.push(
        `${new URL(url).host} as ${new URL(url).username || '(default user)'}: ${(error as Error).message}`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { url: null, reason: reasons.join('; ') };
}

export const newSchemaName = (): string => `paylink_test_${randomBytes(6).toString('hex')}`;

export async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
