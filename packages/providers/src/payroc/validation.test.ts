import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { validateRequest } from './validation.ts';

const base: CreateLinkRequest = {
  provider: 'payroc',
  amount: { value: '100.00', currency: 'GBP' },
  description: 'Invoice 1042',
  reference: 'INV-1042',
};

describe('payroc', () => {
  describe('validateRequest', () => {
    it('accepts single-use, unlimited, fixed, flexible and pre-authorized card requests', () => {
      expect(validateRequest({ ...base, usageLimit: 1 })).toEqual([]);
      expect(validateRequest({ ...base, usageLimit: null })).toEqual([]);
      expect(validateRequest({ ...base, amount: { currency: 'AED' }, amountMode: 'flexible' })).toEqual([]);
      expect(validateRequest({ ...base, capture: 'authorize', paymentMethods: ['card'] })).toEqual([]);
      expect(
        validateRequest({ ...base, title: 'Invoice 1042', customerRequired: false, skipLandingPage: false }),
      ).toEqual([]);
    });

    it('refuses what Payroc cannot honour, naming the field and payroc', () => {
      const errors = validateRequest({
        ...base,
        usageLimit: 3,
        title: 'Other',
        customer: { email: 'ana@example.com' },
        items: [{ name: 'Pie', quantity: 1, price: '100.00' }],
        splits: [{ merchantId: 'm', amount: { type: 'residual' } }],
        installments: { '*': [1, 3] },
        startsAt: '2026-04-01T00:00:00Z',
        slug: 'my-link',
        locale: 'en-GB',
        customerRequired: true,
        skipLandingPage: true,
        paymentMethods: ['card', 'paypal'],
      });
      expect(errors.map((e) => e.field)).toEqual([
        'usageLimit',
        'paymentMethods',
        'title',
        'customer',
        'items',
        'splits',
        'installments',
        'startsAt',
        'slug',
        'locale',
        'customerRequired',
        'skipLandingPage',
      ]);
      for (const error of errors) expect(error.message).toMatch(/^payroc /);
    });

    it('refuses bank transfer on a pre-authorization and amounts it cannot send', () => {
      expect(
        validateRequest({ ...base, capture: 'authorize', paymentMethods: ['card', 'bankTransfer'] }),
      ).toEqual([{ field: 'paymentMethods', message: expect.stringContaining('payroc') }]);
      expect(validateRequest({ ...base, amount: { currency: 'GBP' } })[0]?.field).toBe('amount.value');
      expect(validateRequest({ ...base, amount: { value: '0.00', currency: 'GBP' } })[0]?.field).toBe(
        'amount.value',
      );
      const flexible = validateRequest({
        ...base,
        amountMode: 'flexible',
        flexibleAmount: { min: '1.00', max: '5.00' },
      });
      expect(flexible.map((e) => e.field)).toEqual(['amount.value', 'flexibleAmount']);
    });
  });
});
