import type { LinkStatusView, Problem } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';

// Payroc sends no payment-link notifications: the proxy learns only by re-reading watched links.
describe('status by polling (Payroc emulator behind the proxy)', () => {
  let h: Harness;
  const refreshMs = 400;

  beforeAll(async () => {
    h = await startHarness('payroc', { PAYLINK_REFRESH_INTERVAL_MS: String(refreshMs) });
  });
  afterAll(async () => {
    await h.close();
  });

  const createLink = () =>
    h.createLink({
      provider: 'payroc',
      amount: { value: '25.00', currency: 'USD' },
      description: 'Workshop ticket',
      usageLimit: 1,
    });
  const reads = (providerRef: string) => h.providerReads(providerRef);

  it('shows Paid within about one refresh interval to a long poll', async () => {
    const link = await createLink();
    const etag = (await h.request(`/v1/links/${link.id}/status`)).headers.get('etag')!;
    const poll = h.request(`/v1/links/${link.id}/status?wait=10`, { headers: { 'if-none-match': etag } });
    await h.pay(link.providerRef, 'approved');
    const paidAt = Date.now();
    const status = (await (await poll).json()) as LinkStatusView;
    expect(status.status).toBe('paid');
    expect(Date.now() - paidAt).toBeLessThan(refreshMs + 1000);
  });

  it('answers a lone poll with the news: a due provider read is awaited', async () => {
    const link = await createLink();
    await h.pay(link.providerRef, 'approved');
    await new Promise((r) => setTimeout(r, refreshMs + 50));
    const status = await h.status(link.id);
    expect(status.status).toBe('paid');
  });

  it('makes at most one provider read per refresh interval, whatever the number of watchers', async () => {
    const link = await createLink();
    const before = reads(link.providerRef);
    const started = Date.now();
    // 200 watchers: 100 long polls and 100 plain pollers hammering for ~2 s.
    const longPolls = Array.from({ length: 100 }, () =>
      h.request(`/v1/links/${link.id}/status?wait=2`, { headers: { 'if-none-match': '"1"' } }),
    );
    const plain = Array.from({ length: 100 }, async () => {
      while (Date.now() - started < 2000) {
        await (await h.request(`/v1/links/${link.id}/status`)).arrayBuffer();
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await Promise.all([...longPolls, ...plain]);
    const elapsed = Date.now() - started;
    const upstream = reads(link.providerRef) - before;
    expect(upstream).toBeGreaterThan(0);
    expect(upstream).toBeLessThanOrEqual(Math.ceil(elapsed / refreshMs) + 1);
  });

  it('serves the last known status marked stale while the provider is down, and recovers', async () => {
    const link = await createLink();
    await fetch(`${h.emulatorUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 503 }),
    });
    try {
      await expect.poll(async () => (await h.status(link.id)).stale, { timeout: 4000 }).toBe(true);
      const status = await h.status(link.id);
      expect(status.status).toBe('open');
    } finally {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
    }
    await expect.poll(async () => (await h.status(link.id)).stale, { timeout: 4000 }).toBe(false);
  });

  it('shares a link by e-mail where the provider can', async () => {
    const link = await createLink();
    const response = await h.request(`/v1/links/${link.id}/share`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}` },
      json: { recipients: ['ana@example.com'], message: 'Your ticket' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const outbox = (await (await fetch(`${h.emulatorUrl}/_emulator/outbox`)).json()) as unknown;
    expect(JSON.stringify(outbox)).toContain('ana@example.com');
    const bad = await h.request(`/v1/links/${link.id}/share`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}` },
      json: { recipients: ['nope'] },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors?.[0]?.field).toBe('recipients.0');
  });
});
