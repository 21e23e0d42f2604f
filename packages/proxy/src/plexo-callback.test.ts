import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';

// Plexo's documented callback body is a PaymentDto: it names the payment, not the link. The adapter
// reads the payment back (GET /v1/payments/{id}, documented) to find the link; the proxy then re-reads
// the link. Polling is slowed down here so only the callback can move the link.
describe('Plexo callbacks (a PaymentDto) through the proxy', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('plexo', { PAYLINK_REFRESH_INTERVAL_MS: '600000' });
  });
  afterAll(async () => {
    await h.close();
  });

  const createLink = () =>
    h.createLink({
      provider: 'plexo',
      amount: { value: '1500.00', currency: 'UYU' },
      description: 'Invoice #1042',
      usageLimit: 1,
    });
  const appliedCallbacks = async () => {
    const text = await (await h.request('/metrics')).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('paylink_webhooks_total{provider="plexo",outcome="applied"}'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const lastCallback = () => h.emulator.control.webhooks.at(-1)!;

  it('ends a one-time link paid after the emulator pays it and sends the PaymentDto', async () => {
    const link = await createLink();
    const applied = await appliedCallbacks();
    await h.pay(link.providerRef, 'approved');
    await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
    const callback = lastCallback();
    const payment = callback.body as { id: string };
    expect(payment.id).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(callback.body)).not.toContain('paymentLink');
    expect(callback.status).toBe(200);
    expect(await appliedCallbacks()).toBe(applied + 1);
    // The payment was read back, then the link it names.
    const paths = h.emulator.control.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(paths).toContain(`/v1/payments/${payment.id}`);
    expect(paths.lastIndexOf(`/v1/payment-links/${link.providerRef}`)).toBeGreaterThan(
      paths.lastIndexOf(`/v1/payments/${payment.id}`),
    );
  });

  it("defers a callback whose payment cannot be read, then applies Plexo's retry of it", async () => {
    const link = await createLink();
    await fetch(`${h.emulatorUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503 }),
    });
    try {
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => lastCallback().status).toBe(503);
    } finally {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
    }
    expect((await h.status(link.id)).status).toBe('open');
    const retry = await h.request('/v1/webhooks/plexo', { method: 'POST', json: lastCallback().body });
    expect(retry.status).toBe(200);
    await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
  });

  it('reports the inferred capabilities in GET /v1/providers', async () => {
    const response = await h.request('/v1/providers', { headers: { authorization: `Bearer ${h.apiKey}` } });
    const body = JSON.stringify(await response.json());
    expect(response.status).toBe(200);
    expect(body).toMatch(/"inferred":\["read","disable","webhooks"\]/);
  });

  it('refuses a PaymentDto for a payment Plexo does not know', async () => {
    const response = await h.request('/v1/webhooks/plexo', {
      method: 'POST',
      json: { id: '6305dd2d000d6ed5d1ecf79b', referenceId: 'x', status: 'approved', transactions: [] },
    });
    expect(response.status).toBe(401);
  });
});
