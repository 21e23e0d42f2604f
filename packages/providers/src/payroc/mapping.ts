// Pure translations between PayLink's model and Payroc's Payment Links API.
// Section numbers refer to shared/providers/payroc.md.
import { createHash } from 'node:crypto';
import {
  type CreateLinkRequest,
  type FieldError,
  LinkStatus,
  ProviderError,
  ProviderErrorKind,
  toMinorUnits,
} from '@paylink/core';
import type { ProviderLinkState, ShareRequest, ShareResult } from '../adapter.ts';

const PROVIDER = 'payroc';

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

/**
 * A card payment's outcome. `responseCode` `A` approved, `P` partially approved, `E` pending (TransactionResult.ts);
 * `declined`, `referral`, `pickup`, `expired` and a `reversal` (voided) are not payments taken
 * (inferred). Refunds and pre-authorization completions are not new payments: null.
 */
export function cardPaymentOutcome(payment: PayrocCardPayment): 'approved' | 'rejected' | 'pending' | null {
  const result = payment.transactionResult;
  if (result.type === 'refund' || result.type === 'preAuthorizationCompletion') return null;
  // `E`: "the processor received the transaction but will process the transaction later".
  if (result.responseCode === 'E') return 'pending';
  const status = result.status as string;
  switch (status) {
    case 'ready':
    case 'pending':
    case 'complete':
    case 'accepted':
    case 'admin':
      return result.responseCode === 'A' || result.responseCode === 'P' ? 'approved' : 'rejected';
    case 'declined':
    case 'referral':
    case 'pickup':
    case 'expired':
    case 'reversal':
      return 'rejected';
    default:
      return result.responseCode === 'A' || result.responseCode === 'P' ? 'approved' : 'rejected';
  }
}

/**
 * A bank-transfer payment's outcome (BankTransferResult.ts). `pending` is an ACH debit not yet
 * settled: pending; `ready`/`complete` approved; `declined`, `returned` and `reversal` rejected
 * (inferred). Refunds and account verifications are not payments: null.
 */
export function bankTransferOutcome(
  payment: PayrocBankTransferPayment,
): 'approved' | 'rejected' | 'pending' | null {
  const result = payment.transactionResult;
  if (!result) return 'pending';
  if (result.type !== 'payment') return null;
  const status = result.status as string;
  switch (status) {
    case 'pending':
      return result.responseCode === 'D' ? 'rejected' : 'pending';
    case 'ready':
    case 'complete':
    case 'admin':
      return result.responseCode === 'D' ? 'rejected' : 'approved';
    case 'declined':
    case 'returned':
    case 'reversal':
      return 'rejected';
    default:
      return result.responseCode === 'A' ? 'approved' : 'rejected';
  }
}

interface Attempt {
  payment: PayrocCardPayment | PayrocBankTransferPayment;
  outcome: 'approved' | 'rejected' | 'pending';
}

const attemptTime = (a: Attempt) => Date.parse(a.payment.order.dateTime ?? '') || 0;

function latest(attempts: Attempt[]): PayrocPaymentsSummary['last'] {
  let best: Attempt | null = null;
  for (const a of attempts) if (best === null || attemptTime(a) >= attemptTime(best)) best = a;
  if (!best) return null;
  const { order, paymentId } = best.payment;
  return {
    outcome: best.outcome,
    at: order.dateTime ?? null,
    amount: order.amount,
    currency: order.currency,
    paymentId,
  };
}

/** Counts a link's approved payments and finds the latest attempt and the latest approval (by `order.dateTime`). */
export function summarizePayments(
  card: readonly PayrocCardPayment[],
  bank: readonly PayrocBankTransferPayment[],
): PayrocPaymentsSummary {
  const attempts: Attempt[] = [];
  for (const payment of card) {
    const outcome = cardPaymentOutcome(payment);
    if (outcome) attempts.push({ payment, outcome });
  }
  for (const payment of bank) {
    const outcome = bankTransferOutcome(payment);
    if (outcome) attempts.push({ payment, outcome });
  }
  const approvals = attempts.filter((a) => a.outcome === 'approved');
  return { approved: approvals.length, last: latest(attempts), lastApproved: latest(approvals) };
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

const DAY_MS = 86_400_000;
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

function paymentMethodFor(code: string): PayrocPaymentMethod | undefined {
  return Object.hasOwn(METHOD_ALIASES, code) ? METHOD_ALIASES[code] : METHOD_ALIASES[code.toLowerCase()];
}

const refuse = (field: string, what: string): FieldError => ({ field, message: `payroc ${what}` });

/** What Payroc cannot honour in a create request, one message per field naming `payroc`. */
export function validateRequest(request: CreateLinkRequest): FieldError[] {
  const errors: FieldError[] = [];
  const limit = request.usageLimit;
  if (limit !== undefined && limit !== null && limit !== 1) {
    errors.push(
      refuse('usageLimit', 'links are single-use (1) or unlimited (null); other limits are not supported'),
    );
  }
  const flexible = request.amountMode === 'flexible';
  if (flexible) {
    if (request.amount.value !== undefined) {
      errors.push(refuse('amount.value', 'cannot suggest an amount for a customer-entered (prompt) charge'));
    }
    if (
      request.flexibleAmount &&
      (request.flexibleAmount.min !== undefined || request.flexibleAmount.max !== undefined)
    ) {
      errors.push(refuse('flexibleAmount', 'cannot bound a customer-entered (prompt) amount'));
    }
  } else if (request.amount.value === undefined) {
    errors.push(refuse('amount.value', 'needs an amount for a preset charge'));
  } else {
    try {
      const minor = toMinorUnits({ value: request.amount.value, currency: request.amount.currency });
      if (minor < 1n) errors.push(refuse('amount.value', 'needs an amount greater than zero'));
      else if (minor > BigInt(Number.MAX_SAFE_INTEGER))
        errors.push(refuse('amount.value', 'cannot take an amount this large'));
    } catch {
      // The proxy reports malformed amounts; nothing Payroc-specific to add.
    }
  }
  let methods: PayrocPaymentMethod[] = [];
  if (request.paymentMethods !== undefined) {
    if (request.paymentMethods.length === 0)
      errors.push(refuse('paymentMethods', 'needs at least one payment method'));
    for (const code of request.paymentMethods) {
      const method = paymentMethodFor(code);
      if (method) methods.push(method);
      else
        errors.push(
          refuse('paymentMethods', `does not offer the payment method "${code}" (use card or bankTransfer)`),
        );
    }
  } else methods = ['card'];
  // §3.1: a pre-authorization is card only.
  if (request.capture === 'authorize' && methods.includes('bankTransfer')) {
    errors.push(refuse('paymentMethods', 'takes pre-authorizations (capture "authorize") by card only'));
  }
  if (request.title !== undefined && request.title !== request.description) {
    errors.push(refuse('title', 'shows only the description on its payment page'));
  }
  if (request.customer && Object.values(request.customer).some((v) => v !== undefined)) {
    errors.push(
      refuse('customer', 'takes no customer details on a payment link; share the link by e-mail instead'),
    );
  }
  if (request.items && request.items.length > 0) errors.push(refuse('items', 'does not support line items'));
  if (request.splits && request.splits.length > 0)
    errors.push(refuse('splits', 'does not support split payments'));
  if (request.installments && Object.keys(request.installments).length > 0) {
    errors.push(refuse('installments', 'does not support installments on payment links'));
  }
  if (request.startsAt !== undefined) errors.push(refuse('startsAt', 'links cannot have a start date'));
  if (request.slug !== undefined) errors.push(refuse('slug', 'does not support custom link URLs'));
  if (request.locale !== undefined) errors.push(refuse('locale', 'payment links have no locale'));
  if (request.customerRequired) errors.push(refuse('customerRequired', 'cannot require customer details'));
  if (request.skipLandingPage) errors.push(refuse('skipLandingPage', 'has no landing page option'));
  return errors;
}

/** The calendar date `YYYY-MM-DD` of an instant in an IANA time zone (UTC when none). */
export function dateIn(ms: number, timeZone = 'UTC'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** The UTC offset (ms) of `timeZone` at instant `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight starts `date` in `timeZone` (DST-safe: corrected once for the offset there). */
function startOfDay(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - offsetMs(utcMidnight, timeZone);
  return utcMidnight - offsetMs(guess, timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `expiresOn` for our `expiresAt`. `expiresOn` is a date, "last date that the customer can use the
 * payment link" (documented: payroc/api-specs `payroc-openapi-spec.yaml`, `format: date`); we pick the
 * date, in the processing terminal's time zone (inferred: Payroc names no zone), that contains the last
 * usable instant, so Payroc keeps the link at least as long as asked (up to the end of that day).
 */
export function expiresOnFor(expiresAt: string, timeZone = 'UTC'): string {
  return dateIn(Date.parse(expiresAt) - 1, timeZone);
}

/** The instant a link with this `expiresOn` stops being usable: the end of that day in `timeZone` (inferred, §4). */
export function expiresAtFor(expiresOn: string, timeZone = 'UTC'): string {
  const next = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return new Date(startOfDay(next, timeZone)).toISOString();
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

/**
 * Maps Payroc's link state onto the common status model (the table in README.md). `payments`, when
 * read, supplies the count and the last payment; without it a completed link counts one payment.
 */
export function toLinkState(
  link: PayrocPaymentLink,
  options: { payments?: PayrocPaymentsSummary | null; timeZone?: string } = {},
): ProviderLinkState {
  const limit = link.type === PayrocLinkType.SingleUse ? 1 : null;
  const expiresAt = link.expiresOn ? expiresAtFor(link.expiresOn, options.timeZone) : null;
  const read = options.payments ?? null;
  const lastPayment = read?.last ? { outcome: read.last.outcome, at: read.last.at } : null;
  const count = read?.approved ?? 0;
  const status = link.status as PayrocLinkStatus;
  switch (status) {
    case PayrocLinkStatus.Active:
      // A multi-use link stays active however many payments it takes (§4): they come from the Payments API.
      return {
        status:
          read?.last?.outcome === 'pending' && count === 0 && limit === 1
            ? LinkStatus.Pending
            : LinkStatus.Open,
        payments: { count: limit === null ? count : Math.min(count, limit), limit },
        lastPayment,
        expiresAt,
      };
    case PayrocLinkStatus.Completed:
      // A single-use link completes after one successful payment (§4); the payment read says when.
      return {
        status: LinkStatus.Paid,
        payments: { count: Math.max(1, count), limit },
        lastPayment: { outcome: 'approved', at: read?.lastApproved?.at ?? null },
        expiresAt,
      };
    case PayrocLinkStatus.Deactivated:
      return { status: LinkStatus.Disabled, payments: { count, limit }, lastPayment, expiresAt };
    case PayrocLinkStatus.Expired:
      return { status: LinkStatus.Expired, payments: { count, limit }, lastPayment, expiresAt };
    default:
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unsupported,
        `payroc reported an unknown link status "${status}"`,
      );
  }
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
