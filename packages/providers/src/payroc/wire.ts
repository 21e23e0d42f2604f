// Payroc's Payment Links API bodies (sections of shared/providers/payroc.md): their shapes, our request
// and share written in them, the idempotency key, and their problem parameters in our field names.
import { createHash } from 'node:crypto';
import { type CreateLinkRequest, type FieldError, toMinorUnits } from '@paylink/core';
import type { ShareRequest, ShareResult } from '../adapter.ts';
import { DAY_MS, dateIn, expiresOnFor } from './dates.ts';

/** Payroc's link states (§4). */
export const PayrocLinkStatus = {
  Active: 'active',
  Completed: 'completed',
  Deactivated: 'deactivated',
  Expired: 'expired',
} as const;
export type PayrocLinkStatus = (typeof PayrocLinkStatus)[keyof typeof PayrocLinkStatus];

/** Payroc's link types (§3.1). */
export const PayrocLinkType = { SingleUse: 'singleUse', MultiUse: 'multiUse' } as const;
export type PayrocLinkType = (typeof PayrocLinkType)[keyof typeof PayrocLinkType];

export type PayrocPaymentMethod = 'card' | 'bankTransfer';

/** `order.charge`: one flat object discriminated by `type` (§3.1). */
export type PayrocCharge =
  | { type: 'preset'; amount: number; currency: string }
  | { type: 'prompt'; currency: string };

/** Body of `POST /processing-terminals/{id}/payment-links` (§3.1). */
export interface PayrocCreateLinkBody {
  type: PayrocLinkType;
  merchantReference: string;
  order: { orderId?: string; description?: string; charge: PayrocCharge };
  authType: 'sale' | 'preAuthorization';
  paymentMethods: PayrocPaymentMethod[];
  expiresOn?: string;
  customLabels?: Array<{ element: 'paymentButton'; label: string }>;
  credentialOnFile?: { tokenize?: boolean; mitAgreement?: 'unscheduled' | 'recurring' | 'installment' };
}

/** A payment link as Payroc returns it (§3.1 response, §3.3). */
export interface PayrocPaymentLink extends PayrocCreateLinkBody {
  paymentLinkId: string;
  assets: { paymentUrl: string; paymentButton?: string };
  status: string;
  createdOn?: string;
}

export interface PayrocRecipient {
  name: string;
  email: string;
}

/** Body of `POST /payment-links/{id}/sharing-events` (§3.6). */
export interface PayrocShareBody {
  sharingMethod: 'email';
  recipients: PayrocRecipient[];
  message?: string;
  merchantCopy?: boolean;
}

/** A sharing event as Payroc returns it (§3.6). */
export interface PayrocSharingEvent extends PayrocShareBody {
  sharingEventId: string;
  dateTime: string;
}

/** Payroc's paginated list envelope (§3.2, §6). */
export interface PayrocPage<T> {
  limit: number;
  count: number;
  hasMore: boolean;
  links: Array<{ rel: string; method: string; href: string }>;
  data: T[];
}

/**
 * A card payment as `GET /payments` lists it (payroc-sdk-js `src/api/types/RetrievedPayment.ts`,
 * `PaymentOrderBase.ts`, `TransactionResult.ts`), the fields we read.
 */
export interface PayrocCardPayment {
  paymentId: string;
  processingTerminalId: string;
  order: { orderId: string; dateTime?: string; description?: string; amount: number; currency: string };
  transactionResult: {
    type?: 'sale' | 'refund' | 'preAuthorization' | 'preAuthorizationCompletion';
    status: string;
    authorizedAmount?: number;
    currency?: string;
    responseCode: string;
    responseMessage?: string;
  };
}

/**
 * A bank-transfer payment as `GET /bank-transfer-payments` lists it (payroc-sdk-js
 * `src/api/types/BankTransferPayment.ts`, `BankTransferPaymentOrderBase.ts`, `BankTransferResult.ts`).
 */
export interface PayrocBankTransferPayment {
  paymentId: string;
  processingTerminalId: string;
  order: { orderId: string; dateTime?: string; description?: string; amount: number; currency: string };
  transactionResult?: {
    type: 'payment' | 'refund' | 'unreferencedRefund' | 'accountVerification';
    status: string;
    authorizedAmount?: number;
    currency?: string;
    responseCode: string;
    responseMessage?: string;
  };
}

/** What a link's payments add up to, in our terms. */
export interface PayrocPaymentsSummary {
  /** Approved payments (card sales and pre-authorizations, bank-transfer payments). */
  approved: number;
  /** The latest attempt, approved or not. */
  last: PayrocPaymentAttempt | null;
  /** The latest approved payment. */
  lastApproved: PayrocPaymentAttempt | null;
}

/** One payment attempt, with its amount in minor units. */
export interface PayrocPaymentAttempt {
  outcome: 'approved' | 'rejected' | 'pending';
  /** `order.dateTime`, ISO 8601. */
  at: string | null;
  amount: number;
  currency: string;
  paymentId: string;
}

/** One item of a Payroc problem's `errors[]` (§3.7). */
export interface PayrocProblemItem {
  parameter?: string;
  detail?: string;
  message?: string;
}

/** Payroc's RFC 7807 error body (§3.7). */
export interface PayrocProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: PayrocProblemItem[];
}

/** How long a single-use link lives when the request names no expiry (Payroc requires one, §3.1). */
export const DEFAULT_SINGLE_USE_DAYS = 30;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for a UUID version 4, which is what Payroc's `Idempotency-Key` must be (§2, §6). */
export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}

/**
 * The `Idempotency-Key` for a create: the proxy's key itself when it is a UUID v4, otherwise a UUID v4
 * derived deterministically from it (SHA-256, version and variant bits set), so every retry of the same
 * logical create, even from another proxy process, sends the same key.
 */
export function createIdempotencyKey(key: string): string {
  if (isUuidV4(key)) return key;
  const bytes = createHash('sha256').update(`paylink:payroc:create:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Payment-method codes we accept, by the Payroc value they mean. */
const METHOD_ALIASES: Record<string, PayrocPaymentMethod> = {
  card: 'card',
  bankTransfer: 'bankTransfer',
  bank_transfer: 'bankTransfer',
  ach: 'bankTransfer',
};

export function paymentMethodFor(code: string): PayrocPaymentMethod | undefined {
  return Object.hasOwn(METHOD_ALIASES, code) ? METHOD_ALIASES[code] : METHOD_ALIASES[code.toLowerCase()];
}

/**
 * The create body for a request that passed `validateRequest`. Deterministic for a given request,
 * key and day, so a retry with the same `Idempotency-Key` sends the same body (§6: another body is a 409).
 */
export function toCreateBody(
  request: CreateLinkRequest,
  options: { idempotencyKey: string; now: Date; timeZone?: string },
): PayrocCreateLinkBody {
  const timeZone = options.timeZone ?? 'UTC';
  const type = request.usageLimit === 1 ? PayrocLinkType.SingleUse : PayrocLinkType.MultiUse;
  // merchantReference is required on both link types and orderId on single-use ones (§3.1); without
  // our `reference` both get an id derived from the idempotency key.
  const reference =
    request.reference ?? `PL-${options.idempotencyKey.replaceAll('-', '').slice(0, 16).toUpperCase()}`;
  const currency = request.amount.currency;
  const charge: PayrocCharge =
    request.amountMode === 'flexible'
      ? { type: 'prompt', currency }
      : {
          type: 'preset',
          amount: Number(toMinorUnits({ value: request.amount.value ?? '', currency })),
          currency,
        };
  const methods = request.paymentMethods?.map((code) => paymentMethodFor(code)!) ?? ['card'];
  let expiresOn = request.expiresAt ? expiresOnFor(request.expiresAt, timeZone) : undefined;
  if (!expiresOn && type === PayrocLinkType.SingleUse) {
    expiresOn = dateIn(options.now.getTime() + DEFAULT_SINGLE_USE_DAYS * DAY_MS, timeZone);
  }
  return {
    type,
    merchantReference: reference,
    order: {
      ...(type === PayrocLinkType.SingleUse ? { orderId: reference } : {}),
      description: request.description,
      charge,
    },
    authType: request.capture === 'authorize' ? 'preAuthorization' : 'sale',
    paymentMethods: [...new Set(methods)],
    ...(expiresOn ? { expiresOn } : {}),
  };
}

/** Our request field for a Payroc error `parameter` (dotted, bracketed or a JSON pointer). */
export function toOurField(parameter: string): string {
  const path = parameter
    .replace(/^\//, '')
    .replaceAll('/', '.')
    .replace(/\[(\d+)\]/g, '.$1');
  const head = path.split('.')[0] ?? '';
  if (head === 'paymentMethods' || head === 'recipients') return head;
  switch (path) {
    case 'order.charge.amount':
      return 'amount.value';
    case 'order.charge.currency':
      return 'amount.currency';
    case 'order.charge':
    case 'order.charge.type':
      return 'amountMode';
    case 'merchantReference':
    case 'order.orderId':
      return 'reference';
    case 'order.description':
      return 'description';
    case 'expiresOn':
      return 'expiresAt';
    case 'type':
      return 'usageLimit';
    case 'authType':
      return 'capture';
    default:
      return path;
  }
}

/** Field errors, in our names, from a Payroc problem's `errors[]`. */
export function fieldErrorsFrom(problem: PayrocProblem | null): FieldError[] {
  if (!problem || !Array.isArray(problem.errors)) return [];
  return problem.errors.map((item) => ({
    field: toOurField(typeof item.parameter === 'string' ? item.parameter : ''),
    message: `payroc: ${item.message ?? item.detail ?? 'invalid value'}`,
  }));
}

const NAMED_ADDRESS = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

/**
 * Payroc wants a name with every recipient (§3.6); we take `Name <email>` apart, and use the
 * address itself as the name when none is given.
 */
export function toRecipient(text: string): PayrocRecipient {
  const named = NAMED_ADDRESS.exec(text);
  if (named) return { name: named[1]?.replace(/^"|"$/g, '') || named[2]!, email: named[2]! };
  return { name: text.trim(), email: text.trim() };
}

/** The sharing-event body for our share request (§3.6). */
export function toShareBody(request: ShareRequest): PayrocShareBody {
  return {
    sharingMethod: 'email',
    recipients: request.recipients.map(toRecipient),
    ...(request.message !== undefined ? { message: request.message } : {}),
    merchantCopy: request.merchantCopy ?? false,
  };
}

/** A share as PayLink reports it, plus Payroc's message and merchant-copy flag. */
export interface PayrocShare extends ShareResult {
  message: string | null;
  merchantCopy: boolean;
}

export function toShare(event: PayrocSharingEvent): PayrocShare {
  return {
    shareId: event.sharingEventId,
    recipients: event.recipients.map((r) => r.email),
    sharedAt: event.dateTime,
    message: event.message ?? null,
    merchantCopy: event.merchantCopy ?? false,
  };
}
