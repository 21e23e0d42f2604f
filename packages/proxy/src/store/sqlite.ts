import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrationSql, migrations } from './migrations.ts';
import {
  type ApiKeyRow,
  type AttemptRow,
  type DeliveryRow,
  type EndpointRow,
  type EventRow,
  endpointWants,
  LINK_COLUMNS,
  type LinkRow,
  linkToRow,
  rowsToDeliveries,
  rowToApiKey,
  rowToEndpoint,
  rowToEvent,
  rowToLink,
} from './rows.ts';
import type {
  ApiKeyRecord,
  AttemptResult,
  ClaimedDelivery,
  DeliveryBacklog,
  DeliveryRecord,
  EventQuery,
  IdempotencyRecord,
  LinkStore,
  ListQuery,
  NewEvent,
  PruneResult,
  StatusUpdate,
  StatusWrite,
  StoredEvent,
  StoredLink,
  WebhookEndpointRecord,
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
        this.#db.exec(migrationSql(migration, 'sqlite'));
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

  async insertLink(link: StoredLink, nextCheckAt: string | null = null): Promise<void> {
    const row = { ...linkToRow(link), next_check_at: nextCheckAt };
    this.#stmt(
      `INSERT INTO links (${LINK_COLUMNS.join(', ')}, next_check_at) VALUES (${LINK_COLUMNS.map((c) => `@${c}`).join(', ')}, @next_check_at)`,
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

  async updateStatus(
    id: string,
    expectedVersion: number,
    update: StatusUpdate,
    write: StatusWrite = {},
  ): Promise<boolean> {
    return this.#db.transaction(() => {
      const result = this.#stmt(
        `UPDATE links SET status = @status, payments_count = @count, payments_limit = @limit, last_payment = @lastPayment,
           version = @version, updated_at = @updatedAt, checked_at = @checkedAt, provisional = @provisional,
           next_check_at = CASE WHEN @keepSchedule = 1 THEN next_check_at ELSE @nextCheckAt END
         WHERE id = @id AND version = @expected`,
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
        provisional: update.provisional ? 1 : 0,
        keepSchedule: write.nextCheckAt === undefined ? 1 : 0,
        nextCheckAt: write.nextCheckAt ?? null,
      });
      if (result.changes !== 1) return false;
      if (write.events?.length) this.#insertEvents(write.events);
      return true;
    })();
  }

  /** The outbox: each event, and a pending delivery for every endpoint that wants it. */
  #insertEvents(events: readonly NewEvent[]): void {
    const endpoints = this.#stmt<[], EndpointRow>('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL')
      .all()
      .map(rowToEndpoint);
    for (const event of events) {
      const inserted = this.#stmt(
        `INSERT INTO events (id, type, link_id, link_version, owner_key_id, created_at, body)
         VALUES (@id, @type, @linkId, @linkVersion, @ownerKeyId, @createdAt, @body)`,
      ).run(event);
      for (const endpoint of endpoints) {
        if (!endpointWants(endpoint, event)) continue;
        this.#stmt(
          `INSERT INTO event_deliveries (event_id, endpoint_id, event_seq, link_id, state, next_attempt_at, give_up_at, created_at)
           VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
        ).run(
          event.id,
          endpoint.id,
          Number(inserted.lastInsertRowid),
          event.linkId,
          event.createdAt,
          event.giveUpAt,
          event.createdAt,
        );
      }
    }
  }

  async touchChecked(id: string, checkedAt: string): Promise<void> {
    this.#stmt('UPDATE links SET checked_at = ? WHERE id = ?').run(checkedAt, id);
  }

  async claimDueLinks(
    provider: string,
    now: string,
    leaseUntil: string,
    limit: number,
    order: 'youngest' | 'overdue' = 'youngest',
  ): Promise<StoredLink[]> {
    // One writer at a time in SQLite: the transaction alone makes the claim exclusive.
    return this.#db.transaction(() => {
      // SQLite's planner prefers links_due and sorts every due link; in age order it can stop at the limit.
      const rows = this.#stmt<[string, string, string, number], LinkRow>(
        order === 'youngest'
          ? `SELECT * FROM links INDEXED BY links_due_by_age
             WHERE provider = ? AND next_check_at IS NOT NULL AND next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
             ORDER BY created_at DESC LIMIT ?`
          : `SELECT * FROM links WHERE provider = ? AND next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
             ORDER BY next_check_at ASC LIMIT ?`,
      ).all(provider, now, now, limit);
      const lease = this.#stmt('UPDATE links SET lease_until = ? WHERE id = ?');
      for (const row of rows) lease.run(leaseUntil, row.id);
      return rows.map(rowToLink);
    })();
  }

  async scheduleCheck(id: string, nextCheckAt: string | null): Promise<void> {
    this.#stmt('UPDATE links SET next_check_at = ?, lease_until = NULL WHERE id = ?').run(nextCheckAt, id);
  }

  async dueBacklog(now: string): Promise<Record<string, number>> {
    const rows = this.#stmt<[string], { provider: string; n: number }>(
      'SELECT provider, COUNT(*) AS n FROM links WHERE next_check_at <= ? GROUP BY provider',
    ).all(now);
    return Object.fromEntries(rows.map((row) => [row.provider, Number(row.n)]));
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

  async hasWebhookEvent(provider: string, eventId: string): Promise<boolean> {
    return (
      this.#stmt('SELECT 1 FROM webhook_events WHERE provider = ? AND event_id = ?').get(
        provider,
        eventId,
      ) !== undefined
    );
  }

  async saveWebhookEndpoint(record: WebhookEndpointRecord): Promise<void> {
    this.#stmt(
      `INSERT INTO webhook_endpoints (id, url, events, description, secret, source, owner_key_id, created_at)
       VALUES (@id, @url, @events, @description, @secret, @source, @ownerKeyId, @createdAt)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, description = excluded.description,
         secret = excluded.secret, source = excluded.source, deleted_at = NULL`,
    ).run({ ...record, events: JSON.stringify(record.events) });
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    return this.#stmt<[], EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id',
    )
      .all()
      .map(rowToEndpoint);
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    const row = this.#stmt<[string], EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL',
    ).get(id);
    return row ? rowToEndpoint(row) : null;
  }

  async deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    return this.#db.transaction(() => {
      const deleted = this.#stmt(
        'UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
      ).run(at, id);
      if (deleted.changes !== 1) return false;
      this.#stmt(
        "UPDATE event_deliveries SET state = 'canceled', next_attempt_at = NULL WHERE endpoint_id = ? AND state = 'pending'",
      ).run(id);
      return true;
    })();
  }

  async listEvents(query: EventQuery): Promise<StoredEvent[]> {
    const where = ['seq > @after'];
    if (query.ownerKeyId !== undefined)
      where.push(query.ownerKeyId === null ? 'owner_key_id IS NULL' : 'owner_key_id = @owner');
    if (query.type) where.push('type = @type');
    if (query.linkId) where.push('link_id = @linkId');
    return this.#stmt<Record<string, unknown>, EventRow>(
      `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
    )
      .all({
        after: query.afterSeq ?? 0,
        owner: query.ownerKeyId,
        type: query.type,
        linkId: query.linkId,
        limit: query.limit,
      })
      .map(rowToEvent);
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const row = this.#stmt<[string], EventRow>('SELECT * FROM events WHERE id = ?').get(id);
    return row ? rowToEvent(row) : null;
  }

  async listDeliveries(eventId: string): Promise<DeliveryRecord[]> {
    const deliveries = this.#stmt<[string], DeliveryRow>(
      `SELECT d.event_id, d.endpoint_id, e.url, d.state, d.next_attempt_at, d.give_up_at
       FROM event_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.event_id = ? ORDER BY d.created_at, d.endpoint_id`,
    ).all(eventId);
    const attempts = this.#stmt<[string], AttemptRow>(
      'SELECT endpoint_id, at, status, error, duration_ms FROM delivery_attempts WHERE event_id = ? ORDER BY attempt',
    ).all(eventId);
    return rowsToDeliveries(deliveries, attempts);
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    return this.#db.transaction(() => {
      const rows = this.#stmt<
        { now: string; limit: number },
        { event_id: string; endpoint_id: string; attempts: number; give_up_at: string }
      >(
        `SELECT d.event_id, d.endpoint_id, d.attempts, d.give_up_at FROM event_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now)
           AND NOT EXISTS (SELECT 1 FROM event_deliveries earlier WHERE earlier.state = 'pending'
             AND earlier.endpoint_id = d.endpoint_id AND earlier.link_id = d.link_id AND earlier.event_seq < d.event_seq)
         ORDER BY d.next_attempt_at LIMIT @limit`,
      ).all({ now, limit });
      const lease = this.#stmt(
        'UPDATE event_deliveries SET lease_until = ? WHERE event_id = ? AND endpoint_id = ?',
      );
      const event = this.#stmt<[string], EventRow>('SELECT * FROM events WHERE id = ?');
      const endpoint = this.#stmt<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ?');
      return rows.map((row) => {
        lease.run(leaseUntil, row.event_id, row.endpoint_id);
        return {
          event: rowToEvent(event.get(row.event_id)!),
          endpoint: rowToEndpoint(endpoint.get(row.endpoint_id)!),
          attempts: Number(row.attempts),
          giveUpAt: row.give_up_at,
        };
      });
    })();
  }

  async recordDeliveryAttempt(result: AttemptResult): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt(
        `INSERT INTO delivery_attempts (event_id, endpoint_id, attempt, at, status, error, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(
        result.eventId,
        result.endpointId,
        result.attempt,
        result.at,
        result.status,
        result.error,
        result.durationMs,
      );
      this.#stmt(
        `UPDATE event_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL,
           delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
         WHERE event_id = ? AND endpoint_id = ? AND state = 'pending'`,
      ).run(
        result.state,
        result.attempt,
        result.nextAttemptAt,
        result.state,
        result.at,
        result.eventId,
        result.endpointId,
      );
      if (result.state === 'delivered') {
        this.#stmt(
          `UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, last_success_at = ?
           WHERE id = ?`,
        ).run(result.at, result.endpointId);
      } else {
        this.#stmt(
          `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
             failing_since = COALESCE(failing_since, ?), last_error = ? WHERE id = ?`,
        ).run(result.at, result.error ?? `HTTP ${result.status}`, result.endpointId);
      }
    })();
  }

  async requeueEvent(eventId: string, now: string, giveUpAt: string): Promise<number> {
    return this.#db.transaction(() => {
      const event = this.#stmt<[string], EventRow>('SELECT * FROM events WHERE id = ?').get(eventId);
      if (!event) return 0;
      const endpoints = this.#stmt<[], EndpointRow>(
        'SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL',
      )
        .all()
        .map(rowToEndpoint)
        .filter((endpoint) => endpointWants(endpoint, event));
      for (const endpoint of endpoints) {
        this.#stmt(
          `INSERT INTO event_deliveries (event_id, endpoint_id, event_seq, link_id, state, next_attempt_at, give_up_at, created_at)
           VALUES (@eventId, @endpointId, @seq, @linkId, 'pending', @now, @giveUpAt, @now)
           ON CONFLICT (event_id, endpoint_id) DO UPDATE SET state = 'pending', next_attempt_at = @now,
             lease_until = NULL, give_up_at = @giveUpAt`,
        ).run({
          eventId,
          endpointId: endpoint.id,
          seq: Number(event.seq),
          linkId: event.link_id,
          now,
          giveUpAt,
        });
      }
      return endpoints.length;
    })();
  }

  async deliveryBacklog(): Promise<DeliveryBacklog[]> {
    return this.#stmt<[], { endpoint_id: string; pending: number; failed: number }>(
      `SELECT endpoint_id, SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed
       FROM event_deliveries WHERE state IN ('pending', 'failed') GROUP BY endpoint_id`,
    )
      .all()
      .map((row) => ({
        endpointId: row.endpoint_id,
        pending: Number(row.pending),
        failed: Number(row.failed),
      }));
  }

  async prune(before: string): Promise<PruneResult> {
    return this.#db.transaction(() => {
      const webhookEvents = this.#stmt('DELETE FROM webhook_events WHERE received_at < ?').run(
        before,
      ).changes;
      const idempotencyKeys = this.#stmt('DELETE FROM idempotency_keys WHERE created_at < ?').run(
        before,
      ).changes;
      const old = `SELECT id FROM events WHERE created_at < @before AND NOT EXISTS (
        SELECT 1 FROM event_deliveries d WHERE d.event_id = events.id AND d.state = 'pending')`;
      this.#stmt(`DELETE FROM delivery_attempts WHERE event_id IN (${old})`).run({ before });
      this.#stmt(`DELETE FROM event_deliveries WHERE event_id IN (${old})`).run({ before });
      const events = this.#stmt(`DELETE FROM events WHERE id IN (${old})`).run({ before }).changes;
      return { webhookEvents, idempotencyKeys, events };
    })();
  }

  async insertApiKey(record: ApiKeyRecord): Promise<void> {
    this.#stmt(
      'INSERT INTO api_keys (id, name, owner, scopes, hash, allowed_origins, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      record.id,
      record.name,
      record.owner,
      JSON.stringify(record.scopes),
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
