import { describe, expect, it } from 'vitest';
import { toLinkState, toLinkStatus } from './status.ts';

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
