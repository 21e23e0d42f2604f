import type { Money } from './money.ts';
/** The one status vocabulary every provider is mapped onto (DESIGN.md, "Status model"). */
export const LinkStatus = {
  Open: 'open',
  Pending: 'pending',
  Paid: 'paid',
  Expired: 'expired',
  Disabled: 'disabled',
} as const;
export type LinkStatus = (typeof LinkStatus)[keyof typeof LinkStatus];

export const LINK_STATUSES: readonly LinkStatus[] = /* @__PURE__ */ Object.values(LinkStatus);

/** Statuses a link never leaves. */
export const FINAL_STATUSES: ReadonlySet<LinkStatus> = /* @__PURE__ */ new Set([
  LinkStatus.Paid,
  LinkStatus.Expired,
  LinkStatus.Disabled,
]);

export function isFinalStatus(status: LinkStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function isLinkStatus(value: unknown): value is LinkStatus {
  return typeof value === 'string' && (LINK_STATUSES as readonly string[]).includes(value);
}

/** Outcome of a single payment attempt through a link. */
export const PaymentOutcome = { Approved: 'approved', Rejected: 'rejected', Pending: 'pending' } as const;
export type PaymentOutcome = (typeof PaymentOutcome)[keyof typeof PaymentOutcome];

/** How many approved payments a link has taken, and its cap (null: unlimited). */
export interface PaymentsSummary {
  count: number;
  limit: number | null;
}

/** The latest payment attempt through a link. */
export interface LastPayment {
  outcome: PaymentOutcome;
  at: string | null;
  /** What was paid or attempted, where the provider states it (Placetopay, Payroc); absent otherwise. */
  amount?: Money;
}

/** What a provider (or the local clock) says about a link right now. */
export interface StatusSnapshot {
  status: LinkStatus;
  payments: PaymentsSummary;
  lastPayment: LastPayment | null;
}

/** A stored link's status with its version (the ETag). */
export interface VersionedStatus extends StatusSnapshot {
  version: number;
}

/**
 * Applies what was observed to the stored state under the monotonic rule: a final status never
 * changes, the payment count never goes down, and any real change bumps the version.
 * Returns the current state unchanged (same object) when nothing changed.
 */
export function applySnapshot<T extends VersionedStatus>(current: T, observed: StatusSnapshot): T {
  if (isFinalStatus(current.status)) return current;
  const payments: PaymentsSummary = {
    count: Math.max(current.payments.count, observed.payments.count),
    limit: observed.payments.limit ?? current.payments.limit,
  };
  const lastPayment = observed.lastPayment ?? current.lastPayment;
  const changed =
    observed.status !== current.status ||
    payments.count !== current.payments.count ||
    payments.limit !== current.payments.limit ||
    lastPayment?.outcome !== current.lastPayment?.outcome ||
    lastPayment?.at !== current.lastPayment?.at;
  if (!changed) return current;
  return { ...current, status: observed.status, payments, lastPayment, version: current.version + 1 };
}

/** Expiry computed locally: an open or pending link past its expiry time is expired. */
export function statusAt(status: LinkStatus, expiresAt: string | null, now: Date): LinkStatus {
  if (isFinalStatus(status) || !expiresAt) return status;
  return Date.parse(expiresAt) <= now.getTime() ? LinkStatus.Expired : status;
}
