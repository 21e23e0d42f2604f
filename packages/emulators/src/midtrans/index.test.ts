import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMidtransEmulator,
  MIDTRANS_DEV_SERVER_KEY,
  type MidtransEmulatorOptions,
  retriesFor,
} from './index.ts';

const AUTH = `Basic ${Buffer.from(`${MIDTRANS_DEV_SERVER_KEY}:`).toString('base64')}`;

/** The create request from Midtrans's reference ("Request Sample"). */
const documented = () => ({
  transaction_details: {
    order_id: 'midtrans-order-id-123',
    gross_amount: 190000,
    payment_link_id: 'for-payment-123',
  },
  credit_card: { secure: true },
  usage_limit: 1,
  expiry: { start_time: '2022-04-01 18:00 +0700', duration: 20, unit: 'days' },
  enabled_payments: ['credit_card', 'bca_va', 'indomaret'],
  item_details: [
    {
      id: 'pil-001',
      name: 'Pillow',
      price: 95000,
      quantity: 2,
      brand: 'Midtrans',
      category: 'Furniture',
      merchant_name: 'PT. Midtrans',
    },
  ],
  customer_details: {
    first_name: 'John',
    last_name: 'Doe',
    email: 'john.doe@midtrans.com',
    phone: '+62181000000000',
    notes: 'Thank you for your purchase. Please follow the instructions to pay.',
  },
});

let clock = new Date('2022-04-02T00:00:00Z');
let emulator = make();
function make(options: Partial<MidtransEmulatorOptions> = {}) {
  return createMidtransEmulator({ publicUrl: 'http://localhost:8793', now: () => clock, ...options });
}
afterEach(() => {
  emulator.close();
  clock = new Date('2022-04-02T00:00:00Z');
  emulator = make();
});

const api = (method: string, path: string, body?: unknown, auth = AUTH) =>
  emulator.app.request(path, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const create = (body: unknown) => api('POST', '/v1/payment-links', body);
const control = (ref: string, body: unknown) =>
  emulator.app.request(`/_emulator/links/${ref}/pay`, { method: 'POST', body: JSON.stringify(body) });
const form = (path: string, fields: Record<string, string>) =>
  emulator.app.request(path, { method: 'POST', body: new URLSearchParams(fields) });
interface LinkBody {
  usage: number;
  deleted_at: string | null;
  purchases: Array<{ order_id: string; payment_status: string }>;
  [field: string]: unknown;
}
const details = async (orderId: string) =>
  (await (await api('GET', `/v1/payment-links/${orderId}`)).json()) as LinkBody;

describe('authentication', () => {
  it('refuses a missing or wrong server key with the string error_messages', async () => {
    for (const auth of ['', `Basic ${Buffer.from('SB-Mid-server-wrong:').toString('base64')}`, 'Bearer x']) {
      const response = await api('GET', '/v1/payment-links/x', undefined, auth);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error_messages: 'Access denied due to unauthorized request' });
    }
  });
});

describe('POST /v1/payment-links', () => {
  it('answers the documented request with the documented response', async () => {
    const response = await create(documented());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      order_id: 'midtrans-order-id-123',
      payment_url: 'http://localhost:8793/payment-links/for-payment-123',
    });
  });

  it('refuses a duplicate order id with 409 and a taken payment_link_id with 400', async () => {
    await create(documented());
    const again = await create(documented());
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error_messages: ["The Order ID 'midtrans-order-id-123' has been taken"],
    });
    const slug = await create({
      ...documented(),
      transaction_details: { ...documented().transaction_details, order_id: 'other' },
    });
    expect(slug.status).toBe(400);
    expect(await slug.json()).toEqual({
      error_messages: ["This Payment Link ID 'for-payment-123' has been taken"],
    });
  });

  it('answers validation errors as an error_messages array', async () => {
    const invalid = await create('{not json');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error_messages: ['Invalid JSON data provided.'] });

    const badSlug = await create({
      transaction_details: { order_id: 'a', gross_amount: 1, payment_link_id: 'Bad_Slug' },
    });
    expect(await badSlug.json()).toEqual({
      error_messages: [
        'payment_link_id must only contain alphanumeric characters [a-z, 0-9] and hyphens [-]',
      ],
    });

    const sum = await create({
      ...documented(),
      transaction_details: { order_id: 'b', gross_amount: 100000 },
    });
    expect(sum.status).toBe(400);
    expect(await sum.json()).toEqual({
      error_messages: ['transaction_details.gross_amount is not equal to the sum of item_details'],
    });

    const fraction = await create({ transaction_details: { order_id: 'c', gross_amount: 1500.5 } });
    expect(((await fraction.json()) as { error_messages: string[] }).error_messages[0]).toMatch(
      /gross_amount must be an integer/,
    );

    const many = await create({
      transaction_details: { order_id: 'bad id!', gross_amount: 1000 },
      usage_limit: 0,
      expiry: { duration: 1, unit: 'week' },
      enabled_payments: ['visa'],
    });
    expect(((await many.json()) as { error_messages: string[] }).error_messages).toHaveLength(4);
  });

  it('checks dynamic amount bounds and ignores gross_amount for them', async () => {
    const bad = await create({
      transaction_details: { order_id: 'd' },
      payment_link_type: 'DYNAMIC_AMOUNT',
      dynamic_amount: { min_amount: 10000, max_amount: 5000 },
    });
    expect(await bad.json()).toEqual({
      error_messages: ['dynamic_amount.min_amount must not exceed max_amount'],
    });
    const good = await create({
      transaction_details: { order_id: 'd' },
      payment_link_type: 'DYNAMIC_AMOUNT',
      dynamic_amount: { min_amount: 10000, max_amount: 50000, preset_amount: 20000 },
    });
    expect(good.status).toBe(200);
  });
});

describe('GET and DELETE /v1/payment-links/{order_id}', () => {
  it('returns the documented fields, with purchases', async () => {
    await create(documented());
    const link = await details('midtrans-order-id-123');
    expect(link).toMatchObject({
      id: '1',
      payment_link_url: 'http://localhost:8793/payment-links/for-payment-123',
      order_id: 'midtrans-order-id-123',
      payment_link_id: 'for-payment-123',
      enabled_payments: ['credit_card', 'bca_va', 'indomaret'],
      usage_limit: 1,
      usage: 0,
      gross_amount: 190000,
      credit_card_3d_secure: true,
      expiry_start: '2022-04-01 18:00 +0700',
      expiry_duration: 20,
      expiry_unit: 'days',
      // Row ids and the rows' payment_link_id are Midtrans's internal ids, as in the documented sample.
      item_details: [
        { id: '1', item_id: 'pil-001', name: 'Pillow', price: 95000, quantity: 2, payment_link_id: '1' },
      ],
      customer_details: {
        first_name: 'John',
        email: 'john.doe@midtrans.com',
        payment_link_id: '1',
      },
      purchases: [],
      deleted_at: null,
    });
    expect((await api('GET', '/v1/payment-links/nope')).status).toBe(404);
  });

  it('deletes a link, after which it cannot be paid', async () => {
    await create(documented());
    const response = await api('DELETE', '/v1/payment-links/midtrans-order-id-123');
    expect(await response.json()).toEqual({
      message: 'Payment Link with Order ID midtrans-order-id-123 deleted',
    });
    expect((await details('midtrans-order-id-123')).deleted_at).toBe(clock.toISOString());
    expect((await emulator.app.request('/payment-links/for-payment-123')).status).toBe(410);
    expect((await control('midtrans-order-id-123', { outcome: 'approved' })).status).toBe(409);
    expect((await api('DELETE', '/v1/payment-links/midtrans-order-id-123')).status).toBe(404);
  });
});

describe('hosted page', () => {
  it('escapes merchant text and offers only the enabled methods', async () => {
    await create({ ...documented(), title: '<script>alert(1)</script>' });
    const page = await (await emulator.app.request('/payment-links/for-payment-123')).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('value="bca_va"');
    expect(page).toContain('value="indomaret"');
    expect(page).not.toContain('value="gopay"');
  });

  it('pays by card from the page, with the same effect as the control API', async () => {
    await create(documented());
    const response = await form('/payment-links/for-payment-123/pay', {
      method: 'credit_card',
      outcome: 'approved',
    });
    expect(await response.text()).toContain('Payment successful');
    const link = await details('midtrans-order-id-123');
    expect(link.usage).toBe(1);
    expect(link.purchases).toEqual([
      expect.objectContaining({
        order_id: expect.stringMatching(/^midtrans-order-id-123-\d{13}$/),
        payment_status: 'capture',
      }),
    ]);
    expect((await emulator.app.request('/payment-links/for-payment-123')).status).toBe(410);
  });

  it('takes a pending transfer that the simulator form settles later', async () => {
    await create(documented());
    const pending = await (
      await form('/payment-links/for-payment-123/pay', { method: 'bca_va', outcome: 'pending' })
    ).text();
    expect(pending).toContain('Waiting for your payment');
    const orderId = (await details('midtrans-order-id-123')).purchases[0]!.order_id;
    await form(`/payment-links/for-payment-123/transactions/${orderId}`, { outcome: 'approved' });
    expect((await details('midtrans-order-id-123')).purchases[0]).toMatchObject({
      payment_status: 'settlement',
    });
  });

  it('keeps a dynamic amount within its bounds', async () => {
    await create({
      transaction_details: { order_id: 'dyn', payment_link_id: 'dyn' },
      payment_link_type: 'DYNAMIC_AMOUNT',
      dynamic_amount: { min_amount: 10000, max_amount: 50000, preset_amount: 20000 },
    });
    expect(await (await emulator.app.request('/payment-links/dyn')).text()).toContain('value="20000"');
    const low = await form('/payment-links/dyn/pay', {
      method: 'credit_card',
      outcome: 'approved',
      amount: '5000',
    });
    expect(low.status).toBe(409);
    await form('/payment-links/dyn/pay', { method: 'credit_card', outcome: 'approved', amount: '30000' });
    expect((await details('dyn')).usage).toBe(1);
  });
});

describe('usage and expiry', () => {
  it('lets a pending payment hold the last use until it expires', async () => {
    await create(documented());
    expect((await control('midtrans-order-id-123', { outcome: 'pending' })).status).toBe(200);
    const blocked = await control('midtrans-order-id-123', { outcome: 'approved', method: 'credit_card' });
    expect(await blocked.json()).toEqual({
      error: 'A pending payment holds the last use of this payment link.',
    });
    // Rejecting without a method expires the pending payment, which frees its unit.
    await control('midtrans-order-id-123', { outcome: 'rejected' });
    expect((await details('midtrans-order-id-123')).purchases[0]?.payment_status).toBe('expire');
    expect((await control('midtrans-order-id-123', { outcome: 'approved' })).status).toBe(200);
    expect((await details('midtrans-order-id-123')).usage).toBe(1);
  });

  it('settles the pending payment on approval instead of starting another', async () => {
    await create(documented());
    await control('midtrans-order-id-123', { outcome: 'pending' });
    await control('midtrans-order-id-123', { outcome: 'approved' });
    const link = await details('midtrans-order-id-123');
    expect(link.purchases).toHaveLength(1);
    expect(link).toMatchObject({ usage: 1, purchases: [{ payment_status: 'settlement' }] });
  });

  it('enforces the expiry window with the emulator clock', async () => {
    await create({
      ...documented(),
      expiry: { start_time: '2022-04-01 18:00:00 +0700', duration: 2, unit: 'hour' },
    });
    clock = new Date('2022-04-01T10:59:59Z');
    expect(await (await control('midtrans-order-id-123', { outcome: 'approved' })).json()).toEqual({
      error: 'This payment link is not active yet.',
    });
    clock = new Date('2022-04-01T13:00:00Z');
    expect(await (await control('midtrans-order-id-123', { outcome: 'approved' })).json()).toEqual({
      error: 'This payment link has expired.',
    });
    clock = new Date('2022-04-01T12:59:59Z');
    expect((await control('midtrans-order-id-123', { outcome: 'approved' })).status).toBe(200);
  });
});

describe('notifications', () => {
  const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

  it('are signed with the server key, sent as strings, and sent twice', async () => {
    emulator.close();
    emulator = make({ notificationUrl: 'http://127.0.0.1:9/hook', duplicateDelayMs: 5, retryDelaysMs: [] });
    await create({ ...documented(), custom_field1: 'pl_internal' });
    await control('midtrans-order-id-123', { outcome: 'approved' });
    await new Promise((r) => setTimeout(r, 40));
    const bodies = emulator.control.webhooks.map((w) => w.body as Record<string, string>);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    const body = bodies[0]!;
    expect(body).toMatchObject({
      transaction_status: 'capture',
      status_code: '200',
      fraud_status: 'accept',
      gross_amount: '190000.00',
      currency: 'IDR',
      payment_type: 'credit_card',
      custom_field1: 'pl_internal',
    });
    expect(body.order_id).toMatch(/^midtrans-order-id-123-\d{13}$/);
    expect(body.signature_key).toBe(sha512(`${body.order_id}200190000.00${MIDTRANS_DEV_SERVER_KEY}`));
  });

  it('retry a failed delivery as the retry table says, and stop on close', async () => {
    expect([
      retriesFor(200),
      retriesFor(500),
      retriesFor(503),
      retriesFor(404),
      retriesFor(302),
      retriesFor(null),
    ]).toEqual([0, 1, 4, 2, 0, 5]);
    emulator.close();
    emulator = make({
      notificationUrl: 'http://127.0.0.1:9/hook',
      duplicateDelayMs: 400,
      retryDelaysMs: [1, 1, 1, 1, 1],
    });
    await create(documented());
    await control('midtrans-order-id-123', { outcome: 'rejected' });
    for (let i = 0; i < 100 && emulator.control.webhooks.length < 6; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(emulator.control.webhooks).toHaveLength(6); // first try + 5 retries
    expect(emulator.control.webhooks[0]?.body).toMatchObject({
      transaction_status: 'deny',
      status_code: '202',
    });
    emulator.close(); // the duplicate, due 400 ms after the first try, is never sent
    await new Promise((r) => setTimeout(r, 450));
    expect(emulator.control.webhooks).toHaveLength(6);
  });
});
