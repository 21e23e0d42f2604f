import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyRecord, LinkStore } from './store/store.ts';

const PREFIX = 'plk_';

/** The stored form of a key: SHA-256 hex (keys are long random strings, so no salt or KDF is needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key (shown once; only its hash is stored). */
export function generateApiKey(): string {
  return PREFIX + randomBytes(24).toString('base64url');
}

/** Creates and stores a key; returns the plain key, which is never stored. */
export async function createApiKey(
  store: LinkStore,
  options: { name: string; allowedOrigins?: string[]; key?: string },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = options.key ?? generateApiKey();
  const record: ApiKeyRecord = {
    id: `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    name: options.name,
    hash: hashApiKey(key),
    allowedOrigins: options.allowedOrigins ?? [],
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await store.insertApiKey(record);
  return { key, record };
}

/** Makes sure a known key exists (development key): stores it if its hash is new. */
export async function ensureApiKey(store: LinkStore, key: string, name: string): Promise<ApiKeyRecord> {
  const existing = await store.findApiKeyByHash(hashApiKey(key));
  if (existing) return existing;
  return (await createApiKey(store, { name, key })).record;
}
