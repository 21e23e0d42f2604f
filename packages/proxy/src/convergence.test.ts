// The status engine converges on its own: links nobody watches are re-read on a schedule inside
// each provider's budget; a notification whose confirming read fails is not lost; a payment the
// provider accepted before its deadline beats our own clock's expiry. Real proxy, real emulators.
import type { MerchantLinkView } from '@paylink/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';
import { type Receiver, startReceiver } from './testing/receiver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: Harness | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  h = undefined;
  receiver = undefined;
});

/** The merchant's list, which reads only the store: what a back office sees with nobody watching. */
const listed = async (harness: Harness, id: string) => {
  const response = await harness.request('/v1/links?limit=100', {
    headers: { authorization: `Bearer ${harness.apiKey}` },
  });
  const { links } = (await response.json()) as { links: MerchantLinkView[] };
  return links.find((link) => link.id === id);
};

const faults = (harness: Harness, body: Record<string, unknown> | null) =>
  fetch(`${harness.emulatorUrl}/_emulator/faults`, {
    method: body ? 'POST' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });

const registerReceiver = async (harness: Harness) => {
  receiver = await startReceiver();
  const response = await harness.request('/v1/webhook-endpoints', {
    method: 'POST',
    headers: { authorization: `Bearer ${harness.apiKey}` },
    json: { url: receiver.url },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return receiver;
};

describe('links nobody watches', { timeout: 20_000 }, () => {
  it('a Payroc link paid while nobody watches shows paid in the merchant list', async () => {
    h = await startHarness('payroc', {
      PAYLINK_RECONCILE_INTERVAL_MS: '300',
      PAYLINK_RECONCILE_TICK_MS: '100',
    });
    const link = await h.createLink({
      provider: 'payroc',
      amount: { value: '25.00', currency: 'USD' },
      description: 'Unwatched',
      usageLimit: 1,
    });
    await h.pay(link.providerRef, 'approved');
    // No status poll, no stream, no notification (Payroc sends none): only the reconciler.
    await expect.poll(async () => (await listed(h!, link.id))?.status, { timeout: 5000 }).toBe('paid');
    // What was paid, from Payroc's payments read, reaches the merchant's and the public views.
    expect((await listed(h!, link.id))?.lastPayment).toMatchObject({
      outcome: 'approved',
      amount: { value: '25.00', currency: 'USD' },
    });
    expect((await h.status(link.id)).lastPayment?.amount).toEqual({ value: '25.00', currency: 'USD' });
  });

  it('never exceeds the provider budget however many links are open, reading the youngest first', async () => {
    h = await startHarness('payroc', {
      PAYLINK_RECONCILE_INTERVAL_MS: '100',
      PAYLINK_RECONCILE_TICK_MS: '50',
      PAYLINK_READS_PER_SECOND: '4',
    });
    const links: MerchantLinkView[] = [];
    for (let i = 0; i < 30; i++) {
      links.push(
        await h.createLink({
          provider: 'payroc',
          amount: { value: '5.00', currency: 'USD' },
          description: `Budget ${i}`,
          usageLimit: 1,
        }),
      );
    }
    // Every HTTP request Payroc receives: a read of a link is that link, then its card payments.
    const requests = () => h!.emulator.control.requests;
    const reads = () => requests().filter((r) => r.method === 'GET' && r.path.includes('/payment-links/'));
    const beforeRequests = requests().length;
    const before = reads().length;
    const started = Date.now();
    await sleep(2500);
    const made = reads().slice(before);
    const sent = requests().length - beforeRequests;
    const seconds = (Date.now() - started) / 1000;
    expect(made.length).toBeGreaterThan(2);
    expect(sent).toBeGreaterThan(made.length);
    // A second's burst plus the rate, counted in HTTP requests (a read that took two is charged two),
    // never more, whatever the backlog (30 links due every 100 ms).
    expect(sent, `${sent} requests for ${made.length} reads in ${seconds} s`).toBeLessThanOrEqual(
      Math.ceil(4 * seconds) + 4,
    );
    // Short of budget, the youngest links go first.
    const readsOf = (group: MerchantLinkView[], among = made) =>
      among.filter((r) => group.some((link) => r.path.endsWith(`/${link.providerRef}`))).length;
    expect(readsOf(links.slice(-5))).toBeGreaterThan(readsOf(links.slice(0, 5)));
    // …but the oldest are not starved: some reads go to the longest overdue (waited for, since a
    // loaded machine may fit only a handful of reads into the window above).
    await vi.waitFor(() => expect(readsOf(links.slice(0, 10), reads().slice(before))).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 100,
    });
    const metrics = await (await h.request('/metrics')).text();
    expect(metrics).toContain('paylink_upstream_budget_reads_per_second{provider="payroc"} 4');
    expect(metrics).toMatch(/paylink_reconciler_due_links\{provider="payroc"\} [1-9]/);
  });
});

describe("a provider's Retry-After", { timeout: 20_000 }, () => {
  it('is honoured: no read of the link before the provider said', async () => {
    h = await startHarness('midtrans', {
      PAYLINK_RECONCILE_SIGNED_INTERVAL_MS: '200',
      PAYLINK_RECONCILE_TICK_MS: '50',
      PAYLINK_BREAKER_COOLDOWN_MS: '100',
    });
    const link = await h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Rate limited',
      usageLimit: 1,
    });
    await expect.poll(() => h!.providerReads(link.providerRef), { timeout: 3000 }).toBeGreaterThan(0);
    await faults(h, { status: 429, retryAfter: 3 });
    const before = h.providerReads(link.providerRef);
    await sleep(2500);
    // One refused read, then quiet until the 3 s are up (not the 1 s, 2 s backoff, nor quick retries).
    expect(h.providerReads(link.providerRef) - before).toBeLessThanOrEqual(1);
    await faults(h, null);
    await expect
      .poll(() => h!.providerReads(link.providerRef) - before, { timeout: 5000 })
      .toBeGreaterThan(1);
  });
});

describe('a notification is not lost', { timeout: 20_000 }, () => {
  it('answers 503 when its confirming read fails, converges after the outage, and applies the retried notification', async () => {
    h = await startHarness('placetopay', {
      PAYLINK_RECONCILE_TICK_MS: '100',
      PAYLINK_BREAKER_COOLDOWN_MS: '200',
    });
    const link = await h.createLink({
      provider: 'placetopay',
      amount: { value: '50000', currency: 'COP' },
      description: 'During an outage',
      usageLimit: 1,
    });
    await faults(h, { status: 503 });
    await h.pay(link.providerRef, 'approved');
    await expect.poll(() => h!.emulator.control.webhooks.at(-1)?.status, { timeout: 5000 }).toBe(503);
    const notification = h.emulator.control.webhooks.at(-1)!.body;
    expect((await listed(h, link.id))?.status).toBe('open');

    await faults(h, null);
    // Nobody watches: the reconciler, handed the link with backoff, reads it after the outage.
    await expect.poll(async () => (await listed(h!, link.id))?.status, { timeout: 8000 }).toBe('paid');

    // The provider's retry of the same notification is applied (it was never recorded), once.
    const resend = () =>
      h!.request('/v1/webhooks/placetopay', { method: 'POST', json: notification }).then((r) => r.json());
    expect(await resend()).toMatchObject({ applied: 1, ignored: 0 });
    expect(await resend()).toMatchObject({ applied: 0, ignored: 1 });
  });
});

describe('paid beats expired', { timeout: 20_000 }, () => {
  it('a Midtrans payment pending at the expiry and settled after it ends paid, with no link.expired', async () => {
    h = await startHarness('midtrans', { PAYLINK_EVENT_RETRY_BASE_MS: '50' });
    const events = await registerReceiver(h);
    const link = await h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Transfer at the deadline',
      usageLimit: 1,
      expiresAt: new Date(Date.now() + 2500).toISOString(),
    });
    await h.pay(link.providerRef, 'pending');
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 3000 }).toBe('pending');
    // Viewers see the expiry on time (provisional)…
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 5000 }).toBe('expired');
    // …and the transfer settles after it.
    await h.pay(link.providerRef, 'approved');
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 5000 }).toBe('paid');
    await expect
      .poll(() => events.events().map((e) => e.type), { timeout: 5000 })
      .toEqual(['link.pending', 'link.paid']);
    expect(events.events().at(-1)!.data.link).toMatchObject({ id: link.id, status: 'paid' });
  });

  it('a Midtrans payment pending at the expiry that lapses ends expired, announced once', async () => {
    h = await startHarness('midtrans', { PAYLINK_EVENT_RETRY_BASE_MS: '50' });
    const events = await registerReceiver(h);
    const link = await h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Transfer never made',
      usageLimit: 1,
      expiresAt: new Date(Date.now() + 2000).toISOString(),
    });
    await h.pay(link.providerRef, 'pending');
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 5000 }).toBe('expired');
    await h.pay(link.providerRef, 'rejected');
    await expect
      .poll(() => events.events().map((e) => e.type), { timeout: 5000 })
      .toEqual(['link.pending', 'link.payment_failed', 'link.expired']);
  });

  it('a Placetopay payment approved while the API is slow at the expiry ends paid', async () => {
    h = await startHarness('placetopay', { PAYLINK_EVENT_RETRY_BASE_MS: '50' });
    const events = await registerReceiver(h);
    const link = await h.createLink({
      provider: 'placetopay',
      amount: { value: '50000', currency: 'COP' },
      description: 'Approved at the deadline',
      usageLimit: 1,
      expiresAt: new Date(Date.now() + 3000).toISOString(),
    });
    await sleep(1500);
    // The notification's confirming read takes 3 s: it answers after the link's expiry.
    await faults(h, { latencyMs: 3000 });
    await h.pay(link.providerRef, 'approved');
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 4000 }).toBe('expired');
    await faults(h, null);
    await expect.poll(async () => (await h!.status(link.id)).status, { timeout: 8000 }).toBe('paid');
    await expect.poll(() => events.events().map((e) => e.type), { timeout: 5000 }).toEqual(['link.paid']);
  });
});
