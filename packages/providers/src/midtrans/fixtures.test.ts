// The adapter fed Midtrans's own public examples (fixtures/, each naming its source): answers and
// notifications Midtrans documents, and the published signature vector. Nothing here comes from
// our emulator, so adapter and emulator cannot agree with each other and both be wrong unnoticed.
import { type CreateLinkRequest, ProviderErrorKind, WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { createAdapter } from './adapter.ts';
import { clientSide, type Json, providerSide, signatureVector } from './fixtures/index.ts';
import { readSettings } from './settings.ts';
import { toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook, signatureKey } from './webhook.ts';
import { linkOrderIdOf, type MidtransLink, toCreateBody } from './wire.ts';

const KEY = 'SB-Mid-server-paylink-test';

/** A documented notification with only its signature replaced by one made with `key`. */
function resigned(body: Json, key = KEY): Json {
  const value = (v: unknown) => String(v);
  return {
    ...body,
    signature_key: signatureKey(value(body.order_id), value(body.status_code), value(body.gross_amount), key),
  };
}
const parse = (body: Json, key = KEY) => parseWebhook(JSON.stringify(body), key);

describe('signature (documented vector)', () => {
  it('computes the published signature_key', () => {
    const v = signatureVector;
    expect(signatureKey(v.order_id, v.status_code, v.gross_amount, v.server_key)).toBe(v.signature_key);
  });

  it('verifies the Omnipay driver’s signed capture body, and refuses it altered', () => {
    const body = providerSide.statusCaptureSigned();
    expect(body.signature_key).toBe(signatureVector.signature_key);
    const [event] = parse(body, signatureVector.server_key);
    expect(event).toMatchObject({ providerRef: '1111', trust: 'nudge', claimed: null });
    for (const tampered of [
      { ...body, gross_amount: '1.00' },
      { ...body, order_id: '1112' },
      { ...body, status_code: '201' },
    ]) {
      expect(() => parse(tampered, signatureVector.server_key)).toThrow(WebhookVerificationError);
    }
    expect(() => parse(body, KEY)).toThrow(/signature_key does not match/);
  });
});

describe('documented notifications', () => {
  it('refuses the samples as printed (signed with a key we do not have)', () => {
    for (const sample of [
      providerSide.notificationCaptureCard(),
      providerSide.notificationSettlementGopay(),
      providerSide.notificationSettlementBcaVa(),
      providerSide.notificationPendingLink(),
    ]) {
      expect(() => parse(sample)).toThrow(WebhookVerificationError);
    }
  });

  it('takes an approval (capture, settlement) only as a nudge: the signature does not cover the status', () => {
    for (const sample of [
      providerSide.notificationCaptureCard(),
      providerSide.notificationSettlementGopay(),
      providerSide.notificationSettlementBcaVa(),
    ]) {
      const [event] = parse(resigned(sample));
      expect(event).toEqual({
        // The per-payment "-<epoch>" suffix is dropped as for link payments ("Order ID Structure").
        providerRef: linkOrderIdOf(String(sample.order_id)),
        eventId: expect.any(String),
        trust: 'nudge',
        claimed: null,
      });
    }
  });

  it('claims pending at once from the payment-link pending sample (signed 201, numbers as printed)', () => {
    const sample = providerSide.notificationPendingLink();
    expect(sample.status_code).toBe(201);
    expect(parse(resigned(sample))).toEqual([
      {
        // "order123-1647944535605 back to order123": drop what follows the last "-".
        providerRef: 'merchant-order-id-1',
        eventId: expect.any(String),
        trust: 'verified',
        claimed: {
          status: 'pending',
          lastPayment: { outcome: 'pending', at: '2022-03-22T10:22:21.000Z' },
        },
      },
    ]);
  });

  it('requires 200 for an approval and 201 for a pending payment (the documented pairings)', () => {
    const capture = providerSide.notificationCaptureCard();
    expect(() => parse(resigned({ ...capture, status_code: '201' }))).toThrow(/status_code 201/);
    expect(() =>
      parse(resigned({ ...capture, transaction_status: 'settlement', status_code: '202' })),
    ).toThrow(WebhookVerificationError);
    const pending = providerSide.notificationPendingLink();
    expect(() => parse(resigned({ ...pending, status_code: '200' }))).toThrow(/status_code 200/);
  });

  it('accepts a signed deny, cancel, expire or failure whatever its status_code, as a nudge', () => {
    const deny = providerSide.cardDenyResponse();
    expect(deny.status_code).toBe('202');
    const base = { ...deny, status_message: 'midtrans payment notification' };
    for (const transaction_status of ['deny', 'cancel', 'expire', 'failure']) {
      for (const status_code of ['200', '202', '407', '500']) {
        const [event] = parse(resigned({ ...base, transaction_status, status_code }));
        expect(event, `${transaction_status} ${status_code}`).toMatchObject({
          providerRef: 'test-transaction-54321',
          trust: 'nudge',
          claimed: null,
        });
      }
    }
    // A status Midtrans does not have is still refused.
    expect(() => parse(resigned({ ...base, transaction_status: 'EXPIRED' }))).toThrow(/unknown/);
  });

  it('keys replays on the signed fields: a copy with another transaction_id is the same event', () => {
    const sample = resigned(providerSide.notificationSettlementGopay());
    const [original] = parse(sample);
    const [replay] = parse({ ...sample, transaction_id: crypto.randomUUID() });
    expect(replay?.eventId).toBe(original?.eventId);
    const { transaction_id: _omit, ...withoutId } = sample;
    expect(parse(withoutId)[0]?.eventId).toBe(original?.eventId);
    // A later state of the same payment is a new event (capture, then settlement, both 200).
    const [settled] = parse({ ...sample, transaction_status: 'capture' });
    expect(settled?.eventId).not.toBe(original?.eventId);
  });
});

describe('link reads (documented "Get Payment Link Details" sample)', () => {
  const now = new Date('2020-12-31T12:00:00Z'); // inside its 2-day expiry
  const details = (extra: Partial<MidtransLink> & Json = {}): MidtransLink => ({
    ...(providerSide.getDetails() as MidtransLink),
    ...extra,
  });

  it('counts payments as max(usage, approved purchases): the sample has usage 2 and no purchases', () => {
    const link = details();
    expect(link).toMatchObject({ usage: 2, usage_limit: 2, purchases: [] });
    expect(toLinkState(link, now)).toMatchObject({ status: 'paid', payments: { count: 2, limit: 2 } });
    const purchase = (n: number) => ({ order_id: `001-${1609390000000 + n}`, payment_status: 'settlement' });
    expect(
      toLinkState(details({ usage: 0, usage_limit: 5, purchases: [purchase(1), purchase(2)] }), now).payments,
    ).toEqual({ count: 2, limit: 5 });
  });

  it('reads the expiry from expiry_start + duration, or from expires_at when present', () => {
    expect(toLinkState(details(), now).expiresAt).toBe('2021-01-02T11:00:00.000Z');
    expect(toLinkState(details({ expires_at: '2021-01-01T00:00:00.000Z' }), now).expiresAt).toBe(
      '2021-01-01T00:00:00.000Z',
    );
  });

  it('reads deletion from every observed field (names from xct007’s typings; values ours)', () => {
    const open = { usage: 0 };
    expect(toLinkState(details(open), now).status).toBe('open');
    for (const field of ['deleted_at', 'delete_at', 'deletedAt', 'canceled_at'] as const) {
      expect(toLinkState(details({ ...open, [field]: '2020-12-31T13:00:00.000Z' }), now).status, field).toBe(
        'disabled',
      );
    }
    expect(toLinkState(details({ ...open, epoch_deleted_at: 1609419600 }), now).status).toBe('disabled');
    expect(toLinkState(details({ ...open, epoch_deleted_at: 1609419600000 }), now).status).toBe('disabled');
    expect(toLinkState(details({ ...open, epoch_deleted_at: 0 }), now).status).toBe('open');
  });

  it('keeps a purchase pending at the expiry pending (paid beats expired)', () => {
    const late = new Date('2021-01-05T00:00:00Z');
    expect(toLinkState(details({ usage: 0 }), late).status).toBe('expired');
    const pending = { order_id: '001-1609390000000', payment_status: 'pending' };
    expect(toLinkState(details({ usage: 0, purchases: [pending] }), late).status).toBe('pending');
  });
});

describe('create body against the documented requests', () => {
  const request: CreateLinkRequest = {
    provider: 'midtrans',
    amount: { value: '190000', currency: 'IDR' },
    description: 'Pillow',
    usageLimit: 1,
    expiresAt: '2022-04-21T11:00:00.000Z',
    startsAt: '2022-04-01T11:00:00.000Z',
    paymentMethods: ['credit_card', 'bca_va', 'indomaret'],
    items: [{ id: 'pil-001', name: 'Pillow', price: '95000', quantity: 2 }],
    customer: { name: 'John', email: 'john.doe@midtrans.com', phone: '+62181000000000' },
    reference: 'custom field 1 content',
  };
  const NOW = new Date('2022-04-01T10:00:00Z');

  it('sends only fields the documented examples have, with the same JSON types', () => {
    const body = toCreateBody(request, 'pl-0123456789abcdef01234567', NOW) as unknown as Json;
    const documented = { ...clientSide.createXct007(), ...clientSide.createReference() };
    const kind = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
    const compare = (ours: Json, theirs: Json, path: string) => {
      for (const [key, value] of Object.entries(ours)) {
        expect(Object.hasOwn(theirs, key), `${path}${key} is in no documented example`).toBe(true);
        expect(kind(value), `${path}${key}`).toBe(kind(theirs[key]));
        if (kind(value) === 'object') compare(value as Json, theirs[key] as Json, `${path}${key}.`);
      }
    };
    compare(body, documented, '');
    compare((body.item_details as Json[])[0]!, (documented.item_details as Json[])[0]!, 'item_details[0].');
    expect(body.expiry).toEqual({ start_time: '2022-04-01 18:00:00 +0700', duration: 20, unit: 'day' });
  });

  it('sends customer_details with first_name, email and phone together, or not at all', () => {
    const body = toCreateBody(request, 'pl-0123456789abcdef01234567', NOW);
    const documented = clientSide.createReference().customer_details as Json;
    expect(body.customer_details).toEqual({
      first_name: documented.first_name,
      email: documented.email,
      phone: documented.phone,
    });
    for (const customer of [
      { email: 'a@example.com' },
      { name: 'Ana', email: 'a@example.com' },
      { phone: '+62' },
    ]) {
      expect(validateRequest({ ...request, customer }, NOW)).toEqual([]);
      expect(toCreateBody({ ...request, customer }, 'pl-x', NOW).customer_details).toBeUndefined();
    }
  });
});

describe('documented answers through the adapter', () => {
  const answering =
    (status: number, body: Json): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const adapter = (answer: typeof fetch) =>
    createAdapter(readSettings({ baseUrl: 'https://api.sandbox.midtrans.com', serverKey: KEY }), {
      fetch: answer,
    });
  const create = (answer: typeof fetch) =>
    adapter(answer).create(
      { provider: 'midtrans', amount: { value: '190000', currency: 'IDR' }, description: 'x', usageLimit: 1 },
      { idempotencyKey: 'k', notificationUrl: 'https://unused' },
    );

  it('takes the documented create response', async () => {
    const documented = providerSide.createResponse();
    const created = await create(answering(200, documented));
    expect(created.url).toBe(documented.payment_url);
    expect(created.providerRef).toBe(documented.order_id);
  });

  it('sorts the documented 401 and 400 bodies', async () => {
    await expect(create(answering(401, providerSide.createError401()))).rejects.toMatchObject({
      kind: ProviderErrorKind.Auth,
    });
    const refused = create(answering(400, providerSide.createError400()));
    await expect(refused).rejects.toMatchObject({ kind: ProviderErrorKind.Validation });
  });

  it('reads the documented details body and treats the documented delete answer as done', async () => {
    const state = await adapter(answering(200, providerSide.getDetails())).get('001');
    expect(state).toMatchObject({ payments: { count: 2, limit: 2 }, expiresAt: '2021-01-02T11:00:00.000Z' });
    await expect(
      adapter(answering(200, providerSide.deleteResponse())).disable('001'),
    ).resolves.toBeUndefined();
  });
});
