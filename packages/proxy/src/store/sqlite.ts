import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.ts';
import { type ApiKeyRow, LINK_COLUMNS, type LinkRow, linkToRow, rowToApiKey, rowToLink } from './rows.ts';
import type {
  ApiKeyRecord,
  IdempotencyRecord,
  LinkStore,
  ListQuery,
  StatusUpdate,
  StoredLink,
} from './store.ts';

/** The embedded default: one SQLite file (WAL), or `:memory:` for tests. */
export class SqliteStore implements LinkStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  /** Prepared once per SQL text: preparing costs more than running a point query. */
  readonly #statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL is durable against process crashes in WAL mode (only an OS crash can lose the last commit).
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#migrate();
  }

  #migrate(): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      this.#db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((row) => row.version),
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      this.#db.transaction(() => {
        this.#db.exec(migration.sql);
        this.#db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      })();
    }
  }

  #stmt<P extends unknown[] | object = unknown[], R = unknown>(
    sql: string,
  ): Database.Statement<P extends unknown[] ? P : [P], R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P extends unknown[] ? P : [P], R>;
  }

  async insertLink(link: StoredLink): Promise<void> {
    const row = linkToRow(link);
    this.#stmt(
      `INSERT INTO links (${LINK_COLUMNS.join(', ')}) VALUES (${LINK_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ).run(row);
  }

  async getLink(id: string): Promise<StoredLink | null> {
    const row = this.#stmt<[string], LinkRow>('SELECT * FROM links WHERE id = ?').get(id);
    return row ? rowToLink(row) : null;
  }

  async getLinks(ids: readonly string[]): Promise<StoredLink[]> {
    if (ids.length === 0) return [];
    const rows = this.#stmt<string[], LinkRow>(
      `SELECT * FROM links WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ).all(...ids);
    return rows.map(rowToLink);
  }

  async findByProviderRef(provider: string, providerRef: string): Promise<StoredLink | null> {
    const row = this.#stmt<[string, string], LinkRow>(
      'SELECT * FROM links WHERE provider = ? AND provider_ref = ?',
    ).get(provider, providerRef);
    return row ? rowToLink(row) : null;
  }

  async listLinks(query: ListQuery): Promise<StoredLink[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit };
    if (query.ownerKeyId !== undefined) {
      where.push(query.ownerKeyId === null ? 'owner_key_id IS NULL' : 'owner_key_id = @owner');
      params.owner = query.ownerKeyId;
    }
    if (query.status) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.provider) {
      where.push('provider = @provider');
      params.provider = query.provider;
    }
    if (query.after) {
      // Newest first; the cursor is the (created_at, id) of the last item already seen.
      where.push('(created_at < @afterCreated OR (created_at = @afterCreated AND id < @afterId))');
      params.afterCreated = query.after.createdAt;
      params.afterId = query.after.id;
    }
    const sql = `SELECT * FROM links ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return this.#stmt<Record<string, unknown>, LinkRow>(sql).all(params).map(rowToLink);
  }

  async updateStatus(id: string, expectedVersion: number, update: StatusUpdate): Promise<boolean> {
    const result = this.#stmt(
      `UPDATE links SET status = @status, payments_count = @count, payments_limit = @limit, last_payment = @lastPayment,
         version = @version, updated_at = @updatedAt, checked_at = @checkedAt WHERE id = @id AND version = @expected`,
    ).run({
      id,
      expected: expectedVersion,
      status: update.status,
      count: update.payments.count,
      limit: update.payments.limit,
      lastPayment: update.lastPayment ? JSON.stringify(update.lastPayment) : null,
      version: update.version,
      updatedAt: update.updatedAt,
      checkedAt: update.checkedAt,
    });
    return result.changes === 1;
  }

  async touchChecked(id: string, checkedAt: string): Promise<void> {
    this.#stmt('UPDATE links SET checked_at = ? WHERE id = ?').run(checkedAt, id);
  }

  async claimIdempotencyKey(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
  ): Promise<IdempotencyRecord | null> {
    const inserted = this.#stmt(
      'INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(scope, key, requestHash, now);
    if (inserted.changes === 1) return null;
    const row = this.#stmt<
      [string, string],
      {
        request_hash: string;
        response_status: number | null;
        response_body: string | null;
        created_at: string;
      }
    >(
      'SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?',
    ).get(scope, key);
    if (!row) return null;
    return {
      requestHash: row.request_hash,
      response:
        row.response_status === null ? null : { status: row.response_status, body: row.response_body ?? '' },
      createdAt: row.created_at,
    };
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void> {
    this.#stmt(
      'UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE scope = ? AND key = ?',
    ).run(response.status, response.body, scope, key);
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    this.#stmt('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND response_status IS NULL').run(
      scope,
      key,
    );
  }

  async retakeIdempotencyKey(scope: string, key: string, olderThan: string, now: string): Promise<boolean> {
    const result = this.#stmt(
      'UPDATE idempotency_keys SET created_at = ? WHERE scope = ? AND key = ? AND response_status IS NULL AND created_at < ?',
    ).run(now, scope, key, olderThan);
    return result.changes === 1;
  }

  async recordWebhookEvent(provider: string, eventId: string, receivedAt: string): Promise<boolean> {
    const result = this.#stmt(
      'INSERT INTO webhook_events (provider, event_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(provider, eventId, receivedAt);
    return result.changes === 1;
  }

  async insertApiKey(record: ApiKeyRecord): Promise<void> {
    this.#stmt(
      'INSERT INTO api_keys (id, name, hash, allowed_origins, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      record.id,
      record.name,
      record.hash,
      JSON.stringify(record.allowedOrigins),
      record.createdAt,
      record.revokedAt,
    );
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const row = this.#stmt<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE hash = ?').get(hash);
    return row ? rowToApiKey(row) : null;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.#stmt<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at').all().map(rowToApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return (
      this.#stmt('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes === 1
    );
  }

  async ping(): Promise<void> {
    this.#stmt('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
