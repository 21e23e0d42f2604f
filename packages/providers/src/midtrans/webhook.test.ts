import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { parseWebhook, signatureKey } from './webhook.ts';

const KEY = 'SB-Mid-server-paylink-emulator';

/** A notification as Midtrans sends it (values are strings), signed with `key`. */
function notification(fields: Record<string, string>, key = KEY): Record<string, string> {
  const body = {
    transaction_time: '2026-03-01 12:20:00',
    transaction_status: 'settlement',
    transaction_id: '9aed5972-5b6a-401e-894b-a32c91ed1a3a',
    status_message: 'midtrans payment notification',
    status_code: '200',
    payment_type: 'bank_transfer',
    order_id: 'pl-0123456789abcdef01234567-1772342400000',
    merchant_id: 'G000PAYLINK',
    gross_amount: '190000.00',
    fraud_status: 'accept',
    currency: 'IDR',
    ...fields,
  };
  return { ...body, signature_key: signatureKey(body.order_id, body.status_code, body.gross_amount, key) };
}
const parse = (body: unknown) => parseWebhook(JSON.stringify(body), KEY);

describe('signatureKey', () => {
  it('matches the test vector from the note (Midtrans "Receiving Notifications" sample)', () => {
    expect(signatureKey('1111', '200', '100000.00', 'askvnoibnosifnboseofinbofinfgbiufglnbfg')).toBe(
      'edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231',
    );
  });
});

describe('parseWebhook', () => {
  it('takes a settlement as a nudge naming its link: the proxy re-reads before believing it', () => {
    expect(parse(notification({ settlement_time: '2026-03-01 12:25:00' }))).toEqual([
      {
        providerRef: 'pl-0123456789abcdef01234567',
        eventId: 'pl-0123456789abcdef01234567-1772342400000|200|190000.00|settlement|approved',
        trust: 'nudge',
        claimed: null,
      },
    ]);
  });

  it('claims pending for a pending payment; deny, cancel and expire are nudges', () => {
    const [pending] = parse(notification({ transaction_status: 'pending', status_code: '201' }));
    expect(pending).toMatchObject({
      trust: 'verified',
      claimed: { status: 'pending', lastPayment: { outcome: 'pending', at: '2026-03-01T05:20:00.000Z' } },
    });
    for (const [status, code] of [
      ['deny', '202'],
      ['cancel', '202'],
      ['cancel', '200'],
      ['expire', '407'],
      ['failure', '202'],
    ] as const) {
      const [event] = parse(notification({ transaction_status: status, status_code: code }));
      expect(event).toMatchObject({ trust: 'nudge', claimed: null });
    }
  });

  it('gives a duplicate the same event id and each state of a transaction its own', () => {
    const body = notification({ transaction_status: 'pending', status_code: '201' });
    expect(parse(body)[0]?.eventId).toBe(parse({ ...body })[0]?.eventId);
    expect(parse(notification({}))[0]?.eventId).not.toBe(parse(body)[0]?.eventId);
  });

  it('refuses a tampered amount, order id or status code', () => {
    const body = notification({});
    for (const tampered of [
      { ...body, gross_amount: '1.00' },
      { ...body, order_id: 'pl-ffffffffffffffffffffffff-1772342400000' },
      { ...body, status_code: '201', transaction_status: 'pending' },
    ]) {
      expect(() => parse(tampered)).toThrow(WebhookVerificationError);
    }
  });

  it('never trusts a status rewritten under a valid signature (status_code is signed, the status is not)', () => {
    const settled = notification({});
    // Rewritten to a rejection: accepted, but only as a nudge (the proxy reads the link).
    expect(parse({ ...settled, transaction_status: 'expire' })[0]).toMatchObject({
      trust: 'nudge',
      claimed: null,
    });
    expect(() => parse({ ...settled, transaction_status: 'EXPIRED' })).toThrow(WebhookVerificationError);
    // Rewritten to pending under a success code: refused (pending is documented with 201).
    expect(() => parse({ ...settled, transaction_status: 'pending' })).toThrow(/status_code 200/);
    const challenge = notification({
      transaction_status: 'capture',
      fraud_status: 'challenge',
      status_code: '201',
    });
    expect(parse(challenge)[0]?.claimed?.status).toBe('pending');
    // A 201 (pending) notification rewritten to an approval: refused (success is documented with 200).
    expect(() => parse({ ...challenge, fraud_status: 'accept' })).toThrow(WebhookVerificationError);
    expect(() => parse({ ...challenge, transaction_status: 'settlement' })).toThrow(WebhookVerificationError);
  });

  it('refuses another server key, missing fields and non-JSON', () => {
    expect(() => parse(notification({}, 'SB-Mid-server-wrong'))).toThrow(WebhookVerificationError);
    const { signature_key: _omit, ...unsigned } = notification({});
    expect(() => parse(unsigned)).toThrow(/signed field/);
    expect(() => parseWebhook('not json', KEY)).toThrow(WebhookVerificationError);
    expect(() => parseWebhook('[1]', KEY)).toThrow(WebhookVerificationError);
  });

  it('accepts the numeric status_code / gross_amount one doc example prints, signed as written', () => {
    const orderId = 'merchant-order-id-1-1647944535605';
    const body = {
      transaction_time: '2022-03-22 17:22:21',
      transaction_status: 'pending',
      transaction_id: '1d02cdda-a424-4e6e-a711-154f004bc26d',
      status_code: 201,
      order_id: orderId,
      gross_amount: 10000,
      signature_key: signatureKey(orderId, '201', '10000', KEY),
    };
    expect(parse(body)[0]).toMatchObject({
      providerRef: 'merchant-order-id-1',
      claimed: { status: 'pending' },
    });
  });

  it('verifies refunds but claims nothing from them', () => {
    const [event] = parse(notification({ transaction_status: 'refund' }));
    expect(event).toMatchObject({ trust: 'nudge', claimed: null });
  });
});
