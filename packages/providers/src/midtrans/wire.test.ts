import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import {
  expiryFor,
  formatMidtransTime,
  linkOrderIdOf,
  orderIdFor,
  parseMidtransTime,
  toCreateBody,
} from './wire.ts';

const NOW = new Date('2026-03-01T05:00:30.250Z');
const base: CreateLinkRequest = {
  provider: 'midtrans',
  amount: { value: '190000.00', currency: 'IDR' },
  description: 'Invoice #1042',
  usageLimit: 1,
};

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
