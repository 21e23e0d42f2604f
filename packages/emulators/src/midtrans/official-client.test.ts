// Midtrans's official Node client (`midtrans-client` on npm, a root devDependency) driven against
// the emulator over a real socket: its `transaction.status()` and `transaction.notification()` (the
// "Verify Using GET Status API Call" of http-notification.md) must work on what the emulator sends.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../common/emulator.ts';
import { listenDeferred, type RunningServer } from '../common/serve.ts';
import { createMidtransEmulator, MIDTRANS_DEV_SERVER_KEY } from './index.ts';

/** The part of midtrans-client's CoreApi this test uses (the package ships no types). */
interface CoreApi {
  apiConfig: { getCoreApiBaseUrl(): string };
  transaction: {
    status(id: string): Promise<Record<string, unknown>>;
    notification(body: unknown): Promise<Record<string, unknown>>;
  };
}
interface MidtransClientModule {
  CoreApi: new (options: { isProduction: boolean; serverKey: string; clientKey?: string }) => CoreApi;
}
const midtransClient = createRequire(import.meta.url)('midtrans-client') as MidtransClientModule;

let server: RunningServer & { setApp(app: { fetch: Emulator['app']['fetch'] }): void };
let emulator: Emulator;

beforeAll(async () => {
  server = await listenDeferred();
});
afterAll(async () => {
  emulator?.close();
  await server.close();
});
beforeEach(() => {
  emulator?.close();
  emulator = createMidtransEmulator({
    publicUrl: server.url,
    // Deliveries to a closed port fail fast; the emulator still records every body it sends.
    notificationUrl: 'http://127.0.0.1:9/hook',
    duplicateDelayMs: 60_000,
    retryDelaysMs: [],
  });
  server.setApp(emulator.app);
});

/** The official client, pointed at the emulator instead of api.sandbox.midtrans.com. */
function officialClient(serverKey = MIDTRANS_DEV_SERVER_KEY): CoreApi {
  const core = new midtransClient.CoreApi({ isProduction: false, serverKey, clientKey: 'unused' });
  core.apiConfig.getCoreApiBaseUrl = () => server.url;
  return core;
}

const auth = `Basic ${Buffer.from(`${MIDTRANS_DEV_SERVER_KEY}:`).toString('base64')}`;
async function createLink(orderId: string): Promise<void> {
  const response = await fetch(`${server.url}/v1/payment-links`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      transaction_details: { order_id: orderId, gross_amount: 190000 },
      usage_limit: 1,
      enabled_payments: ['credit_card', 'bca_va'],
    }),
  });
  expect(response.status).toBe(200);
}
async function pay(orderId: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url}/_emulator/links/${orderId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}
const lastNotification = () => emulator.control.webhooks.at(-1)?.body as Record<string, unknown>;

/** The fields a status answer shares with the notification it confirms (http-notification.md). */
const SHARED = [
  'order_id',
  'transaction_id',
  'transaction_status',
  'status_code',
  'gross_amount',
  'signature_key',
  'payment_type',
  'transaction_time',
  'merchant_id',
  'currency',
] as const;

describe('midtrans-client against the emulator', () => {
  it('notification() confirms a settled transfer with the same signed fields', async () => {
    await createLink('official-client-1');
    await pay('official-client-1', { outcome: 'pending', method: 'bca_va' });
    const pending = lastNotification();
    await pay('official-client-1', { outcome: 'approved' });
    const settled = lastNotification();
    expect(settled.transaction_status).toBe('settlement');

    const confirmed = await officialClient().transaction.notification(JSON.stringify(pending));
    // notification() looks the transaction up by its transaction_id and answers its current state.
    expect(confirmed.transaction_status).toBe('settlement');
    for (const field of SHARED) expect(confirmed[field], field).toEqual(settled[field]);
    expect(confirmed.fraud_status).toBe(settled.fraud_status);
    expect(confirmed.settlement_time).toBe(settled.settlement_time);
  });

  it('status() finds a payment by its own order id; an expired one answers 407 without an error', async () => {
    await createLink('official-client-2');
    await pay('official-client-2', { outcome: 'pending', method: 'bca_va' });
    await pay('official-client-2', { outcome: 'rejected' });
    const expired = lastNotification();
    const status = await officialClient().transaction.status(String(expired.order_id));
    expect(status).toMatchObject({ transaction_status: 'expire', status_code: '407' });
    for (const field of SHARED) expect(status[field], field).toEqual(expired[field]);
  });

  it('status() of an unknown id or with another server key rejects with the HTTP status', async () => {
    await expect(officialClient().transaction.status('no-such-order')).rejects.toMatchObject({
      httpStatusCode: 404,
      ApiResponse: { status_code: '404' },
    });
    await expect(
      officialClient('SB-Mid-server-wrong').transaction.status('no-such-order'),
    ).rejects.toMatchObject({ httpStatusCode: 401 });
  });
});
