import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parsePlexoCallback } from './webhook.ts';

const LINK_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

describe('parsePlexoCallback', () => {
  it('returns a nudge without claims for the link the callback names', () => {
    const events = parsePlexoCallback(
      JSON.stringify({
        paymentLinkId: LINK_ID,
        externalId: 'pl_xK9mQ2vR',
        transactionId: 't-1',
        status: 'approved',
      }),
    );
    expect(events).toEqual([
      { providerRef: LINK_ID, eventId: `${LINK_ID}:t-1`, trust: 'nudge', claimed: null },
    ]);
  });

  it.each([
    ['a top-level id', { id: LINK_ID }],
    ['a nested payment link', { paymentLink: { id: LINK_ID, externalId: 'pl_x' }, id: 'txn-9' }],
    ['a data envelope', { event: 'payment.approved', data: { paymentLinkId: LINK_ID } }],
    ['a linkId', { linkId: LINK_ID }],
  ])('finds the link id in %s', (_name, body) => {
    expect(parsePlexoCallback(JSON.stringify(body))[0]?.providerRef).toBe(LINK_ID);
  });

  it('falls back to the public externalId when nothing else names the link', () => {
    expect(parsePlexoCallback('{"externalId":"pl_xK9mQ2vR"}')[0]?.providerRef).toBe('pl_xK9mQ2vR');
  });

  it('gives the same event id to a repeated body without a payment id, and different ones otherwise', () => {
    const a = parsePlexoCallback(`{"id":"${LINK_ID}","status":"approved"}`)[0]!.eventId;
    expect(parsePlexoCallback(`{"id":"${LINK_ID}","status":"approved"}`)[0]!.eventId).toBe(a);
    expect(parsePlexoCallback(`{"id":"${LINK_ID}","status":"declined"}`)[0]!.eventId).not.toBe(a);
  });

  it.each([
    ['a body that is not JSON', 'not json'],
    ['a JSON array', `["${LINK_ID}"]`],
    ['a body without a link id', '{"status":"approved","amount":100}'],
    ['an id with unsafe characters', '{"paymentLinkId":"../../admin"}'],
    ['an oversized body', `{"id":"${LINK_ID}","pad":"${'x'.repeat(70_000)}"}`],
  ])('refuses %s', (_name, rawBody) => {
    expect(() => parsePlexoCallback(rawBody)).toThrow(WebhookVerificationError);
  });
});
