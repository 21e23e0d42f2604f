import type { CreateLinkRequest } from '@paylink/core';
import { ProviderError, WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import {
  createIdempotencyKey,
  expiresAtFor,
  expiresOnFor,
  fieldErrorsFrom,
  isUuidV4,
  type PayrocPaymentLink,
  toCreateBody,
  toLinkState,
  toOurField,
  toRecipient,
  toShareBody,
  validateRequest,
} from './mapping.ts';
import { parsePayrocWebhook } from './webhook.ts';

const base: CreateLinkRequest = {
  provider: 'payroc',
  amount: { value: '100.00', currency: 'GBP' },
  description: 'Invoice 1042',
  reference: 'INV-1042',
};
const key = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const now = new Date('2026-03-01T12:00:00Z');

describe('payroc mapping', () => {
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

  describe('toCreateBody', () => {
    it('maps a single-use fixed sale with our reference as order id and merchant reference', () => {
      const body = toCreateBody(
        {
          ...base,
          usageLimit: 1,
          expiresAt: '2026-04-01T00:00:00Z',
          paymentMethods: ['card', 'bank_transfer'],
        },
        { idempotencyKey: key, now },
      );
      expect(body).toEqual({
        type: 'singleUse',
        merchantReference: 'INV-1042',
        order: {
          orderId: 'INV-1042',
          description: 'Invoice 1042',
          charge: { type: 'preset', amount: 10000, currency: 'GBP' },
        },
        authType: 'sale',
        paymentMethods: ['card', 'bankTransfer'],
        expiresOn: '2026-03-31',
      });
    });

    it('maps an unlimited flexible pre-authorization to multiUse, prompt and preAuthorization', () => {
      const body = toCreateBody(
        { ...base, amount: { currency: 'AED' }, amountMode: 'flexible', capture: 'authorize' },
        { idempotencyKey: key, now },
      );
      expect(body).toEqual({
        type: 'multiUse',
        merchantReference: 'INV-1042',
        order: { description: 'Invoice 1042', charge: { type: 'prompt', currency: 'AED' } },
        authType: 'preAuthorization',
        paymentMethods: ['card'],
      });
    });

    it('converts amounts to exact minor units for 0-, 2- and 3-decimal currencies', () => {
      const amount = (value: string, currency: string) => {
        const { charge } = toCreateBody(
          { ...base, amount: { value, currency } },
          { idempotencyKey: key, now },
        ).order;
        return charge.type === 'preset' ? charge.amount : null;
      };
      expect(amount('1500', 'JPY')).toBe(1500);
      expect(amount('0.29', 'USD')).toBe(29);
      expect(amount('1234567.89', 'EUR')).toBe(123456789);
      expect(amount('1.005', 'KWD')).toBe(1005);
      expect(amount('19.9', 'BHD')).toBe(19900);
    });

    it('defaults a single-use expiry to 30 days and derives references from the key when absent', () => {
      const body = toCreateBody(
        { ...base, reference: undefined, usageLimit: 1 },
        { idempotencyKey: key, now },
      );
      expect(body.expiresOn).toBe('2026-03-31');
      expect(body.merchantReference).toBe('PL-8E03978E40D543E8');
      expect(body.order.orderId).toBe(body.merchantReference);
      expect(
        toCreateBody({ ...base, reference: undefined }, { idempotencyKey: key, now }),
      ).not.toHaveProperty('expiresOn');
    });
  });

  describe('expiry days', () => {
    it('keeps the link through the UTC day holding the last usable instant', () => {
      expect(expiresOnFor('2026-04-01T00:00:00Z')).toBe('2026-03-31');
      expect(expiresOnFor('2026-04-01T00:00:00.001Z')).toBe('2026-04-01');
      expect(expiresOnFor('2026-04-01T10:00:00-05:00')).toBe('2026-04-01');
      expect(expiresAtFor('2026-03-31')).toBe('2026-04-01T00:00:00.000Z');
    });

    it('uses the terminal time zone, across daylight-saving changes', () => {
      // Chicago: UTC-6 in winter, UTC-5 in summer (clocks changed on 8 March 2026).
      expect(expiresAtFor('2026-03-07', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z');
      expect(expiresAtFor('2026-03-08', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
      expect(expiresOnFor('2026-03-09T05:00:00Z', 'America/Chicago')).toBe('2026-03-08');
      expect(expiresOnFor('2026-03-09T05:00:00.001Z', 'America/Chicago')).toBe('2026-03-09');
      expect(expiresAtFor('2024-08-02', 'Pacific/Midway')).toBe('2024-08-03T11:00:00.000Z');
      expect(expiresAtFor('2026-06-30', 'Asia/Kolkata')).toBe('2026-06-30T18:30:00.000Z');
    });
  });

  describe('createIdempotencyKey', () => {
    it('uses a UUID v4 as is and derives a stable UUID v4 from anything else', () => {
      expect(createIdempotencyKey(key)).toBe(key);
      const derived = createIdempotencyKey('order-1042-attempt');
      expect(isUuidV4(derived)).toBe(true);
      expect(createIdempotencyKey('order-1042-attempt')).toBe(derived);
      expect(createIdempotencyKey('order-1043-attempt')).not.toBe(derived);
      // A UUID of another version is not a valid Payroc key, so it is derived too.
      const v1 = 'c232ab00-9414-11ec-b3c8-9f68deced846';
      expect(createIdempotencyKey(v1)).not.toBe(v1);
      expect(isUuidV4(createIdempotencyKey(v1))).toBe(true);
    });
  });

  describe('toLinkState (README status table)', () => {
    const link = (type: 'singleUse' | 'multiUse', status: string): PayrocPaymentLink => ({
      type,
      paymentLinkId: 'JZURRJBUPS',
      merchantReference: 'LinkRef6543',
      order: { charge: { type: 'prompt', currency: 'AED' } },
      authType: 'sale',
      paymentMethods: ['card'],
      assets: { paymentUrl: 'https://payments.payroc.com/merchant/pay-by-link?token=x' },
      status,
      expiresOn: '2024-08-02',
    });

    it.each([
      ['singleUse', 'active', 'open', 0, 1],
      ['singleUse', 'completed', 'paid', 1, 1],
      ['singleUse', 'deactivated', 'disabled', 0, 1],
      ['singleUse', 'expired', 'expired', 0, 1],
      ['multiUse', 'active', 'open', 0, null],
      ['multiUse', 'completed', 'paid', 1, null],
      ['multiUse', 'deactivated', 'disabled', 0, null],
      ['multiUse', 'expired', 'expired', 0, null],
    ] as const)('%s %s -> %s', (type, status, ours, count, limit) => {
      const state = toLinkState(link(type, status));
      expect(state).toMatchObject({
        status: ours,
        payments: { count, limit },
        expiresAt: '2024-08-03T00:00:00.000Z',
      });
      expect(state.lastPayment).toEqual(status === 'completed' ? { outcome: 'approved', at: null } : null);
    });

    it('throws on a status it does not know', () => {
      expect(() => toLinkState(link('singleUse', 'paused'))).toThrow(ProviderError);
    });
  });

  describe('errors and sharing', () => {
    it('translates Payroc error parameters to our field names', () => {
      expect(toOurField('order.charge.amount')).toBe('amount.value');
      expect(toOurField('/order/charge/currency')).toBe('amount.currency');
      expect(toOurField('order.orderId')).toBe('reference');
      expect(toOurField('expiresOn')).toBe('expiresAt');
      expect(toOurField('paymentMethods[1]')).toBe('paymentMethods');
      expect(toOurField('recipients[0].email')).toBe('recipients');
      expect(toOurField('type')).toBe('usageLimit');
      expect(toOurField('authType')).toBe('capture');
      expect(
        fieldErrorsFrom({
          errors: [
            {
              parameter: 'order.charge.amount',
              detail: 'Required field not populated',
              message: "The 'amount' field is required",
            },
          ],
        }),
      ).toEqual([{ field: 'amount.value', message: "payroc: The 'amount' field is required" }]);
    });

    it('builds sharing events with a name for every recipient', () => {
      expect(toRecipient('Sarah Hazel Hopper <sarah.hopper@example.com>')).toEqual({
        name: 'Sarah Hazel Hopper',
        email: 'sarah.hopper@example.com',
      });
      expect(toRecipient('ana@example.com')).toEqual({ name: 'ana@example.com', email: 'ana@example.com' });
      expect(toShareBody({ recipients: ['ana@example.com'] })).toEqual({
        sharingMethod: 'email',
        recipients: [{ name: 'ana@example.com', email: 'ana@example.com' }],
        merchantCopy: false,
      });
    });
  });

  describe('webhooks', () => {
    it('refuses every notification: Payroc sends none for payment links', async () => {
      const error = await parsePayrocWebhook({
        headers: new Headers({ 'payroc-secret': 'x' }),
        rawBody: '{}',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toMatchObject({
        provider: 'payroc',
        message: 'Payroc sends no payment-link notifications',
      });
    });
  });
});
