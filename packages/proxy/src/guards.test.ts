import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MerchantLinkView, Problem, PublicLinkView } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { type Harness, startHarness } from './testing/harness.ts';

const shop = 'https://shop.example';

describe('proxy guards: origins, rate limits, products, keys, circuit breaker', () => {
  let h: Harness;

  beforeAll(async () => {
    // Products live in the configuration file, never in the page.
    const config = join(mkdtempSync(join(tmpdir(), 'paylink-config-')), 'paylink.json');
    writeFileSync(
      config,
      JSON.stringify({
        products: {
          'coffee-1kg': {
            provider: 'placetopay',
            amount: { value: '60000', currency: 'COP' },
            description: 'Huila coffee, 1 kg',
          },
        },
      }),
    );
    h = await startHarness('placetopay', {
      PAYLINK_CONFIG: config,
      PAYLINK_ALLOWED_ORIGINS: shop,
      PAYLINK_TRUSTED_PROXIES: '1',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '60',
      PAYLINK_BREAKER_COOLDOWN_MS: '800',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (headers: Record<string, string> = {}) =>
    h.request('/v1/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}`, ...headers },
      json: { provider: 'placetopay', amount: { value: '1000', currency: 'COP' }, description: 'Guard test' },
    });

  describe('origins', () => {
    it('lets an allowed origin use merchant routes and refuses others', async () => {
      const preflight = await h.request('/v1/links', {
        method: 'OPTIONS',
        headers: {
          origin: shop,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(shop);
      expect((await create({ origin: shop })).status).toBe(201);
      expect((await create({ origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' })).status).toBe(
        201,
      );
      const refused = await create({ origin: 'https://evil.example' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Problem).type).toMatch(/origin-not-allowed/);
    });

    it('answers the public read routes for any origin', async () => {
      const link = (await (await create()).json()) as MerchantLinkView;
      const response = await h.request(`/v1/links/${link.id}/status`, {
        headers: { origin: 'https://anywhere.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After once a client IP exceeds its budget', async () => {
      const link = (await (await create()).json()) as MerchantLinkView;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 40; i++) {
        const response = await h.request(`/v1/links/${link.id}`, {
          headers: { 'x-forwarded-for': '203.0.113.7' },
        });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 200).length).toBe(15); // a burst of a quarter minute's budget
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Another client is unaffected.
      expect(
        (await h.request(`/v1/links/${link.id}`, { headers: { 'x-forwarded-for': '203.0.113.8' } })).status,
      ).toBe(200);
    });
  });

  describe('POST /v1/checkout (product mode)', () => {
    it('creates a fresh one-time link at the configured price for an allowed origin', async () => {
      const response = await h.request('/v1/checkout', {
        method: 'POST',
        headers: { origin: shop, 'x-forwarded-for': '198.51.100.1' },
        json: { product: 'coffee-1kg' },
      });
      expect(response.status, await response.clone().text()).toBe(201);
      const link = (await response.json()) as PublicLinkView;
      expect(link).toMatchObject({
        amount: { value: '60000.00', currency: 'COP' },
        payments: { limit: 1 },
        status: 'open',
      });
      expect(link).not.toHaveProperty('providerRef');
      expect(response.headers.get('access-control-allow-origin')).toBe(shop);
      // The provider was asked for the configured price too, not only our record of it.
      const sent = h.emulator.control.requests
        .filter((r) => r.method === 'POST' && r.path === '/api/payment-link')
        .at(-1);
      expect(JSON.stringify(sent?.body)).toMatch(/"total":\s*60000\b/);
    });

    it('never lets the page set a price', async () => {
      const response = await h.request('/v1/checkout', {
        method: 'POST',
        headers: { origin: shop, 'x-forwarded-for': '198.51.100.2' },
        json: { product: 'coffee-1kg', amount: { value: '1', currency: 'COP' } },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors?.[0]?.field).toBe('amount');
    });

    it('refuses other origins and unknown products, and rate-limits a client', async () => {
      const foreign = await h.request('/v1/checkout', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
        json: { product: 'coffee-1kg' },
      });
      expect(foreign.status).toBe(403);
      const unknown = await h.request('/v1/checkout', {
        method: 'POST',
        headers: { origin: shop, 'x-forwarded-for': '198.51.100.3' },
        json: { product: 'tea' },
      });
      expect(unknown.status).toBe(404);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await h.request('/v1/checkout', {
          method: 'POST',
          headers: { origin: shop, 'x-forwarded-for': '198.51.100.4' },
          json: { product: 'coffee-1kg' },
        });
        statuses.push(r.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    });
  });

  describe('API keys', () => {
    it('creates a key shown once and stored hashed, and revokes it', async () => {
      const env = { ...process.env };
      process.env.PAYLINK_DATA_DIR = h.dataDir;
      const lines: string[] = [];
      try {
        expect(await runCli(['keys', 'create', '--name', 'back office'], (l) => lines.push(l))).toBe(0);
        const key = /plk_[\w-]+/.exec(lines.join('\n'))![0];
        expect((await create({ authorization: `Bearer ${key}` })).status).toBe(201);
        const listed: string[] = [];
        await runCli(['keys', 'list'], (l) => listed.push(l));
        expect(listed.join('\n')).not.toContain(key);
        const id = /key_\w+/.exec(lines.join('\n'))![0];
        expect(await runCli(['keys', 'revoke', id], () => {})).toBe(0);
        expect((await create({ authorization: `Bearer ${key}` })).status).toBe(401);
        expect(
          await runCli(
            ['keys', 'create'],
            () => {},
            () => {},
          ),
        ).toBe(64);
      } finally {
        process.env = env;
      }
    });
  });

  describe('webhook endpoints from the CLI', () => {
    it('adds an endpoint with a secret shown once, lists it, refuses bad input and removes it', async () => {
      const env = { ...process.env };
      process.env.PAYLINK_DATA_DIR = h.dataDir;
      const out: string[] = [];
      const err: string[] = [];
      try {
        const add = ['webhooks', 'add', 'https://shop.example/hooks', '--events', 'link.paid,link.expired'];
        expect(await runCli(add, (l) => out.push(l))).toBe(0);
        const secret = /whsec_\S+/.exec(out.join('\n'))![0];
        const id = /we_\w+/.exec(out.join('\n'))![0];
        const listed = await h.request('/v1/webhook-endpoints', {
          headers: { authorization: `Bearer ${h.apiKey}` },
        });
        const { endpoints } = (await listed.json()) as { endpoints: Array<{ id: string; events: string[] }> };
        expect(endpoints.find((e) => e.id === id)?.events).toEqual(['link.paid', 'link.expired']);
        const list: string[] = [];
        await runCli(['webhooks', 'list'], (l) => list.push(l));
        expect(list.join('\n')).toContain(id);
        expect(list.join('\n')).not.toContain(secret);
        expect(
          await runCli(
            ['webhooks', 'add', 'http://shop.example/hooks'],
            () => {},
            (l) => err.push(l),
          ),
        ).toBe(64);
        expect(err.join('\n')).toMatch(/url must be an https: URL/);
        expect(
          await runCli(
            ['webhooks', 'add', 'https://a.example', '--events', 'link.nope'],
            () => {},
            (l) => err.push(l),
          ),
        ).toBe(64);
        expect(await runCli(['webhooks', 'remove', id], () => {})).toBe(0);
        expect(
          await runCli(
            ['webhooks', 'remove', id],
            () => {},
            () => {},
          ),
        ).toBe(1);
      } finally {
        process.env = env;
      }
    });
  });

  describe('provider outage', () => {
    it('fails creates fast once the circuit opens, and recovers with no restart', async () => {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ status: 503 }),
      });
      const failures: number[] = [];
      try {
        for (let i = 0; i < 6; i++) failures.push((await create()).status);
        const before = h.emulator.control.requests.length;
        const fast = await create();
        expect(fast.status).toBe(503);
        expect(fast.headers.get('retry-after')).not.toBeNull();
        expect(h.emulator.control.requests.length).toBe(before); // the open circuit did not call the provider
      } finally {
        await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
      }
      expect(failures.every((s) => s === 503)).toBe(true);
      await new Promise((r) => setTimeout(r, 900));
      expect((await create()).status).toBe(201);
    });
  });
});
