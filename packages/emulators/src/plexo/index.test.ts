import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPlexoEmulator, PLEXO_DEV_CREDENTIALS } from './index.ts';

type Json = Record<string, unknown>;
/** The public request/response examples, copied once for both sides (their README names each source). */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../providers/src/plexo/fixtures/${name}`, import.meta.url), 'utf8');

const PUBLIC_URL = 'http://localhost:8792';
const AUTH = `Basic ${Buffer.from(`${PLEXO_DEV_CREDENTIALS.clientId}:${PLEXO_DEV_CREDENTIALS.apiKey}`).toString('base64')}`;

// The seed's request example (shared/seeds/002), with the dev merchant id instead of 12345.
const SEED_REQUEST = `{
  "merchantId": 4321,
  "type": "regular",
  "amount": { "currency": "UYU", "total": 1500.00 },
  "settings": {
    "amountMode": "fixed",
    "paymentMethods": ["VISA", "MASTERCARD"],
    "installments": { "*": [1, 3, 6] },
    "callbackUrl": "https://example.com/webhook",
    "skipPreCheckout": false
  },
  "validUntil": "2025-08-01T00:00:00Z",
  "displayName": "Invoice #1042",
  "description": "Payment for consulting services",
  "items": [
    {
      "referenceId": "SKU-001",
      "name": "Consulting — July 2025",
      "description": "Monthly consulting fee",
      "quantity": 1,
      "price": 1500.00,
      "discount": 0,
      "tax": { "amount": 330.00, "currency": "UYU" },
      "metadata": { "sku": "CONS-001" }
    }
  ]
}`;

// The seed's 201 example, less what the server chooses (ids, URLs) and the merchant id.
const SEED_RESPONSE_TEXT = `{
  "type": "regular",
  "amount": { "currency": "UYU", "total": 1500.00, "details": null },
  "settings": {
    "amountMode": "fixed",
    "paymentMethodTypes": null,
    "paymentMethods": ["VISA", "MASTERCARD"],
    "installments": { "*": [1, 3, 6] },
    "callbackUrl": "https://example.com/webhook",
    "flexibleAmount": null,
    "skipPreCheckout": false
  },
  "validFrom": null,
  "validUntil": "2025-08-01T00:00:00Z",
  "displayName": "Invoice #1042",
  "description": "Payment for consulting services",
  "items": [
    {
      "referenceId": "SKU-001",
      "name": "Consulting — July 2025",
      "description": "Monthly consulting fee",
      "quantity": 1,
      "price": 1500.00,
      "discount": 0,
      "tax": { "amount": 330.00, "currency": "UYU" },
      "metadata": { "sku": "CONS-001" }
    }
  ],
  "status": "active",
  "createdAt": "2025-07-01T14:30:00Z",
  "updatedAt": null,
  "splitDestinations": null
}`;

const SEED_ONE_TIME = {
  merchantId: 4321,
  type: 'one-time',
  amount: { currency: 'UYU', total: 1500.0 },
  settings: {
    amountMode: 'fixed',
    paymentMethods: ['VISA', 'MASTERCARD'],
    installments: { VISA: [1, 3, 6], MASTERCARD: [1, 3] },
  },
  displayName: 'Invoice #1042',
  description: 'Payment for consulting services',
  validUntil: '2025-08-01T00:00:00Z',
};

const SEED_SPLIT = {
  merchantId: 4321,
  type: 'regular',
  amount: { currency: 'UYU', total: 10000.0 },
  settings: { amountMode: 'fixed', paymentMethods: ['VISA', 'MASTERCARD'], installments: { '*': [1, 3] } },
  displayName: 'Platform purchase',
  splitDestinations: [
    { destinationMerchantId: 67890, amountRule: { type: 'percentage', value: 85 } },
    { destinationMerchantId: 4321, amountRule: { type: 'residual' } },
  ],
};

function setup(start = '2025-07-01T14:30:00Z') {
  let clock = new Date(start);
  const emulator = createPlexoEmulator({
    publicUrl: PUBLIC_URL,
    notificationUrl: 'http://127.0.0.1:9/account-default',
    now: () => clock,
  });
  const request = (path: string, init: RequestInit = {}) =>
    emulator.app.request(`${PUBLIC_URL}${path}`, init);
  const create = (body: unknown, auth = AUTH) =>
    request('/v1/payment-links', {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const created = async (body: unknown) => {
    const response = await create(body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as Record<string, string>;
  };
  const settle = (ref: string, input: Record<string, unknown>) =>
    request(`/_emulator/links/${ref}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  const read = async (id: string) =>
    (await (await request(`/v1/payment-links/${id}`, { headers: { authorization: AUTH } })).json()) as Record<
      string,
      unknown
    >;
  const submit = (externalId: string, form: Record<string, string>) =>
    request(`/${externalId}/checkout`, { method: 'POST', body: new URLSearchParams(form) });
  return {
    emulator,
    request,
    create,
    created,
    settle,
    read,
    submit,
    setClock: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

const fixed = (extra: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) => ({
  merchantId: 4321,
  type: 'regular',
  amount: { currency: 'UYU', total: 100 },
  settings: { amountMode: 'fixed', ...settings },
  ...extra,
});

describe('Plexo emulator', () => {
  describe('POST /v1/payment-links with the seed examples', () => {
    it('answers the seed request with the seed response, decimals written as sent', async () => {
      const { create } = setup();
      const response = await create(SEED_REQUEST);
      expect(response.status).toBe(201);
      const text = await response.text();
      const body = JSON.parse(text);
      const { id, externalId, shareUrl, qrCodeUrl, merchantId, ...rest } = body;
      expect(rest).toEqual(JSON.parse(SEED_RESPONSE_TEXT));
      expect(Object.keys(body)).toEqual([
        'id',
        'externalId',
        'shareUrl',
        'qrCodeUrl',
        'merchantId',
        ...Object.keys(JSON.parse(SEED_RESPONSE_TEXT)),
      ]);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(externalId).toMatch(/^pl_[A-Za-z0-9]{8}$/);
      expect(shareUrl).toBe(`${PUBLIC_URL}/${externalId}`);
      expect(qrCodeUrl).toBe(`${PUBLIC_URL}/v1/public/payment-links/${externalId}/qr.svg`);
      expect(merchantId).toBe(4321);
      // .NET decimals keep their scale, as the seed's 201 shows `1500.00` and `330.00`.
      expect(text).toContain('"total":1500.00');
      expect(text).toContain('"price":1500.00');
      expect(text).toContain('"amount":330.00');
      expect(text).toContain('"discount":0,');
    });

    it('accepts the one-time and split examples', async () => {
      const { created } = setup();
      expect((await created(SEED_ONE_TIME)).type).toBe('one-time');
      const split = (await created(SEED_SPLIT)) as unknown as { splitDestinations: unknown };
      expect(split.splitDestinations).toEqual([
        {
          destinationMerchantId: 67890,
          subMerchantReference: null,
          amountRule: { type: 'percentage', value: 85 },
          vatRule: null,
          routingMetadata: null,
        },
        {
          destinationMerchantId: 4321,
          subMerchantReference: null,
          amountRule: { type: 'residual', value: null },
          vatRule: null,
          routingMetadata: null,
        },
      ]);
    });

    it('answers a flexible link with a null amount and the flexible settings', async () => {
      const { created } = setup();
      const body = (await created({
        merchantId: 4321,
        type: 'regular',
        settings: {
          amountMode: 'flexible',
          flexibleAmount: {
            minAmount: 100,
            maxAmount: 5000,
            suggestedAmount: 1000,
            allowedCurrencies: ['UYU'],
          },
        },
      })) as unknown as Record<string, { flexibleAmount?: unknown } | null>;
      expect(body.amount).toBeNull();
      expect(body.settings?.flexibleAmount).toEqual({
        minAmount: 100,
        maxAmount: 5000,
        suggestedAmount: 1000,
        allowedCurrencies: ['UYU'],
      });
    });
  });

  describe('validation errors', () => {
    it("reproduces the seed's 400 example for a fixed link without an amount", async () => {
      const { create } = setup();
      const { amount: _amount, ...withoutAmount } = JSON.parse(SEED_REQUEST);
      const response = await create(withoutAmount);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({
        code: 'request-validation-errors',
        message: 'One or more validation errors occurred.',
        type: 'invalid-request-error',
        status: 400,
        params: {
          'amount.currency': ["Currency is required when amountMode is 'fixed'."],
          'amount.total': ["Total is required when amountMode is 'fixed'."],
        },
      });
      expect(body.traceId).toMatch(/^0HM[0-9A-F]+:\d{8}$/);
      expect(Object.keys(body.params)).toHaveLength(2);
    });

    const cases: Array<[string, unknown, string, string]> = [
      ['a body that is not JSON', '{"merchantId":', '$', 'The request body is not valid JSON.'],
      [
        'a missing merchantId',
        { ...fixed(), merchantId: undefined },
        'merchantId',
        'MerchantId is required.',
      ],
      ['a text merchantId', fixed({ merchantId: '4321' }), 'merchantId', 'MerchantId must be an integer.'],
      ['a missing type', { ...fixed(), type: undefined }, 'type', 'Type is required.'],
      [
        'an unknown type',
        fixed({ type: 'multi' }),
        'type',
        "Type must be one of 'regular', 'one-time' or 'quick-pay'.",
      ],
      [
        'quick-pay without merchant settings',
        fixed({ type: 'quick-pay' }),
        'type',
        'Quick-pay is not configured for this merchant.',
      ],
      ['missing settings', { ...fixed(), settings: undefined }, 'settings', 'Settings is required.'],
      ['a missing amountMode', fixed({ settings: {} }), 'settings.amountMode', 'AmountMode is required.'],
      [
        'an unknown amountMode',
        fixed({}, { amountMode: 'open' }),
        'settings.amountMode',
        "AmountMode must be 'fixed' or 'flexible'.",
      ],
      [
        'only the currency missing',
        fixed({ amount: { total: 100 } }),
        'amount.currency',
        "Currency is required when amountMode is 'fixed'.",
      ],
      [
        'a zero total',
        fixed({ amount: { currency: 'UYU', total: 0 } }),
        'amount.total',
        'Total must be greater than 0.',
      ],
      [
        'a negative total',
        fixed({ amount: { currency: 'UYU', total: -5 } }),
        'amount.total',
        'Total must be greater than 0.',
      ],
      [
        'a total as text',
        fixed({ amount: { currency: 'UYU', total: '100' } }),
        'amount.total',
        'Total must be a number.',
      ],
      [
        'a lower-case currency',
        fixed({ amount: { currency: 'uyu', total: 1 } }),
        'amount.currency',
        'Currency must be an ISO 4217 code.',
      ],
      [
        'an unknown payment method',
        fixed({}, { paymentMethods: ['VISA', 'visa'] }),
        'settings.paymentMethods[1]',
        "Payment method 'visa' is not enabled for this merchant.",
      ],
      [
        'an unknown method type',
        fixed({}, { paymentMethodTypes: ['crypto'] }),
        'settings.paymentMethodTypes[0]',
        "Payment method type 'crypto' is not enabled for this merchant.",
      ],
      [
        'zero installments',
        fixed({}, { installments: { '*': [0] } }),
        'settings.installments.*',
        'Installment counts must be integers greater than or equal to 1.',
      ],
      [
        'an unknown installments key',
        fixed({}, { installments: { BITCOIN: [1] } }),
        'settings.installments.BITCOIN',
        "Installments key 'BITCOIN' must be '*' or an enabled payment method.",
      ],
      [
        'a relative callback URL',
        fixed({}, { callbackUrl: '/hook' }),
        'settings.callbackUrl',
        'CallbackUrl must be an absolute http or https URL.',
      ],
      [
        'a text skipPreCheckout',
        fixed({}, { skipPreCheckout: 'yes' }),
        'settings.skipPreCheckout',
        'SkipPreCheckout must be a boolean.',
      ],
      [
        'flexible bounds the wrong way round',
        fixed(
          { amount: undefined },
          { amountMode: 'flexible', flexibleAmount: { minAmount: 10, maxAmount: 5 } },
        ),
        'settings.flexibleAmount.minAmount',
        'MinAmount must be less than or equal to MaxAmount.',
      ],
      [
        'a suggestion outside the bounds',
        fixed(
          { amount: undefined },
          { amountMode: 'flexible', flexibleAmount: { minAmount: 10, maxAmount: 50, suggestedAmount: 60 } },
        ),
        'settings.flexibleAmount.suggestedAmount',
        'SuggestedAmount must be between MinAmount and MaxAmount.',
      ],
      [
        'a zero minimum',
        fixed({ amount: undefined }, { amountMode: 'flexible', flexibleAmount: { minAmount: 0 } }),
        'settings.flexibleAmount.minAmount',
        'MinAmount must be greater than 0.',
      ],
      [
        'a bad allowed currency',
        fixed(
          { amount: undefined },
          { amountMode: 'flexible', flexibleAmount: { allowedCurrencies: ['pesos'] } },
        ),
        'settings.flexibleAmount.allowedCurrencies',
        'AllowedCurrencies must contain ISO 4217 codes.',
      ],
      [
        'a malformed validFrom',
        fixed({ validFrom: 'tomorrow' }),
        'validFrom',
        'ValidFrom must be an ISO 8601 date-time.',
      ],
      [
        'a validUntil in the past',
        fixed({ validUntil: '2025-06-01T00:00:00Z' }),
        'validUntil',
        'ValidUntil must be in the future.',
      ],
      [
        'a validUntil before validFrom',
        fixed({ validFrom: '2025-07-10T00:00:00Z', validUntil: '2025-07-05T00:00:00Z' }),
        'validUntil',
        'ValidUntil must be later than ValidFrom.',
      ],
      ['a numeric displayName', fixed({ displayName: 5 }), 'displayName', 'DisplayName must be a string.'],
      [
        'an item without a name',
        fixed({ items: [{ quantity: 1, price: 1 }] }),
        'items[0].name',
        'Name is required.',
      ],
      [
        'an item with quantity 0',
        fixed({ items: [{ name: 'x', quantity: 0, price: 1 }] }),
        'items[0].quantity',
        'Quantity must be greater than or equal to 1.',
      ],
      [
        'an item without a price',
        fixed({ items: [{ name: 'x', quantity: 1 }] }),
        'items[0].price',
        'Price is required.',
      ],
      [
        'a split leg without an amount rule',
        fixed({ splitDestinations: [{ destinationMerchantId: 1 }] }),
        'splitDestinations[0].amountRule',
        'AmountRule is required.',
      ],
      [
        'an unknown rule type',
        fixed({ splitDestinations: [{ amountRule: { type: 'share', value: 1 } }] }),
        'splitDestinations[0].amountRule.type',
        "Type must be one of 'percentage', 'fixed' or 'residual'.",
      ],
      [
        'a percentage above 100',
        fixed({ splitDestinations: [{ amountRule: { type: 'percentage', value: 100.5 } }] }),
        'splitDestinations[0].amountRule.value',
        'Value must be between 0 and 100 for percentage rules.',
      ],
      [
        'a negative percentage',
        fixed({ splitDestinations: [{ amountRule: { type: 'percentage', value: -1 } }] }),
        'splitDestinations[0].amountRule.value',
        'Value must be between 0 and 100 for percentage rules.',
      ],
      [
        'a fixed rule of 0',
        fixed({ splitDestinations: [{ amountRule: { type: 'fixed', value: 0 } }] }),
        'splitDestinations[0].amountRule.value',
        'Value must be greater than 0 for fixed rules.',
      ],
      [
        'a residual rule with a value',
        fixed({ splitDestinations: [{ amountRule: { type: 'residual', value: 5 } }] }),
        'splitDestinations[0].amountRule.value',
        'Value must be null for residual rules.',
      ],
      [
        'a bad VAT rule',
        fixed({ splitDestinations: [{ amountRule: { type: 'residual' }, vatRule: { type: 'fixed' } }] }),
        'splitDestinations[0].vatRule.value',
        'Value must be greater than 0 for fixed rules.',
      ],
      [
        'a text destination merchant',
        fixed({ splitDestinations: [{ destinationMerchantId: 'abc', amountRule: { type: 'residual' } }] }),
        'splitDestinations[0].destinationMerchantId',
        'DestinationMerchantId must be an integer.',
      ],
      [
        'two residual legs',
        fixed({
          splitDestinations: [{ amountRule: { type: 'residual' } }, { amountRule: { type: 'residual' } }],
        }),
        'splitDestinations',
        'At most one split destination may use a residual amount rule.',
      ],
      [
        'fixed legs above the total',
        fixed({
          splitDestinations: [
            { amountRule: { type: 'fixed', value: 60 } },
            { amountRule: { type: 'fixed', value: 40.01 } },
          ],
        }),
        'splitDestinations',
        'Fixed split amounts must not add up to more than the amount total.',
      ],
      [
        'percentages above 100 together',
        fixed({
          splitDestinations: [
            { amountRule: { type: 'percentage', value: 60 } },
            { amountRule: { type: 'percentage', value: 40.5 } },
          ],
        }),
        'splitDestinations',
        'Split percentages must not add up to more than 100.',
      ],
    ];

    it.each(cases)('refuses %s', async (_name, body, field, message) => {
      const { create } = setup();
      const response = await create(body);
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer.code).toBe('request-validation-errors');
      expect(answer.params[field]).toContain(message);
    });

    it('accepts split edge values: 0 and 100 percent, fixed legs equal to the total, one residual', async () => {
      const { create } = setup();
      const edge = fixed({
        splitDestinations: [
          { amountRule: { type: 'percentage', value: 0 } },
          { amountRule: { type: 'fixed', value: 60 } },
          { amountRule: { type: 'fixed', value: 40.0 } },
          { amountRule: { type: 'residual', value: null } },
        ],
      });
      expect((await create(edge)).status).toBe(201);
      expect(
        (await create(fixed({ splitDestinations: [{ amountRule: { type: 'percentage', value: 100 } }] })))
          .status,
      ).toBe(201);
    });
  });

  describe('authentication', () => {
    it('refuses missing, wrong and bearer credentials with 401', async () => {
      const { create, request } = setup();
      const wrong = `Basic ${Buffer.from('paylink-dev:wrong').toString('base64')}`;
      for (const auth of ['', wrong, 'Bearer plexo-emulator-key']) {
        const response = await create(SEED_REQUEST, auth);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Basic');
        expect(await response.json()).toMatchObject({ status: 401, code: 'unauthorized' });
      }
      expect((await request('/v1/payment-links/anything')).status).toBe(401);
    });

    it("refuses a merchant id that is not the client's with 403", async () => {
      const { create } = setup();
      const response = await create(JSON.parse(SEED_REQUEST.replace('4321', '12345')));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ status: 403, code: 'forbidden' });
    });
  });

  describe('reading and deleting (inferred routes)', () => {
    it('reads a link by id, deletes it and reads it back as deleted', async () => {
      const { created, request, read } = setup();
      const link = await created(SEED_ONE_TIME);
      expect((await read(link.id!)).status).toBe('active');
      const deleted = await request(`/v1/payment-links/${link.id}`, {
        method: 'DELETE',
        headers: { authorization: AUTH },
      });
      expect(deleted.status).toBe(204);
      const after = await read(link.id!);
      expect(after.status).toBe('deleted');
      expect(after.updatedAt).toBe('2025-07-01T14:30:00Z');
      expect((await request(`/${link.externalId}`)).status).toBe(410);
    });

    it('answers 404 in the error envelope for an unknown link', async () => {
      const { request } = setup();
      for (const method of ['GET', 'DELETE']) {
        const response = await request('/v1/payment-links/999999999', {
          method,
          headers: { authorization: AUTH },
        });
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ status: 404, code: 'not-found' });
      }
    });
  });

  describe('QR code', () => {
    it('serves a public SVG QR code at qrCodeUrl without credentials', async () => {
      const { created, request } = setup();
      const link = await created(SEED_ONE_TIME);
      const response = await request(new URL(link.qrCodeUrl!).pathname);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('image/svg+xml');
      const svg = await response.text();
      expect(svg).toMatch(/^<svg[^>]*viewBox/);
      expect(svg.length).toBeGreaterThan(500);
      expect((await request('/v1/public/payment-links/pl_unknown1/qr.svg')).status).toBe(404);
    });
  });

  describe('hosted pages', () => {
    it('shows the pre-checkout page with items, escaping merchant text', async () => {
      const { created, request } = setup();
      const link = await created(SEED_REQUEST.replace('"Invoice #1042"', '"<script>alert(1)</script>"'));
      const response = await request(`/${link.externalId}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>');
      expect(page).toContain('Consulting — July 2025');
      expect(page).toContain('UYU 1500.00');
      expect(page).toContain(`href="${PUBLIC_URL}/${link.externalId}/checkout"`);
    });

    it('skips the pre-checkout page with skipPreCheckout', async () => {
      const { created, request } = setup();
      const link = await created(fixed({}, { skipPreCheckout: true }));
      const response = await request(`/${link.externalId}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`${PUBLIC_URL}/${link.externalId}/checkout`);
    });

    it('completes a one-time link after one approved payment from the page', async () => {
      const { created, submit, read, request } = setup();
      const link = await created(SEED_ONE_TIME);
      const declined = await submit(link.externalId!, {
        outcome: 'rejected',
        method: 'VISA',
        installments: '1',
      });
      expect(await declined.text()).toContain('Payment declined');
      expect((await read(link.id!)).status).toBe('active');
      const approved = await submit(link.externalId!, {
        outcome: 'approved',
        method: 'VISA',
        installments: '6',
      });
      expect(await approved.text()).toContain('Payment approved');
      const after = await read(link.id!);
      expect(after.status).toBe('completed');
      expect(after.updatedAt).toBe('2025-07-01T14:30:00Z');
      const again = await submit(link.externalId!, {
        outcome: 'approved',
        method: 'VISA',
        installments: '1',
      });
      expect(await again.text()).toContain('already been paid');
      expect((await request(`/${link.externalId}/checkout`)).status).toBe(200);
    });

    it('keeps a regular link active after payments', async () => {
      const { created, settle, read } = setup();
      const link = await created(fixed());
      expect((await settle(link.id!, { outcome: 'approved' })).status).toBe(200);
      expect((await settle(link.id!, { outcome: 'approved' })).status).toBe(200);
      expect((await read(link.id!)).status).toBe('active');
    });

    it('offers only the installments allowed per method, with * as the default', async () => {
      const { created, submit, settle } = setup();
      const link = await created(
        fixed({}, { paymentMethods: ['VISA', 'OCA'], installments: { VISA: [1, 3, 6], '*': [1] } }),
      );
      const refused = await submit(link.externalId!, {
        outcome: 'approved',
        method: 'OCA',
        installments: '3',
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('OCA allows 1 installments');
      expect(
        (await submit(link.externalId!, { outcome: 'approved', method: 'VISA', installments: '3' })).status,
      ).toBe(200);
      expect((await settle(link.id!, { outcome: 'approved', method: 'MASTERCARD' })).status).toBe(409);
    });

    it('takes a flexible amount within the bounds only', async () => {
      const { created, submit, settle, request } = setup();
      const link = await created({
        merchantId: 4321,
        type: 'one-time',
        settings: {
          amountMode: 'flexible',
          flexibleAmount: { minAmount: 100, maxAmount: 5000, suggestedAmount: 1000 },
        },
      });
      const checkout = await (await request(`/${link.externalId}/checkout`)).text();
      expect(checkout).toContain('name="amount"');
      expect(checkout).toContain('value="1000"');
      const low = await submit(link.externalId!, {
        outcome: 'approved',
        amount: '99.99',
        method: 'VISA',
        installments: '1',
      });
      expect(low.status).toBe(400);
      expect(await low.text()).toContain('at least 100');
      const high = await settle(link.id!, { outcome: 'approved', amount: '5000.01' });
      expect(high.status).toBe(409);
      const ok = await settle(link.id!, { outcome: 'approved', amount: '250.50' });
      expect(ok.status).toBe(200);
      const state = await (await request(`/_emulator/links/${link.id}`)).json();
      expect(state.payments[0]).toMatchObject({ status: 'approved', currency: 'UYU', total: 250.5 });
      expect(state.link.status).toBe('completed');
    });

    it('cannot be paid before validFrom, and shows expired after validUntil', async () => {
      const { created, settle, read, request, setClock } = setup();
      const link = await created(
        fixed({ validFrom: '2025-07-02T00:00:00Z', validUntil: '2025-07-03T00:00:00Z' }),
      );
      expect(await (await request(`/${link.externalId}`)).text()).toContain(
        'can be paid from 2025-07-02T00:00:00Z',
      );
      expect((await settle(link.id!, { outcome: 'approved' })).status).toBe(409);
      setClock('2025-07-02T12:00:00Z');
      expect((await settle(link.id!, { outcome: 'approved' })).status).toBe(200);
      setClock('2025-07-03T00:00:00Z');
      const expired = await read(link.id!);
      expect(expired.status).toBe('expired');
      expect(expired.updatedAt).toBe('2025-07-03T00:00:00Z');
      const page = await request(`/${link.externalId}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain('has expired');
      expect((await settle(link.id!, { outcome: 'approved' })).status).toBe(409);
    });
  });

  describe('callbacks', () => {
    it('posts to settings.callbackUrl, else to the account default notification URL', async () => {
      const { created, settle, emulator } = setup();
      const own = await created(fixed({}, { callbackUrl: 'http://127.0.0.1:9/per-link' }));
      const plain = await created(fixed());
      await settle(own.id!, { outcome: 'approved' });
      await settle(plain.id!, { outcome: 'rejected' });
      const [first, second] = emulator.control.webhooks;
      expect(first?.url).toBe('http://127.0.0.1:9/per-link');
      expect(JSON.parse(JSON.stringify(first?.body))).toMatchObject({
        status: 'approved',
        amount: { currency: 'UYU', total: 100 },
      });
      expect(second?.url).toBe('http://127.0.0.1:9/account-default');
      expect(second?.body).toMatchObject({ status: 'denied' });
    });

    it('sends a PaymentDto with no link field, the body GET /v1/payments/{id} answers', async () => {
      const { created, settle, emulator, request } = setup();
      const link = await created(SEED_ONE_TIME);
      await settle(link.id!, { outcome: 'approved' });
      const body = JSON.parse(JSON.stringify(emulator.control.webhooks.at(-1)!.body)) as Json;
      expect(body.id).toMatch(/^[0-9a-f]{24}$/);
      expect(Object.keys(body).filter((key) => /link/i.test(key))).toEqual([]);
      const read = await request(`/v1/payments/${body.id}`, { headers: { authorization: AUTH } });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(body);
      // Inferred: the payment's referenceId is the link's id (no public field names the link).
      expect(body.referenceId).toBe(link.id);
    });
  });

  describe('against the public fixtures (packages/providers/src/plexo/fixtures)', () => {
    const asOurMerchant = (text: string) => text.replace(/"merchantId": 12345/, '"merchantId": 4321');

    it('answers create-request.json with create-response-201.json, field by field', async () => {
      const { create } = setup();
      const response = await create(asOurMerchant(fixture('create-request.json')));
      expect(response.status).toBe(201);
      const text = await response.text();
      const answer = JSON.parse(text) as Json;
      const documented = JSON.parse(fixture('create-response-201.json')) as Json;
      // What the server chooses: ids, URLs built from them, the merchant (ours is 4321).
      const chosen = new Set(['id', 'externalId', 'shareUrl', 'qrCodeUrl', 'merchantId']);
      expect(Object.keys(answer)).toEqual(Object.keys(documented));
      for (const key of Object.keys(documented)) {
        if (!chosen.has(key)) expect(answer[key], key).toEqual(documented[key]);
      }
      expect(answer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(answer.externalId).toMatch(/^pl_[A-Za-z0-9]{8}$/);
      expect(answer.shareUrl).toBe(`${PUBLIC_URL}/${answer.externalId}`);
      expect(answer.qrCodeUrl).toBe(`${PUBLIC_URL}/v1/public/payment-links/${answer.externalId}/qr.svg`);
      // Decimals keep their published scale.
      for (const literal of ['"total":1500.00', '"price":1500.00', '"amount":330.00']) {
        expect(text).toContain(literal);
      }
    });

    it.each([
      ['create-request-one-time.json', 'one-time'],
      ['create-request-split.json', 'regular'],
    ])('accepts %s and echoes it', async (name, type) => {
      const { create } = setup();
      const sent = JSON.parse(asOurMerchant(fixture(name))) as Json;
      const response = await create(asOurMerchant(fixture(name)));
      expect(response.status).toBe(201);
      const answer = (await response.json()) as Json;
      expect(answer).toMatchObject({
        type,
        status: 'active',
        displayName: sent.displayName,
        amount: { ...(sent.amount as Json), details: null },
        validUntil: sent.validUntil ?? null,
      });
      expect(answer.settings).toMatchObject(sent.settings as Json);
    });

    it('answers a fixed link without an amount with create-error-400.json', async () => {
      const { create } = setup();
      const response = await create(fixed({ amount: undefined }));
      expect(response.status).toBe(400);
      const { traceId, ...answer } = (await response.json()) as Json;
      const { traceId: documentedTrace, ...documented } = JSON.parse(
        fixture('create-error-400.json'),
      ) as Json;
      expect(answer).toEqual(documented);
      // Same shape as the published `0HMVG9K3R5T4J:00000001`.
      expect(traceId).toMatch(/^[0-9A-Z]+:\d{8}$/);
      expect(documentedTrace).toMatch(/^[0-9A-Z]+:\d{8}$/);
    });

    it('answers a payment read with the fields, and the JSON types, of the published PaymentDto', async () => {
      const { created, settle, request } = setup();
      const link = await created(SEED_ONE_TIME);
      const settled = ((await (await settle(link.id!, { outcome: 'approved' })).json()) as { result: Json })
        .result;
      const answer = (await (
        await request(`/v1/payments/${settled.paymentId}`, { headers: { authorization: AUTH } })
      ).json()) as Json;
      const documented = JSON.parse(fixture('payment-purchase-approved.json')) as Json;
      const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
      for (const key of Object.keys(answer)) {
        const expected = documented[key] ?? (JSON.parse(fixture('payment-read-approved.json')) as Json)[key];
        expect(expected, `${key} is in a published PaymentDto`).toBeDefined();
        expect(typeOf(answer[key]), key).toBe(typeOf(expected));
      }
      const [transaction] = answer.transactions as Json[];
      const [documentedTransaction] = documented.transactions as Json[];
      for (const key of Object.keys(transaction!)) {
        expect(typeOf(transaction![key]), `transactions[0].${key}`).toBe(typeOf(documentedTransaction![key]));
      }
      expect(answer).toMatchObject({
        id: settled.paymentId,
        status: 'approved',
        amount: { currency: 'UYU', total: 1500 },
        transactions: [
          { type: 'purchase', status: 'approved', resultCode: '0', parentId: settled.paymentId },
        ],
      });
      expect(answer.id).toMatch(/^[0-9a-f]{24}$/);
    });

    it('refuses a payment read without credentials and answers 404 for an unknown payment', async () => {
      const { request } = setup();
      expect((await request('/v1/payments/6305dd2d000d6ed5d1ecf79b')).status).toBe(401);
      const unknown = await request('/v1/payments/6305dd2d000d6ed5d1ecf79b', {
        headers: { authorization: AUTH },
      });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ status: 404, code: 'not-found' });
    });
  });
});
