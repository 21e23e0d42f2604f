// Rules that a change could break without any other test noticing: each of these failed (or let a
// deliberate mutation survive) once. Real proxy, real emulators; only the wire to a provider is
// bent where a misbehaving provider is the point.
import type { MerchantLinkView } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventStream } from './testing/event-stream.ts';
import { type Harness, startHarness } from './testing/harness.ts';

const PUBLIC_KEYS = [
  'amount',
  'amountMode',
  'createdAt',
  'description',
  'expiresAt',
  'flexibleAmount',
  'id',
  'lastPayment',
  'payments',
  'provider',
  'status',
  'title',
  'updatedAt',
  'url',
  'version',
];
const STATUS_KEYS = ['id', 'lastPayment', 'payments', 'stale', 'status', 'updatedAt', 'version'];
const keysOf = (value: unknown) => Object.keys(value as object).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('public shapes carry nothing private', () => {
  let h: Harness;
  let link: MerchantLinkView;
  const secrets = ['INV-SECRET-42', 'ana.secret@example.com', 'secret-metadata-value'];
  beforeAll(async () => {
    h = await startHarness('midtrans');
    link = await h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Batik scarf',
      reference: secrets[0],
      customer: { email: secrets[1], name: 'Ana' },
      metadata: { note: secrets[2] },
      usageLimit: 1,
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  const expectNoSecret = (text: string) => {
    for (const secret of [...secrets, link.providerRef]) expect(text).not.toContain(secret);
  };

  it('GET /v1/links/{id} and /v1/views: exactly the public keys', async () => {
    const one = await (await h.request(`/v1/links/${link.id}`)).text();
    expect(keysOf(JSON.parse(one))).toEqual(PUBLIC_KEYS);
    expectNoSecret(one);
    const many = await (await h.request(`/v1/views?links=${link.id}`)).text();
    expect(keysOf((JSON.parse(many) as { links: unknown[] }).links[0])).toEqual(PUBLIC_KEYS);
    expectNoSecret(many);
  });

  it('status, batch status and the event stream: exactly the status keys', async () => {
    const one = await (await h.request(`/v1/links/${link.id}/status`)).text();
    expect(keysOf(JSON.parse(one))).toEqual(STATUS_KEYS);
    const many = await (await h.request(`/v1/status?links=${link.id}`)).text();
    expect(keysOf((JSON.parse(many) as { statuses: unknown[] }).statuses[0])).toEqual(STATUS_KEYS);
    const stream = readEventStream(await h.request(`/v1/links/${link.id}/events`));
    const text = await stream.until(/event: status\ndata: .*\n/);
    await stream.close();
    const data = /event: status\ndata: (.*)\n/.exec(text)![1]!;
    expect(keysOf(JSON.parse(data))).toEqual(STATUS_KEYS);
    for (const body of [one, many, text]) expectNoSecret(body);
  });
});

describe('what a provider sends back is checked', () => {
  let h: Harness;
  let paymentUrl = '';
  beforeAll(async () => {
    // Stands in for a compromised or buggy provider answer on the wire; everything else is real.
    const bent: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!paymentUrl || init?.method !== 'POST' || !String(input).endsWith('/v1/payment-links'))
        return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, payment_url: paymentUrl }, { status: response.status });
    };
    h = await startHarness('midtrans', {}, { fetch: bent });
  });
  afterAll(async () => {
    await h?.close();
  });
  const create = () =>
    h.request('/v1/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}`, 'idempotency-key': crypto.randomUUID() },
      json: { provider: 'midtrans', amount: { value: '150000', currency: 'IDR' }, description: 'Bent' },
    });

  it('refuses a checkout URL that is not https, and stores nothing', async () => {
    paymentUrl = 'http://evil.example/pay';
    const before = (await (
      await h.request('/v1/links', { headers: { authorization: `Bearer ${h.apiKey}` } })
    ).json()) as {
      links: unknown[];
    };
    const response = await create();
    expect(response.status).toBe(502);
    expect(((await response.json()) as { type: string }).type).toMatch(/provider-unsafe-url/);
    const after = (await (
      await h.request('/v1/links', { headers: { authorization: `Bearer ${h.apiKey}` } })
    ).json()) as {
      links: unknown[];
    };
    expect(after.links.length).toBe(before.links.length);
  });

  it('stores and serves the normalised URL, never the raw text', async () => {
    paymentUrl = 'https://pay.example/"><img src=x onerror=alert(1)>';
    const response = await create();
    expect(response.status).toBe(201);
    const link = (await response.json()) as MerchantLinkView;
    expect(link.url).toBe('https://pay.example/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E');
    expect(((await (await h.request(`/v1/links/${link.id}`)).json()) as MerchantLinkView).url).toBe(link.url);
  });
});

describe('limits that hold per link and per client', { timeout: 20_000 }, () => {
  let h: Harness;
  let link: MerchantLinkView;
  beforeAll(async () => {
    h = await startHarness('midtrans', { PAYLINK_TRUSTED_PROXIES: '1', PAYLINK_RATE_LIMIT_PER_MINUTE: '20' });
    link = await h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Popular',
      usageLimit: 1,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('limits one link polled from very many addresses', async () => {
    const statuses: number[] = [];
    // Each address stays within its own allowance (5 at once); the link's is 100 at once.
    for (let i = 0; i < 130; i++) {
      const from = `198.51.${Math.floor(i / 250)}.${i % 250}`;
      statuses.push(
        (await h.request(`/v1/links/${link.id}/status`, { headers: { 'x-forwarded-for': from } })).status,
      );
    }
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
  });

  it('caps the event streams one client holds open', async () => {
    // Request limits off, so the stream cap alone is what refuses the 21st.
    const open = await startHarness('midtrans', {
      PAYLINK_TRUSTED_PROXIES: '1',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
    });
    const controller = new AbortController();
    try {
      const watched = await open.createLink({
        provider: 'midtrans',
        amount: { value: '150000', currency: 'IDR' },
        description: 'Streams',
        usageLimit: 1,
      });
      const stream = (from: string) =>
        open.request(`/v1/links/${watched.id}/events`, {
          headers: { 'x-forwarded-for': from },
          signal: controller.signal,
        });
      const held = await Promise.all(Array.from({ length: 20 }, () => stream('203.0.113.100')));
      expect(held.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect((await stream('203.0.113.100')).status).toBe(429);
      expect((await stream('203.0.113.101')).status).toBe(200);
    } finally {
      controller.abort();
      await open.close();
    }
  });
});

describe('reads of a polled provider (Payroc)', { timeout: 20_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('payroc', {
      PAYLINK_REFRESH_INTERVAL_MS: '300',
      PAYLINK_BREAKER_COOLDOWN_MS: '200',
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  const create = () =>
    h.createLink({
      provider: 'payroc',
      amount: { value: '5.00', currency: 'USD' },
      description: 'Reads',
      usageLimit: 1,
    });

  it('makes one provider read for many simultaneous polls of a due link (single flight)', async () => {
    const link = await create();
    await sleep(400);
    const before = h.providerReads(link.providerRef);
    await Promise.all(
      Array.from({ length: 50 }, () => h.request(`/v1/links/${link.id}/status`).then((r) => r.text())),
    );
    expect(h.providerReads(link.providerRef) - before).toBe(1);
  });

  it('shares one provider read between every part asking at once (watchers, reconciler, notifications)', async () => {
    const link = await create();
    const stored = (await h.proxy.store.getLink(link.id))!;
    const before = h.providerReads(link.providerRef);
    await fetch(`${h.emulatorUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 200 }),
    });
    try {
      const reads = h.proxy.engine.providerReads;
      await Promise.all([
        reads.read(stored, 'taken'),
        reads.read(stored, 'taken'),
        reads.read(stored),
        reads.refreshIfDue(stored),
      ]);
    } finally {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
    }
    expect(h.providerReads(link.providerRef) - before).toBe(1);
  });

  it('changes the ETag while the status is stale, so a cached answer is not taken as current', async () => {
    const link = await create();
    const fresh = await h.request(`/v1/links/${link.id}/status`);
    const etag = fresh.headers.get('etag')!;
    await fetch(`${h.emulatorUrl}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 503 }),
    });
    try {
      await expect.poll(async () => (await h.status(link.id)).stale, { timeout: 4000 }).toBe(true);
      const stale = await h.request(`/v1/links/${link.id}/status`, { headers: { 'if-none-match': etag } });
      expect(stale.status).toBe(200);
      expect(stale.headers.get('etag')).toBe(`${etag.slice(0, -1)}-stale"`);
    } finally {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
    }
  });
});
