import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, plexoRoutes } from './client.ts';
import {
  fieldErrorsFromPlexo,
  fieldFromPlexoPath,
  splitPaymentMethods,
  toLinkState,
  toLinkStatus,
  toPlexoCreateBody,
  validateForPlexo,
} from './mapping.ts';

const base: CreateLinkRequest = {
  provider: 'plexo',
  amount: { value: '1500.00', currency: 'UYU' },
  description: 'Payment for consulting services',
};

const wire = (request: CreateLinkRequest, callbackUrl?: string) =>
  JSON.stringify(toPlexoCreateBody(request, { merchantId: 12345, callbackUrl }));

describe('plexo Basic auth', () => {
  it('matches the test vector in the provider note (§2)', () => {
    expect(basicAuthorization('test_12345', 'sk_test_abcdef123456789')).toBe(
      'Basic dGVzdF8xMjM0NTpza190ZXN0X2FiY2RlZjEyMzQ1Njc4OQ==',
    );
  });

  it('keeps the inferred routes in one place', () => {
    expect(plexoRoutes.create()).toBe('/v1/payment-links');
    expect(plexoRoutes.payment('6305dd2d000d6ed5d1ecf79b')).toBe('/v1/payments/6305dd2d000d6ed5d1ecf79b');
    expect(plexoRoutes.inferred.link('a1b2/c3')).toBe('/v1/payment-links/a1b2%2Fc3');
  });
});

describe('toPlexoCreateBody', () => {
  it("builds the seed's request example from the equivalent PayLink request", () => {
    const request: CreateLinkRequest = {
      ...base,
      title: 'Invoice #1042',
      expiresAt: '2025-08-01T00:00:00Z',
      usageLimit: null,
      paymentMethods: ['VISA', 'MASTERCARD'],
      installments: { '*': [1, 3, 6] },
      skipLandingPage: false,
      items: [
        {
          id: 'SKU-001',
          name: 'Consulting — July 2025',
          description: 'Monthly consulting fee',
          quantity: 1,
          price: '1500.00',
        },
      ],
    };
    expect(validateForPlexo(request)).toEqual([]);
    // The seed's body, less the item fields our LineItem does not carry (discount, tax, metadata).
    expect(wire(request, 'https://example.com/webhook')).toBe(
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
    expect(validateForPlexo(request)).toEqual([]);
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
    expect(validateForPlexo(request)).toEqual([]);
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

describe('validateForPlexo', () => {
  const fields = (request: Partial<CreateLinkRequest>) =>
    validateForPlexo({ ...base, ...request } as CreateLinkRequest).map((e) => e.field);

  it('refuses what Plexo cannot honour, naming the field and plexo', () => {
    const errors = validateForPlexo({
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

describe('status mapping (README status table)', () => {
  const dto = {
    id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    externalId: 'pl_xK9mQ2vR',
    shareUrl: 'https://links.plexo.com.uy/pl_xK9mQ2vR',
    qrCodeUrl: 'https://api.plexo.com.uy/v1/public/payment-links/pl_xK9mQ2vR/qr.svg',
    merchantId: 12345,
    type: 'regular',
    status: 'active',
    validFrom: null,
    validUntil: '2025-08-01T00:00:00Z',
    createdAt: '2025-07-01T14:30:00Z',
    updatedAt: null,
  };

  it('maps each Plexo status, refusing unknown ones', () => {
    expect(toLinkStatus('active')).toBe('open');
    expect(toLinkStatus('expired')).toBe('expired');
    expect(toLinkStatus('completed')).toBe('paid');
    expect(toLinkStatus('deleted')).toBe('disabled');
    expect(() => toLinkStatus('archived')).toThrow(/unknown|does not know/);
  });

  it("reads the seed's 201 example as an open unlimited link", () => {
    expect(toLinkState(dto)).toEqual({
      status: 'open',
      payments: { count: 0, limit: null },
      lastPayment: null,
      expiresAt: '2025-08-01T00:00:00Z',
    });
  });

  it('reads a completed one-time link as paid once', () => {
    expect(
      toLinkState({ ...dto, type: 'one-time', status: 'completed', updatedAt: '2025-07-02T10:00:00Z' }),
    ).toEqual({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved', at: '2025-07-02T10:00:00Z' },
      expiresAt: '2025-08-01T00:00:00Z',
    });
  });
});

describe('Plexo validation errors in our field names', () => {
  it("translates the seed's 400 example", () => {
    expect(
      fieldErrorsFromPlexo({
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
