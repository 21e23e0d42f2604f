import type { LinkStatusView, MerchantLinkView, Problem, PublicLinkView, ViewBatch } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventStream } from './testing/event-stream.ts';
import { type Harness, startHarness } from './testing/harness.ts';

const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
const body = (overrides: Record<string, unknown> = {}) => ({
  provider: 'placetopay',
  amount: { value: '100000.00', currency: 'COP' },
  description: 'Invoice #1042',
  reference: 'INV-1042',
  expiresAt,
  usageLimit: 1,
  customer: { email: 'ana@example.com', name: 'Ana' },
  locale: 'es-CO',
  metadata: { orderId: '1042' },
  ...overrides,
});

describe('proxy (Placetopay emulator behind it)', () => {
  let h: Harness;
  const auth = () => ({ authorization: `Bearer ${h.apiKey}` });
  const create = async (overrides: Record<string, unknown> = {}, key: string = crypto.randomUUID()) =>
    h.request('/v1/links', {
      method: 'POST',
      headers: { ...auth(), 'idempotency-key': key },
      json: body(overrides),
    });
  const createLink = async (overrides: Record<string, unknown> = {}) => {
    const response = await create(overrides);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as MerchantLinkView;
  };
  const providerCreates = () =>
    h.emulator.control.requests.filter((r) => r.method === 'POST' && r.path === '/api/payment-link').length;

  beforeAll(async () => {
    // Placetopay notifies only PAID and EXPIRED; a short safety poll lets the proxy see rejections.
    h = await startHarness('placetopay', { PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '300' });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('POST /v1/links', () => {
    it('creates the link at the provider and answers the merchant view', async () => {
      const link = await createLink();
      expect(link.id).toMatch(/^pl_[A-Za-z0-9]{22}$/);
      expect(link.providerRef).not.toBe('');
      expect(link.providerRef).toMatch(/^\d+$/); // Placetopay's sequential id stays private
      expect(link.url.startsWith(h.emulatorUrl)).toBe(true);
      expect(link).toMatchObject({
        provider: 'placetopay',
        status: 'open',
        amount: { value: '100000.00', currency: 'COP' },
        description: 'Invoice #1042',
        reference: 'INV-1042',
        payments: { count: 0, limit: 1 },
        version: 1,
        customer: { email: 'ana@example.com', name: 'Ana' },
        metadata: { orderId: '1042' },
      });
    });

    it('answers the same link for the same Idempotency-Key and body, without a second provider call', async () => {
      const key = crypto.randomUUID();
      const first = await create({}, key);
      const before = providerCreates();
      const second = await create({}, key);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(((await second.json()) as MerchantLinkView).id).toBe(
        ((await first.json()) as MerchantLinkView).id,
      );
      expect(providerCreates()).toBe(before);
    });

    it('refuses the same Idempotency-Key with another body', async () => {
      const key = crypto.randomUUID();
      await create({}, key);
      const response = await create({ description: 'Something else' }, key);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).type).toMatch(/idempotency-mismatch/);
    });

    it('makes one provider call for concurrent duplicates', async () => {
      const key = crypto.randomUUID();
      const before = providerCreates();
      const answers = await Promise.all([create({}, key), create({}, key), create({}, key)]);
      const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as MerchantLinkView).id));
      expect(new Set(ids).size).toBe(1);
      expect(providerCreates() - before).toBe(1);
    });

    it('keeps the answer for an Idempotency-Key across a restart', async () => {
      const key = crypto.randomUUID();
      const first = (await (await create({}, key)).json()) as MerchantLinkView;
      await h.restart();
      const again = (await (await create({}, key)).json()) as MerchantLinkView;
      expect(again.id).toBe(first.id);
      const stored = await h.request(`/v1/links/${first.id}`);
      expect(stored.status).toBe(200);
    });

    it.each([
      [{ amount: { value: '100000.00' } }, 'amount.currency'],
      [{ amount: { value: '1e5', currency: 'COP' } }, 'amount.value'],
      [{ amount: { value: '10.555', currency: 'USD' } }, 'amount.value'],
      [{ amount: { value: '10.5', currency: 'JPY' } }, 'amount.value'],
      [{ amount: { value: '10.00', currency: 'XXQ' } }, 'amount.currency'],
      [{ description: '' }, 'description'],
      [{ description: undefined }, 'description'],
      [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ usageLimit: 0 }, 'usageLimit'],
      [{ usageLimit: 1.5 }, 'usageLimit'],
      [{ customer: { email: 'not-an-email' } }, 'customer.email'],
      [{ provider: 'nobody' }, 'provider'],
      [{ surprise: true }, 'surprise'],
      [{ metadata: { 'bad key!': 'x' } }, 'metadata'],
    ])('refuses %j naming %s', async (overrides, field) => {
      const response = await create(overrides);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((e) => e.field).some((f) => f.startsWith(field))).toBe(true);
    });

    it('refuses what the provider cannot honour, naming the field and the provider', async () => {
      const response = await create({ splits: [{ merchantId: '9', amount: { type: 'residual' } }] });
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.[0]?.field).toBe('splits');
      expect(problem.errors?.[0]?.message).toMatch(/placetopay/i);
    });

    it('refuses a body that is not JSON, and a missing or wrong API key', async () => {
      const notJson = await h.request('/v1/links', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{nope',
      });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as Problem).errors?.[0]?.field).toBe('(body)');
      const noKey = await h.request('/v1/links', { method: 'POST', json: body() });
      expect(noKey.status).toBe(401);
      const badKey = await h.request('/v1/links', {
        method: 'POST',
        headers: { authorization: 'Bearer plk_wrong_key_123' },
        json: body(),
      });
      expect(badKey.status).toBe(401);
    });

    it('reports a provider outage as 503 and stores nothing', async () => {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ status: 503 }),
      });
      try {
        const response = await create({ reference: 'OUTAGE-1' });
        expect(response.status).toBe(503);
        expect(((await response.json()) as Problem).detail).toMatch(/placetopay/);
      } finally {
        await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
      }
      const list = (await (await h.request('/v1/links?limit=100', { headers: auth() })).json()) as {
        links: MerchantLinkView[];
      };
      expect(list.links.some((l) => l.reference === 'OUTAGE-1')).toBe(false);
    });
  });

  describe('GET /v1/links/{id}', () => {
    it('shows the public view with nothing private', async () => {
      const link = await createLink();
      const response = await h.request(`/v1/links/${link.id}`, {
        headers: { origin: 'https://shop.example' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const view = (await response.json()) as PublicLinkView & Record<string, unknown>;
      expect(view.url).toBe(link.url);
      for (const hidden of ['providerRef', 'reference', 'customer', 'metadata', 'ownerKeyId', 'checkedAt']) {
        expect(view).not.toHaveProperty(hidden);
      }
    });

    it('answers many public views in one request', async () => {
      const [a, b] = [await createLink(), await createLink()];
      const response = await h.request(`/v1/views?links=${a.id},${b.id},pl_AAAAAAAAAAAAAAAAAAAAAA`, {
        headers: { origin: 'https://shop.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const batch = (await response.json()) as {
        links: (PublicLinkView & Record<string, unknown>)[];
        notFound: string[];
      };
      expect(batch.links.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
      expect(batch.links.every((l) => !('providerRef' in l) && !('customer' in l))).toBe(true);
      expect(batch.notFound).toEqual(['pl_AAAAAAAAAAAAAAAAAAAAAA']);
      const bad = await h.request('/v1/views?links=../etc');
      expect(((await bad.json()) as Problem).errors?.[0]?.field).toBe('links');
    });

    it('answers a batch per id: a malformed id among good ones fails alone', async () => {
      const a = await createLink();
      const response = await h.request(`/v1/views?links=${a.id},27,pl_AAAAAAAAAAAAAAAAAAAAAA`);
      expect(response.status).toBe(200);
      const batch = (await response.json()) as ViewBatch;
      expect(batch.links.map((l) => l.id)).toEqual([a.id]);
      expect(batch.notFound).toEqual(['pl_AAAAAAAAAAAAAAAAAAAAAA']);
      expect(batch.invalid).toEqual(['27']);
    });

    it('answers 400 naming the id for a malformed id, 404 for an unknown one', async () => {
      const malformed = await h.request('/v1/links/27');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as Problem).errors?.[0]?.field).toBe('id');
      const unknown = await h.request('/v1/links/pl_AAAAAAAAAAAAAAAAAAAAAA');
      expect(unknown.status).toBe(404);
    });
  });

  describe('status', () => {
    it('answers 304 to a matching If-None-Match', async () => {
      const link = await createLink();
      const first = await h.request(`/v1/links/${link.id}/status`);
      const etag = first.headers.get('etag')!;
      expect(((await first.json()) as LinkStatusView).status).toBe('open');
      const second = await h.request(`/v1/links/${link.id}/status`, { headers: { 'if-none-match': etag } });
      expect(second.status).toBe(304);
    });

    it('wakes a long poll when a signed notification reports the payment', async () => {
      const link = await createLink();
      const etag = (await h.request(`/v1/links/${link.id}/status`)).headers.get('etag')!;
      const started = Date.now();
      const poll = h.request(`/v1/links/${link.id}/status?wait=20`, { headers: { 'if-none-match': etag } });
      await new Promise((r) => setTimeout(r, 200));
      await h.pay(link.providerRef, 'approved');
      const response = await poll;
      expect(response.status).toBe(200);
      const status = (await response.json()) as LinkStatusView;
      expect(status.status).toBe('paid');
      expect(status.payments).toEqual({ count: 1, limit: 1 });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('keeps a rejected payment from closing the link', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'rejected');
      await expect.poll(async () => (await h.status(link.id)).lastPayment?.outcome).toBe('rejected');
      const status = await h.status(link.id);
      expect(status.status).toBe('open');
    });

    it('streams changes as Server-Sent Events', async () => {
      const link = await createLink();
      const response = await h.request(`/v1/links/${link.id}/events`);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const events = readEventStream(response);
      await events.until(/"status":"open"/);
      await h.pay(link.providerRef, 'approved');
      expect(await events.until(/"status":"paid"/)).toMatch(/event: status\ndata: .*"status":"paid"/);
      await events.close();
    });

    it('answers many statuses in one batch request', async () => {
      const [a, b] = [await createLink(), await createLink()];
      const response = await h.request(`/v1/status?links=${a.id},${b.id},pl_AAAAAAAAAAAAAAAAAAAAAA`);
      expect(response.status).toBe(200);
      const batch = (await response.json()) as { statuses: LinkStatusView[]; notFound: string[] };
      expect(batch.statuses.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
      expect(batch.notFound).toEqual(['pl_AAAAAAAAAAAAAAAAAAAAAA']);
      const again = await h.request(`/v1/status?links=${a.id},${b.id},pl_AAAAAAAAAAAAAAAAAAAAAA`, {
        headers: { 'if-none-match': response.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
      const bad = await h.request('/v1/status?links=1,2');
      expect(((await bad.json()) as Problem).errors?.[0]?.field).toBe('links');
    });
  });

  describe('POST /v1/webhooks/placetopay', () => {
    it('refuses a forged notification and changes nothing', async () => {
      const link = await createLink();
      const forged = {
        status: { status: 'PAID', reason: 200, message: 'ok', date: new Date().toISOString() },
        linkId: Number(link.providerRef),
        reference: 'INV-1042',
        signature: 'a'.repeat(64),
      };
      const response = await h.request('/v1/webhooks/placetopay', { method: 'POST', json: forged });
      expect(response.status).toBe(401);
      const status = await h.status(link.id);
      expect(status).toMatchObject({ status: 'open', version: 1 });
    });

    it('ignores a replayed notification', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'approved');
      await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
      const delivered = h.emulator.control.webhooks.filter(
        (w) => (w.body as { linkId: number }).linkId === Number(link.providerRef),
      );
      expect(delivered.length).toBeGreaterThan(0);
      const replay = await h.request('/v1/webhooks/placetopay', { method: 'POST', json: delivered[0]!.body });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ applied: 0, ignored: 1 });
    });
  });

  describe('POST /v1/links/{id}/disable', () => {
    it('disables at the provider, then locally, and again is harmless', async () => {
      const link = await createLink();
      const response = await h.request(`/v1/links/${link.id}/disable`, { method: 'POST', headers: auth() });
      expect(response.status).toBe(200);
      expect(((await response.json()) as MerchantLinkView).status).toBe('disabled');
      const again = await h.request(`/v1/links/${link.id}/disable`, { method: 'POST', headers: auth() });
      expect(again.status).toBe(200);
    });

    it('leaves the link untouched when the provider fails', async () => {
      const link = await createLink();
      await fetch(`${h.emulatorUrl}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ status: 500 }),
      });
      try {
        const response = await h.request(`/v1/links/${link.id}/disable`, { method: 'POST', headers: auth() });
        expect(response.status).toBe(503);
      } finally {
        await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
      }
      const status = await h.status(link.id);
      expect(status).toMatchObject({ status: 'open', version: 1 });
    });

    it('refuses to disable a paid link', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'approved');
      await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
      const response = await h.request(`/v1/links/${link.id}/disable`, { method: 'POST', headers: auth() });
      expect(response.status).toBe(409);
    });
  });

  describe('restart', () => {
    it('loses no link', async () => {
      const link = await createLink();
      await h.restart();
      const response = await h.request(`/v1/links/${link.id}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as PublicLinkView).amount).toEqual({
        value: '100000.00',
        currency: 'COP',
      });
    });
  });

  describe('GET /v1/providers', () => {
    it('lists the configured providers with what each supports', async () => {
      const response = await h.request('/v1/providers', { headers: auth() });
      const { providers } = (await response.json()) as {
        providers: { name: string; title: string; capabilities: { webhooks: string } }[];
      };
      expect(providers).toEqual([
        expect.objectContaining({
          name: 'placetopay',
          title: 'Placetopay',
          capabilities: expect.objectContaining({ webhooks: 'signed' }),
        }),
      ]);
      expect((await h.request('/v1/providers')).status).toBe(401);
    });
  });

  describe('meta routes', () => {
    it('serves health, the OpenAPI document and the bundle with CORS', async () => {
      expect((await h.request('/healthz')).status).toBe(200);
      expect(await (await h.request('/readyz')).json()).toEqual({ status: 'ready' });
      const openapi = (await (await h.request('/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toContain('/v1/links/{id}/status');
      // Every API route the app answers is described, with its method.
      const described = new Set(
        Object.entries(openapi.paths).flatMap(([path, ops]) =>
          Object.keys(ops as object).map((method) => `${method.toUpperCase()} ${path}`),
        ),
      );
      const answered = h.proxy.app.routes
        .filter((r) => r.path.startsWith('/v1/') && ['GET', 'POST', 'DELETE'].includes(r.method))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
      expect(answered.filter((route) => !described.has(route))).toEqual([]);
      const bundle = await h.request('/paylink.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect(bundle.headers.get('access-control-allow-origin')).toBe('*');
      await h.status((await createLink()).id);
      const metrics = await (await h.request('/metrics')).text();
      // Requests are labelled by the route pattern that answered, never by the raw path.
      expect(metrics).toMatch(
        /paylink_http_requests_total\{method="GET",route="\/v1\/links\/:id\/status",status="200"\} \d+/,
      );
      expect(metrics).not.toContain('route="/v1/links/pl_');
      expect(metrics).toContain('# TYPE paylink_upstream_reads_total counter');
      const unknownRoute = await h.request('/v2/nothing');
      expect(unknownRoute.status).toBe(404);
      expect(unknownRoute.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
