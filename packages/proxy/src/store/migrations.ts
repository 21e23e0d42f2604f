/**
 * Schema changes, applied in order and recorded in `schema_migrations`. Never edit a released
 * migration; add a new one. The SQL is portable between SQLite and PostgreSQL.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'links, idempotency keys, webhook events, api keys',
    sql: `
CREATE TABLE links (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  provider_ref TEXT NOT NULL,
  url TEXT NOT NULL,
  status TEXT NOT NULL,
  payments_count INTEGER NOT NULL,
  payments_limit INTEGER,
  last_payment TEXT,
  version INTEGER NOT NULL,
  amount_value TEXT,
  currency TEXT NOT NULL,
  amount_mode TEXT NOT NULL,
  flexible_amount TEXT,
  title TEXT,
  description TEXT NOT NULL,
  reference TEXT,
  customer TEXT,
  metadata TEXT,
  expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  owner_key_id TEXT,
  UNIQUE (provider, provider_ref)
);
CREATE INDEX links_owner_created ON links (owner_key_id, created_at, id);
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE webhook_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (provider, event_id)
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  allowed_origins TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);`,
  },
];
