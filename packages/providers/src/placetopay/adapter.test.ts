// The adapter against the emulator in-process (the emulator's app stands in for `fetch`):
// the documented examples, usage limits, errors and notifications.
import { type CreateLinkRequest, ProviderError } from '@paylink/core';
import { emulatorFactories } from '@paylink/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderAdapter } from '../adapter.ts';
import { createAdapter } from './adapter.ts';
import { readSettings } from './settings.ts';

const PUBLIC_URL = 'http://localhost:8791';
const HOOK = 'http://127.0.0.1:9/v1/webhooks/placetopay';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function setup(overrides: { secretKey?: string; login?: string; skewMs?: number } = {}) {
  let clock = new Date('2024-07-30T15:00:00Z');
  // `sweepIntervalMs` is the Placetopay emulator's own option (expiry sweeps every 10 ms here).
  const options = { publicUrl: PUBLIC_URL, now: () => clock, sweepIntervalMs: 10 };
  const emulator = emulatorFactories.placetopay!(options);
  closers.push(() => emulator.close());
  const appFetch = ((input: string | URL | Request, init?: RequestInit) =>
    emulator.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  const adapter: ProviderAdapter = createAdapter(
    readSettings({
      baseUrl: emulator.adapterSettings.baseUrl!,
      login: overrides.login ?? emulator.adapterSettings.login!,
      secretKey: overrides.secretKey ?? emulator.adapterSettings.secretKey!,
    }),
    { fetch: appFetch, now: () => new Date(clock.getTime() + (overrides.skewMs ?? 0)) },
  );
  const pay = async (ref: string, outcome: 'approved' | 'rejected' | 'pending') =>
    (
      await emulator.app.request(`/_emulator/links/${ref}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      })
    ).status;
  const lastRequestBody = () => emulator.control.requests.at(-1)?.body as Record<string, unknown>;
  // The emulator records each notification body as sent (JSON.stringify of it is the raw body).
  const notifications = () =>
    emulator.control.webhooks.map((w) => ({ headers: new Headers(), rawBody: JSON.stringify(w.body) }));
  return {
    emulator,
    adapter,
    pay,
    lastRequestBody,
    notifications,
    move: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

const context = () => ({ idempotencyKey: crypto.randomUUID(), notificationUrl: HOOK });

const base: CreateLinkRequest = {
  provider: 'placetopay',
  amount: { value: '100000', currency: 'COP' },
  title: 'Invoice 1042',
  description: 'Consulting, July',
  reference: 'INV-1042',
  // 2024-08-12 08:10:50 in Bogota (-05:00), the documented example's expirationDate.
  expiresAt: '2024-08-12T13:10:50Z',
  usageLimit: 1,
  locale: 'es-CO',
};

describe('placetopay adapter with the emulator', () => {
  it("sends the note's minimal create example and reads the link back", async () => {
    const { adapter, lastRequestBody } = setup();
    const created = await adapter.create(base, context());
    expect(lastRequestBody()).toEqual({
      auth: {
        login: 'paylink-dev',
        tranKey: expect.any(String),
        nonce: expect.any(String),
        seed: '2024-07-30T15:00:00.000Z',
      },
      name: 'Invoice 1042',
      reference: 'INV-1042',
      description: 'Consulting, July',
      expirationDate: '2024-08-12 08:10:50',
      paymentExpiration: 15,
      paymentsAllowed: 1,
      isGeneric: false,
      notificationUrl: HOOK,
      locale: 'es_CO',
      payment: { amount: { currency: 'COP', total: 100000 } },
    });
    expect(created).toEqual({
      providerRef: '1',
      url: expect.stringMatching(/^http:\/\/localhost:8791\/link\/show\?genid=1&code=/),
      state: {
        status: 'open',
        payments: { count: 0, limit: 1 },
        lastPayment: null,
        expiresAt: '2024-08-12T13:10:50Z',
      },
    });
    expect(await adapter.get(created.providerRef)).toEqual(created.state);
  });

  it('stops a link asked to expire at 12:00Z from being paid at 12:01Z (both on the Bogota site clock)', async () => {
    const { adapter, pay, move, lastRequestBody } = setup();
    const expiresAt = '2024-07-31T12:00:00Z';
    const { providerRef, state } = await adapter.create({ ...base, usageLimit: 5, expiresAt }, context());
    expect(lastRequestBody().expirationDate).toBe('2024-07-31 07:00:00');
    expect(state.expiresAt).toBe(expiresAt);
    move(Date.parse('2024-07-31T11:59:00Z') - Date.parse('2024-07-30T15:00:00Z'));
    expect(await pay(providerRef, 'approved')).toBe(200);
    move(2 * 60_000);
    expect(await pay(providerRef, 'approved')).toBe(409);
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'expired',
      expiresAt,
      payments: { count: 1 },
    });
  });

  it('reads a single-use link as paid after one approval', async () => {
    const { adapter, pay } = setup();
    const { providerRef } = await adapter.create(base, context());
    expect(await pay(providerRef, 'approved')).toBe(200);
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved', at: '2024-07-30T15:00:00Z' },
    });
  });

  it('keeps a multi-use link open until its limit, letting the same payer pay again (isGeneric)', async () => {
    const { adapter, pay } = setup();
    const { providerRef } = await adapter.create({ ...base, usageLimit: 3 }, context());
    await pay(providerRef, 'approved');
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'open',
      payments: { count: 1, limit: 3 },
    });
    await pay(providerRef, 'approved');
    await pay(providerRef, 'approved');
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'paid',
      payments: { count: 3, limit: 3 },
    });
    expect(await pay(providerRef, 'approved')).toBe(409);
  });

  it('sends no paymentsAllowed for an unlimited link and reads it as open with no cap', async () => {
    const { adapter, pay, emulator } = setup();
    const { providerRef, state } = await adapter.create({ ...base, usageLimit: null }, context());
    expect(state.payments.limit).toBeNull();
    expect(emulator.control.requests.at(-1)?.body).not.toHaveProperty('paymentsAllowed');
    for (let i = 0; i < 3; i++) await pay(providerRef, 'approved');
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'open',
      payments: { count: 3, limit: null },
    });
  });

  it('reads a pending payment as pending, and a rejection back to open', async () => {
    const { adapter, pay } = setup();
    const { providerRef } = await adapter.create(base, context());
    await pay(providerRef, 'pending');
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'pending',
      lastPayment: { outcome: 'pending' },
    });
    await pay(providerRef, 'rejected');
    expect(await adapter.get(providerRef)).toMatchObject({
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: { outcome: 'rejected' },
    });
  });

  it('disables a link, and a second disable succeeds too', async () => {
    const { adapter, emulator } = setup();
    const { providerRef } = await adapter.create(base, context());
    await adapter.disable(providerRef);
    await adapter.disable(providerRef);
    expect(
      emulator.control.requests.filter((r) => r.path.includes('/disable/')).map((r) => r.status),
    ).toEqual([200, 400]);
    expect((await adapter.get(providerRef)).status).toBe('disabled');
    await expect(adapter.disable('404')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses to disable an expired link as a conflict', async () => {
    const { adapter, move } = setup();
    const { providerRef } = await adapter.create(base, context());
    move(30 * 86_400_000);
    await expect(adapter.disable(providerRef)).rejects.toMatchObject({ kind: 'conflict', httpStatus: 400 });
  });

  it('treats a non-integer link id as not found without asking', async () => {
    const { adapter, emulator } = setup();
    await expect(adapter.get('pl_abc')).rejects.toMatchObject({ kind: 'not_found' });
    expect(emulator.control.requests).toHaveLength(0);
  });

  it('maps 422 field errors to our field names', async () => {
    const { adapter } = setup();
    const error = await adapter
      .create({ ...base, expiresAt: '2024-07-01T00:00:00Z', paymentMethods: ['visa', 'bitcoin'] }, context())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'validation', httpStatus: 422, retryable: false });
    expect((error as ProviderError).errors).toEqual([
      {
        field: 'expiresAt',
        message: 'placetopay: The expiration date must be a date after 2024-07-30 10:00:00.',
      },
      { field: 'paymentMethods', message: 'placetopay: The selected paymentMethod.1 is invalid.' },
    ]);
  });

  it.each([
    ['a wrong secretKey', { secretKey: 'wrong' }, /102.*secretKey is wrong/],
    ['an unknown login', { login: 'nobody' }, /login.*\(101\)/],
    ['a clock ten minutes off', { skewMs: 10 * 60_000 }, /seed \(103\).*clock/],
  ])('reports %s as an auth error', async (_, overrides, message) => {
    const { adapter } = setup(overrides);
    const error = (await adapter.create(base, context()).catch((e: unknown) => e)) as ProviderError;
    expect(error).toMatchObject({ kind: 'auth', retryable: false, httpStatus: 401 });
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('placetopay-emulator-secret');
  });

  it('marks a create that may have happened (500) as not retryable, and 503 or a read failure as retryable', async () => {
    const { adapter, emulator } = setup();
    const { providerRef } = await adapter.create(base, context());
    emulator.control.faults = { status: 500 };
    await expect(adapter.create(base, context())).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: false,
    });
    await expect(adapter.get(providerRef)).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    emulator.control.faults = { status: 503 };
    await expect(adapter.create(base, context())).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('verifies the PAID notification the emulator sends', async () => {
    const { adapter, pay, notifications } = setup();
    const { providerRef } = await adapter.create(base, context());
    await pay(providerRef, 'approved');
    const [paid] = notifications();
    expect(await adapter.parseWebhook(paid!)).toEqual([
      {
        providerRef,
        eventId: `${providerRef}:PAID:2024-07-30T10:00:00-05:00`,
        trust: 'verified',
        claimed: null,
      },
    ]);
  });

  it('receives EXPIRED once when the clock passes the expiry, and reads the link as expired', async () => {
    const { adapter, move, notifications } = setup();
    const { providerRef } = await adapter.create({ ...base, expiresAt: '2024-07-30T16:00:00Z' }, context());
    move(60 * 60_000);
    await new Promise((r) => setTimeout(r, 50));
    const sent = notifications();
    expect(sent).toHaveLength(1);
    expect(await adapter.parseWebhook(sent[0]!)).toEqual([
      {
        providerRef,
        eventId: `${providerRef}:EXPIRED:2024-07-30T11:00:00-05:00`,
        trust: 'verified',
        claimed: null,
      },
    ]);
    expect((await adapter.get(providerRef)).status).toBe('expired');
  });
});
