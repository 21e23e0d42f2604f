// Signed events to the merchant's server: endpoints, deliveries verified with the `standardwebhooks`
// package (not our code), retries with the same webhook-id, order per link, and the events API.
// Real proxy, real Midtrans emulator, a real HTTP receiver on loopback.
import type { MerchantLinkView, Problem } from '@paylink/core';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness.ts';
import { type Receiver, startReceiver } from './testing/receiver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('merchant events', { timeout: 20_000 }, () => {
  let h: Harness;
  let receiver: Receiver;
  let endpoint: { id: string; secret: string };
  const auth = () => ({ authorization: `Bearer ${h.apiKey}` });
  const api = async <T>(path: string, init: RequestInit & { json?: unknown } = {}) => {
    const response = await h.request(path, { ...init, headers: { ...auth(), ...init.headers } });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
  };

  beforeAll(async () => {
    h = await startHarness('midtrans', {
      PAYLINK_EVENT_RETRY_BASE_MS: '150',
      PAYLINK_EVENT_TIMEOUT_MS: '400',
      PAYLINK_EVENT_POLL_MS: '50',
    });
    receiver = await startReceiver();
    const created = await api<{ id: string; secret: string }>('/v1/webhook-endpoints', {
      method: 'POST',
      json: { url: receiver.url, description: 'shop' },
    });
    expect(created.status).toBe(201);
    endpoint = created.body;
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });
  afterEach(() => {
    receiver.respond = () => 204;
  });

  const createLink = (fields: Record<string, unknown> = {}) =>
    h.createLink({
      provider: 'midtrans',
      amount: { value: '150000', currency: 'IDR' },
      description: 'Batik scarf',
      usageLimit: 1,
      ...fields,
    });
  const deliveriesOf = (link: MerchantLinkView) =>
    receiver.received.filter(
      (d) => (JSON.parse(d.body) as { data: { link: { id: string } } }).data.link.id === link.id,
    );
  const typesOf = (link: MerchantLinkView) =>
    deliveriesOf(link).map((d) => (JSON.parse(d.body) as { type: string }).type);

  describe('webhook endpoints', () => {
    it('creates an endpoint with a Standard Webhooks secret shown once, lists it without, and removes it', async () => {
      expect(endpoint.id).toMatch(/^we_/);
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const other = await api<{ id: string; events: string[] }>('/v1/webhook-endpoints', {
        method: 'POST',
        json: { url: 'https://shop.example/hooks', events: ['link.paid'] },
      });
      expect(other.status).toBe(201);
      expect(other.body.events).toEqual(['link.paid']);
      const listed = await api<{ endpoints: Array<Record<string, unknown>> }>('/v1/webhook-endpoints');
      expect(listed.body.endpoints.map((e) => e.id)).toEqual(
        expect.arrayContaining([endpoint.id, other.body.id]),
      );
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');
      expect((await api(`/v1/webhook-endpoints/${other.body.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await api(`/v1/webhook-endpoints/${other.body.id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it.each([
      ['not absolute', { url: 'shop.example/hooks' }, 'url'],
      ['not https', { url: 'ftp://shop.example/hooks' }, 'url'],
      ['http beyond loopback', { url: 'http://shop.example/hooks' }, 'url'],
      ['carrying credentials', { url: 'https://user:secret@shop.example/hooks' }, 'url'],
      ['over 2,048 characters', { url: `https://shop.example/${'a'.repeat(2048)}` }, 'url'],
      ['an unknown event type', { url: 'https://shop.example/hooks', events: ['link.refunded'] }, 'events.0'],
      ['no event type', { url: 'https://shop.example/hooks', events: [] }, 'events'],
    ])('refuses a URL %s with a problem naming the field', async (_, json, field) => {
      const { status, body } = await api<Problem>('/v1/webhook-endpoints', { method: 'POST', json });
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field)).toEqual([field]);
    });

    it('needs an API key', async () => {
      expect((await h.request('/v1/webhook-endpoints')).status).toBe(401);
      expect((await h.request('/v1/events')).status).toBe(401);
    });
  });

  describe('deliveries', () => {
    it('delivers link.pending then link.paid, each verified by the standardwebhooks package', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'pending');
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => typesOf(link), { timeout: 5000 }).toEqual(['link.pending', 'link.paid']);
      for (const delivery of deliveriesOf(link)) {
        const verified = new Webhook(endpoint.secret).verify(
          delivery.body,
          delivery.headers as Record<string, string>,
        ) as {
          id: string;
          type: string;
          createdAt: string;
          data: { link: MerchantLinkView };
        };
        expect(delivery.headers['webhook-id']).toBe(verified.id);
        expect(verified.id).toMatch(/^evt_/);
        expect(verified.data.link.id).toBe(link.id);
        expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      }
      const paid = JSON.parse(deliveriesOf(link).at(-1)!.body) as { data: { link: MerchantLinkView } };
      expect(paid.data.link).toMatchObject({
        status: 'paid',
        providerRef: link.providerRef,
        payments: { count: 1 },
      });
      // A receiver with another secret (or a tampered body) refuses it.
      const delivery = deliveriesOf(link)[0]!;
      const wrong = new Webhook(
        `whsec_${Buffer.from('another secret, 32 bytes long!!!').toString('base64')}`,
      );
      expect(() => wrong.verify(delivery.body, delivery.headers as Record<string, string>)).toThrow();
      expect(() =>
        new Webhook(endpoint.secret).verify(
          delivery.body.replace('pending', 'paid'),
          delivery.headers as Record<string, string>,
        ),
      ).toThrow();
    });

    it('retries a receiver that fails twice, with the same webhook-id three times, and shows the attempts', async () => {
      const link = await createLink();
      receiver.respond = (delivery) => (deliveriesOf(link).indexOf(delivery) < 2 ? 500 : 200);
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => deliveriesOf(link).length, { timeout: 8000 }).toBe(3);
      const ids = deliveriesOf(link).map((d) => d.headers['webhook-id']);
      expect(new Set(ids).size).toBe(1);
      await sleep(300);
      expect(deliveriesOf(link)).toHaveLength(3);
      const { body } = await api<{
        deliveries: Array<{ state: string; attempts: Array<{ status: number }> }>;
      }>(`/v1/events/${ids[0]}`);
      expect(body.deliveries[0]!.state).toBe('delivered');
      expect(body.deliveries[0]!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    });

    it('treats a redirect as a failure and never follows it', async () => {
      const link = await createLink();
      receiver.respond = (delivery) => (deliveriesOf(link)[0] === delivery ? 302 : 204);
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => deliveriesOf(link).length, { timeout: 5000 }).toBe(2);
      const id = deliveriesOf(link)[0]!.headers['webhook-id'];
      const { body } = await api<{
        deliveries: Array<{ attempts: Array<{ status: number; error: string | null }> }>;
      }>(`/v1/events/${id}`);
      expect(body.deliveries[0]!.attempts[0]).toMatchObject({
        status: 302,
        error: expect.stringMatching(/redirect/),
      });
    });

    it('cuts a receiver that answers too slowly and retries it', async () => {
      const link = await createLink();
      receiver.respond = async (delivery) => {
        if (deliveriesOf(link)[0] === delivery) await sleep(1500);
        return 204;
      };
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => deliveriesOf(link).length, { timeout: 5000 }).toBe(2);
      const id = deliveriesOf(link)[0]!.headers['webhook-id'];
      const { body } = await api<{
        deliveries: Array<{ state: string; attempts: Array<{ status: number | null; error: string }> }>;
      }>(`/v1/events/${id}`);
      expect(body.deliveries[0]!.attempts[0]).toMatchObject({
        status: null,
        error: expect.stringMatching(/no answer within/),
      });
      await expect
        .poll(
          async () =>
            (await api<{ deliveries: Array<{ state: string }> }>(`/v1/events/${id}`)).body.deliveries[0]!
              .state,
        )
        .toBe('delivered');
    });

    it('keeps each link’s events in order: link.paid waits until link.pending is delivered', async () => {
      const link = await createLink();
      let failing = true;
      receiver.respond = () => (failing ? 503 : 204);
      await h.pay(link.providerRef, 'pending');
      await expect.poll(() => typesOf(link).length, { timeout: 5000 }).toBeGreaterThan(0);
      await h.pay(link.providerRef, 'approved');
      await sleep(700);
      expect(new Set(typesOf(link))).toEqual(new Set(['link.pending']));
      // Meanwhile /readyz stays ready and the endpoint reports its failures.
      expect((await h.request('/readyz')).status).toBe(200);
      const listed = await api<{
        endpoints: Array<{ id: string; health: { consecutiveFailures: number; lastError: string } }>;
      }>('/v1/webhook-endpoints');
      expect(listed.body.endpoints.find((e) => e.id === endpoint.id)!.health).toMatchObject({
        consecutiveFailures: expect.any(Number),
        lastError: 'HTTP 503',
      });
      const metrics = await (await h.request('/metrics')).text();
      expect(metrics).toMatch(new RegExp(`paylink_events_pending\\{endpoint="${endpoint.id}"\\} [1-9]`));
      failing = false;
      await expect.poll(() => typesOf(link).at(-1), { timeout: 5000 }).toBe('link.paid');
      const firstPaid = typesOf(link).indexOf('link.paid');
      expect(typesOf(link).slice(firstPaid)).toEqual(['link.paid']);
    });
  });

  describe('the events API', () => {
    it('lists events oldest first with filters and a cursor, and refuses bad queries naming the field', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'pending');
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => typesOf(link).length, { timeout: 5000 }).toBe(2);
      type Page = {
        events: Array<{ id: string; type: string; data: { link: { id: string } } }>;
        nextCursor: string | null;
      };
      const first = await api<Page>(`/v1/events?link=${link.id}&limit=1`);
      expect(first.body.events.map((e) => e.type)).toEqual(['link.pending']);
      const second = await api<Page>(`/v1/events?link=${link.id}&limit=1&after=${first.body.nextCursor}`);
      expect(second.body.events.map((e) => e.type)).toEqual(['link.paid']);
      const paidOnly = await api<Page>(`/v1/events?type=link.paid&limit=100`);
      expect(paidOnly.body.events.every((e) => e.type === 'link.paid')).toBe(true);
      expect(paidOnly.body.events.some((e) => e.data.link.id === link.id)).toBe(true);
      // The event as delivered is the event as listed.
      expect(JSON.parse(deliveriesOf(link).at(-1)!.body)).toEqual(second.body.events[0]);
      for (const [query, field] of [
        ['after=abc', 'after'],
        ['type=link.refunded', 'type'],
        ['link=nope', 'link'],
        ['limit=0', 'limit'],
      ]) {
        const bad = await api<Problem>(`/v1/events?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body.errors?.[0]?.field).toBe(field);
      }
      expect((await api('/v1/events/evt_0000000000000000000000')).status).toBe(404);
      expect((await api<Problem>('/v1/events/nope')).body.errors?.[0]?.field).toBe('id');
    });

    it('redelivers an event with the same webhook-id', async () => {
      const link = await createLink();
      await h.pay(link.providerRef, 'approved');
      await expect.poll(() => deliveriesOf(link).length, { timeout: 5000 }).toBe(1);
      const id = deliveriesOf(link)[0]!.headers['webhook-id'];
      const again = await api<{ deliveries: Array<{ state: string }> }>(`/v1/events/${id}/redeliver`, {
        method: 'POST',
      });
      expect(again.status).toBe(202);
      await expect.poll(() => deliveriesOf(link).length, { timeout: 5000 }).toBe(2);
      expect(deliveriesOf(link)[1]!.headers['webhook-id']).toBe(id);
    });
  });
});
