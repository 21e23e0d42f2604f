import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { SEED_EQUIVALENT } from './fixtures/seed-equivalent.ts';
import { validateRequest } from './validation.ts';
import { fieldErrorsFrom, fieldFromPlexoPath, splitPaymentMethods, toCreateBody } from './wire.ts';

const base: CreateLinkRequest = {
  provider: 'plexo',
  amount: { value: '1500.00', currency: 'UYU' },
  description: 'Payment for consulting services',
};

const wire = (request: CreateLinkRequest, callbackUrl?: string) =>
  JSON.stringify(toCreateBody(request, { merchantId: 12345, callbackUrl }));

describe('toCreateBody', () => {
  it("builds the seed's request example from the equivalent PayLink request", () => {
    expect(validateRequest(SEED_EQUIVALENT)).toEqual([]);
    // The seed's body, less the item fields our LineItem does not carry (discount, tax, metadata).
    expect(wire(SEED_EQUIVALENT, 'https://example.com/webhook')).toBe(
      '{"merchantId":12345,"type":"regular","amount":{"currency":"UYU","total":1500.00},' +
        '"settings":{"amountMode":"fixed","paymentMethods":["VISA","MASTERCARD"],"installments":{"*":[1,3,6]},' +
        '"callbackUrl":"https://example.com/webhook","skipPreCheckout":false},' +
        '"validUntil":"2025-08-01T00:00:00Z","displayName":"Invoice #1042","description":"Payment for consulting services",' +
        '"items":[{"referenceId":"SKU-001","name":"Consulting — July 2025","description":"Monthly consulting fee",' +
        '"quantity":1,"price":1500.00}]}',
    );
  });

  it("builds the seed's split example (percentage leg plus a residual leg without value)", () => {
    const request: CreateLinkRequest = {
      ...base,
      amount: { value: '10000.00', currency: 'UYU' },
      title: 'Platform purchase',
      splits: [
        { merchantId: '67890', amount: { type: 'percentage', value: '85' } },
        { merchantId: '12345', amount: { type: 'residual' } },
      ],
    };
    expect(validateRequest(request)).toEqual([]);
    const body = JSON.parse(wire(request));
    expect(body.splitDestinations).toEqual([
      { destinationMerchantId: 67890, amountRule: { type: 'percentage', value: 85 } },
      { destinationMerchantId: 12345, amountRule: { type: 'residual' } },
    ]);
    expect(wire(request)).toContain('"value":85}');
  });

  it('maps reference and VAT rules of a split leg', () => {
    const body = JSON.parse(
      wire({
        ...base,
        splits: [
          {
            reference: 'sub-7',
            amount: { type: 'fixed', value: '100.50' },
            vat: { type: 'percentage', value: '22' },
          },
        ],
      }),
    );
    expect(body.splitDestinations).toEqual([
      {
        subMerchantReference: 'sub-7',
        amountRule: { type: 'fixed', value: 100.5 },
        vatRule: { type: 'percentage', value: 22 },
      },
    ]);
  });

  it('maps usageLimit 1 to a one-time link and absent or null to a regular link', () => {
    expect(JSON.parse(wire({ ...base, usageLimit: 1 })).type).toBe('one-time');
    expect(JSON.parse(wire({ ...base, usageLimit: null })).type).toBe('regular');
    expect(JSON.parse(wire(base)).type).toBe('regular');
  });

  it('sends a flexible link without amount, with bounds, suggestion and currency', () => {
    const request: CreateLinkRequest = {
      ...base,
      amount: { value: '1000.00', currency: 'USD' },
      amountMode: 'flexible',
      flexibleAmount: { min: '10.00', max: '5000' },
    };
    expect(validateRequest(request)).toEqual([]);
    const text = wire(request);
    expect(JSON.parse(text).amount).toBeUndefined();
    expect(text).toContain(
      '"settings":{"amountMode":"flexible","flexibleAmount":{"minAmount":10.00,"maxAmount":5000,"suggestedAmount":1000.00,"allowedCurrencies":["USD"]}}',
    );
    const noSuggestion = JSON.parse(
      wire({ ...request, amount: { currency: 'USD' }, flexibleAmount: undefined }),
    );
    expect(noSuggestion.settings.flexibleAmount).toEqual({ allowedCurrencies: ['USD'] });
  });

  it('writes amounts exactly, beyond what a float holds', () => {
    expect(wire({ ...base, amount: { value: '123456789012345678.99', currency: 'UYU' } })).toContain(
      '"total":123456789012345678.99',
    );
  });

  it('sends startsAt, expiresAt, skipLandingPage and the notification URL as Plexo fields', () => {
    const body = JSON.parse(
      wire(
        {
          ...base,
          startsAt: '2025-07-02T00:00:00Z',
          expiresAt: '2025-07-03T00:00:00-03:00',
          skipLandingPage: true,
        },
        'https://pay.example.com/v1/webhooks/plexo',
      ),
    );
    expect(body.validFrom).toBe('2025-07-02T00:00:00Z');
    expect(body.validUntil).toBe('2025-07-03T00:00:00-03:00');
    expect(body.settings.skipPreCheckout).toBe(true);
    expect(body.settings.callbackUrl).toBe('https://pay.example.com/v1/webhooks/plexo');
    expect(body.displayName).toBe(base.description);
  });

  it('sends generic method types to paymentMethodTypes and brand codes upper-cased to paymentMethods', () => {
    expect(splitPaymentMethods(['card', 'visa', 'MASTERCARD', 'type:wallet', 'Card'])).toEqual({
      types: ['card', 'wallet'],
      codes: ['VISA', 'MASTERCARD'],
    });
    const body = JSON.parse(
      wire({ ...base, paymentMethods: ['card'], installments: { visa: [1, 3], '*': [1] } }),
    );
    expect(body.settings.paymentMethodTypes).toEqual(['card']);
    expect(body.settings.paymentMethods).toBeUndefined();
    expect(body.settings.installments).toEqual({ VISA: [1, 3], '*': [1] });
  });
});

describe('Plexo validation errors in our field names', () => {
  it("translates the seed's 400 example", () => {
    expect(
      fieldErrorsFrom({
        code: 'request-validation-errors',
        params: {
          'amount.currency': ["Currency is required when amountMode is 'fixed'."],
          'amount.total': ["Total is required when amountMode is 'fixed'."],
        },
      }),
    ).toEqual([
      { field: 'amount.currency', message: "plexo: Currency is required when amountMode is 'fixed'." },
      { field: 'amount.value', message: "plexo: Total is required when amountMode is 'fixed'." },
    ]);
  });

  it('maps nested and differently cased paths', () => {
    expect(fieldFromPlexoPath('Amount.Total')).toBe('amount.value');
    expect(fieldFromPlexoPath('$.validUntil')).toBe('expiresAt');
    expect(fieldFromPlexoPath('settings.flexibleAmount.suggestedAmount')).toBe('amount.value');
    expect(fieldFromPlexoPath('settings.paymentMethods[1]')).toBe('paymentMethods');
    expect(fieldFromPlexoPath('settings.installments.VISA')).toBe('installments');
    expect(fieldFromPlexoPath('splitDestinations[1].amountRule.value')).toBe('splits[1].amount.value');
    expect(fieldFromPlexoPath('splitDestinations[0].destinationMerchantId')).toBe('splits[0].merchantId');
    expect(fieldFromPlexoPath('items[2].referenceId')).toBe('items[2].id');
    expect(fieldFromPlexoPath('settings.callbackUrl')).toBe('settings.callbackUrl');
    expect(fieldFromPlexoPath('$')).toBe('');
  });
});
