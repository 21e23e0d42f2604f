// Validation of `POST /api/payment-link` (provider note §3.1), answered as Placetopay does: 422
// with `errors.{field}: [messages]` in Laravel's wording ("The expiration date field is required.").
import type { SiteClock } from './dates.ts';

/** Payment methods enabled on the emulator's sites; others are refused like a site's disabled ones. */
export const SITE_PAYMENT_METHODS = [
  'visa',
  'master',
  'amex',
  'diners',
  'pse',
  'nequi',
  'daviplata',
  'efecty',
] as const;
const TAX_KINDS = new Set([
  'valueAddedTax',
  'exciseDuty',
  'ice',
  'airportTax',
  'stateTax',
  'reducedStateTax',
  'municipalTax',
]);
const MODIFIER_CODES = new Set([17934, 18083, 19210, 18910, 18999]);
const DISPLAY_ON = new Set(['none', 'payment', 'receipt', 'both', 'approved']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Laravel shows camelCase attributes with the names the docs' example messages use.
const ATTRIBUTES: Record<string, string> = {
  expirationDate: 'expiration date',
  paymentExpiration: 'payment expiration',
  paymentsAllowed: 'payments allowed',
  notificationUrl: 'notification url',
  isGeneric: 'is generic',
  skipResult: 'skip result',
  paymentMethod: 'payment method',
  receiverEmails: 'receiver emails',
};

type Errors = Record<string, string[]>;

class Checker {
  readonly errors: Errors = {};
  add(field: string, message: string): void {
    const name = ATTRIBUTES[field] ?? field;
    const list = this.errors[field] ?? [];
    list.push(message.replace(':attribute', name));
    this.errors[field] = list;
  }
  required(body: Record<string, unknown>, field: string): boolean {
    const value = body[field];
    if (
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0)
    ) {
      this.add(field, 'The :attribute field is required.');
      return false;
    }
    return true;
  }
  string(value: unknown, field: string): boolean {
    if (typeof value === 'string') return true;
    this.add(field, 'The :attribute must be a string.');
    return false;
  }
  integer(value: unknown, field: string, min?: number): boolean {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(field, 'The :attribute must be an integer.');
      return false;
    }
    if (min !== undefined && value < min) {
      this.add(field, `The :attribute must be at least ${min}.`);
      return false;
    }
    return true;
  }
  boolean(value: unknown, field: string): void {
    if (typeof value !== 'boolean') this.add(field, 'The :attribute field must be true or false.');
  }
  numeric(value: unknown, field: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.add(field, 'The :attribute must be a number.');
  }
  array(value: unknown, field: string): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.add(field, 'The :attribute must be an array.');
    return false;
  }
  object(value: unknown, field: string): value is Record<string, unknown> {
    if (value && typeof value === 'object' && !Array.isArray(value)) return true;
    this.add(field, 'The :attribute must be an object.');
    return false;
  }
}

/**
 * Longest `reference` and `description`. The Payment Link schema states none; WebCheckout's
 * `PaymentRequest` (src/assets/apis/checkout/en.yaml) allows a 32-character reference and a
 * description of "up to 250" characters (its `maxLength` says 255; the smaller wins), and a link's
 * payment opens a WebCheckout session with them, so the emulator refuses longer ones (inferred).
 */
export const MAX_LENGTH = { reference: 32, description: 250 } as const;

/**
 * Validation errors of a create body (empty when valid). `expirationDate` is read on the site's wall
 * clock, and `now` decides its "after now" rule.
 */
export function validateCreate(body: Record<string, unknown>, now: Date, clock: SiteClock): Errors {
  const c = new Checker();
  for (const field of ['name', 'description', 'reference']) {
    if (c.required(body, field) && c.string(body[field], field)) {
      const max = MAX_LENGTH[field as keyof typeof MAX_LENGTH];
      // Laravel counts characters (mb_strlen), not bytes.
      if (max !== undefined && Array.from(body[field] as string).length > max) {
        c.add(field, `The :attribute must not be greater than ${max} characters.`);
      }
    }
  }

  if (c.required(body, 'expirationDate')) {
    const text = body.expirationDate;
    const date = typeof text === 'string' ? clock.parseWallClock(text) : null;
    // Laravel's date_format and after:now rules both fail for an unreadable date, as the docs' example shows.
    if (!date) c.add('expirationDate', 'The :attribute does not match the format Y-m-d H:i:s.');
    if (!date || date.getTime() <= now.getTime()) {
      c.add('expirationDate', `The :attribute must be a date after ${clock.wallClock(now)}.`);
    }
  }

  if (c.required(body, 'paymentExpiration')) c.integer(body.paymentExpiration, 'paymentExpiration', 1);

  if (c.required(body, 'payment') && c.object(body.payment, 'payment')) {
    const payment = body.payment;
    if (payment.amount === undefined || payment.amount === null) {
      c.add('payment.amount', 'The payment.amount field is required.');
    } else {
      validateAmount(c, payment.amount);
    }
    if (payment.modifiers !== undefined && c.array(payment.modifiers, 'payment.modifiers')) {
      payment.modifiers.forEach((modifier, i) => {
        const at = `payment.modifiers.${i}`;
        if (!c.object(modifier, at)) return;
        if (modifier.type !== 'FEDERAL_GOVERNMENT')
          c.add(`${at}.type`, `The selected ${at}.type is invalid.`);
        if (!MODIFIER_CODES.has(modifier.code as number))
          c.add(`${at}.code`, `The selected ${at}.code is invalid.`);
        const invoice = (modifier.additional as { invoice?: unknown } | undefined)?.invoice;
        if (typeof invoice !== 'string' || invoice === '') {
          c.add(`${at}.additional.invoice`, `The ${at}.additional.invoice field is required.`);
        } else if (invoice.length > 9) {
          c.add(
            `${at}.additional.invoice`,
            `The ${at}.additional.invoice must not be greater than 9 characters.`,
          );
        }
      });
    }
  }

  if (body.paymentsAllowed !== undefined && body.paymentsAllowed !== null) {
    c.integer(body.paymentsAllowed, 'paymentsAllowed', 1);
  }
  if (body.isGeneric !== undefined) c.boolean(body.isGeneric, 'isGeneric');
  if (body.skipResult !== undefined) c.boolean(body.skipResult, 'skipResult');
  if (body.locale !== undefined) c.string(body.locale, 'locale');
  if (body.notificationUrl !== undefined && body.notificationUrl !== null) {
    if (!isHttpUrl(body.notificationUrl)) c.add('notificationUrl', 'The :attribute must be a valid URL.');
  }
  if (body.paymentMethod !== undefined && c.array(body.paymentMethod, 'paymentMethod')) {
    body.paymentMethod.forEach((method, i) => {
      if (!(SITE_PAYMENT_METHODS as readonly unknown[]).includes(method)) {
        c.add(`paymentMethod.${i}`, `The selected paymentMethod.${i} is invalid.`);
      }
    });
  }
  if (body.recipients !== undefined && c.array(body.recipients, 'recipients')) {
    if (body.recipients.length > 20) c.add('recipients', 'The :attribute must not have more than 20 items.');
    body.recipients.forEach((recipient, i) => {
      const at = `recipients.${i}`;
      if (!c.object(recipient, at)) return;
      if (
        recipient.email !== undefined &&
        !(typeof recipient.email === 'string' && EMAIL.test(recipient.email))
      ) {
        c.add(`${at}.email`, `The ${at}.email must be a valid email address.`);
      }
      for (const flag of ['sendSMS', 'sendWhatsapp'] as const) {
        if (recipient[flag] === true && typeof recipient.phoneNumber !== 'string') {
          c.add(`${at}.phoneNumber`, `The ${at}.phoneNumber field is required when ${at}.${flag} is true.`);
        }
      }
      if (typeof recipient.phoneNumber === 'string' && !/^\+\d{6,15}$/.test(recipient.phoneNumber)) {
        c.add(`${at}.phoneNumber`, `The ${at}.phoneNumber format is invalid.`);
      }
    });
  }
  if (body.receiverEmails !== undefined && c.array(body.receiverEmails, 'receiverEmails')) {
    body.receiverEmails.forEach((email, i) => {
      if (!(typeof email === 'string' && EMAIL.test(email))) {
        c.add(`receiverEmails.${i}`, `The receiverEmails.${i} must be a valid email address.`);
      }
    });
  }
  if (body.additional !== undefined && c.array(body.additional, 'additional')) {
    const seen = new Set<unknown>();
    body.additional.forEach((item, i) => {
      const at = `additional.${i}`;
      if (!c.object(item, at)) return;
      if (typeof item.keyword !== 'string' || item.keyword === '') {
        c.add(`${at}.keyword`, `The ${at}.keyword field is required.`);
      } else if (seen.has(item.keyword)) {
        c.add(`${at}.keyword`, `The ${at}.keyword field has a duplicate value.`);
      }
      seen.add(item.keyword);
      if (item.displayOn !== undefined && !DISPLAY_ON.has(item.displayOn as string)) {
        c.add(`${at}.displayOn`, `The selected ${at}.displayOn is invalid.`);
      }
    });
  }
  return c.errors;
}

function validateAmount(c: Checker, amount: unknown): void {
  if (!c.object(amount, 'payment.amount')) return;
  const currency = amount.currency;
  if (currency === undefined || currency === null || currency === '') {
    c.add('payment.amount.currency', 'The payment.amount.currency field is required.');
  } else if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    c.add('payment.amount.currency', 'The payment.amount.currency must be 3 characters.');
  }
  if (amount.total === undefined || amount.total === null || amount.total === '') {
    c.add('payment.amount.total', 'The payment.amount.total field is required.');
  } else if (typeof amount.total !== 'number' || !Number.isSafeInteger(amount.total)) {
    // The schema types `total` as an integer in major units (note §3.1, §6).
    c.add('payment.amount.total', 'The payment.amount.total must be an integer.');
  } else if (amount.total < 1) {
    c.add('payment.amount.total', 'The payment.amount.total must be at least 1.');
  }
  if (amount.taxes !== undefined && c.array(amount.taxes, 'payment.amount.taxes')) {
    amount.taxes.forEach((tax, i) => {
      const at = `payment.amount.taxes.${i}`;
      if (!c.object(tax, at)) return;
      if (!TAX_KINDS.has(tax.kind as string)) c.add(`${at}.kind`, `The selected ${at}.kind is invalid.`);
      c.numeric(tax.amount, `${at}.amount`);
      if (tax.base !== undefined) c.numeric(tax.base, `${at}.base`);
    });
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
