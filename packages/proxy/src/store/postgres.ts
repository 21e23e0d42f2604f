import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StatusHub } from '../hub.ts';
import { TUNABLES } from '../tunables.ts';
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

/** The channel every instance LISTENs on; payload `<linkId>:<version>:<instanceId>`. */
export const STATUS_CHANNEL = 'paylink_status';

export interface PostgresStoreOptions {
  /**
   * Schema to keep the tables in (created if missing), set as `search_path` on every connection.
   * Lower-case letters, digits and `_` only. Default: the server's own `search_path`.
   */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The shared store for several proxy instances: one PostgreSQL database, a connection pool, and a
 * dedicated LISTEN connection that feeds status changes made by other instances into the local hub.
 */
export class PostgresStore implements LinkStore {
  readonly kind = 'postgres' as const;
  /** Random per store; lets the listener skip its own notifications (the writer already published them). */
  readonly instanceId: string = randomBytes(8).toString('hex');
  readonly #pool: pg.Pool;
  readonly #clientConfig: pg.ClientConfig;
  #hub: StatusHub | null = null;
  #listener: pg.Client | null = null;
  #listening: Promise<void> | null = null;
  #resolveListening: (() => void) | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #reconnectDelay: number = TUNABLES.listenReconnectMinMs;
  #closed = false;

  private constructor(clientConfig: pg.ClientConfig) {
    this.#clientConfig = clientConfig;
    this.#pool = new pg.Pool(clientConfig);
    // An idle pooled connection that dies (server restart, network) is dropped by the pool; without a
    // listener the 'error' event would crash the process. The next query opens a fresh connection.
    this.#pool.on('error', () => {});
  }

  /** Opens a pool on `url` and brings the schema up to date (safe when several instances start at once). */
  static async connect(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const config: pg.ClientConfig = { connectionString: url };
    if (options.schema !== undefined) {
      if (!SCHEMA_NAME.test(options.schema))
        throw new Error(`invalid PostgreSQL schema name: ${options.schema}`);
      // pg lets the URL's own `options` parameter override ours; refuse rather than silently lose one.
      if (new URL(url).searchParams.has('options')) {
        throw new Error('give the schema either as the `schema` option or in the URL `options`, not both');
      }
      // A startup parameter, so every pooled connection (and the listener) gets it before its first query.
      config.options = `-c search_path=${options.schema}`;
    }
    const store = new PostgresStore(config);
    try {
      await store.#migrate(options.schema);
    } catch (error) {
      await store.#pool.end();
      throw error;
    }
    return store;
  }

  async #migrate(schema: string | undefined): Promise<void> {
    const client = await this.#pool.connect();
    // Session-level advisory lock: concurrent starters wait here, then find the migrations applied.
    // Keyed by schema so isolated schemas (tests) do not wait for each other.
    const lockKey = createHash('sha256')
      .update(`paylink.migrations:${schema ?? ''}`)
      .digest()
      .readBigInt64BE(0)
      .toString();
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
      try {
        if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const applied = new Set(rows.map((row) => Number(row.version)));
        for (const migration of migrations) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migrationSql(migration, 'postgres'));
            await client.query(
              'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
              [migration.version, migration.name, new Date().toISOString()],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]);
      }
      client.release();
    } catch (error) {
      // Destroy rather than return a connection whose lock or transaction state is unknown.
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * Feeds status changes made by OTHER instances into `hub` (the proxy calls this once after creating
   * it). Resolves once the LISTEN is active; never rejects: a failed connection is retried with backoff.
   */
  attachHub(hub: StatusHub): Promise<void> {
    this.#hub = hub;
    if (!this.#listening) {
      this.#listening = new Promise<void>((resolve) => {
        this.#resolveListening = resolve;
      });
      this.#listen();
    }
    return this.#listening;
  }

  #listen(): void {
    if (this.#closed) {
      this.#resolveListening?.();
      return;
    }
    const client = new pg.Client({
      ...this.#clientConfig,
      application_name: `paylink-listener:${this.instanceId}`,
    });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (this.#listener === client) this.#listener = null;
      client.end().catch(() => {});
      if (this.#closed) return;
      // Notifications sent while disconnected are lost; waiters then time out and re-read the store.
      this.#reconnectTimer = setTimeout(() => {
        this.#reconnectTimer = null;
        this.#listen();
      }, this.#reconnectDelay);
      this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, TUNABLES.listenReconnectMaxMs);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel !== STATUS_CHANNEL || !message.payload) return;
      const change = parseNotification(message.payload);
      if (change && change.instanceId !== this.instanceId) {
        this.#hub?.publish({ linkId: change.linkId, version: change.version });
      }
    });
    this.#listener = client;
    client
      .connect()
      .then(() => client.query(`LISTEN ${STATUS_CHANNEL}`))
      .then(() => {
        if (this.#closed) {
          drop();
          return;
        }
        this.#reconnectDelay = TUNABLES.listenReconnectMinMs;
        this.#resolveListening?.();
      })
      .catch(drop);
  }

  async insertLink(link: StoredLink, nextCheckAt: string | null = null): Promise<void> {
    const row = linkToRow(link);
    await this.#pool.query(
      `INSERT INTO links (${LINK_COLUMNS.join(', ')}, next_check_at) VALUES (${LINK_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${LINK_COLUMNS.length + 1})`,
      [...LINK_COLUMNS.map((column) => row[column]), nextCheckAt],
    );
  }

  /** Runs `work` in one transaction on one pooled connection. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(error as Error);
      throw error;
    }
  }

  async getLink(id: string): Promise<StoredLink | null> {
    const { rows } = await this.#pool.query<LinkRow>('SELECT * FROM links WHERE id = $1', [id]);
    return rows[0] ? rowToLink(rows[0]) : null;
  }

  async getLinks(ids: readonly string[]): Promise<StoredLink[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query<LinkRow>('SELECT * FROM links WHERE id = ANY($1::text[])', [
      [...ids],
    ]);
    return rows.map(rowToLink);
  }

  async findByProviderRef(provider: string, providerRef: string): Promise<StoredLink | null> {
    const { rows } = await this.#pool.query<LinkRow>(
      'SELECT * FROM links WHERE provider = $1 AND provider_ref = $2',
      [provider, providerRef],
    );
    return rows[0] ? rowToLink(rows[0]) : null;
  }

  async listLinks(query: ListQuery): Promise<StoredLink[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.ownerKeyId !== undefined) {
      where.push(
        query.ownerKeyId === null ? 'owner_key_id IS NULL' : `owner_key_id = ${param(query.ownerKeyId)}`,
      );
    }
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.provider) where.push(`provider = ${param(query.provider)}`);
    if (query.after) {
      // Newest first; the cursor is the (created_at, id) of the last item already seen. created_at is
      // always a fixed-width ISO-8601 UTC string, so text order is time order under any collation.
      const created = param(query.after.createdAt);
      where.push(`(created_at < ${created} OR (created_at = ${created} AND id < ${param(query.after.id)}))`);
    }
    const sql = `SELECT * FROM links ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(query.limit)}`;
    const { rows } = await this.#pool.query<LinkRow>(sql, params);
    return rows.map(rowToLink);
  }

  async updateStatus(
    id: string,
    expectedVersion: number,
    update: StatusUpdate,
    write: StatusWrite = {},
  ): Promise<boolean> {
    // The notification is queued in the same statement (and transaction), so other instances hear
    // of the change exactly when (and only if) it commits.
    const sql = `WITH updated AS (
         UPDATE links SET status = $3, payments_count = $4, payments_limit = $5, last_payment = $6,
           version = $7, updated_at = $8, checked_at = $9, provisional = $11,
           next_check_at = CASE WHEN $12 THEN next_check_at ELSE $13 END
         WHERE id = $1 AND version = $2
         RETURNING id, version
       )
       SELECT pg_notify('${STATUS_CHANNEL}', id || ':' || version || ':' || $10) FROM updated`;
    const params = [
      id,
      expectedVersion,
      update.status,
      update.payments.count,
      update.payments.limit,
      update.lastPayment ? JSON.stringify(update.lastPayment) : null,
      update.version,
      update.updatedAt,
      update.checkedAt,
      this.instanceId,
      update.provisional ? 1 : 0,
      write.nextCheckAt === undefined,
      write.nextCheckAt ?? null,
    ];
    const events = write.events ?? [];
    if (events.length === 0) return (await this.#pool.query(sql, params)).rowCount === 1;
    return this.#transaction(async (client) => {
      if ((await client.query(sql, params)).rowCount !== 1) return false;
      await insertEvents(client, events);
      return true;
    });
  }

  async touchChecked(id: string, checkedAt: string): Promise<void> {
    await this.#pool.query('UPDATE links SET checked_at = $1 WHERE id = $2', [checkedAt, id]);
  }

  async claimDueLinks(
    provider: string,
    now: string,
    leaseUntil: string,
    limit: number,
    order: 'youngest' | 'overdue' = 'youngest',
  ): Promise<StoredLink[]> {
    // SKIP LOCKED: instances claiming at the same moment each get other rows, and each due link is
    // read by one instance once per interval (its lease, then its next check time).
    const { rows } = await this.#pool.query<LinkRow>(
      `UPDATE links SET lease_until = $3 WHERE id IN (
         SELECT id FROM links WHERE provider = $1 AND next_check_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY ${order === 'youngest' ? 'created_at DESC' : 'next_check_at ASC'} LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [provider, now, leaseUntil, limit],
    );
    return rows.map(rowToLink);
  }

  async scheduleCheck(id: string, nextCheckAt: string | null): Promise<void> {
    await this.#pool.query('UPDATE links SET next_check_at = $1, lease_until = NULL WHERE id = $2', [
      nextCheckAt,
      id,
    ]);
  }

  async dueBacklog(now: string): Promise<Record<string, number>> {
    const { rows } = await this.#pool.query<{ provider: string; n: string }>(
      'SELECT provider, COUNT(*) AS n FROM links WHERE next_check_at <= $1 GROUP BY provider',
      [now],
    );
    return Object.fromEntries(rows.map((row) => [row.provider, Number(row.n)]));
  }

  async claimIdempotencyKey(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
  ): Promise<IdempotencyRecord | null> {
    // Unlike SQLite, another instance may release the claim between our INSERT and SELECT; then the key
    // is free again and we try to take it once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.#pool.query(
        'INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [scope, key, requestHash, now],
      );
      if (inserted.rowCount === 1) return null;
      const { rows } = await this.#pool.query<{
        request_hash: string;
        response_status: number | null;
        response_body: string | null;
        created_at: string;
      }>(
        'SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const row = rows[0];
      if (row) {
        return {
          requestHash: row.request_hash,
          response:
            row.response_status === null
              ? null
              : { status: Number(row.response_status), body: row.response_body ?? '' },
          createdAt: row.created_at,
        };
      }
    }
    throw new Error(`idempotency key ${scope}/${key} keeps being claimed and released; try again`);
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void> {
    await this.#pool.query(
      'UPDATE idempotency_keys SET response_status = $1, response_body = $2 WHERE scope = $3 AND key = $4',
      [response.status, response.body, scope, key],
    );
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    await this.#pool.query(
      'DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND response_status IS NULL',
      [scope, key],
    );
  }

  async retakeIdempotencyKey(scope: string, key: string, olderThan: string, now: string): Promise<boolean> {
    const result = await this.#pool.query(
      'UPDATE idempotency_keys SET created_at = $1 WHERE scope = $2 AND key = $3 AND response_status IS NULL AND created_at < $4',
      [now, scope, key, olderThan],
    );
    return result.rowCount === 1;
  }

  async recordWebhookEvent(provider: string, eventId: string, receivedAt: string): Promise<boolean> {
    const result = await this.#pool.query(
      'INSERT INTO webhook_events (provider, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [provider, eventId, receivedAt],
    );
    return result.rowCount === 1;
  }

  async hasWebhookEvent(provider: string, eventId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      'SELECT 1 FROM webhook_events WHERE provider = $1 AND event_id = $2',
      [provider, eventId],
    );
    return rowCount === 1;
  }

  async saveWebhookEndpoint(record: WebhookEndpointRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO webhook_endpoints (id, url, events, description, secret, source, owner_key_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, description = excluded.description,
         secret = excluded.secret, source = excluded.source, deleted_at = NULL`,
      [
        record.id,
        record.url,
        JSON.stringify(record.events),
        record.description,
        record.secret,
        record.source,
        record.ownerKeyId,
        record.createdAt,
      ],
    );
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRecord[]> {
    const { rows } = await this.#pool.query<EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id',
    );
    return rows.map(rowToEndpoint);
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null> {
    const { rows } = await this.#pool.query<EndpointRow>(
      'SELECT * FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return rows[0] ? rowToEndpoint(rows[0]) : null;
  }

  async deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const deleted = await client.query(
        'UPDATE webhook_endpoints SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL',
        [at, id],
      );
      if (deleted.rowCount !== 1) return false;
      await client.query(
        "UPDATE event_deliveries SET state = 'canceled', next_attempt_at = NULL WHERE endpoint_id = $1 AND state = 'pending'",
        [id],
      );
      return true;
    });
  }

  async listEvents(query: EventQuery): Promise<StoredEvent[]> {
    const params: unknown[] = [query.afterSeq ?? 0];
    const where = ['seq > $1'];
    if (query.ownerKeyId !== undefined)
      where.push(
        query.ownerKeyId === null
          ? 'owner_key_id IS NULL'
          : `owner_key_id = $${params.push(query.ownerKeyId)}`,
      );
    if (query.type) where.push(`type = $${params.push(query.type)}`);
    if (query.linkId) where.push(`link_id = $${params.push(query.linkId)}`);
    const { rows } = await this.#pool.query<EventRow>(
      `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.push(query.limit)}`,
      params,
    );
    return rows.map(rowToEvent);
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const { rows } = await this.#pool.query<EventRow>('SELECT * FROM events WHERE id = $1', [id]);
    return rows[0] ? rowToEvent(rows[0]) : null;
  }

  async listDeliveries(eventId: string): Promise<DeliveryRecord[]> {
    const [deliveries, attempts] = await Promise.all([
      this.#pool.query<DeliveryRow>(
        `SELECT d.event_id, d.endpoint_id, e.url, d.state, d.next_attempt_at, d.give_up_at
         FROM event_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.event_id = $1 ORDER BY d.created_at, d.endpoint_id`,
        [eventId],
      ),
      this.#pool.query<AttemptRow>(
        'SELECT endpoint_id, at, status, error, duration_ms FROM delivery_attempts WHERE event_id = $1 ORDER BY attempt',
        [eventId],
      ),
    ]);
    return rowsToDeliveries(deliveries.rows, attempts.rows);
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.#pool.query<{
      event_id: string;
      endpoint_id: string;
      attempts: number;
      give_up_at: string;
    }>(
      `UPDATE event_deliveries SET lease_until = $2 WHERE (event_id, endpoint_id) IN (
         SELECT d.event_id, d.endpoint_id FROM event_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
           AND NOT EXISTS (SELECT 1 FROM event_deliveries earlier WHERE earlier.state = 'pending'
             AND earlier.endpoint_id = d.endpoint_id AND earlier.link_id = d.link_id AND earlier.event_seq < d.event_seq)
         ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING event_id, endpoint_id, attempts, give_up_at`,
      [now, leaseUntil, limit],
    );
    if (rows.length === 0) return [];
    const [events, endpoints] = await Promise.all([
      this.#pool.query<EventRow>('SELECT * FROM events WHERE id = ANY($1::text[])', [
        rows.map((r) => r.event_id),
      ]),
      this.#pool.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ANY($1::text[])', [
        rows.map((r) => r.endpoint_id),
      ]),
    ]);
    const eventById = new Map(events.rows.map((row) => [row.id, rowToEvent(row)]));
    const endpointById = new Map(endpoints.rows.map((row) => [row.id, rowToEndpoint(row)]));
    return rows.flatMap((row) => {
      const event = eventById.get(row.event_id);
      const endpoint = endpointById.get(row.endpoint_id);
      return event && endpoint
        ? [{ event, endpoint, attempts: Number(row.attempts), giveUpAt: row.give_up_at }]
        : [];
    });
  }

  async recordDeliveryAttempt(result: AttemptResult): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `INSERT INTO delivery_attempts (event_id, endpoint_id, attempt, at, status, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          result.eventId,
          result.endpointId,
          result.attempt,
          result.at,
          result.status,
          result.error,
          Math.round(result.durationMs),
        ],
      );
      await client.query(
        `UPDATE event_deliveries SET state = $1, attempts = $2, next_attempt_at = $3, lease_until = NULL,
           delivered_at = CASE WHEN $1 = 'delivered' THEN $4 ELSE delivered_at END
         WHERE event_id = $5 AND endpoint_id = $6 AND state = 'pending'`,
        [result.state, result.attempt, result.nextAttemptAt, result.at, result.eventId, result.endpointId],
      );
      if (result.state === 'delivered') {
        await client.query(
          `UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, last_success_at = $1
           WHERE id = $2`,
          [result.at, result.endpointId],
        );
      } else {
        await client.query(
          `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
             failing_since = COALESCE(failing_since, $1), last_error = $2 WHERE id = $3`,
          [result.at, result.error ?? `HTTP ${result.status}`, result.endpointId],
        );
      }
    });
  }

  async requeueEvent(eventId: string, now: string, giveUpAt: string): Promise<number> {
    return this.#transaction(async (client) => {
      const { rows } = await client.query<EventRow>('SELECT * FROM events WHERE id = $1', [eventId]);
      const event = rows[0];
      if (!event) return 0;
      const endpoints = (
        await client.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL')
      ).rows
        .map(rowToEndpoint)
        .filter((endpoint) => endpointWants(endpoint, event));
      for (const endpoint of endpoints) {
        await client.query(
          `INSERT INTO event_deliveries (event_id, endpoint_id, event_seq, link_id, state, next_attempt_at, give_up_at, created_at)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6, $5)
           ON CONFLICT (event_id, endpoint_id) DO UPDATE SET state = 'pending', next_attempt_at = $5,
             lease_until = NULL, give_up_at = $6`,
          [eventId, endpoint.id, Number(event.seq), event.link_id, now, giveUpAt],
        );
      }
      return endpoints.length;
    });
  }

  async deliveryBacklog(): Promise<DeliveryBacklog[]> {
    const { rows } = await this.#pool.query<{ endpoint_id: string; pending: string; failed: string }>(
      `SELECT endpoint_id, SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed
       FROM event_deliveries WHERE state IN ('pending', 'failed') GROUP BY endpoint_id`,
    );
    return rows.map((row) => ({
      endpointId: row.endpoint_id,
      pending: Number(row.pending),
      failed: Number(row.failed),
    }));
  }

  async prune(before: string): Promise<PruneResult> {
    return this.#transaction(async (client) => {
      const webhookEvents = (
        await client.query('DELETE FROM webhook_events WHERE received_at < $1', [before])
      ).rowCount;
      const idempotencyKeys = (
        await client.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before])
      ).rowCount;
      const old = `SELECT id FROM events WHERE created_at < $1 AND NOT EXISTS (
        SELECT 1 FROM event_deliveries d WHERE d.event_id = events.id AND d.state = 'pending')`;
      await client.query(`DELETE FROM delivery_attempts WHERE event_id IN (${old})`, [before]);
      await client.query(`DELETE FROM event_deliveries WHERE event_id IN (${old})`, [before]);
      const events = (await client.query(`DELETE FROM events WHERE id IN (${old})`, [before])).rowCount;
      return {
        webhookEvents: webhookEvents ?? 0,
        idempotencyKeys: idempotencyKeys ?? 0,
        events: events ?? 0,
      };
    });
  }

  async insertApiKey(record: ApiKeyRecord): Promise<void> {
    await this.#pool.query(
      'INSERT INTO api_keys (id, name, owner, scopes, hash, allowed_origins, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        record.id,
        record.name,
        record.owner,
        JSON.stringify(record.scopes),
        record.hash,
        JSON.stringify(record.allowedOrigins),
        record.createdAt,
        record.revokedAt,
      ],
    );
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.#pool.query<ApiKeyRow>('SELECT * FROM api_keys WHERE hash = $1', [hash]);
    return rows[0] ? rowToApiKey(rows[0]) : null;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.#pool.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    return rows.map(rowToApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    const result = await this.#pool.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [at, id],
    );
    return result.rowCount === 1;
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    // Nobody should wait forever for a listener that will never start.
    this.#resolveListening?.();
    const listener = this.#listener;
    this.#listener = null;
    await Promise.all([listener?.end().catch(() => {}), this.#pool.end()]);
  }
}

/** The outbox inside a status change's transaction: each event and its pending deliveries. */
async function insertEvents(client: pg.PoolClient, events: readonly NewEvent[]): Promise<void> {
  const endpoints = (
    await client.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL')
  ).rows.map(rowToEndpoint);
  for (const event of events) {
    const { rows } = await client.query<{ seq: string }>(
      `INSERT INTO events (id, type, link_id, link_version, owner_key_id, created_at, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
      [event.id, event.type, event.linkId, event.linkVersion, event.ownerKeyId, event.createdAt, event.body],
    );
    for (const endpoint of endpoints) {
      if (!endpointWants(endpoint, event)) continue;
      await client.query(
        `INSERT INTO event_deliveries (event_id, endpoint_id, event_seq, link_id, state, next_attempt_at, give_up_at, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $5)`,
        [event.id, endpoint.id, Number(rows[0]!.seq), event.linkId, event.createdAt, event.giveUpAt],
      );
    }
  }
}

/** Splits `<linkId>:<version>:<instanceId>` from the right, so a colon in a link id cannot confuse it. */
function parseNotification(payload: string): { linkId: string; version: number; instanceId: string } | null {
  const last = payload.lastIndexOf(':');
  const middle = payload.lastIndexOf(':', last - 1);
  if (middle <= 0) return null;
  const version = Number(payload.slice(middle + 1, last));
  if (!Number.isSafeInteger(version)) return null;
  return { linkId: payload.slice(0, middle), version, instanceId: payload.slice(last + 1) };
}
