// Pure mapping between PayLink's model and Midtrans's Payment Link API
// (shared/providers/midtrans.md; Midtrans "Payment Link API" reference, sections noted inline).
import { createHash } from 'node:crypto';
import {
  type CreateLinkRequest,
  type FieldError,
  isWholeAmount,
  type LastPayment,
  type LinkStatus,
  type PaymentOutcome,
  toMinorUnits,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';

export const PROVIDER = 'midtrans';

/** `usage_limit` ceiling (§3.1); PayLink's "unlimited" is sent as this value and read back as null. */
export const MAX_USAGE_LIMIT = 1_000_000;

/** `enabled_payments` values Midtrans currently lists (§3.1). */
export const ENABLED_PAYMENTS = [
  'credit_card',
  'echannel',
  'permata_va',
  'bca_va',
  'bni_va',
  'bri_va',
  'cimb_va',
  'danamon_va',
  'bsi_va',
  'gopay',
  'shopeepay',
  'other_qris',
  'alfamart',
  'indomaret',
  'akulaku',
  'kredivo',
] as const;

/** Acquiring banks `credit_card.installment.terms` is keyed by (Snap "installment" object). */
export const INSTALLMENT_BANKS = ['bni', 'mandiri', 'cimb', 'bca', 'bri', 'maybank', 'offline'] as const;

const SLUG = /^[a-z0-9-]{1,50}$/;
const ORDER_ID_PREFIX = 'pl-';
const OWN_ORDER_ID = /^pl-[0-9a-f]{24}$/;
/** Midtrans appends `-<epoch ms>` to a link's order id for each payment (§4 "Per-payment order ids"). */
const PAYMENT_SUFFIX = /^(.+)-(\d{10,})$/;

// ---------------------------------------------------------------------------------------------
// Request side

/** Midtrans's create body (§3.1), only the fields PayLink sends. */
export interface MidtransCreateBody {
  transaction_details: { order_id: string; gross_amount?: number; payment_link_id?: string };
  payment_link_type: 'FIXED_AMOUNT' | 'DYNAMIC_AMOUNT';
  dynamic_amount?: { min_amount?: number; max_amount?: number; preset_amount?: number };
  title: string;
  usage_limit: number;
  expiry?: MidtransExpiry;
  enabled_payments?: string[];
  item_details?: Array<{ id?: string; name: string; price: number; quantity: number }>;
  customer_details?: { first_name: string; email: string; phone: string };
  customer_required?: boolean;
  credit_card: {
    secure: true;
    type?: 'authorize';
    installment?: { required: false; terms: Record<string, number[]> };
  };
  custom_field1?: string;
}

export interface MidtransExpiry {
  /** `yyyy-MM-dd HH:mm:ss Z` (§3.1 expiry object). */
  start_time: string;
  duration: number;
  unit: ExpiryUnit;
}

/** The spelling the reference table documents (`day | hour | minute`); examples also use plurals. */
export type ExpiryUnit = 'day' | 'hour' | 'minute';

const MINUTE_MS = 60_000;
const UNIT_MINUTES: Record<ExpiryUnit, number> = { day: 1440, hour: 60, minute: 1 };

/**
 * The link's Midtrans `order_id`, derived from the create's idempotency key so that a retried
 * create reuses it and meets Midtrans's 409 instead of making a second link (§6 "Idempotency").
 * Hashing keeps it inside the allowed alphabet whatever the key looks like; 96 bits of it leave
 * room under 50 chars for the `-<epoch ms>` suffix Midtrans adds per payment.
 */
export function orderIdFor(idempotencyKey: string): string {
  return ORDER_ID_PREFIX + createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24);
}

/**
 * The link order id a payment's order id belongs to: `pl-…-1647944535605` → `pl-…`
 * ("Order ID Structure": drop what follows the last `-`). Our own link ids are kept whole.
 */
export function linkOrderIdOf(paymentOrderId: string): string {
  if (OWN_ORDER_ID.test(paymentOrderId)) return paymentOrderId;
  const match = PAYMENT_SUFFIX.exec(paymentOrderId);
  return match?.[1] ?? paymentOrderId;
}

/** Whole rupiah from a decimal IDR string (IDR's ISO exponent is 2; Midtrans takes integers). */
export function toRupiah(value: string): number {
  return Number(toMinorUnits({ value, currency: 'IDR' }) / 100n);
}

const fieldError = (field: string, message: string): FieldError => ({ field, message });

function wholeRupiahProblem(value: string, field: string): FieldError | null {
  if (!isWholeAmount({ value, currency: 'IDR' })) {
    return fieldError(
      field,
      `midtrans takes whole rupiah only (no decimals); ${value} has a fractional part`,
    );
  }
  if (toRupiah(value) > Number.MAX_SAFE_INTEGER)
    return fieldError(field, 'midtrans cannot take an amount this large');
  return null;
}

function parseInstant(text: string | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000) * 1000;
}

/** Everything in a request Midtrans cannot honour, with our field names and the provider named. */
export function validateRequest(request: CreateLinkRequest, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const push = (e: FieldError | null) => {
    if (e) errors.push(e);
  };
  const flexible = request.amountMode === 'flexible';

  if (request.amount.currency !== 'IDR') {
    push(fieldError('amount.currency', 'midtrans payment links take IDR only'));
  }
  const value = request.amount.value;
  if (value === undefined) {
    if (!flexible) push(fieldError('amount.value', 'midtrans needs a gross amount for a fixed-amount link'));
  } else if (request.amount.currency === 'IDR') {
    const problem = wholeRupiahProblem(value, 'amount.value');
    push(problem);
    if (!problem && toRupiah(value) < 1)
      push(fieldError('amount.value', 'midtrans needs an amount of at least 1 rupiah'));
  }

  // Flexible amount: DYNAMIC_AMOUNT with dynamic_amount bounds (§3.1 payment_link_type, dynamic_amount).
  if (flexible) {
    const min = request.flexibleAmount?.min;
    const max = request.flexibleAmount?.max;
    const bounds: Array<[string | undefined, string]> = [
      [min, 'flexibleAmount.min'],
      [max, 'flexibleAmount.max'],
    ];
    let boundsOk = request.amount.currency === 'IDR';
    for (const [bound, field] of bounds) {
      if (bound === undefined || !boundsOk) continue;
      const problem = wholeRupiahProblem(bound, field);
      push(problem);
      if (problem) boundsOk = false;
    }
    if (boundsOk) {
      const lo = min === undefined ? null : toRupiah(min);
      const hi = max === undefined ? null : toRupiah(max);
      if (lo !== null && hi !== null && lo > hi) {
        push(fieldError('flexibleAmount.min', 'midtrans needs min_amount not above max_amount'));
      }
      if (value !== undefined && isWholeAmount({ value, currency: 'IDR' })) {
        const preset = toRupiah(value);
        if (lo !== null && preset < lo)
          push(fieldError('amount.value', 'midtrans needs preset_amount within min_amount'));
        if (hi !== null && preset > hi)
          push(fieldError('amount.value', 'midtrans needs preset_amount within max_amount'));
      }
    }
    if (request.items?.length) {
      push(fieldError('items', 'midtrans ignores item_details on a DYNAMIC_AMOUNT (flexible) link'));
    }
  } else if (request.flexibleAmount) {
    push(fieldError('flexibleAmount', 'midtrans takes amount bounds only with amountMode "flexible"'));
  }

  if (request.slug !== undefined && !SLUG.test(request.slug)) {
    push(fieldError('slug', 'midtrans payment_link_id allows 1-50 characters [a-z0-9-] only'));
  }
  if (request.reference !== undefined && request.reference.length > 255) {
    push(fieldError('reference', 'midtrans custom_field1 holds at most 255 characters'));
  }

  const limit = request.usageLimit;
  if (
    limit !== undefined &&
    limit !== null &&
    (!Number.isInteger(limit) || limit < 1 || limit > MAX_USAGE_LIMIT)
  ) {
    push(fieldError('usageLimit', `midtrans usage_limit must be an integer from 1 to ${MAX_USAGE_LIMIT}`));
  }

  // Expiry: start_time + duration·unit (§3.1 expiry object).
  const start = parseInstant(request.startsAt);
  const end = parseInstant(request.expiresAt);
  if (request.startsAt !== undefined && request.expiresAt === undefined) {
    push(fieldError('startsAt', 'midtrans sets a start time only as part of an expiry: give expiresAt too'));
  }
  if (end !== null) {
    const from = start ?? now.getTime();
    if (end <= from) {
      push(fieldError('expiresAt', `midtrans needs expiresAt after ${start === null ? 'now' : 'startsAt'}`));
    } else if (start !== null && (end - start) % MINUTE_MS !== 0) {
      push(fieldError('expiresAt', 'midtrans expiry is a whole number of minutes after startsAt'));
    }
  }

  if (request.paymentMethods !== undefined) {
    if (request.paymentMethods.length === 0)
      push(fieldError('paymentMethods', 'midtrans needs at least one method'));
    request.paymentMethods.forEach((method, i) => {
      if (!(ENABLED_PAYMENTS as readonly string[]).includes(method)) {
        push(
          fieldError(
            `paymentMethods[${i}]`,
            `midtrans has no payment method "${method}" (use ${ENABLED_PAYMENTS.join(', ')})`,
          ),
        );
      }
    });
  }
  const cardOnly = request.paymentMethods?.length === 1 && request.paymentMethods[0] === 'credit_card';
  const cardAllowed = request.paymentMethods === undefined || request.paymentMethods.includes('credit_card');

  if (request.items?.length && !flexible) validateItems(request, push);

  if (request.customer) {
    const { name, email, phone } = request.customer;
    if (name !== undefined && name.length > 50)
      push(fieldError('customer.name', 'midtrans first_name holds at most 50 characters'));
    if (email !== undefined && email.length > 50)
      push(fieldError('customer.email', 'midtrans email holds at most 50 characters'));
    if (phone !== undefined && phone.length > 20)
      push(fieldError('customer.phone', 'midtrans phone holds at most 20 characters'));
  }

  if (request.installments && Object.keys(request.installments).length > 0) {
    if (!cardAllowed)
      push(fieldError('installments', 'midtrans installments need credit_card among paymentMethods'));
    for (const [bank, terms] of Object.entries(request.installments)) {
      if (!(INSTALLMENT_BANKS as readonly string[]).includes(bank)) {
        push(
          fieldError(
            `installments.${bank}`,
            `midtrans installment terms are per acquiring bank (${INSTALLMENT_BANKS.join(', ')}), not "${bank}"`,
          ),
        );
      } else if (
        !Array.isArray(terms) ||
        terms.length === 0 ||
        !terms.every((t) => Number.isInteger(t) && t >= 1)
      ) {
        push(fieldError(`installments.${bank}`, 'midtrans installment terms are positive whole months'));
      }
    }
  }

  if (request.capture === 'authorize' && !cardOnly) {
    push(
      fieldError(
        'capture',
        'midtrans pre-authorizes card payments only: set paymentMethods to ["credit_card"]',
      ),
    );
  }
  if (request.splits?.length) push(fieldError('splits', 'midtrans does not support split payments'));
  if (request.skipLandingPage)
    push(fieldError('skipLandingPage', 'midtrans always opens its payment page first'));
  if (request.locale !== undefined) {
    push(fieldError('locale', 'midtrans payment links have no locale setting (§6 "Locale")'));
  }
  return errors;
}

function validateItems(request: CreateLinkRequest, push: (e: FieldError | null) => void): void {
  const items = request.items ?? [];
  let sum = 0n;
  let summable = true;
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (item.name.length > 50)
      push(fieldError(`${at}.name`, 'midtrans item names hold at most 50 characters'));
    if (item.id !== undefined && item.id.length > 50)
      push(fieldError(`${at}.id`, 'midtrans item ids hold at most 50 characters'));
    if (item.description !== undefined) {
      push(fieldError(`${at}.description`, 'midtrans item_details have no description'));
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      push(fieldError(`${at}.quantity`, 'midtrans item quantity must be a whole number of at least 1'));
      summable = false;
    }
    const problem = wholeRupiahProblem(item.price, `${at}.price`);
    push(problem);
    if (problem) summable = false;
    else if (summable) sum += BigInt(toRupiah(item.price)) * BigInt(item.quantity);
  });
  const value = request.amount.value;
  if (
    summable &&
    value !== undefined &&
    isWholeAmount({ value, currency: 'IDR' }) &&
    request.amount.currency === 'IDR'
  ) {
    if (sum !== BigInt(toRupiah(value))) {
      push(
        fieldError(
          'items',
          `midtrans needs item_details to add up to the gross amount: they add up to ${sum}, not ${toRupiah(value)}`,
        ),
      );
    }
  }
}

/** Formats an instant as Midtrans's `yyyy-MM-dd HH:mm:ss Z` in Jakarta time (WIB, UTC+7, no DST). */
export function formatMidtransTime(ms: number): string {
  const wib = new Date(ms + 7 * 3_600_000).toISOString();
  return `${wib.slice(0, 10)} ${wib.slice(11, 19)} +0700`;
}

/** Parses `yyyy-MM-dd HH:mm[:ss] Z` (offset `+0700` or `+07:00`); null when it is not that shape. */
export function parseMidtransTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{2}):?(\d{2})$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const offset = (Number(oh) * 60 + Number(om)) * MINUTE_MS * (sign === '-' ? -1 : 1);
  return local - offset;
}

/**
 * The `expiry` object for a request, and the instant it makes the link expire.
 * - With `startsAt`: start_time = startsAt and the span must be whole minutes (validate() refuses otherwise).
 * - Without: Midtrans would start at its own creation time, which we cannot know to the second, so
 *   we send a start_time of our own: expiresAt minus the span rounded UP to whole minutes. That start
 *   lies less than a minute before now (payable at once) and start + duration is exactly expiresAt.
 * Sub-second parts are dropped (Midtrans's format has seconds). The unit is the largest of
 * day / hour / minute that divides the span exactly.
 */
export function expiryFor(
  request: CreateLinkRequest,
  now: Date,
): { expiry: MidtransExpiry; expiresAt: number } | null {
  const end = parseInstant(request.expiresAt);
  if (end === null) return null;
  const explicitStart = parseInstant(request.startsAt);
  const nowSecond = Math.floor(now.getTime() / 1000) * 1000;
  const minutes =
    explicitStart === null
      ? Math.ceil((end - nowSecond) / MINUTE_MS)
      : Math.floor((end - explicitStart) / MINUTE_MS);
  const start = explicitStart ?? end - minutes * MINUTE_MS;
  const unit: ExpiryUnit = minutes % 1440 === 0 ? 'day' : minutes % 60 === 0 ? 'hour' : 'minute';
  return {
    expiry: { start_time: formatMidtransTime(start), duration: minutes / UNIT_MINUTES[unit], unit },
    expiresAt: start + minutes * MINUTE_MS,
  };
}

/** Minutes in one expiry unit as Midtrans spells it (documented singular, examples' plural). */
export function unitMinutes(unit: unknown): number | null {
  switch (typeof unit === 'string' ? unit.toLowerCase() : '') {
    case 'day':
    case 'days':
      return 1440;
    case 'hour':
    case 'hours':
      return 60;
    case 'minute':
    case 'minutes':
      return 1;
    default:
      return null;
  }
}

/** The create body for a request already accepted by validateRequest(). */
export function toCreateBody(request: CreateLinkRequest, orderId: string, now: Date): MidtransCreateBody {
  const flexible = request.amountMode === 'flexible';
  const value = request.amount.value;
  const body: MidtransCreateBody = {
    transaction_details: { order_id: orderId },
    payment_link_type: flexible ? 'DYNAMIC_AMOUNT' : 'FIXED_AMOUNT',
    // Midtrans has one page text, `title`; the description stays in PayLink when a title is given.
    title: request.title ?? request.description,
    // Always sent: the OpenAPI fragment marks it required (§3.1); "unlimited" is the documented maximum.
    usage_limit: request.usageLimit ?? MAX_USAGE_LIMIT,
    // 3-D Secure defaults to false at Midtrans; the note says send true (§3.1 credit_card).
    credit_card: { secure: true },
  };
  if (!flexible && value !== undefined) body.transaction_details.gross_amount = toRupiah(value);
  if (request.slug !== undefined) body.transaction_details.payment_link_id = request.slug;
  if (flexible) {
    const dynamic: NonNullable<MidtransCreateBody['dynamic_amount']> = {};
    if (request.flexibleAmount?.min !== undefined) dynamic.min_amount = toRupiah(request.flexibleAmount.min);
    if (request.flexibleAmount?.max !== undefined) dynamic.max_amount = toRupiah(request.flexibleAmount.max);
    if (value !== undefined) dynamic.preset_amount = toRupiah(value);
    body.dynamic_amount = dynamic;
  }
  const expiry = expiryFor(request, now);
  if (expiry) body.expiry = expiry.expiry;
  if (request.paymentMethods) body.enabled_payments = [...request.paymentMethods];
  if (!flexible && request.items?.length) {
    body.item_details = request.items.map((item) => ({
      ...(item.id === undefined ? {} : { id: item.id }),
      name: item.name,
      price: toRupiah(item.price),
      quantity: item.quantity,
    }));
  }
  const customer = request.customer;
  if (customer?.name && customer.email && customer.phone) {
    // first_name, email and phone are all required in customer_details (payment-link-api.md,
    // "customer_details object"): sent together or not at all. A partial customer stays in PayLink
    // only, so Midtrans does not e-mail that link. With all three, Midtrans e-mails it.
    body.customer_details = { first_name: customer.name, email: customer.email, phone: customer.phone };
  }
  if (request.customerRequired !== undefined) body.customer_required = request.customerRequired;
  if (request.installments && Object.keys(request.installments).length > 0) {
    body.credit_card.installment = { required: false, terms: { ...request.installments } };
  }
  if (request.capture === 'authorize') body.credit_card.type = 'authorize';
  // Echoed in the dashboard and in notifications (§3.1 custom_field1..3).
  if (request.reference !== undefined) body.custom_field1 = request.reference;
  return body;
}

/** What the link looks like right after a successful create. */
export function createdState(
  body: MidtransCreateBody,
  request: CreateLinkRequest,
  now: Date,
): ProviderLinkState {
  const expiry = expiryFor(request, now);
  return {
    status: 'open',
    payments: { count: 0, limit: limitOf(body.usage_limit) },
    lastPayment: null,
    expiresAt: expiry ? new Date(expiry.expiresAt).toISOString() : null,
  };
}

function limitOf(usageLimit: unknown): number | null {
  if (typeof usageLimit !== 'number' || !Number.isFinite(usageLimit) || usageLimit >= MAX_USAGE_LIMIT)
    return null;
  return usageLimit;
}

// ---------------------------------------------------------------------------------------------
// Response side

/** One payment's verdict from its `transaction_status` and `fraud_status` (§4 tables). */
export function paymentOutcomeOf(
  transactionStatus: string,
  fraudStatus?: string | null,
): PaymentOutcome | null {
  const fraud = fraudStatus?.toLowerCase();
  switch (transactionStatus.toLowerCase()) {
    case 'settlement':
      return 'approved';
    case 'capture':
    // A pre-authorized card payment (credit_card.type "authorize") stops at `authorize`: the funds are
    // held for the merchant, which is what the link asked for (inferred; see README).
    case 'authorize':
      // "success if settlement, or capture with fraud_status accept (when present)".
      if (fraud === 'challenge') return 'pending';
      if (fraud === 'deny') return 'rejected';
      return 'approved';
    case 'pending':
      return 'pending';
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'failure':
      return 'rejected';
    // A refunded or charged-back payment was approved first and used the link's quota.
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 'approved';
    default:
      return null;
  }
}

/**
 * How far along its life a transaction status is, so a late `pending` never outranks a
 * `settlement` of the same transaction (notifications and rows may arrive out of order, §5).
 */
export function transactionRank(transactionStatus: string, fraudStatus?: string | null): number {
  const status = transactionStatus.toLowerCase();
  switch (status) {
    case 'pending':
      return 0;
    case 'capture':
    case 'authorize':
      return fraudStatus?.toLowerCase() === 'challenge' ? 1 : status === 'authorize' ? 2 : 3;
    case 'settlement':
    case 'deny':
    case 'cancel':
    case 'expire':
    case 'failure':
      return 3;
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 4;
    default:
      return -1;
  }
}

/** A purchase row of `GET /v1/payment-links/{order_id}` (§3.2; fields from community typings). */
export interface MidtransPurchase {
  order_id?: string;
  payment_status?: string;
  fraud_status?: string;
  created_at?: string;
  updated_at?: string;
}

/** The body of `GET /v1/payment-links/{order_id}` as far as PayLink reads it (§3.2). */
export interface MidtransLink {
  order_id?: string;
  payment_link_url?: string;
  payment_link_id?: string;
  gross_amount?: number | null;
  usage_limit?: number | null;
  usage?: number | null;
  expiry_start?: string | null;
  expiry_duration?: number | null;
  expiry_unit?: string | null;
  /** Observed, not documented (xct007/midtrans-client `PaymentLinkExtraRsp`): the link's end. */
  expires_at?: string | null;
  // Deletion, under every name it has been observed with (the shared note; xct007's typings):
  deleted_at?: string | null;
  delete_at?: string | null;
  deletedAt?: string | null;
  canceled_at?: string | null;
  epoch_deleted_at?: number | string | null;
  purchases?: MidtransPurchase[] | null;
}

/**
 * When a link stops being payable: the observed `expires_at` when Midtrans gives one, else
 * expiry_start + expiry_duration·expiry_unit (§4); null without expiry.
 */
export function expiryOf(link: MidtransLink): number | null {
  const stated = instant(link.expires_at);
  if (stated !== null) return stated;
  const start = parseMidtransTime(link.expiry_start);
  const minutes = unitMinutes(link.expiry_unit);
  const duration = link.expiry_duration;
  if (start === null || minutes === null || typeof duration !== 'number' || duration <= 0) return null;
  return start + duration * minutes * MINUTE_MS;
}

/** An epoch number as an instant: seconds below 10^11 (year 5138), milliseconds above. */
function epochInstant(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

/**
 * Whether (and when, if it says) the link was deleted, read from every field deletion has been
 * seen under: `deleted_at`, `delete_at`, `deletedAt`, `canceled_at` (timestamps) and
 * `epoch_deleted_at` (a number; 0 means not deleted). The earliest readable time wins.
 */
export function deletionOf(link: MidtransLink): { deleted: boolean; at: number | null } {
  const stamps = [link.deleted_at, link.delete_at, link.deletedAt, link.canceled_at];
  const epoch = epochInstant(link.epoch_deleted_at);
  const deleted = stamps.some((s) => typeof s === 'string' && s.trim() !== '') || epoch !== null;
  const times = [...stamps.map((s) => instant(s)), epoch].filter((t): t is number => t !== null);
  return { deleted, at: times.length ? Math.min(...times) : null };
}

function instant(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? parseMidtransTime(text) : ms;
}

interface Transaction {
  status: string;
  fraud: string | undefined;
  rank: number;
  at: number | null;
}

/** The latest known state of each transaction, keyed by its own order id. */
function transactionsOf(purchases: readonly MidtransPurchase[]): Transaction[] {
  const byOrder = new Map<string, Transaction>();
  purchases.forEach((purchase, index) => {
    if (typeof purchase.payment_status !== 'string') return;
    const status = purchase.payment_status.toLowerCase();
    const tx: Transaction = {
      status,
      fraud: purchase.fraud_status,
      rank: transactionRank(status, purchase.fraud_status),
      at: instant(purchase.updated_at) ?? instant(purchase.created_at),
    };
    const key = purchase.order_id ?? `#${index}`;
    const seen = byOrder.get(key);
    // Higher rank wins; equal rank: the later row wins.
    if (!seen || tx.rank > seen.rank || (tx.rank === seen.rank && (tx.at ?? 0) >= (seen.at ?? 0)))
      byOrder.set(key, tx);
  });
  return [...byOrder.values()];
}

/**
 * The link's state in PayLink's vocabulary. Midtrans keeps no link status (§4), so it is derived;
 * see the status table in README.md.
 */
export function linkState(link: MidtransLink, now: Date): ProviderLinkState {
  const limit = limitOf(link.usage_limit);
  const expiresAt = expiryOf(link);
  const transactions = Array.isArray(link.purchases) ? transactionsOf(link.purchases) : null;
  const outcomes = transactions?.map((tx) => ({ tx, outcome: paymentOutcomeOf(tx.status, tx.fraud) })) ?? [];
  // `usage` is Midtrans's own count of the quota consumed (documented); purchases are what we can
  // see of the payments (community typings). Neither may lag the other into a lower count.
  const approved = outcomes.filter((o) => o.outcome === 'approved').length;
  const usage = typeof link.usage === 'number' && Number.isFinite(link.usage) ? link.usage : 0;
  const count = Math.max(usage, approved);

  let lastPayment: LastPayment | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const { tx, outcome } of outcomes) {
    if (!outcome) continue;
    const at = tx.at ?? Number.NEGATIVE_INFINITY;
    if (lastPayment === null || at >= lastAt) {
      lastPayment = { outcome, at: tx.at === null ? null : new Date(tx.at).toISOString() };
      lastAt = at;
    }
  }

  const { deleted, at: deletedAt } = deletionOf(link);
  let status: LinkStatus;
  if (limit !== null && count >= limit) status = 'paid';
  else if (deleted && (expiresAt === null || deletedAt === null || deletedAt < expiresAt))
    status = 'disabled';
  // A payment still pending past the deadline was started before it and may settle: it outranks
  // the expiry (the proxy keeps such a link provisionally expired until it settles or lapses).
  else if (outcomes.some((o) => o.outcome === 'pending')) status = 'pending';
  else if (expiresAt !== null && now.getTime() >= expiresAt) status = 'expired';
  else status = 'open';

  return {
    status,
    payments: { count, limit },
    lastPayment,
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}

/** Our request field a Midtrans validation message is about (messages name Midtrans's fields). */
export function fieldOfMessage(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('item_details')) return 'items';
  if (m.includes('gross_amount')) return 'amount.value';
  if (m.includes('payment link id') || m.includes('payment_link_id')) return 'slug';
  if (m.includes('dynamic_amount')) return 'flexibleAmount';
  if (m.includes('usage_limit')) return 'usageLimit';
  if (m.includes('start_time')) return 'startsAt';
  if (m.includes('expiry')) return 'expiresAt';
  if (m.includes('enabled_payments')) return 'paymentMethods';
  if (m.includes('installment')) return 'installments';
  if (m.includes('customer_details')) return 'customer';
  if (m.includes('custom_field1')) return 'reference';
  if (m.includes('title')) return 'title';
  return 'request';
}
