import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { validateRequest } from './validation.ts';

const request: CreateLinkRequest = {
  provider: 'placetopay',
  amount: { value: '100000.00', currency: 'COP' },
  description: 'Consulting, July',
};

describe('placetopay validate', () => {
  it('accepts a plain fixed-amount request', () => {
    expect(
      validateRequest({ ...request, usageLimit: null, locale: 'en-US', expiresAt: '2026-01-01T00:00:00Z' }),
    ).toEqual([]);
  });

  it('refuses what Placetopay cannot honour, naming the field and placetopay', () => {
    const errors = validateRequest({
      ...request,
      amount: { value: '10.50', currency: 'USD' },
      items: [{ name: 'A', quantity: 1, price: '10.50' }],
      splits: [{ merchantId: 'm', amount: { type: 'residual' } }],
      installments: { '*': [1, 3] },
      startsAt: '2026-01-01T00:00:00Z',
      capture: 'authorize',
      slug: 'my-link',
      customerRequired: true,
      skipLandingPage: true,
      locale: 'fr-FR',
    });
    expect(errors.map((e) => e.field)).toEqual([
      'amount.value',
      'items',
      'splits',
      'installments',
      'startsAt',
      'capture',
      'slug',
      'customerRequired',
      'skipLandingPage',
      'locale',
    ]);
    for (const error of errors) expect(error.message).toMatch(/placetopay/);
  });

  it('refuses a flexible amount', () => {
    expect(
      validateRequest({
        ...request,
        amount: { currency: 'COP' },
        amountMode: 'flexible',
        flexibleAmount: { min: '1' },
      }).map((e) => e.field),
    ).toEqual(['amountMode', 'flexibleAmount']);
  });
});
