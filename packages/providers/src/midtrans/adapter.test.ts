// The adapter driven against the emulator in-process (no socket), for what the shared contract
// suite does not cover: idempotent retries, expiry with a moved clock, dynamic amounts, pending
// transfers and duplicate notifications.
import { type CreateLinkRequest, ProviderErrorKind } from '@paylink/core';
import { type Emulator, type EmulatorOptions, emulatorFactories } from '@paylink/emulators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderAdapter, WebhookEvent } from '../adapter.ts';
import { createAdapter } from './adapter.ts';
import { readSettings } from './settings.ts';

const request: CreateLinkRequest = {
  provider: 'midtrans',
  amount: { value: '190000.00', currency: 'IDR' },
  description: 'Invoice #1042',
  usageLimit: 1,
};

let clock: Date;
let emulator: Emulator;
let adapter: ProviderAdapter;

beforeEach(() => {
  clock = new Date('2026-03-01T05:00:00Z');
  // Deliveries to a closed port fail fast; the emulator still records every body it sends.
  const options = {
    publicUrl: 'http://localhost:8793',
    notificationUrl: 'http://127.0.0.1:9/hook',
    now: () => clock,
    duplicateDelayMs: 10,
    retryDelaysMs: [],
  } satisfies EmulatorOptions & Record<string, unknown>;
  emulator = emulatorFactories.midtrans!(options);
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) =>
    emulator.app.fetch(new Request(input, init))) as typeof fetch;
  adapter = createAdapter(readSettings(emulator.adapterSettings), { fetch: inProcess, now: () => clock });
});

afterEach(() => emulator.close());

const context = (idempotencyKey = crypto.randomUUID()) => ({
  idempotencyKey,
  notificationUrl: 'http://unused',
});
const pay = async (ref: string, body: Record<string, unknown>) => {
  const response = await emulator.app.request(`/_emulator/links/${ref}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const apiRequests = () => emulator.control.requests.filter((r) => r.path.startsWith('/v1/'));
const sent = () => emulator.control.webhooks.map((w) => JSON.stringify(w.body));
const parseAll = async (bodies: string[]): Promise<WebhookEvent[]> =>
  (
    await Promise.all(bodies.map((rawBody) => adapter.parseWebhook({ headers: new Headers(), rawBody })))
  ).flat();

describe('create', () => {
  it('sends the documented body and hands back the hosted URL', async () => {
    const created = await adapter.create(
      {
        ...request,
        slug: 'inv-1042-7f3a9c2e',
        reference: 'pl_internal_id',
        items: [{ id: 'sku-1', name: 'Consulting', price: '95000.00', quantity: 2 }],
        customer: { name: 'Ana', email: 'ana@example.com', phone: '+628123' },
        expiresAt: '2026-03-08T05:00:00Z',
      },
      context(),
    );
    expect(created.url).toBe('http://localhost:8793/payment-links/inv-1042-7f3a9c2e');
    expect(created.state).toEqual({
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: null,
      expiresAt: '2026-03-08T05:00:00.000Z',
    });
    expect(apiRequests()[0]?.body).toMatchObject({
      transaction_details: {
        order_id: created.providerRef,
        gross_amount: 190000,
        payment_link_id: 'inv-1042-7f3a9c2e',
      },
      usage_limit: 1,
      expiry: { start_time: '2026-03-01 12:00:00 +0700', duration: 7, unit: 'day' },
      item_details: [{ id: 'sku-1', name: 'Consulting', price: 95000, quantity: 2 }],
      customer_details: { first_name: 'Ana', email: 'ana@example.com', phone: '+628123' },
      custom_field1: 'pl_internal_id',
    });
  });

  it('refuses what validate() refuses without calling Midtrans', async () => {
    const error = await adapter
      .create({ ...request, amount: { value: '190000.50', currency: 'IDR' } }, context())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: ProviderErrorKind.Validation, errors: [{ field: 'amount.value' }] });
    expect(apiRequests()).toHaveLength(0);
  });

  it('reads the existing link back when a retried create meets the 409 duplicate order id', async () => {
    const key = crypto.randomUUID();
    const first = await adapter.create(request, context(key));
    const again = await adapter.create(request, context(key));
    expect(again.providerRef).toBe(first.providerRef);
    expect(again.url).toBe(first.url);
    expect(apiRequests().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'POST 409', 'GET 200']);
    // One link at Midtrans: paying it once uses it up.
    await pay(first.providerRef, { outcome: 'approved' });
    const late = await adapter.create(request, context(key));
    expect(late.state).toMatchObject({ status: 'paid', payments: { count: 1 } });
  });

  it('also reads back when the retry meets the taken payment_link_id first, and refuses a reused key for another link', async () => {
    const key = crypto.randomUUID();
    const slugged = { ...request, slug: 'inv-2001' };
    const first = await adapter.create(slugged, context(key));
    expect((await adapter.create(slugged, context(key))).url).toBe(first.url);
    const other = await adapter
      .create({ ...slugged, amount: { value: '5000', currency: 'IDR' } }, context(key))
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ kind: ProviderErrorKind.Conflict });
    const taken = await adapter.create(slugged, context()).catch((e: unknown) => e);
    expect(taken).toMatchObject({ kind: ProviderErrorKind.Validation, errors: [{ field: 'slug' }] });
  });

  it('sends no limit as the documented maximum and reads it back as unlimited', async () => {
    const created = await adapter.create({ ...request, usageLimit: null }, context());
    expect(apiRequests()[0]?.body).toMatchObject({ usage_limit: 1_000_000 });
    expect((await adapter.get(created.providerRef)).payments).toEqual({ count: 0, limit: null });
  });
});

describe('expiry', () => {
  it('computes expiry exactly and reports it once the clock passes it', async () => {
    const created = await adapter.create({ ...request, expiresAt: '2026-03-01T07:00:00Z' }, context());
    expect(apiRequests()[0]?.body).toMatchObject({ expiry: { duration: 2, unit: 'hour' } });
    clock = new Date('2026-03-01T06:59:59Z');
    expect(await adapter.get(created.providerRef)).toMatchObject({
      status: 'open',
      expiresAt: '2026-03-01T07:00:00.000Z',
    });
    clock = new Date('2026-03-01T07:00:00Z');
    expect((await adapter.get(created.providerRef)).status).toBe('expired');
    expect((await pay(created.providerRef, { outcome: 'approved' })).status).toBe(409);
  });

  it('keeps a link closed until startsAt', async () => {
    const created = await adapter.create(
      { ...request, startsAt: '2026-03-02T00:00:00Z', expiresAt: '2026-03-03T00:00:00Z' },
      context(),
    );
    expect(apiRequests()[0]?.body).toMatchObject({
      expiry: { start_time: '2026-03-02 07:00:00 +0700', duration: 1, unit: 'day' },
    });
    expect((await pay(created.providerRef, { outcome: 'approved' })).body.error).toMatch(/not active yet/);
    clock = new Date('2026-03-02T00:00:00Z');
    expect((await pay(created.providerRef, { outcome: 'approved' })).status).toBe(200);
    expect((await adapter.get(created.providerRef)).status).toBe('paid');
  });
});

describe('dynamic amount', () => {
  it('lets the payer choose within the bounds', async () => {
    const created = await adapter.create(
      {
        ...request,
        amount: { value: '50000', currency: 'IDR' },
        amountMode: 'flexible',
        flexibleAmount: { min: '10000', max: '100000' },
      },
      context(),
    );
    expect((await pay(created.providerRef, { outcome: 'approved', amount: 100001 })).body.error).toMatch(
      /at most 100000/,
    );
    expect((await pay(created.providerRef, { outcome: 'approved', amount: 9999 })).body.error).toMatch(
      /at least 10000/,
    );
    expect((await pay(created.providerRef, { outcome: 'approved', amount: 75000 })).status).toBe(200);
    expect(emulator.control.webhooks[0]?.body).toMatchObject({
      gross_amount: '75000.00',
      transaction_status: 'capture',
    });
    expect((await adapter.get(created.providerRef)).status).toBe('paid');
  });
});

describe('payments and notifications', () => {
  it('follows a pending transfer to settlement; duplicates share an event id', async () => {
    const created = await adapter.create(request, context());
    await pay(created.providerRef, { outcome: 'pending' });
    expect(await adapter.get(created.providerRef)).toMatchObject({
      status: 'pending',
      lastPayment: { outcome: 'pending' },
    });
    await pay(created.providerRef, { outcome: 'approved' });
    expect(await adapter.get(created.providerRef)).toMatchObject({
      status: 'paid',
      payments: { count: 1, limit: 1 },
    });

    await new Promise((r) => setTimeout(r, 50));
    const events = await parseAll(sent());
    expect(events).toHaveLength(4); // pending and settlement, each sent twice
    expect(new Set(events.map((e) => e.providerRef))).toEqual(new Set([created.providerRef]));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
    // The pending one is claimed; the settlement is only a nudge (its status is not signed).
    expect(events.map((e) => `${e.trust}:${e.claimed?.lastPayment?.outcome ?? '-'}`).sort()).toEqual([
      'nudge:-',
      'nudge:-',
      'verified:pending',
      'verified:pending',
    ]);
  });

  it('refuses a notification whose amount or status was changed', async () => {
    const created = await adapter.create(request, context());
    await pay(created.providerRef, { outcome: 'approved' });
    const [raw] = sent();
    for (const tampered of [
      raw!.replace('"190000.00"', '"1.00"'),
      raw!.replace('"capture"', '"settlement"').replace('"status_code":"200"', '"status_code":"201"'),
      raw!.replace('"capture"', '"pending"'),
    ]) {
      await expect(adapter.parseWebhook({ headers: new Headers(), rawBody: tampered })).rejects.toMatchObject(
        {
          code: 'webhook_unverified',
        },
      );
    }
    // Rewritten to a rejection, it is taken only as a nudge: the link is re-read, nothing believed.
    const expired = await adapter.parseWebhook({
      headers: new Headers(),
      rawBody: raw!.replace('"capture"', '"expire"'),
    });
    expect(expired).toMatchObject([{ providerRef: created.providerRef, trust: 'nudge', claimed: null }]);
  });

  it('counts approved payments against a multi-use limit; a decline leaves the link open', async () => {
    const created = await adapter.create({ ...request, usageLimit: 2 }, context());
    await pay(created.providerRef, { outcome: 'approved' });
    await pay(created.providerRef, { outcome: 'rejected' });
    expect(await adapter.get(created.providerRef)).toMatchObject({
      status: 'open',
      payments: { count: 1, limit: 2 },
      lastPayment: { outcome: 'rejected' },
    });
    await pay(created.providerRef, { outcome: 'approved' });
    expect((await adapter.get(created.providerRef)).status).toBe('paid');
    expect((await pay(created.providerRef, { outcome: 'approved' })).body.error).toMatch(/usage limit/);
  });

  it('pre-authorizes a card link and counts the authorization as its payment', async () => {
    const created = await adapter.create(
      { ...request, capture: 'authorize', paymentMethods: ['credit_card'] },
      context(),
    );
    await pay(created.providerRef, { outcome: 'approved' });
    expect(emulator.control.webhooks[0]?.body).toMatchObject({
      transaction_status: 'authorize',
      status_code: '200',
    });
    expect((await adapter.get(created.providerRef)).status).toBe('paid');
  });
});

describe('disable', () => {
  it('deletes the link, reads back as disabled, and tolerates a second disable', async () => {
    const created = await adapter.create(request, context());
    await adapter.disable(created.providerRef);
    await adapter.disable(created.providerRef);
    expect((await adapter.get(created.providerRef)).status).toBe('disabled');
    await expect(adapter.disable('pl-000000000000000000000000')).rejects.toMatchObject({
      kind: ProviderErrorKind.NotFound,
    });
  });
});
