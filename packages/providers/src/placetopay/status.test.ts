import { describe, expect, it } from 'vitest';
import { mapPaymentOutcome, toLinkState } from './status.ts';
import type { PlacetopayLink, PlacetopayPayment } from './wire.ts';

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
    expect(toLinkState(input).status).toBe(expected);
  });

  it('counts approved payments and reports the cap, null when unlimited', () => {
    const multi = link({
      totalPayments: 7,
      availablePayments: 5,
      payments: [payment(1, 'APPROVED'), payment(2, 'REJECTED'), payment(3, 'APPROVED')],
    });
    expect(toLinkState(multi).payments).toEqual({ count: 2, limit: 7 });
    expect(toLinkState(link({ totalPayments: null, availablePayments: null })).payments).toEqual({
      count: 0,
      limit: null,
    });
    // Without a payments list, the count follows availablePayments.
    expect(
      toLinkState(link({ totalPayments: 3, availablePayments: 1, payments: undefined })).payments,
    ).toEqual({
      count: 2,
      limit: 3,
    });
  });

  it("carries the last payment's amount where Placetopay states a valid one (number or string total)", () => {
    const paid = (amount: unknown) =>
      toLinkState(link({ payments: [{ ...payment(8, 'APPROVED'), amount } as PlacetopayPayment] }))
        .lastPayment;
    expect(paid({ currency: 'COP', total: 100000 })?.amount).toEqual({ value: '100000.00', currency: 'COP' });
    expect(paid({ currency: 'USD', total: '12.5' })?.amount).toEqual({ value: '12.50', currency: 'USD' });
    expect(paid({ currency: 'COP', total: 'a lot' })).not.toHaveProperty('amount');
    expect(paid({ currency: 'XX1', total: 5 })).not.toHaveProperty('amount');
    expect(paid(undefined)).toEqual({ outcome: 'approved', at: '2024-07-26T13:21:40Z' });
  });

  it("takes lastPayment from the latest payment, its date on the site's wall clock (America/Bogota by default)", () => {
    const links = link({ payments: [payment(9, 'REJECTED', '2024-07-26 09:00:00'), payment(8, 'APPROVED')] });
    const state = toLinkState(links);
    expect(state.lastPayment).toEqual({ outcome: 'rejected', at: '2024-07-26T14:00:00Z' });
    expect(state.expiresAt).toBe('2024-08-12T13:10:50Z');
    // A site in another zone sets `timeZone`.
    expect(toLinkState(links, 'UTC').lastPayment).toEqual({
      outcome: 'rejected',
      at: '2024-07-26T09:00:00Z',
    });
    expect(toLinkState(link({ expirationDate: '2024-08-12T08:10:50-05:00' })).expiresAt).toBe(
      '2024-08-12T13:10:50Z',
    );
    expect(toLinkState(link({})).lastPayment).toBeNull();
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
    expect(toLinkState(documented)).toEqual({
      status: 'open',
      payments: { count: 1, limit: 7 },
      // Read as -05:00: the schema gives this example's expiry as `2024-08-12T08:10:50-05:00`.
      lastPayment: {
        outcome: 'approved',
        at: '2024-07-26T13:21:40Z',
        amount: { value: '100000.00', currency: 'COP' },
      },
      expiresAt: '2024-08-12T13:10:50Z',
    });
  });
});
