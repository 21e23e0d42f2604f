// End to end: merchant events. A receiver of our own (plain `node:http`, verifying with the
// `standardwebhooks` library as any merchant would) is registered through the proxy API; a link is
// paid on each provider's emulator through its control API, and the receiver must get a verified
// `link.paid` for it. The real proxy and emulators run; nothing of ours is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreatedWebhookEndpoint,
  type MerchantEvent,
  type MerchantLinkView,
  PayLinkClient,
} from '@paylink/core';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLinkRequests } from '../demo/links.ts';
import { type Stack, startStack } from '../scripts/stack.ts';

/** One POST the receiver got, as it came off the socket. */
interface Delivery {
  body: string;
  headers: Record<string, string>;
  /** The event, when the signature verified with the endpoint's secret. */
  event: MerchantEvent | null;
  answered: number;
}

const PROVIDERS = ['placetopay', 'midtrans', 'plexo', 'payroc'] as const;

const flatHeaders = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

describe('merchant events, delivered to a receiver of our own', () => {
  let stack: Stack;
  let client: PayLinkClient;
  let receiver: Server;
  let receiverUrl: string;
  let endpoint: CreatedWebhookEndpoint;
  let dataDir: string;
  const deliveries: Delivery[] = [];
  /** Link ids whose first delivery the receiver refuses with a 503 (to see the proxy retry). */
  const refuseFirstDeliveryFor = new Set<string>();
  const paidLinks = new Map<string, MerchantLinkView>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-events-'));
    stack = await startStack({
      dataDir,
      ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
      log: { info() {}, warn() {}, error: console.error },
      // Nobody watches these links: the proxy learns of a Payroc payment (Payroc sends no
      // notifications) only from its reconciler, told here to read young links every second.
      env: { PAYLINK_RECONCILE_INTERVAL_MS: '1000' },
    });
    client = new PayLinkClient({ baseUrl: stack.proxyUrl, apiKey: stack.apiKey });

    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const delivery: Delivery = {
          body: Buffer.concat(chunks).toString('utf8'),
          headers: flatHeaders(request.headers),
          event: null,
          answered: 400,
        };
        try {
          delivery.event = new Webhook(endpoint.secret).verify(
            delivery.body,
            delivery.headers,
          ) as MerchantEvent;
          const linkId = delivery.event.data.link.id;
          const refuse = refuseFirstDeliveryFor.delete(linkId);
          delivery.answered = refuse ? 503 : 204;
        } catch {
          delivery.answered = 400;
        }
        deliveries.push(delivery);
        response.writeHead(delivery.answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/paylink/events`;
    endpoint = await client.createWebhookEndpoint({
      url: receiverUrl,
      events: ['link.paid'],
      description: 'e2e receiver',
    });
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Verified events the receiver accepted for a link. */
  const acceptedFor = (linkId: string) =>
    deliveries.filter((d) => d.event?.data.link.id === linkId && d.answered === 204).map((d) => d.event!);

  async function payOnEmulator(provider: string, link: MerchantLinkView) {
    const emulatorUrl = stack.emulators[provider]!.url;
    const answer = await fetch(`${emulatorUrl}/_emulator/links/${encodeURIComponent(link.providerRef)}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'approved' }),
    });
    expect(answer.ok, await answer.text()).toBe(true);
  }

  it('registers the endpoint: its secret only in the creation answer, and listed without it', async () => {
    expect(endpoint.id).toMatch(/^we_/);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint.events).toEqual(['link.paid']);
    const listed = (await client.listWebhookEndpoints()).find((e) => e.id === endpoint.id);
    expect(listed).toMatchObject({
      url: receiverUrl,
      events: ['link.paid'],
      description: 'e2e receiver',
      source: 'api',
      health: { consecutiveFailures: 0 },
    });
    expect(JSON.stringify(listed)).not.toContain(endpoint.secret);
  });

  it.each(PROVIDERS)('delivers a verified link.paid for a link paid on %s', async (provider) => {
    const link = await client.createLink(demoLinkRequests[provider]!(new Date()));
    await payOnEmulator(provider, link);
    await expect
      .poll(() => acceptedFor(link.id).length, { timeout: 30_000, interval: 250 })
      .toBeGreaterThan(0);
    const [event] = acceptedFor(link.id);
    expect(event).toMatchObject({ type: 'link.paid', data: { link: { id: link.id, status: 'paid' } } });
    expect(event!.id).toMatch(/^evt_/);
    const delivery = deliveries.find((d) => d.event?.id === event!.id)!;
    expect(delivery.headers['webhook-id']).toBe(event!.id);
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
    paidLinks.set(provider, link);
  });

  it('sends only the types the endpoint subscribed to', () => {
    const verified = deliveries.filter((d) => d.event);
    expect(verified.length).toBeGreaterThanOrEqual(PROVIDERS.length);
    expect(new Set(verified.map((d) => d.event!.type))).toEqual(new Set(['link.paid']));
  });

  it('signs so that a wrong secret or a changed body fails verification', () => {
    const delivery = deliveries.find((d) => d.event)!;
    expect(delivery).toBeDefined();
    const wrongSecret = `whsec_${Buffer.from('a secret that is not the endpoint secret').toString('base64')}`;
    expect(() => new Webhook(wrongSecret).verify(delivery.body, delivery.headers)).toThrow(
      WebhookVerificationError,
    );
    const tampered = delivery.body.replace('"paid"', '"open"');
    expect(tampered).not.toBe(delivery.body);
    expect(() => new Webhook(endpoint.secret).verify(tampered, delivery.headers)).toThrow(
      WebhookVerificationError,
    );
    // Only the right secret and the untouched body pass.
    expect(new Webhook(endpoint.secret).verify(delivery.body, delivery.headers)).toEqual(delivery.event);
  });

  it('keeps each event in the log, with its delivery to the endpoint', async () => {
    const link = paidLinks.get('placetopay')!;
    expect(link).toBeDefined();
    const page = await client.listEvents({ link: link.id, type: 'link.paid' });
    expect(page.events).toHaveLength(1);
    const [event] = page.events;
    expect(event).toEqual(acceptedFor(link.id)[0]);
    const detail = await client.getEvent(event!.id);
    expect(detail.event).toEqual(event);
    const delivery = detail.deliveries.find((d) => d.endpointId === endpoint.id);
    expect(delivery).toMatchObject({ url: receiverUrl, state: 'delivered' });
    expect(delivery!.attempts.at(-1)).toMatchObject({ status: 204, error: null });
  });

  it('pages through the log oldest first with a cursor', async () => {
    const seen: MerchantEvent[] = [];
    let after: string | undefined;
    for (let round = 0; round < 20; round++) {
      const page = await client.listEvents({ type: 'link.paid', limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.events);
      if (!page.events.length || !page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen.map((e) => e.data.link.id)).toEqual(PROVIDERS.map((p) => paidLinks.get(p)!.id));
  });

  it('retries a refused delivery with the same webhook-id, and redelivers on request', async () => {
    const link = await client.createLink(demoLinkRequests.placetopay!(new Date()));
    refuseFirstDeliveryFor.add(link.id);
    await payOnEmulator('placetopay', link);
    // The first retry comes within 10 s of the refusal.
    await expect.poll(() => acceptedFor(link.id).length, { timeout: 30_000, interval: 250 }).toBe(1);
    const attempts = deliveries.filter((d) => d.event?.data.link.id === link.id);
    expect(attempts.map((d) => d.answered)).toEqual([503, 204]);
    expect(attempts[1]!.headers['webhook-id']).toBe(attempts[0]!.headers['webhook-id']);
    const eventId = attempts[0]!.event!.id;
    const detail = await client.getEvent(eventId);
    const delivery = detail.deliveries.find((d) => d.endpointId === endpoint.id)!;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 204]);

    const redelivered = await client.redeliverEvent(eventId);
    expect(redelivered.map((d) => d.endpointId)).toContain(endpoint.id);
    await expect.poll(() => acceptedFor(link.id).length, { timeout: 15_000, interval: 250 }).toBe(2);
    expect(acceptedFor(link.id).map((e) => e.id)).toEqual([eventId, eventId]);
  });

  it('stops listing an endpoint once deleted', async () => {
    await client.deleteWebhookEndpoint(endpoint.id);
    expect((await client.listWebhookEndpoints()).map((e) => e.id)).not.toContain(endpoint.id);
  });
});
