import type {
  AmountMode,
  Customer,
  FlexibleAmount,
  LastPayment,
  LinkStatus,
  PaymentsSummary,
} from '@paylink/core';

/** A link as the proxy keeps it. */
export interface StoredLink {
  id: string;
  provider: string;
  providerRef: string;
  url: string;
  status: LinkStatus;
  payments: PaymentsSummary;
  lastPayment: LastPayment | null;
  version: number;
  amount: { value: string | null; currency: string };
  amountMode: AmountMode;
  flexibleAmount: FlexibleAmount | null;
  title: string | null;
  description: string;
  reference: string | null;
  customer: Customer | null;
  metadata: Record<string, string> | null;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Last time the provider confirmed the status (create, read or verified notification). */
  checkedAt: string;
  /** The API key that created it (null for product checkouts). */
  ownerKeyId: string | null;
}

export type StatusUpdate = Pick<
  StoredLink,
  'status' | 'payments' | 'lastPayment' | 'version' | 'updatedAt' | 'checkedAt'
>;

export interface ListQuery {
  ownerKeyId?: string | null;
  status?: LinkStatus;
  provider?: string;
  limit: number;
  /** Opaque: `createdAt|id` of the last item of the previous page. */
  after?: { createdAt: string; id: string };
}

/** A stored answer to an idempotent request. */
export interface IdempotencyRecord {
  requestHash: string;
  /** Null while the first request is still being handled (or died mid-way). */
  response: { status: number; body: string } | null;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
  /** Origins allowed to use this key from a browser (CORS), or empty. */
  allowedOrigins: string[];
}

/**
 * The one storage interface; SQLite (embedded default) and PostgreSQL implement it.
 * Every method is atomic on its own.
 */
export interface LinkStore {
  readonly kind: 'sqlite' | 'postgres';
  insertLink(link: StoredLink): Promise<void>;
  getLink(id: string): Promise<StoredLink | null>;
  getLinks(ids: readonly string[]): Promise<StoredLink[]>;
  findByProviderRef(provider: string, providerRef: string): Promise<StoredLink | null>;
  listLinks(query: ListQuery): Promise<StoredLink[]>;
  /** Compare-and-set on `version`: writes only if the stored version is still `expectedVersion`. */
  updateStatus(id: string, expectedVersion: number, update: StatusUpdate): Promise<boolean>;
  touchChecked(id: string, checkedAt: string): Promise<void>;

  /** Claims a key; returns null when it was free (now claimed), else the existing record. */
  claimIdempotencyKey(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
  ): Promise<IdempotencyRecord | null>;
  completeIdempotencyKey(
    scope: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void>;
  /** Frees a claim whose request failed before anything happened at the provider. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  /** Re-takes a claim left pending by a crash, if it is still pending and older than `olderThan`. */
  retakeIdempotencyKey(scope: string, key: string, olderThan: string, now: string): Promise<boolean>;

  /** Records a notification id; false when it was seen before (a replay). */
  recordWebhookEvent(provider: string, eventId: string, receivedAt: string): Promise<boolean>;

  insertApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<boolean>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
