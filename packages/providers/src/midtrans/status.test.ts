import { describe, expect, it } from 'vitest';
import { paymentOutcomeOf, toLinkState } from './status.ts';
import type { MidtransLink } from './wire.ts';

const NOW = new Date('2026-03-01T05:00:30.250Z');

describe('toLinkState (README status table)', () => {
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
    expect(toLinkState(link({}), NOW)).toEqual({
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: null,
      expiresAt: '2026-03-02T05:00:00.000Z',
    });
  });

  it('is pending while a payment waits, paid when usage reaches the limit', () => {
    const pending = toLinkState(
      link({ purchases: [purchase('pl-x-1', 'pending', '2026-03-01T05:10:00Z')] }),
      NOW,
    );
    expect(pending.status).toBe('pending');
    expect(pending.lastPayment).toEqual({ outcome: 'pending', at: '2026-03-01T05:10:00.000Z' });
    const paid = toLinkState(
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
    expect(toLinkState(link({ purchases }), NOW)).toMatchObject({ status: 'paid', payments: { count: 1 } });
  });

  it('maps capture by fraud_status, and rejections back to open', () => {
    const challenge = toLinkState(
      link({ purchases: [purchase('pl-x-1', 'capture', '2026-03-01T05:20:00Z', 'challenge')] }),
      NOW,
    );
    expect(challenge.status).toBe('pending');
    const accepted = toLinkState(
      link({ purchases: [purchase('pl-x-1', 'capture', '2026-03-01T05:20:00Z', 'accept')] }),
      NOW,
    );
    expect(accepted.status).toBe('paid');
    for (const status of ['deny', 'cancel', 'expire']) {
      const state = toLinkState(
        link({ purchases: [purchase('pl-x-1', status, '2026-03-01T05:20:00Z')] }),
        NOW,
      );
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
    expect(toLinkState(link({ usage_limit: 3, purchases }), NOW)).toMatchObject({
      status: 'open',
      payments: { count: 2, limit: 3 },
    });
    expect(toLinkState(link({ usage_limit: 2, purchases }), NOW).status).toBe('paid');
    expect(toLinkState(link({ usage_limit: 1_000_000, purchases }), NOW).payments).toEqual({
      count: 2,
      limit: null,
    });
  });

  it('is expired past start + duration, and disabled once deleted before then', () => {
    const later = new Date('2026-03-02T05:00:00Z');
    expect(toLinkState(link({}), later).status).toBe('expired');
    expect(toLinkState(link({ deleted_at: '2026-03-01T06:00:00Z' }), later).status).toBe('disabled');
    expect(
      toLinkState(link({ deleted_at: '2026-03-03T06:00:00Z' }), new Date('2026-03-04T00:00:00Z')).status,
    ).toBe('expired');
    expect(toLinkState(link({ deleted_at: '2026-03-01T06:00:00Z' }), NOW).status).toBe('disabled');
  });

  it('reads pending, not expired, while a purchase started before the deadline is still pending', () => {
    const later = new Date('2026-03-02T05:00:00Z');
    const pending = [purchase('pl-x-1', 'pending', '2026-03-01T05:10:00Z')];
    expect(toLinkState(link({ purchases: pending }), later).status).toBe('pending');
    const lapsed = [purchase('pl-x-1', 'expire', '2026-03-02T04:00:00Z')];
    expect(toLinkState(link({ purchases: lapsed }), later).status).toBe('expired');
    const settled = [purchase('pl-x-1', 'settlement', '2026-03-02T04:00:00Z')];
    expect(toLinkState(link({ purchases: settled, usage_limit: 1 }), later).status).toBe('paid');
  });

  it('falls back to usage when purchases are absent', () => {
    expect(toLinkState(link({ purchases: undefined, usage: 1 }), NOW)).toMatchObject({
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
