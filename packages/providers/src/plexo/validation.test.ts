import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { validateRequest } from './validation.ts';

const base: CreateLinkRequest = {
  provider: 'plexo',
  amount: { value: '1500.00', currency: 'UYU' },
  description: 'Payment for consulting services',
};

describe('validateRequest', () => {
  const fields = (request: Partial<CreateLinkRequest>) =>
    validateRequest({ ...base, ...request } as CreateLinkRequest).map((e) => e.field);

  it('refuses what Plexo cannot honour, naming the field and plexo', () => {
    const errors = validateRequest({
      ...base,
      usageLimit: 3,
      capture: 'authorize',
      slug: 'my-link',
      customerRequired: true,
      locale: 'es-UY',
    });
    expect(errors.map((e) => e.field)).toEqual([
      'usageLimit',
      'capture',
      'slug',
      'customerRequired',
      'locale',
    ]);
    for (const error of errors) expect(error.message).toContain('plexo');
    expect(fields({ capture: 'sale', usageLimit: 1 })).toEqual([]);
  });

  it('needs a positive amount for fixed links and no flexible bounds on them', () => {
    expect(fields({ amount: { currency: 'UYU' } })).toEqual(['amount.value']);
    expect(fields({ amount: { value: '0.00', currency: 'UYU' } })).toEqual(['amount.value']);
    expect(fields({ flexibleAmount: { min: '1' } })).toEqual(['flexibleAmount']);
  });

  it('checks flexible bounds and the suggestion', () => {
    const flexible = { amountMode: 'flexible' as const };
    expect(
      fields({ ...flexible, flexibleAmount: { min: '10', max: '5' }, amount: { currency: 'UYU' } }),
    ).toEqual(['flexibleAmount.min']);
    expect(
      fields({
        ...flexible,
        flexibleAmount: { min: '10', max: '50' },
        amount: { value: '60', currency: 'UYU' },
      }),
    ).toEqual(['amount.value']);
    expect(
      fields({
        ...flexible,
        flexibleAmount: { min: '10', max: '50' },
        amount: { value: '50', currency: 'UYU' },
      }),
    ).toEqual([]);
  });

  it('refuses a start not before the expiry', () => {
    expect(fields({ startsAt: '2025-07-03T00:00:00Z', expiresAt: '2025-07-03T00:00:00Z' })).toEqual([
      'startsAt',
    ]);
  });

  it('refuses malformed payment methods and installments', () => {
    expect(fields({ paymentMethods: [] })).toEqual(['paymentMethods']);
    expect(fields({ paymentMethods: ['visa electron'] })).toEqual(['paymentMethods']);
    expect(fields({ installments: { VISA: [0] } })).toEqual(['installments.VISA']);
    expect(fields({ installments: { VISA: [] } })).toEqual(['installments.VISA']);
    expect(fields({ installments: { 'a b': [1] } })).toEqual(['installments.a b']);
    expect(fields({ installments: { '*': [1, 3, 12] } })).toEqual([]);
  });

  describe('split rules', () => {
    const legs = (...amounts: Array<{ type: 'percentage' | 'fixed' | 'residual'; value?: string }>) =>
      fields({ splits: amounts.map((amount) => ({ merchantId: '1', amount })) });

    it('takes percentages from 0 to 100 inclusive', () => {
      expect(legs({ type: 'percentage', value: '0' })).toEqual([]);
      expect(legs({ type: 'percentage', value: '100' })).toEqual([]);
      expect(legs({ type: 'percentage', value: '100.01' })).toEqual(['splits[0].amount.value']);
      expect(legs({ type: 'percentage', value: '-1' })).toEqual(['splits[0].amount.value']);
      expect(legs({ type: 'percentage' })).toEqual(['splits[0].amount.value']);
    });

    it('refuses percentages adding up to more than 100', () => {
      expect(legs({ type: 'percentage', value: '60' }, { type: 'percentage', value: '40' })).toEqual([]);
      expect(legs({ type: 'percentage', value: '60' }, { type: 'percentage', value: '40.5' })).toEqual([
        'splits',
      ]);
    });

    it('refuses a residual leg with a value and a second residual leg', () => {
      expect(legs({ type: 'residual', value: '5' })).toEqual(['splits[0].amount.value']);
      expect(legs({ type: 'residual' }, { type: 'residual' })).toEqual(['splits']);
    });

    it('needs fixed legs above 0 and not above the total together', () => {
      expect(legs({ type: 'fixed', value: '0' })).toEqual(['splits[0].amount.value']);
      expect(legs({ type: 'fixed', value: '1000.00' }, { type: 'fixed', value: '500' })).toEqual([]);
      expect(legs({ type: 'fixed', value: '1000.00' }, { type: 'fixed', value: '500.01' })).toEqual([
        'splits',
      ]);
      expect(legs({ type: 'fixed', value: '1.001' })).toEqual(['splits[0].amount.value']);
    });

    it('checks VAT rules, rule types and destination ids', () => {
      expect(fields({ splits: [{ amount: { type: 'residual' }, vat: { type: 'fixed' } }] })).toEqual([
        'splits[0].vat.value',
      ]);
      expect(fields({ splits: [{ amount: { type: 'share' as 'fixed', value: '1' } }] })).toEqual([
        'splits[0].amount.type',
      ]);
      expect(fields({ splits: [{ merchantId: 'acme', amount: { type: 'residual' } }] })).toEqual([
        'splits[0].merchantId',
      ]);
      expect(fields({ splits: [] })).toEqual(['splits']);
    });
  });
});
