// What Placetopay cannot honour in a create request, refused before any call (provider note §3.1, §6).
import { type CreateLinkRequest, type FieldError, isWholeAmount } from '@paylink/core';
import { toPlacetopayLocale } from './wire.ts';

/**
 * Longest `reference` and `description` Placetopay takes. The Payment Link schema states none, but
 * each payment opens a WebCheckout session, whose `PaymentRequest` allows a reference of 32
 * characters and a description of "up to 250" (placetopay-docs src/assets/apis/checkout/en.yaml;
 * its `maxLength` says 255, the text 250: the smaller wins). Counted in characters, as Laravel does.
 */
export const MAX_LENGTH = { reference: 32, description: 250 } as const;

const unsupported = (field: string, what: string): FieldError => ({
  field,
  message: `placetopay does not support ${what}`,
});

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
