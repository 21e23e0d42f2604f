// The emulator held to Midtrans's public examples (packages/providers/src/midtrans/fixtures, each
// naming its source): client-side fixtures are sent to it, and its answers are compared field by
// field with the documented answers — not with what our own adapter expects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientSide, type Json, providerSide } from '../../../providers/src/midtrans/fixtures/index.ts';
import type { Emulator } from '../common/emulator.ts';
import { createMidtransEmulator, MIDTRANS_DEV_SERVER_KEY } from './index.ts';

const PUBLIC_URL = 'http://localhost:8793';
const AUTH = `Basic ${Buffer.from(`${MIDTRANS_DEV_SERVER_KEY}:`).toString('base64')}`;
// Inside the documented samples' expiry window (start 2022-04-01 18:00 +0700, 20 or 30 days).
let clock = new Date('2022-04-02T00:00:00Z');
let emulator: Emulator;

beforeEach(() => {
  clock = new Date('2022-04-02T00:00:00Z');
  emulator = createMidtransEmulator({
    publicUrl: PUBLIC_URL,
    notificationUrl: 'http://127.0.0.1:9/hook',
    now: () => clock,
    duplicateDelayMs: 60_000,
    retryDelaysMs: [],
  });
});
afterEach(() => emulator.close());

const api = async (method: string, path: string, body?: unknown, auth = AUTH) => {
  const response = await emulator.app.request(path, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
};
const pay = (orderId: string, body: Json) =>
  emulator.app.request(`/_emulator/links/${orderId}/pay`, { method: 'POST', body: JSON.stringify(body) });
const sent = () => emulator.control.webhooks.map((w) => w.body as Json);

/** JSON type of a value, arrays apart. */
const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
/** Every field of the documented body is in ours with the same JSON type (values may differ). */
function expectSameShape(ours: Json, documented: Json, path = ''): void {
  for (const [key, value] of Object.entries(documented)) {
    expect(Object.hasOwn(ours, key), `${path}${key} is missing`).toBe(true);
    expect(kind(ours[key]), `${path}${key}`).toBe(kind(value));
    const inner = ours[key];
    if (kind(value) === 'object') expectSameShape(inner as Json, value as Json, `${path}${key}.`);
    if (Array.isArray(value) && value.length > 0 && Array.isArray(inner) && inner.length > 0) {
      if (kind(value[0]) === 'object')
        expectSameShape(inner[0] as Json, value[0] as Json, `${path}${key}[0].`);
      else expect(kind(inner[0]), `${path}${key}[0]`).toBe(kind(value[0]));
    }
  }
}

describe('create (payment-link-api.md)', () => {
  it('answers the CURL sample with the documented response, field by field', async () => {
    const documented = providerSide.createResponse();
    const { status, body } = await api('POST', '/v1/payment-links', clientSide.createCurl());
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(body.order_id).toBe(documented.order_id);
    // Same link path; the host is the emulator's (Midtrans: app.sandbox.midtrans.com).
    expect(new URL(String(body.payment_url)).pathname).toBe(new URL(String(documented.payment_url)).pathname);
  });

  it('takes the reference request body and the xct007 example (dynamic amount, callbacks)', async () => {
    for (const request of [clientSide.createReference(), clientSide.createXct007()]) {
      emulator.close();
      emulator = createMidtransEmulator({ publicUrl: PUBLIC_URL, now: () => clock });
      const { status, body } = await api('POST', '/v1/payment-links', request);
      expect(status, JSON.stringify(body)).toBe(200);
      const td = request.transaction_details as Json;
      expect(body).toEqual({
        order_id: td.order_id,
        payment_url: `${PUBLIC_URL}/payment-links/${td.payment_link_id}`,
      });
    }
  });

  it('refuses with the documented error bodies (409, 401, 400)', async () => {
    const curl = clientSide.createCurl();
    await api('POST', '/v1/payment-links', curl);
    const td = curl.transaction_details as Json;

    const duplicate = await api('POST', '/v1/payment-links', curl);
    expect(duplicate.status).toBe(409);
    const documented409 = providerSide.createError409();
    expect(duplicate.body).toEqual({
      error_messages: (documented409.error_messages as string[]).map((m) =>
        m.replace("'order-123'", `'${td.order_id}'`),
      ),
    });

    const unauthorized = await api('POST', '/v1/payment-links', curl, 'Basic eDo=');
    expect(unauthorized).toEqual({ status: 401, body: providerSide.createError401() });

    const [invalidJson, slugTaken, slugCharset] = providerSide.createError400().error_messages as string[];
    expect(await api('POST', '/v1/payment-links', '{not json')).toEqual({
      status: 400,
      body: { error_messages: [invalidJson] },
    });
    const reused = await api('POST', '/v1/payment-links', {
      ...curl,
      transaction_details: { ...td, order_id: 'another-order' },
    });
    expect(reused).toEqual({
      status: 400,
      body: { error_messages: [slugTaken!.replace("'payment-112'", `'${td.payment_link_id}'`)] },
    });
    const badSlug = await api('POST', '/v1/payment-links', {
      ...curl,
      transaction_details: { ...td, order_id: 'third-order', payment_link_id: 'Not_Allowed' },
    });
    expect(badSlug).toEqual({ status: 400, body: { error_messages: [slugCharset] } });
  });
});

describe('get details and delete (payment-link-api.md)', () => {
  it('reads the reference request back in the documented "Get Payment Link Details" shape', async () => {
    const request = clientSide.createReference();
    await api('POST', '/v1/payment-links', request);
    const { status, body } = await api('GET', '/v1/payment-links/001');
    expect(status).toBe(200);
    const documented = providerSide.getDetails();
    // Purchases are empty in the sample; a paid link's rows are checked below.
    expectSameShape(body, documented);
    // The values the request decides are the request's; the sample shares its items and customer.
    expect(body).toMatchObject({
      order_id: '001',
      payment_link_id: 'for-payment-123',
      payment_link_url: `${PUBLIC_URL}/payment-links/for-payment-123`,
      enabled_payments: documented.enabled_payments,
      gross_amount: documented.gross_amount,
      credit_card_3d_secure: documented.credit_card_3d_secure,
      expiry_start: (request.expiry as Json).start_time,
      expiry_duration: (request.expiry as Json).duration,
      expiry_unit: (request.expiry as Json).unit,
      usage_limit: 1,
      usage: 0,
      purchases: [],
    });
    const [documentedItem] = documented.item_details as Json[];
    const [item] = body.item_details as Json[];
    for (const field of ['name', 'price', 'quantity', 'brand', 'category', 'merchant_name', 'item_id'])
      expect(item![field], `item_details[0].${field}`).toEqual(documentedItem![field]);
    const documentedCustomer = documented.customer_details as Json;
    const customer = body.customer_details as Json;
    for (const field of ['first_name', 'last_name', 'email', 'phone', 'notes'])
      expect(customer[field], `customer_details.${field}`).toEqual(documentedCustomer[field]);
    // Rows name the link by its internal id, as in the sample ("payment_link_id": "1" = "id").
    expect(item!.payment_link_id).toBe(body.id);
    expect(customer.payment_link_id).toBe(body.id);
  });

  it('answers DELETE with the documented message', async () => {
    await api('POST', '/v1/payment-links', clientSide.createCurl());
    const { status, body } = await api('DELETE', '/v1/payment-links/concert-ticket-05');
    expect(status).toBe(200);
    const documented = providerSide.deleteResponse();
    expect(Object.keys(body)).toEqual(Object.keys(documented));
    const pattern = /^Payment Link with Order ID (\S+) deleted$/;
    expect(String(documented.message)).toMatch(pattern);
    expect(String(body.message).match(pattern)?.[1]).toBe('concert-ticket-05');
  });
});

describe('notifications and status (http-notification.md, get-status.md)', () => {
  const link = async (enabled: string[]) => {
    const curl = clientSide.createCurl();
    await api('POST', '/v1/payment-links', { ...curl, enabled_payments: enabled });
    return String((curl.transaction_details as Json).order_id);
  };

  it('sends a card capture with exactly the documented card sample fields', async () => {
    const orderId = await link(['credit_card']);
    await pay(orderId, { outcome: 'approved' });
    const [ours] = sent();
    const documented = providerSide.notificationCaptureCard();
    expect(Object.keys(ours!).sort()).toEqual(Object.keys(documented).sort());
    expectSameShape(ours!, documented);
    for (const field of [
      'transaction_status',
      'status_message',
      'status_code',
      'payment_type',
      'fraud_status',
      'currency',
      'channel_response_code',
      'channel_response_message',
      'card_type',
      'bank',
      'eci',
      'masked_card',
    ])
      expect(ours![field], field).toBe(documented[field]);
  });

  it('sends a BCA VA settlement with the documented fields, and its pending first', async () => {
    const orderId = await link(['bca_va']);
    await pay(orderId, { outcome: 'pending', method: 'bca_va' });
    await pay(orderId, { outcome: 'approved' });
    const [pending, settled] = sent();
    const documented = providerSide.notificationSettlementBcaVa();
    expect(Object.keys(settled!).sort()).toEqual(Object.keys(documented).sort());
    expectSameShape(settled!, documented);
    for (const field of ['transaction_status', 'status_code', 'payment_type', 'fraud_status', 'currency'])
      expect(settled![field], field).toBe(documented[field]);
    // The payment-link pending sample: same fields (its numbers printed as strings, as every other
    // sample and the field tables have them), without custom_field1, which this link has none of.
    const documentedPending = providerSide.notificationPendingLink();
    const { custom_field1: _, ...expected } = documentedPending;
    expect(Object.keys(pending!).sort()).toEqual(Object.keys(expected).sort());
    expect(pending).toMatchObject({
      transaction_status: 'pending',
      status_code: String(documentedPending.status_code),
      fraud_status: documentedPending.fraud_status,
      payment_type: documentedPending.payment_type,
    });
    expect(String(pending!.order_id)).toMatch(new RegExp(`^${orderId}-\\d{13}$`));
  });

  it('answers GET /v2/{order_id}/status in the documented shape, and 404 as documented', async () => {
    const orderId = await link(['credit_card']);
    await pay(orderId, { outcome: 'approved' });
    const [notification] = sent();
    const { status, body } = await api('GET', `/v2/${notification!.order_id}/status`);
    expect(status).toBe(200);
    const documented = providerSide.statusSettlementCard();
    // The sample is a settled card; a captured one has no settlement_time, and the emulator does
    // not model 3-D Secure versions.
    const { settlement_time: _s, three_ds_version: _v, challenge_completion: _c, ...shared } = documented;
    expectSameShape(body, shared);
    expect(body.status_message).toBe(documented.status_message);
    // "The JSON response will be the same as the notification status."
    const { status_message: _m, ...rest } = notification!;
    expect(body).toMatchObject(rest);
    expect((await api('GET', `/v2/${notification!.transaction_id}/status`)).body).toEqual(body);

    expect(await api('GET', '/v2/no-such-order/status')).toEqual({
      status: 404,
      body: providerSide.statusError404(),
    });
  });
});
