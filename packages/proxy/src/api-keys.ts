import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyRecord, LinkStore } from './store/store.ts';

const PREFIX = 'plk_';

/** What a key may do. `admin` may do everything, for every owner. */
export const Scope = {
  LinksRead: 'links:read',
  LinksWrite: 'links:write',
  WebhooksManage: 'webhooks:manage',
  Admin: 'admin',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export const SCOPES: readonly Scope[] = Object.values(Scope);

/** A merchant's everyday key: its own links and endpoints, no key management. */
export const DEFAULT_SCOPES: readonly Scope[] = [Scope.LinksRead, Scope.LinksWrite, Scope.WebhooksManage];

export function hasScope(key: Pick<ApiKeyRecord, 'scopes'>, scope: Scope): boolean {
  return key.scopes.includes(Scope.Admin) || key.scopes.includes(scope);
}

/** The owner whose records a key sees: undefined (everyone's) for an admin key. */
export function visibleOwner(key: Pick<ApiKeyRecord, 'scopes' | 'owner'>): string | undefined {
  return key.scopes.includes(Scope.Admin) ? undefined : key.owner;
}

/** Whether a key may see a record owned by `owner`. */
export function mayAccess(key: Pick<ApiKeyRecord, 'scopes' | 'owner'>, owner: string | null): boolean {
  return key.scopes.includes(Scope.Admin) || owner === key.owner;
}

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
  options: {
    name: string;
    allowedOrigins?: string[];
    key?: string;
    scopes?: readonly Scope[];
    group?: string;
  },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = options.key ?? generateApiKey();
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const record: ApiKeyRecord = {
    id,
    name: options.name,
    owner: options.group ? `group:${options.group}` : id,
    scopes: [...(options.scopes ?? DEFAULT_SCOPES)],
    hash: hashApiKey(key),
    allowedOrigins: options.allowedOrigins ?? [],
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await store.insertApiKey(record);
  return { key, record };
}

/** Makes sure a known key exists (the development key, an admin): stores it if its hash is new. */
export async function ensureApiKey(store: LinkStore, key: string, name: string): Promise<ApiKeyRecord> {
  const existing = await store.findApiKeyByHash(hashApiKey(key));
  if (existing) return existing;
  return (await createApiKey(store, { name, key, scopes: [Scope.Admin] })).record;
}
