import { ProviderErrorKind } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { basicAuth, toProviderError } from './client.ts';
import { errorMessages } from './wire.ts';

describe('basicAuth', () => {
  it('matches the documented vector: SB-Mid-server-abc123cde456 with an empty password', () => {
    expect(basicAuth('SB-Mid-server-abc123cde456')).toBe('Basic U0ItTWlkLXNlcnZlci1hYmMxMjNjZGU0NTY6');
  });
});

describe('toProviderError', () => {
  it('reads error_messages as a string (401) or an array (others)', () => {
    expect(errorMessages({ error_messages: 'Access denied due to unauthorized request' })).toEqual([
      'Access denied due to unauthorized request',
    ]);
    expect(errorMessages({ error_messages: ['a', 1, 'b'] })).toEqual(['a', 'b']);
    expect(errorMessages(null)).toEqual([]);
  });

  it('sorts statuses by what to do next', () => {
    expect(
      toProviderError(401, { error_messages: 'Access denied due to unauthorized request' }),
    ).toMatchObject({
      kind: ProviderErrorKind.Auth,
      retryable: false,
    });
    expect(toProviderError(404, null).kind).toBe(ProviderErrorKind.NotFound);
    expect(toProviderError(409, { error_messages: ["The Order ID 'x' has been taken"] }).kind).toBe(
      ProviderErrorKind.Conflict,
    );
    expect(toProviderError(500, null)).toMatchObject({
      kind: ProviderErrorKind.Unavailable,
      retryable: true,
    });
  });

  it('translates validation messages to our field names', () => {
    const error = toProviderError(400, {
      error_messages: [
        'transaction_details.gross_amount is not equal to the sum of item_details',
        "This Payment Link ID 'payment-112' has been taken",
        'Invalid JSON data provided.',
      ],
    });
    expect(error.kind).toBe(ProviderErrorKind.Validation);
    expect(error.errors.map((e) => e.field)).toEqual(['items', 'slug', 'request']);
  });
});
