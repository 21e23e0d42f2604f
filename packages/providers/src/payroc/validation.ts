// What Payroc cannot honour in a create request, refused before any call (shared/providers/payroc.md §3.1).
import { type CreateLinkRequest, type FieldError, toMinorUnits } from '@paylink/core';
import { type PayrocPaymentMethod, paymentMethodFor } from './wire.ts';

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
