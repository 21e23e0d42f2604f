import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite.ts';
import { runStoreSuite } from './store-suite.ts';

// A real file (not `:memory:`), so the suite can close the store and open the same data again.
const dir = mkdtempSync(join(tmpdir(), 'paylink-sqlite-'));
const file = join(dir, 'nested', 'paylink.db');

runStoreSuite(
  'sqlite',
  async () => new SqliteStore(file),
  async () => rmSync(dir, { recursive: true, force: true }),
);
