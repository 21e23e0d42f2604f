// Token handling and errors of the Payroc client, driven against the real emulator (in process, no socket).
import type { CreateLinkRequest } from '@paylink/core';
import { type Emulator, emulatorFactories } from '@paylink/emulators';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdapter, type PayrocAdapter } from './adapter.ts';
import { apiBase, authorizeUrl } from './client.ts';
import { readSettings } from './settings.ts';

const request: CreateLinkRequest = {
  provider: 'payroc',
  amount: { value: '25.00', currency: 'USD' },
  description: 'Invoice 7',
  reference: 'INV-7',
  usageLimit: 1,
};

interface Seen {
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
}

describe('payroc client', () => {
  let clock: Date;
  let emulator: Emulator;
  let seen: Seen[];
  let adapter: PayrocAdapter;

  // The emulator's own app answers; this only records what went over the "wire".
  const wire: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const response = await emulator.app.fetch(req);
    seen.push({
      method: req.method,
      path: new URL(req.url).pathname,
      status: response.status,
      idempotencyKey: req.headers.get('idempotency-key'),
    });
    return response;
  };
  const authorizations = () => seen.filter((s) => s.path === '/authorize').length;
  const control = (path: string, method: string, body?: unknown) =>
    emulator.app.request(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeEach(() => {
    clock = new Date('2026-03-01T12:00:00Z');
    const factory =
      emulatorFactories.payroc ??
      (() => {
        throw new Error('payroc emulator not registered');
      });
    emulator = factory({ publicUrl: 'http://localhost:8794', now: () => clock });
    seen = [];
    adapter = createAdapter(readSettings(emulator.adapterSettings), { fetch: wire, now: () => clock });
  });

  it('builds the API and token URLs with or without /v1 and /authorize', () => {
    expect(apiBase('https://api.payroc.com')).toBe('https://api.payroc.com/v1');
    expect(apiBase('https://api.payroc.com/v1/')).toBe('https://api.payroc.com/v1');
    expect(authorizeUrl('https://identity.payroc.com')).toBe('https://identity.payroc.com/authorize');
    expect(authorizeUrl('https://identity.payroc.com/authorize')).toBe(
      'https://identity.payroc.com/authorize',
    );
  });

  it('gets one token and reuses it', async () => {
    const link = await adapter.create(request, { idempotencyKey: crypto.randomUUID(), notificationUrl: '' });
    await adapter.get(link.providerRef);
    await adapter.get(link.providerRef);
    expect(authorizations()).toBe(1);
  });

  it('shares one renewal between concurrent requests', async () => {
    const link = await adapter.create(request, { idempotencyKey: crypto.randomUUID(), notificationUrl: '' });
    const fresh = createAdapter(readSettings(emulator.adapterSettings), { fetch: wire, now: () => clock });
    seen = [];
    await Promise.all(Array.from({ length: 5 }, () => fresh.get(link.providerRef)));
    expect(authorizations()).toBe(1);
  });

  it('renews the token before it expires, not long before', async () => {
    const link = await adapter.create(request, { idempotencyKey: crypto.randomUUID(), notificationUrl: '' });
    clock = new Date(clock.getTime() + 3000_000); // 50 minutes: still well inside the hour
    await adapter.get(link.providerRef);
    expect(authorizations()).toBe(1);
    clock = new Date(clock.getTime() + 540_000); // 59 minutes: inside the SDK's 2-minute margin
    await adapter.get(link.providerRef);
    expect(authorizations()).toBe(2);
    expect(seen.filter((s) => s.status === 401)).toEqual([]);
  });

  it('renews once and retries once when the API answers 401, for one request or many', async () => {
    const link = await adapter.create(request, { idempotencyKey: crypto.randomUUID(), notificationUrl: '' });
    await control('/_emulator/tokens/expire', 'POST');
    seen = [];
    expect((await adapter.get(link.providerRef)).status).toBe('open');
    const linkCalls = seen.filter((s) => s.path === '/authorize' || s.path.includes('/payment-links/'));
    expect(linkCalls.map((s) => `${s.method} ${s.path} ${s.status}`)).toEqual([
      `GET /v1/payment-links/${link.providerRef} 401`,
      'POST /authorize 200',
      `GET /v1/payment-links/${link.providerRef} 200`,
    ]);

    await control('/_emulator/tokens/expire', 'POST');
    seen = [];
    await Promise.all(Array.from({ length: 4 }, () => adapter.get(link.providerRef)));
    expect(authorizations()).toBe(1);
    expect(seen.filter((s) => s.status === 401)).toHaveLength(4);
  });

  it('reuses the Idempotency-Key on the retry after a 401 and gives up after one retry', async () => {
    await adapter.list(); // obtain a token and the terminal's time zone
    await control('/_emulator/tokens', 'PUT', { lifetimeSeconds: 0 });
    await control('/_emulator/tokens/expire', 'POST');
    seen = [];
    const error = await adapter
      .create(request, { idempotencyKey: 'order-7', notificationUrl: '' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, httpStatus: 401 });
    const creates = seen.filter((s) => s.method === 'POST' && s.path.endsWith('/payment-links'));
    expect(creates).toHaveLength(2);
    expect(creates[0]!.idempotencyKey).toBe(creates[1]!.idempotencyKey);
    expect(authorizations()).toBe(1);
  });

  it('reports a refused API key as an auth error without the key in the message', async () => {
    const wrong = createAdapter(readSettings({ ...emulator.adapterSettings, apiKey: 'wrong-secret-key' }), {
      fetch: wire,
    });
    const error = await wrong.get('JZURRJBUPS').catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'payroc', kind: 'auth', retryable: false });
    expect(String((error as Error).message)).not.toContain('wrong-secret-key');
    // A failed renewal is not cached: the next call asks again.
    await wrong.get('JZURRJBUPS').catch(() => undefined);
    expect(authorizations()).toBe(2);
  });

  it('maps Payroc problems to ProviderError with our field names', async () => {
    const error = await adapter
      .create(
        { ...request, expiresAt: '2026-02-01T00:00:00Z' },
        { idempotencyKey: crypto.randomUUID(), notificationUrl: '' },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'validation',
      httpStatus: 400,
      errors: [{ field: 'expiresAt', message: expect.stringContaining('payroc') }],
    });
    await expect(adapter.get('NOPE000000')).rejects.toMatchObject({ kind: 'not_found', httpStatus: 404 });
    const wrongTerminal = createAdapter(readSettings({ ...emulator.adapterSettings, terminalId: '999' }), {
      fetch: wire,
    });
    await expect(
      wrongTerminal.create(request, { idempotencyKey: crypto.randomUUID(), notificationUrl: '' }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('reports a reused idempotency key with another body as a conflict', async () => {
    const context = { idempotencyKey: crypto.randomUUID(), notificationUrl: '' };
    await adapter.create(request, context);
    await expect(adapter.create({ ...request, description: 'Other' }, context)).rejects.toMatchObject({
      kind: 'conflict',
      httpStatus: 409,
    });
  });

  it('sends a UUID v4 Idempotency-Key on every POST', async () => {
    const link = await adapter.create(request, { idempotencyKey: 'not-a-uuid', notificationUrl: '' });
    await adapter.share!(link.providerRef, { recipients: ['ana@example.com'] });
    await adapter.disable(link.providerRef);
    const posts = seen.filter((s) => s.method === 'POST' && s.path !== '/authorize');
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      expect(post.idempotencyKey).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(3);
  });
});
