import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import {
  createIdempotencyKey,
  fieldErrorsFrom,
  isUuidV4,
  toCreateBody,
  toOurField,
  toRecipient,
  toShareBody,
} from './wire.ts';

const base: CreateLinkRequest = {
  provider: 'payroc',
  amount: { value: '100.00', currency: 'GBP' },
  description: 'Invoice 1042',
  reference: 'INV-1042',
};
const key = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const now = new Date('2026-03-01T12:00:00Z');

describe('payroc', () => {
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
});
