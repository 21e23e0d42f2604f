// Step 3: what the provider cannot honour, refused before any call with our field names and the
// provider named (the proxy answers 422).
import { amountProblem, type CreateLinkRequest, type FieldError } from '@paylink/core';

const MAX_DESCRIPTION = 200;

/** What the provider cannot honour in a create request. */
export function validateRequest(request: CreateLinkRequest): FieldError[] {
  const errors: FieldError[] = [];
  const refuse = (field: string, message: string) => errors.push({ field, message: `template ${message}` });
  const value = request.amount?.value;
  if (request.amountMode === 'flexible' || value === undefined)
    refuse('amount.value', 'needs a fixed amount');
  else {
    const problem = amountProblem(value, request.amount.currency);
    if (problem) refuse('amount.value', `needs a valid amount: ${problem}`);
  }
  if (request.usageLimit !== undefined && request.usageLimit !== null && request.usageLimit !== 1)
    refuse('usageLimit', 'links are single-use (1) or unlimited (null)');
  if (Array.from(request.description ?? '').length > MAX_DESCRIPTION)
    refuse('description', `takes at most ${MAX_DESCRIPTION} characters`);
  if (request.items?.length) refuse('items', 'does not support line items');
  if (request.splits?.length) refuse('splits', 'does not support split payments');
  if (request.locale !== undefined) refuse('locale', 'has no checkout language setting');
  return errors;
}
