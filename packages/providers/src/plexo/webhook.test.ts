import { readFileSync } from 'node:fs';
import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parseWebhook, readPlexoCallback } from './webhook.ts';
import { type PlexoPaymentDto, paymentLinkRefOf, readPaymentDto } from './wire.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** active_merchant's PaymentDto examples (fixtures/README.md): a payment callback body is a PaymentDto. */
const PURCHASE = fixture('payment-purchase-approved.json');
const READ = fixture('payment-read-approved.json');
const LINK_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

/** The fixture as a payment taken through the link would read (inferred: its referenceId is the link id). */
const throughLink = (text: string, link = LINK_ID) => ({ ...JSON.parse(text), referenceId: link });
const reader = (answer: unknown) => {
  const asked: string[] = [];
  const read = async (id: string) => {
    asked.push(id);
    return answer === null ? null : readPaymentDto(answer);
  };
  return { read, asked };
};

describe('readPlexoCallback', () => {
  it('reads the published PaymentDto examples as payments (24- and 32-hex ids)', () => {
    expect(readPlexoCallback(PURCHASE)).toEqual({ paymentId: '6305dd2d000d6ed5d1ecf79b' });
    expect(readPlexoCallback(READ)).toEqual({ paymentId: 'e440b3a24a774bcbaa0cad486c72b1de' });
  });

  it('refuses a body that names a link instead of a payment (in no public page), reading nothing', async () => {
    const invented = [
      { event: 'payment-link.payment', paymentLinkId: LINK_ID, transactionId: 't-1' },
      { paymentLink: { id: LINK_ID }, status: 'approved' },
    ];
    for (const body of invented) {
      expect(() => readPlexoCallback(JSON.stringify(body))).toThrow(WebhookVerificationError);
      const { read, asked } = reader(null);
      await expect(parseWebhook(JSON.stringify(body), read)).rejects.toBeInstanceOf(WebhookVerificationError);
      expect(asked).toEqual([]);
    }
  });

  it.each([
    ['a body that is not JSON', 'not json'],
    ['a JSON array', `["${LINK_ID}"]`],
    ['a payment without a hex id', '{"id":"txn-9","status":"approved"}'],
    ['a PaymentDto without a status', '{"id":"6305dd2d000d6ed5d1ecf79b"}'],
    ['a link id with unsafe characters', '{"paymentLinkId":"../../admin"}'],
    ['an oversized body', `{"paymentLinkId":"${LINK_ID}","pad":"${'x'.repeat(70_000)}"}`],
  ])('refuses %s', (_name, rawBody) => {
    expect(() => readPlexoCallback(rawBody)).toThrow(WebhookVerificationError);
  });
});

describe('paymentLinkRefOf (inferred)', () => {
  const dto = (fields: Record<string, unknown>) =>
    readPaymentDto({ ...JSON.parse(PURCHASE), ...fields }) as PlexoPaymentDto;

  it('finds no link in the published examples: direct API payments with a 32-hex reference', () => {
    expect(paymentLinkRefOf(readPaymentDto(JSON.parse(PURCHASE))!)).toBeNull();
    expect(paymentLinkRefOf(readPaymentDto(JSON.parse(READ))!)).toBeNull();
  });

  it('takes a link GUID from paymentLink.id, paymentLinkId, then referenceId', () => {
    expect(paymentLinkRefOf(dto({ referenceId: LINK_ID }))).toBe(LINK_ID);
    expect(paymentLinkRefOf(dto({ paymentLinkId: LINK_ID, referenceId: 'order-1001' }))).toBe(LINK_ID);
    const other = '00000000-0000-4000-8000-000000000001';
    expect(paymentLinkRefOf(dto({ paymentLink: { id: other }, referenceId: LINK_ID }))).toBe(other);
  });
});

describe('parseWebhook', () => {
  it('reads the payment back and nudges the link the canonical payment names', async () => {
    const { read, asked } = reader(throughLink(PURCHASE));
    const events = await parseWebhook(PURCHASE, read);
    expect(asked).toEqual(['6305dd2d000d6ed5d1ecf79b']);
    expect(events).toEqual([
      {
        providerRef: LINK_ID,
        eventId: 'payment:6305dd2d000d6ed5d1ecf79b:approved:1',
        trust: 'nudge',
        claimed: null,
      },
    ]);
  });

  it('trusts the read, not the unsigned body, for the link and the event', async () => {
    const body = JSON.stringify(throughLink(PURCHASE, '11111111-1111-4111-8111-111111111111'));
    const { read } = reader({ ...throughLink(PURCHASE), status: 'pending', transactions: [] });
    expect(await parseWebhook(body, read)).toEqual([
      expect.objectContaining({
        providerRef: LINK_ID,
        eventId: 'payment:6305dd2d000d6ed5d1ecf79b:pending:0',
      }),
    ]);
  });

  it('gives a payment a new event id when its state changes, the same one on a retry', async () => {
    const pending = await parseWebhook(
      PURCHASE,
      reader({ ...throughLink(PURCHASE), status: 'pending' }).read,
    );
    const approved = await parseWebhook(PURCHASE, reader(throughLink(PURCHASE)).read);
    const retry = await parseWebhook(PURCHASE, reader(throughLink(PURCHASE)).read);
    expect(pending[0]!.eventId).not.toBe(approved[0]!.eventId);
    expect(retry[0]!.eventId).toBe(approved[0]!.eventId);
  });

  it('returns nothing for a real payment not taken through a link', async () => {
    expect(await parseWebhook(PURCHASE, reader(JSON.parse(PURCHASE)).read)).toEqual([]);
  });

  it('refuses a callback for a payment Plexo does not know (forged)', async () => {
    await expect(parseWebhook(PURCHASE, reader(null).read)).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('passes a failing payment read on, so the proxy answers 503 and the retry counts', async () => {
    const failing = async () => {
      throw new Error('plexo is down');
    };
    await expect(parseWebhook(PURCHASE, failing)).rejects.toThrow('plexo is down');
  });
});
