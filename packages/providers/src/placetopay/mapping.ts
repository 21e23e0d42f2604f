// Pure translations between PayLink's model and Placetopay's Payment Link API (provider note §3–§6).
import { createHash } from 'node:crypto';
import {
  type CreateLinkRequest,
  type FieldError,
  isWholeAmount,
  type LastPayment,
  LinkStatus,
  PaymentOutcome,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';
import { DEFAULT_TIME_ZONE, parsePlacetopayDate, toIsoSeconds, toWallClock } from './dates.ts';

export const PROVIDER = 'placetopay';

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
/**
 * Longest `reference` and `description` Placetopay takes. The Payment Link schema states none, but
 * each payment opens a WebCheckout session, whose `PaymentRequest` allows a reference of 32
 * characters and a description of "up to 250" (placetopay-docs src/assets/apis/checkout/en.yaml;
 * its `maxLength` says 255, the text 250: the smaller wins). Counted in characters, as Laravel does.
 */
export const MAX_LENGTH = { reference: 32, description: 250 } as const;

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

const unsupported = (field: string, what: string): FieldError => ({
  field,
  message: `placetopay does not support ${what}`,
});

/** `es-CO` → `es_CO`; null when Placetopay cannot show that language (note §6). */
export function toPlacetopayLocale(locale: string): string | null {
  const match = /^([a-z]{2})[-_]([a-z]{2})$/i.exec(locale);
  if (!match || !LOCALE_LANGUAGES.has(match[1]!.toLowerCase())) return null;
  return `${match[1]!.toLowerCase()}_${match[2]!.toUpperCase()}`;
}

/** What Placetopay cannot honour in a create request, named by our field names. */
export function validateRequest(request: CreateLinkRequest): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['reference', 'description'] as const) {
    const text = request[field];
    if (typeof text === 'string' && Array.from(text).length > MAX_LENGTH[field]) {
      errors.push({
        field,
        message: `placetopay takes a ${field} of at most ${MAX_LENGTH[field]} characters`,
      });
    }
  }
  const flexible = request.amountMode === 'flexible';
  if (flexible) errors.push(unsupported('amountMode', 'payer-entered (flexible) amounts'));
  if (request.flexibleAmount !== undefined)
    errors.push(unsupported('flexibleAmount', 'payer-entered amount bounds'));
  const value = request.amount?.value;
  if (value === undefined) {
    if (!flexible) errors.push({ field: 'amount.value', message: 'placetopay needs a fixed amount' });
  } else if (!isWholeAmount({ value, currency: request.amount.currency })) {
    // `payment.amount.total` is an integer in major units (note §3.1, §6).
    errors.push({ field: 'amount.value', message: 'placetopay takes whole amounts only (no decimals)' });
  } else if (!Number.isSafeInteger(Number(value.split('.')[0]))) {
    errors.push({ field: 'amount.value', message: 'placetopay cannot take an amount this large' });
  }
  if (request.items !== undefined && request.items.length > 0)
    errors.push(unsupported('items', 'line items'));
  if (request.splits !== undefined && request.splits.length > 0)
    errors.push(unsupported('splits', 'split payments'));
  if (request.installments !== undefined && Object.keys(request.installments).length > 0) {
    errors.push(unsupported('installments', 'installment plans on a link'));
  }
  if (request.expiresAt !== undefined && Number.isNaN(Date.parse(request.expiresAt))) {
    errors.push({ field: 'expiresAt', message: 'placetopay needs an ISO 8601 date-time' });
  }
  if (request.startsAt !== undefined)
    errors.push(unsupported('startsAt', 'a start date (links are payable at once)'));
  if (request.capture === 'authorize')
    errors.push(unsupported('capture', 'pre-authorization (capture "authorize")'));
  if (request.slug !== undefined) errors.push(unsupported('slug', 'custom link URLs'));
  if (request.customerRequired !== undefined) {
    errors.push(
      unsupported('customerRequired', 'choosing whether payer details are asked (WebCheckout decides)'),
    );
  }
  if (request.skipLandingPage === true) errors.push(unsupported('skipLandingPage', 'skipping the link page'));
  const limit = request.usageLimit;
  if (limit !== undefined && limit !== null && !(Number.isSafeInteger(limit) && limit >= 1)) {
    errors.push({
      field: 'usageLimit',
      message: 'placetopay needs a whole number of payments of at least 1',
    });
  }
  if (request.locale !== undefined && toPlacetopayLocale(request.locale) === null) {
    errors.push({
      field: 'locale',
      message:
        'placetopay needs a language-REGION locale in Spanish, English, Portuguese or Italian, e.g. "es-CO"',
    });
  }
  return errors;
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

/** One payment's state as the outcome of an attempt. */
export function mapPaymentOutcome(status: string | undefined): PaymentOutcome {
  switch (status) {
    case PlacetopayPaymentStatus.Approved:
      return PaymentOutcome.Approved;
    case PlacetopayPaymentStatus.Pending:
    case PlacetopayPaymentStatus.PendingValidation:
    // A partly approved session is still waiting for the rest of the amount.
    case PlacetopayPaymentStatus.ApprovedPartial:
      return PaymentOutcome.Pending;
    case PlacetopayPaymentStatus.Rejected:
    case PlacetopayPaymentStatus.PartialExpired:
    case PlacetopayPaymentStatus.Failed:
    case PlacetopayPaymentStatus.Error:
    case PlacetopayPaymentStatus.Refunded:
      return PaymentOutcome.Rejected;
    default:
      // An unknown state never counts as paid and never holds the link in `pending`.
      return PaymentOutcome.Rejected;
  }
}

function latestPayment(payments: readonly PlacetopayPayment[]): PlacetopayPayment | null {
  let latest: PlacetopayPayment | null = null;
  for (const payment of payments) {
    // Payment ids grow with time; later entries win ties (and the case of missing ids).
    if (!latest || (payment.id ?? 0) >= (latest.id ?? 0)) latest = payment;
  }
  return latest;
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** A queried link on the common status model (the table in README.md). */
export function mapLinkState(link: PlacetopayLink, timeZone = DEFAULT_TIME_ZONE): ProviderLinkState {
  const payments = Array.isArray(link.payments) ? link.payments : [];
  const approved = payments.filter((p) => p.status === PlacetopayPaymentStatus.Approved).length;
  const limit = positiveInteger(link.totalPayments);
  const available = typeof link.availablePayments === 'number' ? link.availablePayments : null;
  const count = Math.max(approved, limit !== null && available !== null ? limit - available : 0);
  const quotaUsed = limit !== null && (available !== null ? available <= 0 : count >= limit);
  const latest = latestPayment(payments);
  const lastPayment: LastPayment | null = latest
    ? {
        outcome: mapPaymentOutcome(latest.status),
        at: toIsoOrNull(parsePlacetopayDate(latest.paymentDate, timeZone)),
      }
    : null;
  const expiry = parsePlacetopayDate(link.expirationDate, timeZone);
  let status: LinkStatus;
  // A link whose payment quota is used up was paid, whatever happened to it afterwards.
  if (quotaUsed) status = LinkStatus.Paid;
  else {
    switch (link.status) {
      case PlacetopayLinkStatus.Inactive:
        status = LinkStatus.Disabled;
        break;
      case PlacetopayLinkStatus.Expired:
        // A payment still pending when the link expired may yet be approved (paid beats expired).
        status = lastPayment?.outcome === PaymentOutcome.Pending ? LinkStatus.Pending : LinkStatus.Expired;
        break;
      default:
        // ACTIVE, and any state added later: judge by the payments.
        status = lastPayment?.outcome === PaymentOutcome.Pending ? LinkStatus.Pending : LinkStatus.Open;
    }
  }
  return { status, payments: { count, limit }, lastPayment, expiresAt: toIsoOrNull(expiry) };
}

function toIsoOrNull(date: Date | null): string | null {
  return date ? toIsoSeconds(date) : null;
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
export function mapFieldErrors(errors: unknown, request?: CreateLinkRequest): FieldError[] {
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
