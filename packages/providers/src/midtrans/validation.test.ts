import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { validateRequest } from './validation.ts';

const NOW = new Date('2026-03-01T05:00:30.250Z');
const base: CreateLinkRequest = {
  provider: 'midtrans',
  amount: { value: '190000.00', currency: 'IDR' },
  description: 'Invoice #1042',
  usageLimit: 1,
};
const fields = (request: CreateLinkRequest) => validateRequest(request, NOW).map((e) => e.field);

describe('validateRequest', () => {
  it('accepts a plain single-use IDR link', () => {
    expect(validateRequest(base, NOW)).toEqual([]);
  });

  it('refuses a fractional rupiah amount, naming amount.value and midtrans', () => {
    const errors = validateRequest({ ...base, amount: { value: '1500.50', currency: 'IDR' } }, NOW);
    expect(errors).toEqual([
      { field: 'amount.value', message: expect.stringMatching(/midtrans.*whole rupiah.*1500\.50/) },
    ]);
  });

  it('accepts .00 as whole rupiah and refuses other currencies', () => {
    expect(fields({ ...base, amount: { value: '1500.00', currency: 'IDR' } })).toEqual([]);
    expect(fields({ ...base, amount: { value: '15.00', currency: 'USD' } })).toEqual(['amount.currency']);
  });

  it('refuses what Midtrans cannot honour, naming the field and the provider', () => {
    const errors = validateRequest(
      {
        ...base,
        splits: [{ merchantId: 'm1', amount: { type: 'residual' } }],
        skipLandingPage: true,
        locale: 'id-ID',
      },
      NOW,
    );
    expect(errors.map((e) => e.field)).toEqual(['splits', 'skipLandingPage', 'locale']);
    for (const error of errors) expect(error.message).toContain('midtrans');
  });

  it('checks that items add up to the gross amount', () => {
    const items = [{ id: 'sku-1', name: 'Consulting', price: '95000.00', quantity: 2 }];
    expect(fields({ ...base, items })).toEqual([]);
    const errors = validateRequest({ ...base, items: [{ ...items[0]!, quantity: 1 }] }, NOW);
    expect(errors).toEqual([{ field: 'items', message: expect.stringMatching(/add up.*95000, not 190000/) }]);
    expect(fields({ ...base, items: [{ name: 'x', price: '190000.50', quantity: 1 }] })).toContain(
      'items[0].price',
    );
    expect(
      fields({ ...base, items: [{ name: 'x', price: '190000', quantity: 1, description: 'd' }] }),
    ).toEqual(['items[0].description']);
  });

  it('checks flexible amount bounds and the preset between them', () => {
    const flexible: CreateLinkRequest = {
      ...base,
      amount: { value: '50000', currency: 'IDR' },
      amountMode: 'flexible',
      flexibleAmount: { min: '10000', max: '100000' },
    };
    expect(fields(flexible)).toEqual([]);
    expect(fields({ ...flexible, amount: { value: '5000', currency: 'IDR' } })).toEqual(['amount.value']);
    expect(fields({ ...flexible, flexibleAmount: { min: '200000', max: '100000' } })).toContain(
      'flexibleAmount.min',
    );
    expect(fields({ ...flexible, flexibleAmount: { min: '10000.5' } })).toEqual(['flexibleAmount.min']);
    expect(fields({ ...flexible, items: [{ name: 'x', price: '50000', quantity: 1 }] })).toEqual(['items']);
    expect(fields({ ...base, flexibleAmount: { min: '1' } })).toEqual(['flexibleAmount']);
  });

  it('checks the slug, usage limit, payment methods, installments and pre-authorization', () => {
    expect(fields({ ...base, slug: 'Inv_1042' })).toEqual(['slug']);
    expect(fields({ ...base, slug: 'inv-1042-7f3a9c2e' })).toEqual([]);
    expect(fields({ ...base, usageLimit: 1_000_001 })).toEqual(['usageLimit']);
    expect(fields({ ...base, usageLimit: null })).toEqual([]);
    expect(fields({ ...base, paymentMethods: ['credit_card', 'visa'] })).toEqual(['paymentMethods[1]']);
    expect(fields({ ...base, installments: { bni: [3, 6, 12] } })).toEqual([]);
    expect(fields({ ...base, installments: { '*': [3] } })).toEqual(['installments.*']);
    expect(fields({ ...base, paymentMethods: ['bca_va'], installments: { bni: [3] } })).toEqual([
      'installments',
    ]);
    expect(fields({ ...base, capture: 'authorize' })).toEqual(['capture']);
    expect(fields({ ...base, capture: 'authorize', paymentMethods: ['credit_card'] })).toEqual([]);
  });

  it('checks the expiry window', () => {
    expect(fields({ ...base, expiresAt: '2026-02-28T00:00:00Z' })).toEqual(['expiresAt']);
    expect(fields({ ...base, startsAt: '2026-03-02T00:00:00Z' })).toEqual(['startsAt']);
    expect(fields({ ...base, startsAt: '2026-03-02T00:00:00Z', expiresAt: '2026-03-03T00:00:30Z' })).toEqual([
      'expiresAt',
    ]);
    expect(fields({ ...base, startsAt: '2026-03-02T00:00:00Z', expiresAt: '2026-03-03T00:00:00Z' })).toEqual(
      [],
    );
  });
});
