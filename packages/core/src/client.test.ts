import { describe, expect, it } from 'vitest';
import { NotAProxyError, ProxyRequestError, qrImageUrl } from './client.ts';
import type { CreatedWebhookEndpoint, EventDelivery, EventDetail, WebhookEndpointView } from './events.ts';
import { PayLinkClient } from './paylink-client.ts';

interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

/** A client whose `fetch` records each request and answers with `answer`. */
function clientAnswering(answer: () => Response, { apiKey }: { apiKey?: string } = { apiKey: 'sk_test_1' }) {
  const sent: SentRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    });
    return answer();
  };
  return { client: new PayLinkClient({ baseUrl: 'https://pay.example/', apiKey, fetch }), sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const endpoint: WebhookEndpointView = {
  id: 'we_1',
  url: 'https://shop.example/hooks',
  events: ['link.paid'],
  description: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  source: 'api',
  health: { consecutiveFailures: 0, failingSince: null, lastError: null, lastSuccessAt: null },
};
const delivery: EventDelivery = {
  endpointId: 'we_1',
  url: 'https://shop.example/hooks',
  state: 'pending',
  attempts: [],
  nextAttemptAt: '2026-01-01T00:00:01.000Z',
};

describe('PayLinkClient', () => {
  describe('webhook endpoints', () => {
    it('creates one with a JSON body and the API key', async () => {
      const created: CreatedWebhookEndpoint = { ...endpoint, secret: 'whsec_abc' };
      const { client, sent } = clientAnswering(() => json(created, 201));
      const answer = await client.createWebhookEndpoint({
        url: 'https://shop.example/hooks',
        events: ['link.paid'],
        description: 'Shop',
      });
      expect(answer).toEqual(created);
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(request!.method).toBe('POST');
      expect(request!.url.href).toBe('https://pay.example/v1/webhook-endpoints');
      expect(request!.headers.get('authorization')).toBe('Bearer sk_test_1');
      expect(request!.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(request!.body!)).toEqual({
        url: 'https://shop.example/hooks',
        events: ['link.paid'],
        description: 'Shop',
      });
    });

    it('lists them, unwrapped from the answer', async () => {
      const { client, sent } = clientAnswering(() => json({ endpoints: [endpoint] }));
      expect(await client.listWebhookEndpoints()).toEqual([endpoint]);
      expect(sent[0]!.method).toBe('GET');
      expect(sent[0]!.url.pathname).toBe('/v1/webhook-endpoints');
      expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test_1');
    });

    it('deletes one by its encoded id and accepts an empty 204', async () => {
      const { client, sent } = clientAnswering(() => new Response(null, { status: 204 }));
      await expect(client.deleteWebhookEndpoint('we_1/..')).resolves.toBeUndefined();
      expect(sent[0]!.method).toBe('DELETE');
      expect(sent[0]!.url.pathname).toBe('/v1/webhook-endpoints/we_1%2F..');
      expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test_1');
    });
  });

  describe('events', () => {
    it('lists a page with only the filters given', async () => {
      const { client, sent } = clientAnswering(() => json({ events: [], nextCursor: null }));
      expect(await client.listEvents()).toEqual({ events: [], nextCursor: null });
      await client.listEvents({ after: 'c_1&x', type: 'link.paid', link: 'pl_abc', limit: 100 });
      expect(sent.map((request) => request.method)).toEqual(['GET', 'GET']);
      expect(sent[0]!.url.href).toBe('https://pay.example/v1/events');
      expect(sent[1]!.url.pathname).toBe('/v1/events');
      expect(Object.fromEntries(sent[1]!.url.searchParams)).toEqual({
        after: 'c_1&x',
        type: 'link.paid',
        link: 'pl_abc',
        limit: '100',
      });
      for (const request of sent) expect(request.headers.get('authorization')).toBe('Bearer sk_test_1');
    });

    it('reads one event with its deliveries', async () => {
      const detail = { event: { id: 'evt_1' }, deliveries: [delivery] } as unknown as EventDetail;
      const { client, sent } = clientAnswering(() => json(detail));
      expect(await client.getEvent('evt_1')).toEqual(detail);
      expect(sent[0]!.method).toBe('GET');
      expect(sent[0]!.url.pathname).toBe('/v1/events/evt_1');
      expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test_1');
    });

    it('asks for a redelivery and returns the deliveries', async () => {
      const { client, sent } = clientAnswering(() => json({ deliveries: [delivery] }, 202));
      expect(await client.redeliverEvent('evt_1')).toEqual([delivery]);
      expect(sent[0]!.method).toBe('POST');
      expect(sent[0]!.url.pathname).toBe('/v1/events/evt_1/redeliver');
      expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test_1');
    });
  });

  describe('when the proxy answers with a problem', () => {
    const problem = {
      type: 'https://paylink.dev/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'The request has invalid fields.',
      errors: [{ field: 'url', message: 'must be https' }],
    };
    const answerProblem = () =>
      new Response(JSON.stringify(problem), {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
      });

    it.each([
      [
        'createWebhookEndpoint',
        (c: PayLinkClient) => c.createWebhookEndpoint({ url: 'http://shop.example/' }),
      ],
      ['listWebhookEndpoints', (c: PayLinkClient) => c.listWebhookEndpoints()],
      ['deleteWebhookEndpoint', (c: PayLinkClient) => c.deleteWebhookEndpoint('we_1')],
      ['listEvents', (c: PayLinkClient) => c.listEvents({ limit: 0 })],
      ['getEvent', (c: PayLinkClient) => c.getEvent('evt_1')],
      ['redeliverEvent', (c: PayLinkClient) => c.redeliverEvent('evt_1')],
    ])('%s throws a ProxyRequestError carrying the problem', async (_name, call) => {
      const { client } = clientAnswering(answerProblem);
      const error = await call(client).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProxyRequestError);
      expect(error).toMatchObject({ status: 422, problem, message: problem.detail });
    });

    it('keeps the status when the answer is not JSON', async () => {
      const { client } = clientAnswering(() => new Response('Not Found', { status: 404 }));
      const error = await client.getEvent('evt_missing').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProxyRequestError);
      expect(error).toMatchObject({ status: 404, problem: null });
    });
  });

  it('sends no authorization header without an API key', async () => {
    const { client, sent } = clientAnswering(() => json({ endpoints: [] }), {});
    await client.listWebhookEndpoints();
    expect(sent[0]!.headers.has('authorization')).toBe(false);
  });

  describe('an address that is not a PayLink proxy', () => {
    it.each([
      [
        'an HTML page',
        () =>
          new Response('<!doctype html><title>Shop</title>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
      ],
      ['a JSON API of something else', () => json({ hello: 'world' })],
      ['an error without a problem body', () => new Response('Not Found', { status: 404 })],
      ['a JSON error of something else', () => json({ error: 'nope' }, 401)],
    ])('answering %s throws NotAProxyError naming the address', async (_name, answer) => {
      const { client } = clientAnswering(answer);
      const error = await client.listProviders().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotAProxyError);
      expect((error as NotAProxyError).message).toContain(
        'https://pay.example did not answer as a PayLink proxy',
      );
    });

    it('a gateway error (the proxy behind it is down) stays a ProxyRequestError', async () => {
      const { client } = clientAnswering(() => new Response('Bad Gateway', { status: 502 }));
      const error = await client.getLink('pl_AAAAAAAAAAAAAAAAAAAAAA').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProxyRequestError);
      expect(error).not.toBeInstanceOf(NotAProxyError);
      expect(error).toMatchObject({ status: 502 });
    });
  });

  describe('public reads', () => {
    it('reads many views in one request, without the API key', async () => {
      const batch = { links: [], notFound: ['pl_AAAAAAAAAAAAAAAAAAAAAA'], invalid: ['x'] };
      const { client, sent } = clientAnswering(() => json(batch));
      expect(await client.getViews(['pl_AAAAAAAAAAAAAAAAAAAAAA', 'x'])).toEqual(batch);
      expect(sent[0]!.url.pathname).toBe('/v1/views');
      expect(sent[0]!.url.searchParams.get('links')).toBe('pl_AAAAAAAAAAAAAAAAAAAAAA,x');
      expect(sent[0]!.headers.has('authorization')).toBe(false);
    });

    it('answers notModified to a 304 with the ETag it was given', async () => {
      const { client, sent } = clientAnswering(() => new Response(null, { status: 304 }));
      expect(await client.getStatus('pl_AAAAAAAAAAAAAAAAAAAAAA', { etag: '"3"', waitSeconds: 25 })).toEqual({
        notModified: true,
        etag: '"3"',
      });
      expect(sent[0]!.url.search).toBe('?wait=25');
      expect(sent[0]!.headers.get('if-none-match')).toBe('"3"');
    });

    it('addresses the QR image with only the options given', () => {
      const target = { baseUrl: 'https://pay.example/' };
      expect(qrImageUrl(target, 'pl_A')).toBe('https://pay.example/v1/links/pl_A/qr.svg');
      expect(qrImageUrl(target, 'pl_A', { format: 'png', size: 512 })).toBe(
        'https://pay.example/v1/links/pl_A/qr.png?size=512',
      );
    });
  });
});
