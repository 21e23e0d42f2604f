import { ProviderError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { toLinkState } from './status.ts';
import type { PayrocPaymentLink } from './wire.ts';

describe('payroc', () => {
  describe('toLinkState (README status table)', () => {
    const link = (type: 'singleUse' | 'multiUse', status: string): PayrocPaymentLink => ({
      type,
      paymentLinkId: 'JZURRJBUPS',
      merchantReference: 'LinkRef6543',
      order: { charge: { type: 'prompt', currency: 'AED' } },
      authType: 'sale',
      paymentMethods: ['card'],
      assets: { paymentUrl: 'https://payments.payroc.com/merchant/pay-by-link?token=x' },
      status,
      expiresOn: '2024-08-02',
    });

    it.each([
      ['singleUse', 'active', 'open', 0, 1],
      ['singleUse', 'completed', 'paid', 1, 1],
      ['singleUse', 'deactivated', 'disabled', 0, 1],
      ['singleUse', 'expired', 'expired', 0, 1],
      ['multiUse', 'active', 'open', 0, null],
      ['multiUse', 'completed', 'paid', 1, null],
      ['multiUse', 'deactivated', 'disabled', 0, null],
      ['multiUse', 'expired', 'expired', 0, null],
    ] as const)('%s %s -> %s', (type, status, ours, count, limit) => {
      const state = toLinkState(link(type, status));
      expect(state).toMatchObject({
        status: ours,
        payments: { count, limit },
        expiresAt: '2024-08-03T00:00:00.000Z',
      });
      expect(state.lastPayment).toEqual(status === 'completed' ? { outcome: 'approved', at: null } : null);
    });

    it('throws on a status it does not know', () => {
      expect(() => toLinkState(link('singleUse', 'paused'))).toThrow(ProviderError);
    });
  });
});
