import { describe, expect, it } from 'vitest';
import { applySnapshot, isFinalStatus, statusAt, type VersionedStatus } from './status.ts';

const open: VersionedStatus = {
  status: 'open',
  payments: { count: 0, limit: 1 },
  lastPayment: null,
  version: 1,
};

describe('status model', () => {
  it('bumps the version on a change and keeps the same object when nothing changed', () => {
    const paid = applySnapshot(open, {
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved', at: null },
    });
    expect(paid).toMatchObject({ status: 'paid', version: 2 });
    expect(applySnapshot(open, { status: 'open', payments: { count: 0, limit: 1 }, lastPayment: null })).toBe(
      open,
    );
  });

  it('never leaves a final status', () => {
    for (const status of ['paid', 'expired', 'disabled'] as const) {
      const final = { ...open, status };
      expect(isFinalStatus(status)).toBe(true);
      expect(
        applySnapshot(final, { status: 'open', payments: { count: 0, limit: 1 }, lastPayment: null }),
      ).toBe(final);
    }
  });

  it('returns pending to open after a rejected payment, and never lowers the payment count', () => {
    const pending = applySnapshot(open, {
      status: 'pending',
      payments: { count: 0, limit: 1 },
      lastPayment: { outcome: 'pending', at: null },
    });
    const rejected = applySnapshot(pending, {
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: { outcome: 'rejected', at: null },
    });
    expect(rejected).toMatchObject({ status: 'open', version: 3, lastPayment: { outcome: 'rejected' } });
    const multi = { ...open, payments: { count: 3, limit: null } };
    expect(
      applySnapshot(multi, { status: 'open', payments: { count: 2, limit: null }, lastPayment: null })
        .payments.count,
    ).toBe(3);
  });

  it('computes expiry locally', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    expect(statusAt('open', '2026-01-01T23:59:59Z', now)).toBe('expired');
    expect(statusAt('pending', '2026-01-02T00:00:00Z', now)).toBe('expired');
    expect(statusAt('open', '2026-01-02T00:00:01Z', now)).toBe('open');
    expect(statusAt('paid', '2026-01-01T00:00:00Z', now)).toBe('paid');
    expect(statusAt('open', null, now)).toBe('open');
  });
});
