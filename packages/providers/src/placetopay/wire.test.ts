import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parsePlacetopayDate, toWallClock } from './dates.ts';
import { fieldErrorsFrom, referenceFor, toCreateBody } from './wire.ts';

const request: CreateLinkRequest = {
  provider: 'placetopay',
  amount: { value: '100000.00', currency: 'COP' },
  description: 'Consulting, July',
};

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

describe('placetopay field errors', () => {
  it('names our fields for Placetopay validation keys', () => {
    const errors = fieldErrorsFrom(
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
    expect(fieldErrorsFrom({ name: ['x'] }, { ...request, title: 'T' })[0]!.field).toBe('title');
  });
});
