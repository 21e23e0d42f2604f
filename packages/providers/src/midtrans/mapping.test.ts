import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import {
  expiryFor,
  formatMidtransTime,
  linkOrderIdOf,
  linkState,
  type MidtransLink,
  orderIdFor,
  parseMidtransTime,
  paymentOutcomeOf,
  toCreateBody,
  validateRequest,
} from './mapping.ts';

const NOW = new Date('2026-03-01T05:00:30.250Z');
const base: CreateLinkRequest = {
  provider: 'midtrans',
  amount: { value: '190000.00', currency: 'IDR' },
  description: 'Invoice #1042',
  usageLimit: 1,
};
const fields = (request: CreateLinkRequest) => validateRequest(request, NOW).map((e) => e.field);

describe('orderIdFor', () => {
  it('derives the same order id from the same idempotency key, and a different one otherwise', () => {
    const key = '2b1f0c1e-0e5c-4c43-9a53-0f8a9c1d2e3f';
    expect(orderIdFor(key)).toBe(orderIdFor(key));
    expect(orderIdFor(key)).not.toBe(orderIdFor(`${key}x`));
  });

  it('stays inside Midtrans order_id rules and leaves room for the per-payment suffix', () => {
    const id = orderIdFor('any key: with spaces / slashes and ünïcödé');
    expect(id).toMatch(/^pl-[0-9a-f]{24}$/);
    expect(`${id}-1647944535605`.length).toBeLessThanOrEqual(50);
  });
});

describe('linkOrderIdOf', () => {
  it('drops the -<epoch ms> suffix Midtrans adds to each payment (doc: order123-1647944535605)', () => {
    expect(linkOrderIdOf('order123-1647944535605')).toBe('order123');
    const own = orderIdFor('k');
    expect(linkOrderIdOf(`${own}-1647944535605`)).toBe(own);
  });

  it('keeps our own link order id whole, even when its hex part is all digits', () => {
    expect(linkOrderIdOf('pl-123456789012345678901234')).toBe('pl-123456789012345678901234');
  });
});

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

describe('toCreateBody', () => {
  it("maps the note's own example request", () => {
    const request: CreateLinkRequest = {
      ...base,
      reference: 'pl_internal_id',
      slug: 'inv-1042-7f3a9c2e',
      expiresAt: '2026-03-08T05:00:30.250Z',
      items: [{ id: 'sku-1', name: 'Consulting', price: '95000.00', quantity: 2 }],
      customer: { name: 'Ana', email: 'ana@example.com', phone: '+628123' },
    };
    const body = toCreateBody(request, 'inv-1042', NOW);
    expect(body).toEqual({
      transaction_details: {
        order_id: 'inv-1042',
        gross_amount: 190000,
        payment_link_id: 'inv-1042-7f3a9c2e',
      },
      payment_link_type: 'FIXED_AMOUNT',
      title: 'Invoice #1042',
      usage_limit: 1,
      expiry: { start_time: '2026-03-01 12:00:30 +0700', duration: 7, unit: 'day' },
      item_details: [{ id: 'sku-1', name: 'Consulting', price: 95000, quantity: 2 }],
      customer_details: { first_name: 'Ana', email: 'ana@example.com', phone: '+628123' },
      credit_card: { secure: true },
      custom_field1: 'pl_internal_id',
    });
  });

  it('maps a flexible amount to DYNAMIC_AMOUNT with the amount as preset', () => {
    const body = toCreateBody(
      {
        ...base,
        amount: { value: '50000', currency: 'IDR' },
        amountMode: 'flexible',
        flexibleAmount: { min: '10000', max: '100000.00' },
      },
      'o',
      NOW,
    );
    expect(body.payment_link_type).toBe('DYNAMIC_AMOUNT');
    expect(body.transaction_details.gross_amount).toBeUndefined();
    expect(body.dynamic_amount).toEqual({ min_amount: 10000, max_amount: 100000, preset_amount: 50000 });
  });

  it('sends unlimited usage as the documented maximum, and card options as Midtrans names them', () => {
    const body = toCreateBody(
      {
        ...base,
        usageLimit: null,
        title: 'Pillow',
        paymentMethods: ['credit_card'],
        installments: { bni: [3, 6, 12], offline: [6] },
        capture: 'authorize',
        customerRequired: true,
      },
      'o',
      NOW,
    );
    expect(body.usage_limit).toBe(1_000_000);
    expect(body.title).toBe('Pillow');
    expect(body.enabled_payments).toEqual(['credit_card']);
    expect(body.customer_required).toBe(true);
    expect(body.credit_card).toEqual({
      secure: true,
      type: 'authorize',
      installment: { required: false, terms: { bni: [3, 6, 12], offline: [6] } },
    });
  });
});

describe('expiryFor', () => {
  it('picks the largest exact unit and backdates the start so start + duration is expiresAt exactly', () => {
    const hours = expiryFor({ ...base, expiresAt: '2026-03-01T08:00:30.250Z' }, NOW)!;
    expect(hours.expiry).toEqual({ start_time: '2026-03-01 12:00:30 +0700', duration: 3, unit: 'hour' });
    expect(new Date(hours.expiresAt).toISOString()).toBe('2026-03-01T08:00:30.000Z');

    // 95 minutes and 10 seconds from now: rounded up to 96 minutes, start 50 s before now.
    const minutes = expiryFor({ ...base, expiresAt: '2026-03-01T06:35:40Z' }, NOW)!;
    expect(minutes.expiry).toEqual({ start_time: '2026-03-01 11:59:40 +0700', duration: 96, unit: 'minute' });
    expect(new Date(minutes.expiresAt).toISOString()).toBe('2026-03-01T06:35:40.000Z');
    expect(Date.parse('2026-03-01T04:59:40Z')).toBeLessThanOrEqual(NOW.getTime());
  });

  it('uses startsAt as start_time', () => {
    const window = expiryFor(
      { ...base, startsAt: '2026-04-01T11:00:00+07:00', expiresAt: '2026-04-21T11:00:00+07:00' },
      NOW,
    )!;
    expect(window.expiry).toEqual({ start_time: '2026-04-01 11:00:00 +0700', duration: 20, unit: 'day' });
  });

  it('round-trips Midtrans time strings, with or without seconds', () => {
    expect(formatMidtransTime(Date.parse('2022-04-01T11:00:00Z'))).toBe('2022-04-01 18:00:00 +0700');
    expect(parseMidtransTime('2022-04-01 18:00 +0700')).toBe(Date.parse('2022-04-01T11:00:00Z'));
    expect(parseMidtransTime('2020-12-31 18:00:15 +07:00')).toBe(Date.parse('2020-12-31T11:00:15Z'));
    expect(parseMidtransTime('yesterday')).toBeNull();
  });
});

describe('linkState (README status table)', () => {
  const link = (extra: Partial<MidtransLink>): MidtransLink => ({
    order_id: 'pl-x',
    usage_limit: 1,
    usage: 0,
    expiry_start: '2026-03-01 12:00 +0700',
    expiry_duration: 1,
    expiry_unit: 'days',
    purchases: [],
    ...extra,
  });
  const purchase = (order: string, status: string, at: string, fraud?: string) => ({
    order_id: order,
    payment_status: status,
    ...(fraud ? { fraud_status: fraud } : {}),
    created_at: at,
    updated_at: at,
  });

  it('is open with no purchases inside the window, with the computed expiry', () => {
    expect(linkState(link({}), NOW)).toEqual({
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: null,
      expiresAt: '2026-03-02T05:00:00.000Z',
    });
  });

  it('is pending while a payment waits, paid when usage reaches the limit', () => {
    const pending = linkState(
      link({ purchases: [purchase('pl-x-1', 'pending', '2026-03-01T05:10:00Z')] }),
      NOW,
    );
    expect(pending.status).toBe('pending');
    expect(pending.lastPayment).toEqual({ outcome: 'pending', at: '2026-03-01T05:10:00.000Z' });
    const paid = linkState(
      link({ purchases: [purchase('pl-x-1', 'settlement', '2026-03-01T05:20:00Z')] }),
      NOW,
    );
    expect(paid).toMatchObject({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved' },
    });
  });

  it('never lets a late pending row outrank a settlement of the same transaction', () => {
    const purchases = [
      purchase('pl-x-1', 'settlement', '2026-03-01T05:20:00Z'),
      purchase('pl-x-1', 'pending', '2026-03-01T05:25:00Z'),
    ];
    expect(linkState(link({ purchases }), NOW)).toMatchObject({ status: 'paid', payments: { count: 1 } });
  });

  it('maps capture by fraud_status, and rejections back to open', () => {
    const challenge = linkState(
      link({ purchases: [purchase('pl-x-1', 'capture', '2026-03-01T05:20:00Z', 'challenge')] }),
      NOW,
    );
    expect(challenge.status).toBe('pending');
    const accepted = linkState(
      link({ purchases: [purchase('pl-x-1', 'capture', '2026-03-01T05:20:00Z', 'accept')] }),
      NOW,
    );
    expect(accepted.status).toBe('paid');
    for (const status of ['deny', 'cancel', 'expire']) {
      const state = linkState(link({ purchases: [purchase('pl-x-1', status, '2026-03-01T05:20:00Z')] }), NOW);
      expect(state).toMatchObject({
        status: 'open',
        payments: { count: 0 },
        lastPayment: { outcome: 'rejected' },
      });
    }
  });

  it('counts approved payments against a multi-use limit', () => {
    const purchases = [
      purchase('pl-x-1', 'settlement', '2026-03-01T05:01:00Z'),
      purchase('pl-x-2', 'deny', '2026-03-01T05:02:00Z'),
      purchase('pl-x-3', 'capture', '2026-03-01T05:03:00Z', 'accept'),
    ];
    expect(linkState(link({ usage_limit: 3, purchases }), NOW)).toMatchObject({
      status: 'open',
      payments: { count: 2, limit: 3 },
    });
    expect(linkState(link({ usage_limit: 2, purchases }), NOW).status).toBe('paid');
    expect(linkState(link({ usage_limit: 1_000_000, purchases }), NOW).payments).toEqual({
      count: 2,
      limit: null,
    });
  });

  it('is expired past start + duration, and disabled once deleted before then', () => {
    const later = new Date('2026-03-02T05:00:00Z');
    expect(linkState(link({}), later).status).toBe('expired');
    expect(linkState(link({ deleted_at: '2026-03-01T06:00:00Z' }), later).status).toBe('disabled');
    expect(
      linkState(link({ deleted_at: '2026-03-03T06:00:00Z' }), new Date('2026-03-04T00:00:00Z')).status,
    ).toBe('expired');
    expect(linkState(link({ deleted_at: '2026-03-01T06:00:00Z' }), NOW).status).toBe('disabled');
  });

  it('reads pending, not expired, while a purchase started before the deadline is still pending', () => {
    const later = new Date('2026-03-02T05:00:00Z');
    const pending = [purchase('pl-x-1', 'pending', '2026-03-01T05:10:00Z')];
    expect(linkState(link({ purchases: pending }), later).status).toBe('pending');
    const lapsed = [purchase('pl-x-1', 'expire', '2026-03-02T04:00:00Z')];
    expect(linkState(link({ purchases: lapsed }), later).status).toBe('expired');
    const settled = [purchase('pl-x-1', 'settlement', '2026-03-02T04:00:00Z')];
    expect(linkState(link({ purchases: settled, usage_limit: 1 }), later).status).toBe('paid');
  });

  it('falls back to usage when purchases are absent', () => {
    expect(linkState(link({ purchases: undefined, usage: 1 }), NOW)).toMatchObject({
      status: 'paid',
      payments: { count: 1 },
    });
  });
});

describe('paymentOutcomeOf', () => {
  it.each([
    ['settlement', undefined, 'approved'],
    ['capture', 'accept', 'approved'],
    ['capture', undefined, 'approved'],
    ['capture', 'challenge', 'pending'],
    ['authorize', 'accept', 'approved'],
    ['pending', undefined, 'pending'],
    ['deny', 'accept', 'rejected'],
    ['cancel', undefined, 'rejected'],
    ['expire', undefined, 'rejected'],
    ['refund', undefined, 'approved'],
    ['something-new', undefined, null],
  ])('%s with fraud %s is %s', (status, fraud, outcome) => {
    expect(paymentOutcomeOf(status, fraud)).toBe(outcome);
  });
});
