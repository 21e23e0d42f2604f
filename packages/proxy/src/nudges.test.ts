import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';

/** A published `PaymentDto` (active_merchant's Plexo fixtures; providers/src/plexo/fixtures/README.md). */
const publishedPayment = JSON.parse(
  readFileSync(
    new URL('../../providers/src/plexo/fixtures/payment-purchase-approved.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

// Plexo's callback body is an unsigned PaymentDto (Callbacks Guide): a callback only nudges the proxy to
// re-read the payment and the link from Plexo's API, so forged callbacks must not turn into a flood of
// upstream reads, and what the body claims is never taken.
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
    // A declined payment on the link, so the forged bodies below name a payment Plexo knows.
    const sent = h.emulator.control.webhooks.length;
    await h.pay(link.providerRef, 'rejected');
    // Its callback delivered and answered (Plexo reports no declined payments on a link: it stays open).
    await expect.poll(() => h.emulator.control.webhooks[sent]?.status).toBe(200);
    const paymentId = (h.emulator.control.webhooks[sent]!.body as { id: string }).id;
    const { version } = await h.status(link.id);
    const before = reads(link.providerRef);
    const paymentReads = () =>
      h.emulator.control.requests.filter((r) => r.method === 'GET' && r.path === `/v1/payments/${paymentId}`)
        .length;
    const paymentReadsBefore = paymentReads();
    const started = Date.now();
    // The published PaymentDto, "approved", naming that declined payment: an unsigned lie.
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        h.request('/v1/webhooks/plexo', { method: 'POST', json: { ...publishedPayment, id: paymentId } }),
      ),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const elapsed = Date.now() - started;
    const upstream = reads(link.providerRef) - before;
    // Each callback was read back from Plexo (the documented payment read), never taken at its word…
    expect(paymentReads() - paymentReadsBefore).toBeGreaterThanOrEqual(1);
    // …and the link was re-read at most once per floor interval (here not at all: the canonical payment
    // is the one already seen, so every callback is a replay of the same event).
    expect(upstream).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
    // Nothing changed: the provider's answer is what counts, not the callback.
    const status = await h.status(link.id);
    expect(status).toMatchObject({ status: 'open', version });
  });

  it('refuses a callback that is not a PaymentDto Plexo knows', async () => {
    const link = await createLink();
    const refused = [
      { hello: 'world' },
      // The body this proxy once took, naming the link itself: in no public page.
      { event: 'payment-link.payment', paymentLinkId: link.providerRef, transactionId: crypto.randomUUID() },
      // The published PaymentDto as printed: a payment of another account, unknown here.
      publishedPayment,
    ];
    for (const json of refused) {
      const response = await h.request('/v1/webhooks/plexo', { method: 'POST', json });
      expect(response.status, JSON.stringify(json)).toBe(401);
    }
  });
});
