// The proxy as an attacker tries it: text that reorders what a reader sees, prototype keys, bodies
// over the limit, provider answers with hostile URLs, huge notification ids. On SQLite, and on
// PostgreSQL where one is reachable. Real proxy, real emulators.
import { randomBytes } from 'node:crypto';
import type { MerchantLinkView, Problem } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type Harness, startHarness } from './testing/harness.ts';
import { findTestDatabase, newSchemaName, runSql } from './testing/postgres.ts';

const { url: databaseUrl, reason } = await findTestDatabase();
const stores = [
  { name: 'sqlite', env: () => ({}) },
  {
    name: 'postgres',
    schema: newSchemaName(),
    env(this: { schema: string }) {
      return {
        DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${this.schema}`)}`,
      };
    },
  },
] as const;

describe.each(stores)('hardening on $name', (store) => {
  const skip = store.name === 'postgres' && !databaseUrl;
  if (skip) console.warn(`Skipping the PostgreSQL hardening tests: ${reason}`);
  let h: Harness;
  const key = () => ({ authorization: `Bearer ${h.apiKey}` });
  const base = {
    provider: 'midtrans',
    amount: { value: '150000', currency: 'IDR' },
    description: 'Batik scarf',
    usageLimit: 1,
  };
  const create = (body: Record<string, unknown>) =>
    h.request('/v1/links', {
      method: 'POST',
      headers: { ...key(), 'idempotency-key': crypto.randomUUID() },
      json: body,
    });
  const providerCreates = () => h.emulator.control.requests.filter((r) => r.method === 'POST').length;

  beforeAll(async () => {
    if (skip) return;
    if ('schema' in store) await runSql(databaseUrl!, `CREATE SCHEMA ${store.schema}`);
    h = await startHarness('midtrans', {
      ...store.env.call(store as never),
      PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await h?.close();
    if (!skip && 'schema' in store)
      await runSql(databaseUrl!, `DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
  });

  describe.skipIf(skip)('text is text', () => {
    it.each([
      ['a bidi override in the description', { description: 'Invoice \u202E00.001 DSU' }, 'description'],
      ['a bidi isolate in the title', { title: 'Scarf \u2067x' }, 'title'],
      ['a NUL in the description', { description: 'Scarf\u0000' }, 'description'],
      ['an escape in a customer name', { customer: { name: 'Ana\u001B[31m' } }, 'customer.name'],
      ['a newline in a metadata value', { metadata: { note: 'a\nb' } }, 'metadata.note'],
    ])('refuses %s with a 400 naming the field, before any provider call', async (_, fields, field) => {
      const before = providerCreates();
      const response = await create({ ...base, ...fields });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toContain(field);
      expect(providerCreates()).toBe(before);
    });

    it('keeps newlines and tabs in a description', async () => {
      const response = await create({ ...base, description: 'Two scarves\n\tindigo and soga' });
      expect(response.status).toBe(201);
      expect(((await response.json()) as MerchantLinkView).description).toBe(
        'Two scarves\n\tindigo and soga',
      );
    });

    it('refuses prototype keys naming the field instead of dropping them', async () => {
      const response = await h.request('/v1/links', {
        method: 'POST',
        headers: { ...key(), 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: `{"provider":"midtrans","amount":{"value":"150000","currency":"IDR"},"description":"x","metadata":{"__proto__":"x"}}`,
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors?.[0]?.field).toBe('metadata.__proto__');
    });

    it('answers 413 for a body over the limit', async () => {
      const response = await create({ ...base, description: 'x'.repeat(70_000) });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it('answers an unknown product as unknown, prototype names included', async () => {
      for (const product of ['__proto__', 'toString', 'constructor', 'nope']) {
        const response = await h.request('/v1/checkout', { method: 'POST', json: { product } });
        expect(response.status, product).toBe(404);
      }
    });
  });

  describe.skipIf(skip)('notifications', () => {
    it('keeps a signed notification with a huge unsigned id from failing the store', async () => {
      const link = (await (await create(base)).json()) as MerchantLinkView;
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => h.emulator.control.webhooks.length, { timeout: 5000 }).toBeGreaterThan(0);
      const signed = h.emulator.control.webhooks.at(-1)!.body as Record<string, unknown>;
      // Midtrans signs order_id, status_code and gross_amount, not transaction_id.
      // Random, so the database cannot compress it under its index row limit (~2.7 KB).
      const forged = { ...signed, transaction_id: randomBytes(4500).toString('base64') };
      const response = await h.request('/v1/webhooks/midtrans', { method: 'POST', json: forged });
      expect(response.status).toBe(200);
      const again = await h.request('/v1/webhooks/midtrans', { method: 'POST', json: forged });
      expect(await again.json()).toMatchObject({ applied: 0, ignored: 1 });
    });
  });
});

describe('client addresses as the deployment says', { timeout: 20_000 }, () => {
  const hammer = async (h: Harness, forwardedFor: (i: number) => string, count: number, path: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      statuses.push((await h.request(path, { headers: { 'x-forwarded-for': forwardedFor(i) } })).status);
    }
    return statuses;
  };

  it('with one trusted hop, a rotating client-written X-Forwarded-For does not escape the limit', async () => {
    const h = await startHarness('midtrans', {
      PAYLINK_TRUSTED_PROXIES: '1',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '40',
    });
    try {
      // What nginx forwards with `proxy_add_x_forwarded_for`: the client's own header, then the address it saw.
      const statuses = await hammer(
        h,
        (i) => `10.9.${i}.1, 203.0.113.9`,
        30,
        '/v1/links/pl_000000000000000000000000',
      );
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      // Another real client has its own allowance.
      expect(await hammer(h, () => '198.51.100.7', 1, '/v1/links/pl_000000000000000000000000')).toEqual([
        404,
      ]);
    } finally {
      await h.close();
    }
  });

  it('with trusted addresses, takes the rightmost untrusted hop', async () => {
    const h = await startHarness('midtrans', {
      PAYLINK_TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1,10.0.0.0/8',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '40',
    });
    try {
      const spoofed = await hammer(
        h,
        (i) => `172.16.${i}.1, 203.0.113.9, 10.1.2.3`,
        30,
        '/v1/links/pl_000000000000000000000000',
      );
      expect(spoofed.filter((s) => s === 429).length).toBeGreaterThan(0);
      // Hops through trusted proxies only: the leftmost is the client, loopback is the merchant's own machine.
      expect(await hammer(h, () => '127.0.0.1', 40, '/v1/links/pl_000000000000000000000000')).not.toContain(
        429,
      );
    } finally {
      await h.close();
    }
  });

  it('limits a client whose address is unknown instead of treating it as the merchant itself', async () => {
    const h = await startHarness('midtrans', { PAYLINK_RATE_LIMIT_PER_MINUTE: '40' });
    try {
      const statuses: number[] = [];
      // In-process requests carry no socket: the address is unknown.
      for (let i = 0; i < 30; i++)
        statuses.push((await h.proxy.app.request('/v1/links/pl_000000000000000000000000')).status);
      expect(statuses).toContain(429);
    } finally {
      await h.close();
    }
  });

  it('caps the long polls one client holds, like its streams', async () => {
    const h = await startHarness('midtrans', {
      PAYLINK_TRUSTED_PROXIES: '1',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '6000',
    });
    try {
      const link = await h.createLink({
        provider: 'midtrans',
        amount: { value: '150000', currency: 'IDR' },
        description: 'Long polls',
        usageLimit: 1,
      });
      const controller = new AbortController();
      const poll = () =>
        h
          .request(`/v1/links/${link.id}/status?wait=5`, {
            headers: { 'if-none-match': '"1"', 'x-forwarded-for': '203.0.113.50' },
            signal: controller.signal,
          })
          .then((r) => r.status)
          .catch(() => 0);
      const held = Array.from({ length: 20 }, poll);
      await new Promise((r) => setTimeout(r, 300));
      expect(await poll()).toBe(429);
      controller.abort();
      await Promise.all(held);
    } finally {
      await h.close();
    }
  });

  it('refuses a trusted proxy list that is not addresses', () => {
    expect(() =>
      loadConfig({ PAYLINK_DATA_DIR: '/tmp/x', PAYLINK_TRUSTED_PROXIES: '10.0.0.0/99,example.com' }),
    ).toThrow(
      /PAYLINK_TRUSTED_PROXIES has entries that are not addresses or CIDR ranges: 10\.0\.0\.0\/99, example\.com/,
    );
  });
});

describe("a provider's own limits, before any call", () => {
  it('refuses a Placetopay reference over 32 characters and a description over 250 with a 422 naming each', async () => {
    const h = await startHarness('placetopay');
    try {
      const before = h.emulator.control.requests.length;
      const response = await h.request('/v1/links', {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'idempotency-key': crypto.randomUUID() },
        json: {
          provider: 'placetopay',
          amount: { value: '50000', currency: 'COP' },
          description: 'd'.repeat(251),
          reference: 'R'.repeat(33),
        },
      });
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['description', 'reference']);
      expect(problem.detail).toContain('placetopay');
      expect(h.emulator.control.requests.length).toBe(before);
    } finally {
      await h.close();
    }
  });
});
