// Placetopay's Payment Link API bodies (provider note §3–§6): their shapes, our request written in
// them, and their validation keys read back in our field names.
import { createHash } from 'node:crypto';
import type { CreateLinkRequest, FieldError } from '@paylink/core';
import { parsePlacetopayDate, toIsoSeconds, toWallClock } from './dates.ts';

/** Link `status` values of the query answer (note §4). */
export const PlacetopayLinkStatus = { Active: 'ACTIVE', Inactive: 'INACTIVE', Expired: 'EXPIRED' } as const;
export type PlacetopayLinkStatus = (typeof PlacetopayLinkStatus)[keyof typeof PlacetopayLinkStatus];

/** `payments[].status` values: WebCheckout states plus the SDK's extra ones (note §4). */
export const PlacetopayPaymentStatus = {
  Approved: 'APPROVED',
  Rejected: 'REJECTED',
  Pending: 'PENDING',
  PendingValidation: 'PENDING_VALIDATION',
  ApprovedPartial: 'APPROVED_PARTIAL',
  PartialExpired: 'PARTIAL_EXPIRED',
  Failed: 'FAILED',
  Error: 'ERROR',
  Refunded: 'REFUNDED',
} as const;

/** Minutes each WebCheckout session may last; the dashboard recommends 10–15 (note §3.1). */
export const PAYMENT_EXPIRATION_MINUTES = 15;
/** Expiry used when the request names none: Placetopay requires one (note §3.1). */
export const DEFAULT_EXPIRY_DAYS = 30;
/** Longest `name` we send; the API states no limit, so keep it short enough for any screen. */
export const MAX_NAME_LENGTH = 120;
const LOCALE_LANGUAGES = new Set(['es', 'en', 'pt', 'it']);

/** One payment in a queried link (note §3.2, `payments[]`). */
export interface PlacetopayPayment {
  id?: number;
  requestId?: number;
  status?: string;
  message?: string;
  processUrl?: string;
  amount?: { currency?: string; total?: string | number };
  paymentDate?: string;
  [field: string]: unknown;
}

/** The query answer (note §3.2); only the fields we read are typed strictly. */
export interface PlacetopayLink {
  id: number | string;
  status: string;
  url?: string;
  expirationDate?: string;
  totalPayments?: number | null;
  availablePayments?: number | null;
  payments?: PlacetopayPayment[];
  [field: string]: unknown;
}

/** `POST /api/payment-link` body without `auth` (note §3.1). */
export interface PlacetopayCreateBody {
  name: string;
  description: string;
  reference: string;
  expirationDate: string;
  paymentExpiration: number;
  payment: { amount: { currency: string; total: number } };
  notificationUrl: string;
  isGeneric: boolean;
  paymentsAllowed?: number;
  locale?: string;
  paymentMethod?: string[];
  recipients?: Array<{ email: string }>;
  additional?: Array<{ keyword: string; value: string; displayOn: 'none' }>;
}

/** `es-CO` → `es_CO`; null when Placetopay cannot show that language (note §6). */
export function toPlacetopayLocale(locale: string): string | null {
  const match = /^([a-z]{2})[-_]([a-z]{2})$/i.exec(locale);
  if (!match || !LOCALE_LANGUAGES.has(match[1]!.toLowerCase())) return null;
  return `${match[1]!.toLowerCase()}_${match[2]!.toUpperCase()}`;
}

/**
 * The `reference` Placetopay requires (note §3.1): the request's own, else one derived from the
 * idempotency key, so retries of one create carry the same reference a merchant can search for.
 */
export function referenceFor(request: CreateLinkRequest, idempotencyKey: string): string {
  if (request.reference) return request.reference;
  const hex = idempotencyKey.toLowerCase().replace(/[^0-9a-f]/g, '');
  const base = hex.length >= 12 ? hex : createHash('sha256').update(idempotencyKey).digest('hex');
  return `PL-${base.slice(0, 12)}`;
}

function nameFor(request: CreateLinkRequest): string {
  const text = (request.title ?? request.description).trim();
  const chars = Array.from(text);
  return chars.length <= MAX_NAME_LENGTH ? text : chars.slice(0, MAX_NAME_LENGTH).join('').trimEnd();
}

/**
 * The create body for a request that passed `validateRequest`, and the expiry it sets (ISO 8601).
 * `expirationDate` is written as wall-clock time in the site's time zone.
 */
export function toCreateBody(
  request: CreateLinkRequest,
  context: { idempotencyKey: string; notificationUrl: string },
  options: { now: Date; timeZone: string },
): { body: PlacetopayCreateBody; expiresAt: string } {
  const requested = request.expiresAt ? new Date(request.expiresAt) : null;
  const expiry = requested ?? new Date(options.now.getTime() + DEFAULT_EXPIRY_DAYS * 86_400_000);
  const limit = request.usageLimit ?? null;
  const body: PlacetopayCreateBody = {
    name: nameFor(request),
    description: request.description,
    reference: referenceFor(request, context.idempotencyKey),
    expirationDate: toWallClock(expiry, options.timeZone),
    paymentExpiration: PAYMENT_EXPIRATION_MINUTES,
    payment: {
      amount: {
        currency: request.amount.currency,
        total: Number((request.amount.value ?? '0').split('.')[0]),
      },
    },
    notificationUrl: context.notificationUrl,
    // Our usageLimit counts approved payments, whoever pays; without isGeneric Placetopay would also
    // stop a payer from paying twice (note §3.1), so multi-use links are generic.
    isGeneric: limit !== 1,
  };
  if (limit !== null) body.paymentsAllowed = limit;
  const locale = request.locale ? toPlacetopayLocale(request.locale) : null;
  if (locale) body.locale = locale;
  if (request.paymentMethods && request.paymentMethods.length > 0)
    body.paymentMethod = [...request.paymentMethods];
  // Placetopay e-mails the link to `recipients` on creation (note §3.1): sharing happens at create.
  if (request.customer?.email) body.recipients = [{ email: request.customer.email }];
  if (request.metadata && Object.keys(request.metadata).length > 0) {
    body.additional = Object.entries(request.metadata).map(([keyword, value]) => ({
      keyword,
      value,
      displayOn: 'none',
    }));
  }
  return {
    body,
    expiresAt: toIsoSeconds(parsePlacetopayDate(body.expirationDate, options.timeZone) ?? expiry),
  };
}

/** Our request field for a Placetopay validation key such as `payment.amount.total` or `paymentMethod.0`. */
export function ourFieldName(placetopayField: string, request?: CreateLinkRequest): string {
  const [head = '', ...rest] = placetopayField.split('.');
  switch (head) {
    case 'name':
      return request?.title !== undefined ? 'title' : 'description';
    case 'description':
      return 'description';
    case 'reference':
      return 'reference';
    case 'expirationDate':
      return 'expiresAt';
    case 'paymentsAllowed':
    case 'isGeneric':
      return 'usageLimit';
    case 'payment':
      return rest.join('.') === 'amount.currency' ? 'amount.currency' : 'amount.value';
    case 'locale':
      return 'locale';
    case 'paymentMethod':
      return 'paymentMethods';
    case 'recipients':
    case 'receiverEmails':
      return 'customer.email';
    case 'additional':
      return 'metadata';
    default:
      // Fields we fill in ourselves (auth, paymentExpiration, notificationUrl) keep Placetopay's name.
      return placetopayField;
  }
}

/** Placetopay's 422 `errors` object as our field errors. */
export function fieldErrorsFrom(errors: unknown, request?: CreateLinkRequest): FieldError[] {
  if (!errors || typeof errors !== 'object') return [];
  const out: FieldError[] = [];
  for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
    const list = Array.isArray(messages) ? messages : [messages];
    for (const message of list) {
      out.push({ field: ourFieldName(field, request), message: `placetopay: ${String(message)}` });
    }
  }
  return out;
}
