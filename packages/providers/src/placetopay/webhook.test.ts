import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { notificationSignature, parseWebhook } from './webhook.ts';

const SECRET = 'mySiteSecretKey';
// Test vectors of provider note §5: the documented bodies (fixtures/notification-*.json) signed by the
// documented formula; the signatures printed in the docs do not verify (fixtures/README.md).
const PAID = {
  status: {
    status: 'PAID',
    reason: 200,
    message: 'You have a transaction in approved status',
    date: '2024-06-25T00:43:21-05:00',
  },
  linkId: 2,
  reference: '#5321',
  signature: '6b02c3385968052869630e7999499f2c4f82d260e7d2843237c02b3d1d8ef03c',
};
const EXPIRED = {
  status: {
    status: 'EXPIRED',
    reason: 200,
    message: 'The link has expired.',
    date: '2024-06-25T00:53:36-05:00',
  },
  linkId: 2,
  reference: '#5321',
  signature: '3d03220edd4cb901894b8918d3cc23c547571e2eac886d90de54e369dde96e48',
};

describe('placetopay notifications', () => {
  it('signs the test vectors as documented', () => {
    expect(notificationSignature(2, 'PAID', PAID.status.date, SECRET)).toBe(PAID.signature);
    expect(notificationSignature('2', 'EXPIRED', EXPIRED.status.date, SECRET)).toBe(EXPIRED.signature);
  });

  it('accepts PAID with no claim, so the link is re-read', () => {
    expect(parseWebhook(JSON.stringify(PAID), SECRET)).toEqual([
      { providerRef: '2', eventId: '2:PAID:2024-06-25T00:43:21-05:00', trust: 'verified', claimed: null },
    ]);
  });

  it('accepts EXPIRED as a verified notice that claims no status (the link is read: paid beats expired)', () => {
    expect(parseWebhook(JSON.stringify(EXPIRED), SECRET)).toEqual([
      {
        providerRef: '2',
        eventId: '2:EXPIRED:2024-06-25T00:53:36-05:00',
        trust: 'verified',
        claimed: null,
      },
    ]);
  });

  it('refuses a changed status, date or link, a wrong key, and a missing signature', () => {
    const variants = [
      { ...PAID, status: { ...PAID.status, status: 'EXPIRED' } },
      { ...PAID, status: { ...PAID.status, date: '2024-06-25T00:43:22-05:00' } },
      { ...PAID, linkId: 3 },
      { ...PAID, signature: undefined },
      { ...PAID, signature: 'abc' },
    ];
    for (const body of variants) {
      expect(() => parseWebhook(JSON.stringify(body), SECRET)).toThrow(WebhookVerificationError);
    }
    expect(() => parseWebhook(JSON.stringify(PAID), 'otherKey')).toThrow(WebhookVerificationError);
  });

  it('refuses bodies that are not notifications', () => {
    for (const raw of ['not json', 'null', '[]', '{"linkId":2}', JSON.stringify({ ...PAID, linkId: 'x' })]) {
      expect(() => parseWebhook(raw, SECRET)).toThrow(WebhookVerificationError);
    }
  });

  it('ignores an unknown event type once its signature checks out', () => {
    const date = '2024-06-25T01:00:00-05:00';
    const body = {
      status: { status: 'REFUNDED', date },
      linkId: 2,
      signature: notificationSignature(2, 'REFUNDED', date, SECRET),
    };
    expect(parseWebhook(JSON.stringify(body), SECRET)).toEqual([]);
    expect(() => parseWebhook(JSON.stringify({ ...body, signature: PAID.signature }), SECRET)).toThrow(
      WebhookVerificationError,
    );
  });
});
