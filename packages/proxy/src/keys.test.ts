// API keys have owners and scopes: a key sees and acts on its owner's links, webhook endpoints and
// events only (keys of one group share them; admin keys see everything), and does only what its
// scopes allow. In production no development key is made, accepted or left on disk.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MerchantLinkView, Problem } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, type Scope } from './api-keys.ts';
import { ConfigError, loadConfig, providerEnv } from './config.ts';
import { silentLogger } from './log.ts';
import { createProxy } from './proxy.ts';
import { type Harness, startHarness } from './testing/harness.ts';
import { type Receiver, startReceiver } from './testing/receiver.ts';

describe('API key owners and scopes', { timeout: 20_000 }, () => {
  let h: Harness;
  let receiver: Receiver;
  const keys: Record<string, string> = {};
  const as = (name: string) => ({ authorization: `Bearer ${keys[name]}` });
  const api = async <T = unknown>(
    name: string,
    path: string,
    init: RequestInit & { json?: unknown } = {},
  ) => {
    const response = await h.request(path, {
      ...init,
      headers: { ...as(name), 'idempotency-key': crypto.randomUUID(), ...init.headers },
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };
  const link = (name: string) =>
    api<MerchantLinkView>(name, '/v1/links', {
      method: 'POST',
      json: {
        provider: 'midtrans',
        amount: { value: '150000', currency: 'IDR' },
        description: `${name}'s scarf`,
        usageLimit: 1,
      },
    });

  beforeAll(async () => {
    h = await startHarness('midtrans', { PAYLINK_RATE_LIMIT_PER_MINUTE: '0', PAYLINK_EVENT_POLL_MS: '50' });
    const make = async (name: string, scopes?: Scope[], group?: string) => {
      keys[name] = (await createApiKey(h.proxy.store, { name, scopes, group })).key;
    };
    await make('alice');
    await make('bob');
    await make('till', undefined, 'shop');
    await make('office', undefined, 'shop');
    await make('viewer', ['links:read']);
    await make('writer', ['links:write']);
    keys.admin = h.apiKey; // the development key is an admin
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  it("keeps one key's links, shares and disables away from another key", async () => {
    const mine = (await link('alice')).body;
    const listed = await api<{ links: MerchantLinkView[] }>('bob', '/v1/links?limit=100');
    expect(listed.body.links.map((l) => l.id)).not.toContain(mine.id);
    expect((await api('bob', `/v1/links/${mine.id}/disable`, { method: 'POST' })).status).toBe(404);
    const share = await api('bob', `/v1/links/${mine.id}/share`, {
      method: 'POST',
      json: { recipients: ['x@example.com'] },
    });
    expect(share.status).toBe(404);
    expect(
      (await api<{ links: MerchantLinkView[] }>('alice', '/v1/links?limit=100')).body.links.map((l) => l.id),
    ).toContain(mine.id);
    expect(
      (await api<{ links: MerchantLinkView[] }>('admin', '/v1/links?limit=100')).body.links.map((l) => l.id),
    ).toContain(mine.id);
    // The public view stays public.
    expect((await h.request(`/v1/links/${mine.id}`)).status).toBe(200);
  });

  it('lets keys of one group share their links', async () => {
    const made = (await link('till')).body;
    const listed = await api<{ links: MerchantLinkView[] }>('office', '/v1/links?limit=100');
    expect(listed.body.links.map((l) => l.id)).toContain(made.id);
    expect((await api('office', `/v1/links/${made.id}/disable`, { method: 'POST' })).status).toBe(200);
  });

  it("keeps endpoints and events to their owner: bob's endpoint never hears alice's payments", async () => {
    const endpoint = await api<{ id: string }>('bob', '/v1/webhook-endpoints', {
      method: 'POST',
      json: { url: receiver.url },
    });
    expect(endpoint.status).toBe(201);
    expect(
      (await api<{ endpoints: Array<{ id: string }> }>('alice', '/v1/webhook-endpoints')).body.endpoints.map(
        (e) => e.id,
      ),
    ).not.toContain(endpoint.body.id);
    expect(
      (await api('alice', `/v1/webhook-endpoints/${endpoint.body.id}`, { method: 'DELETE' })).status,
    ).toBe(404);
    const alices = (await link('alice')).body;
    const bobs = (await link('bob')).body;
    await h.pay(alices.providerRef, 'approved');
    await h.pay(bobs.providerRef, 'approved');
    await expect
      .poll(() => receiver.events().map((e) => e.data.link.id), { timeout: 5000 })
      .toContain(bobs.id);
    expect(receiver.events().map((e) => e.data.link.id)).not.toContain(alices.id);
    type Page = { events: Array<{ id: string; data: { link: { id: string } } }> };
    const aliceEvents = (await api<Page>('alice', `/v1/events?link=${alices.id}`)).body.events;
    expect(aliceEvents.length).toBeGreaterThan(0);
    expect((await api<Page>('bob', `/v1/events?link=${alices.id}`)).body.events).toEqual([]);
    expect((await api('bob', `/v1/events/${aliceEvents[0]!.id}`)).status).toBe(404);
    expect((await api('bob', `/v1/events/${aliceEvents[0]!.id}/redeliver`, { method: 'POST' })).status).toBe(
      404,
    );
    expect((await api<Page>('admin', `/v1/events?link=${alices.id}`)).body.events.length).toBe(
      aliceEvents.length,
    );
  });

  it('does only what its scopes allow, naming the scope it lacks', async () => {
    expect((await api('viewer', '/v1/links')).status).toBe(200);
    expect((await api('viewer', '/v1/providers')).status).toBe(200);
    const refused = await link('viewer');
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as Problem).detail).toContain('links:write');
    expect((await api('viewer', '/v1/webhook-endpoints')).status).toBe(403);
    expect((await link('writer')).status).toBe(201);
    expect((await api('writer', '/v1/links')).status).toBe(403);
    expect((await api('writer', '/v1/events')).status).toBe(403);
  });
});

describe('the development key in production', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('midtrans');
  });
  afterAll(async () => {
    await h?.close();
  });

  const production = () =>
    loadConfig({
      PAYLINK_DATA_DIR: h.dataDir,
      PAYLINK_PUBLIC_URL: h.proxyUrl,
      NODE_ENV: 'production',
      ...providerEnv('midtrans', h.emulator.adapterSettings),
    });

  it('refuses to start while the development key file exists, naming it', async () => {
    const file = join(h.dataDir, 'dev-api-key');
    writeFileSync(file, `${h.apiKey}\n`);
    const error = await createProxy(production(), { log: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(file);
  });

  it('revokes a development key left in the database, so it no longer authenticates', async () => {
    const file = join(h.dataDir, 'dev-api-key');
    await import('node:fs').then((fs) => fs.rmSync(file, { force: true }));
    expect(
      (await h.request('/v1/providers', { headers: { authorization: `Bearer ${h.apiKey}` } })).status,
    ).toBe(200);
    await h.proxy.close();
    const proxy = await createProxy(production(), { log: silentLogger });
    try {
      expect(proxy.devApiKey).toBeNull();
      expect(existsSync(file)).toBe(false);
      const response = await proxy.app.request('/v1/providers', {
        headers: { authorization: `Bearer ${h.apiKey}` },
      });
      expect(response.status).toBe(401);
    } finally {
      await proxy.close();
    }
    await h.restart();
  });
});
