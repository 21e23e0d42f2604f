import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parsePlacetopayDate, toWallClock } from './dates.ts';
import {
  mapFieldErrors,
  mapLinkState,
  mapPaymentOutcome,
  type PlacetopayLink,
  type PlacetopayPayment,
  referenceFor,
  toCreateBody,
  validateRequest,
} from './mapping.ts';

const request: CreateLinkRequest = {
  provider: 'placetopay',
  amount: { value: '100000.00', currency: 'COP' },
  description: 'Consulting, July',
};

const payment = (id: number, status: string, paymentDate = '2024-07-26 08:21:40'): PlacetopayPayment => ({
  id,
  status,
  paymentDate,
});

const link = (fields: Partial<PlacetopayLink>): PlacetopayLink => ({
  id: 21,
  status: 'ACTIVE',
  expirationDate: '2024-08-12 08:10:50',
  totalPayments: 1,
  availablePayments: 1,
  payments: [],
  ...fields,
});

describe('placetopay status mapping (README table)', () => {
  it.each([
    ['INACTIVE', 'disabled', link({ status: 'INACTIVE' })],
    ['EXPIRED', 'expired', link({ status: 'EXPIRED' })],
    ['ACTIVE, no payments', 'open', link({})],
    ['ACTIVE, quota used up', 'paid', link({ availablePayments: 0, payments: [payment(1, 'APPROVED')] })],
    [
      'ACTIVE, latest payment PENDING',
      'pending',
      link({ payments: [payment(1, 'REJECTED'), payment(2, 'PENDING')] }),
    ],
    ['ACTIVE, latest PENDING_VALIDATION', 'pending', link({ payments: [payment(4, 'PENDING_VALIDATION')] })],
    [
      'ACTIVE, pending then rejected',
      'open',
      link({ payments: [payment(1, 'PENDING'), payment(2, 'REJECTED')] }),
    ],
    [
      'ACTIVE, unlimited with approvals',
      'open',
      link({ totalPayments: null, availablePayments: null, payments: [payment(1, 'APPROVED')] }),
    ],
    [
      'EXPIRED after the quota was used up',
      'paid',
      link({ status: 'EXPIRED', availablePayments: 0, payments: [payment(1, 'APPROVED')] }),
    ],
    // Paid beats expired: a payment in flight at the deadline may still be approved.
    [
      'EXPIRED, latest payment PENDING',
      'pending',
      link({ status: 'EXPIRED', payments: [payment(1, 'PENDING')] }),
    ],
    [
      'EXPIRED, latest payment REJECTED',
      'expired',
      link({ status: 'EXPIRED', payments: [payment(1, 'REJECTED')] }),
    ],
    ['an unknown link state', 'open', link({ status: 'SOMETHING_NEW' })],
  ])('%s → %s', (_, expected, input) => {
    expect(mapLinkState(input).status).toBe(expected);
  });

  it('counts approved payments and reports the cap, null when unlimited', () => {
    const multi = link({
      totalPayments: 7,
      availablePayments: 5,
      payments: [payment(1, 'APPROVED'), payment(2, 'REJECTED'), payment(3, 'APPROVED')],
    });
    expect(mapLinkState(multi).payments).toEqual({ count: 2, limit: 7 });
    expect(mapLinkState(link({ totalPayments: null, availablePayments: null })).payments).toEqual({
      count: 0,
      limit: null,
    });
    // Without a payments list, the count follows availablePayments.
    expect(
      mapLinkState(link({ totalPayments: 3, availablePayments: 1, payments: undefined })).payments,
    ).toEqual({
      count: 2,
      limit: 3,
    });
  });

  it("takes lastPayment from the latest payment, its date on the site's wall clock (America/Bogota by default)", () => {
    const links = link({ payments: [payment(9, 'REJECTED', '2024-07-26 09:00:00'), payment(8, 'APPROVED')] });
    const state = mapLinkState(links);
    expect(state.lastPayment).toEqual({ outcome: 'rejected', at: '2024-07-26T14:00:00Z' });
    expect(state.expiresAt).toBe('2024-08-12T13:10:50Z');
    // A site in another zone sets `timeZone`.
    expect(mapLinkState(links, 'UTC').lastPayment).toEqual({
      outcome: 'rejected',
      at: '2024-07-26T09:00:00Z',
    });
    expect(mapLinkState(link({ expirationDate: '2024-08-12T08:10:50-05:00' })).expiresAt).toBe(
      '2024-08-12T13:10:50Z',
    );
    expect(mapLinkState(link({})).lastPayment).toBeNull();
  });

  it.each([
    ['APPROVED', 'approved'],
    ['REJECTED', 'rejected'],
    ['PENDING', 'pending'],
    ['PENDING_VALIDATION', 'pending'],
    ['APPROVED_PARTIAL', 'pending'],
    ['FAILED', 'rejected'],
    ['REFUNDED', 'rejected'],
    ['NEVER_SEEN', 'rejected'],
  ])('payment %s → %s', (status, outcome) => {
    expect(mapPaymentOutcome(status)).toBe(outcome);
  });

  it('maps the documented query example (seed 001)', () => {
    const documented: PlacetopayLink = {
      id: 21,
      status: 'ACTIVE',
      expirationDate: '2024-08-12 08:10:50',
      totalPayments: 7,
      availablePayments: 6,
      payments: [
        {
          id: 8,
          requestId: 84076,
          status: 'APPROVED',
          amount: { currency: 'COP', total: '100000' },
          paymentDate: '2024-07-26 08:21:40',
        },
      ],
    };
    expect(mapLinkState(documented)).toEqual({
      status: 'open',
      payments: { count: 1, limit: 7 },
      // Read as -05:00: the schema gives this example's expiry as `2024-08-12T08:10:50-05:00`.
      lastPayment: { outcome: 'approved', at: '2024-07-26T13:21:40Z' },
      expiresAt: '2024-08-12T13:10:50Z',
    });
  });
});

describe('placetopay create body', () => {
  const context = {
    idempotencyKey: '3f2a9c1e-7b44-4d0e-9a1b-2c3d4e5f6a7b',
    notificationUrl: 'https://pay.example/v1/webhooks/placetopay',
  };
  const now = new Date('2024-07-30T15:00:00.500Z');

  it('fills the required fields, defaulting reference and a 30-day expiry', () => {
    const { body, expiresAt } = toCreateBody(request, context, { now, timeZone: 'UTC' });
    expect(body).toEqual({
      name: 'Consulting, July',
      description: 'Consulting, July',
      reference: 'PL-3f2a9c1e7b44',
      expirationDate: '2024-08-29 15:00:00',
      paymentExpiration: 15,
      payment: { amount: { currency: 'COP', total: 100000 } },
      notificationUrl: context.notificationUrl,
      isGeneric: true,
    });
    expect(expiresAt).toBe('2024-08-29T15:00:00Z');
  });

  it('maps the optional fields', () => {
    const { body, expiresAt } = toCreateBody(
      {
        ...request,
        title: `  ${'x'.repeat(200)}  `,
        reference: 'INV-1042',
        expiresAt: '2026-12-01T00:00:00-05:00',
        usageLimit: 1,
        locale: 'es-co',
        paymentMethods: ['visa', 'pse'],
        customer: { email: 'ana@example.com', name: 'Ana' },
        metadata: { orderId: '1042' },
      },
      context,
      { now, timeZone: 'UTC' },
    );
    expect(body.name).toBe('x'.repeat(120));
    expect(body).toMatchObject({
      reference: 'INV-1042',
      expirationDate: '2026-12-01 05:00:00',
      paymentsAllowed: 1,
      isGeneric: false,
      locale: 'es_CO',
      paymentMethod: ['visa', 'pse'],
      recipients: [{ email: 'ana@example.com' }],
      additional: [{ keyword: 'orderId', value: '1042', displayOn: 'none' }],
    });
    expect(expiresAt).toBe('2026-12-01T05:00:00Z');
  });

  it("writes the expiry in the site's time zone when one is set", () => {
    const { body, expiresAt } = toCreateBody({ ...request, expiresAt: '2026-12-01T05:00:00Z' }, context, {
      now,
      timeZone: 'America/Bogota',
    });
    expect(body.expirationDate).toBe('2026-12-01 00:00:00');
    expect(expiresAt).toBe('2026-12-01T05:00:00Z');
    expect(parsePlacetopayDate('2026-12-01 00:00:00', 'America/Bogota')?.toISOString()).toBe(
      '2026-12-01T05:00:00.000Z',
    );
    expect(toWallClock(new Date('2026-07-01T12:00:00Z'), 'Europe/Madrid')).toBe('2026-07-01 14:00:00');
    expect(parsePlacetopayDate('2026-07-01 14:00:00', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-07-01T12:00:00.000Z',
    );
  });

  it('derives a stable reference from any idempotency key', () => {
    expect(referenceFor(request, 'abc')).toBe(referenceFor(request, 'abc'));
    expect(referenceFor(request, 'abc')).toMatch(/^PL-[0-9a-f]{12}$/);
    expect(referenceFor(request, 'abc')).not.toBe(referenceFor(request, 'abd'));
  });
});

describe('placetopay validate', () => {
  it('accepts a plain fixed-amount request', () => {
    expect(
      validateRequest({ ...request, usageLimit: null, locale: 'en-US', expiresAt: '2026-01-01T00:00:00Z' }),
    ).toEqual([]);
  });

  it('refuses what Placetopay cannot honour, naming the field and placetopay', () => {
    const errors = validateRequest({
      ...request,
      amount: { value: '10.50', currency: 'USD' },
      items: [{ name: 'A', quantity: 1, price: '10.50' }],
      splits: [{ merchantId: 'm', amount: { type: 'residual' } }],
      installments: { '*': [1, 3] },
      startsAt: '2026-01-01T00:00:00Z',
      capture: 'authorize',
      slug: 'my-link',
      customerRequired: true,
      skipLandingPage: true,
      locale: 'fr-FR',
    });
    expect(errors.map((e) => e.field)).toEqual([
      'amount.value',
      'items',
      'splits',
      'installments',
      'startsAt',
      'capture',
      'slug',
      'customerRequired',
      'skipLandingPage',
      'locale',
    ]);
    for (const error of errors) expect(error.message).toMatch(/placetopay/);
  });

  it('refuses a flexible amount', () => {
    expect(
      validateRequest({
        ...request,
        amount: { currency: 'COP' },
        amountMode: 'flexible',
        flexibleAmount: { min: '1' },
      }).map((e) => e.field),
    ).toEqual(['amountMode', 'flexibleAmount']);
  });
});

describe('placetopay field errors', () => {
  it('names our fields for Placetopay validation keys', () => {
    const errors = mapFieldErrors(
      {
        expirationDate: ['The expiration date does not match the format Y-m-d H:i:s.'],
        'payment.amount.total': ['The payment.amount.total must be an integer.'],
        'payment.amount.currency': ['The payment.amount.currency must be 3 characters.'],
        'paymentMethod.1': ['The selected paymentMethod.1 is invalid.'],
        'recipients.0.email': ['The recipients.0.email must be a valid email address.'],
        name: ['The name field is required.'],
        paymentExpiration: ['The payment expiration must be an integer.'],
      },
      request,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'expiresAt',
      'amount.value',
      'amount.currency',
      'paymentMethods',
      'customer.email',
      'description',
      'paymentExpiration',
    ]);
    expect(errors[0]!.message).toBe('placetopay: The expiration date does not match the format Y-m-d H:i:s.');
    expect(mapFieldErrors({ name: ['x'] }, { ...request, title: 'T' })[0]!.field).toBe('title');
  });
});
