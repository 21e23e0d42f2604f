// What Midtrans cannot honour in a create request, refused before any call (shared/providers/midtrans.md §3.1).
import { type CreateLinkRequest, type FieldError, isWholeAmount } from '@paylink/core';
import {
  ENABLED_PAYMENTS,
  INSTALLMENT_BANKS,
  MAX_USAGE_LIMIT,
  MINUTE_MS,
  parseInstant,
  SLUG,
  toRupiah,
} from './wire.ts';

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
