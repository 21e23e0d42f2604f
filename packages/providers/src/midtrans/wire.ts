// Midtrans's Payment Link API bodies (shared/providers/midtrans.md; Midtrans "Payment Link API"
// reference, sections noted inline): their shapes, our request written in them, Midtrans's times, and
// its validation messages read back in our field names.
import { createHash } from 'node:crypto';
import { type CreateLinkRequest, type FieldError, toMinorUnits } from '@paylink/core';

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

export const SLUG = /^[a-z0-9-]{1,50}$/;
export const ORDER_ID_PREFIX = 'pl-';
export const OWN_ORDER_ID = /^pl-[0-9a-f]{24}$/;
/** Midtrans appends `-<epoch ms>` to a link's order id for each payment (§4 "Per-payment order ids"). */
export const PAYMENT_SUFFIX = /^(.+)-(\d{10,})$/;

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

export const MINUTE_MS = 60_000;
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

/** An ISO 8601 instant in whole seconds (Midtrans's times have no milliseconds); null when unreadable. */
export function parseInstant(text: string | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000) * 1000;
}

/** Midtrans's error body: `error_messages` is an array, except a string on 401 (§3.1 errors). */
export function errorMessages(body: unknown): string[] {
  const messages = (body as { error_messages?: unknown } | null)?.error_messages;
  if (typeof messages === 'string') return [messages];
  if (Array.isArray(messages)) return messages.filter((m): m is string => typeof m === 'string');
  return [];
}

/** Field errors from a Midtrans error body, each message under the field of ours it is about. */
export function fieldErrorsFrom(body: unknown): FieldError[] {
  return errorMessages(body).map((message) => ({ field: fieldOfMessage(message), message }));
}
