import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';

// Plexo's callback body is undocumented and unsigned: a callback only nudges the proxy to re-read
// the link from Plexo's API, so forged callbacks must not turn into a flood of upstream reads.
describe('notifications that are only nudges (Plexo emulator behind the proxy)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('plexo', { PAYLINK_NUDGE_FLOOR_MS: '1000', PAYLINK_REFRESH_INTERVAL_MS: '60000' });
  });
  afterAll(async () => {
    await h.close();
  });

  const createLink = () =>
    h.createLink({
      provider: 'plexo',
      amount: { value: '1500.00', currency: 'UYU' },
      description: 'Invoice #7',
      usageLimit: 1,
    });
  const reads = (providerRef: string) => h.providerReads(providerRef);

  it('learns of a payment from the callback by re-reading the link', async () => {
    const link = await createLink();
    await h.pay(link.providerRef, 'approved');
    await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
  });

  it('turns a flood of forged callbacks into at most one read per floor interval', async () => {
    const link = await createLink();
    const before = reads(link.providerRef);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.request('/v1/webhooks/plexo', {
          method: 'POST',
          json: {
            event: 'payment-link.payment',
            paymentLinkId: link.providerRef,
            forged: i,
            transactionId: crypto.randomUUID(),
          },
        }),
      ),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const elapsed = Date.now() - started;
    const upstream = reads(link.providerRef) - before;
    expect(upstream).toBeGreaterThanOrEqual(1);
    expect(upstream).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
    // Nothing changed: the provider's answer is what counts, not the callback.
    const status = await h.status(link.id);
    expect(status).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses a callback that names no link', async () => {
    const response = await h.request('/v1/webhooks/plexo', { method: 'POST', json: { hello: 'world' } });
    expect(response.status).toBe(401);
  });
});
