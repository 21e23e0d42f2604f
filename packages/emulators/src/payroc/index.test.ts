import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../common/emulator.ts';
import { createPayrocEmulator, PAYROC_EMULATOR_API_KEY, PAYROC_EMULATOR_MERCHANT_EMAIL } from './index.ts';

const ERRORS = 'https://docs.payroc.com/api/errors';
const LINKS = '/v1/processing-terminals/1234001/payment-links';

// Documented request bodies (Payroc SDK wire tests for paymentLinks.create and sharingEvents.share).
const multiUseExample = {
  type: 'multiUse',
  merchantReference: 'LinkRef6543',
  order: { charge: { type: 'prompt', currency: 'AED' } },
  authType: 'sale',
  paymentMethods: ['card'],
};
const singleUseExample = {
  type: 'singleUse',
  merchantReference: 'LinkRef7654',
  order: { orderId: 'OrderRef7654', charge: { type: 'prompt', currency: 'AED' } },
  authType: 'sale',
  paymentMethods: ['card'],
  expiresOn: '2026-03-31',
};
const shareExample = {
  sharingMethod: 'email',
  merchantCopy: true,
  message: 'Dear Sarah,\n\nYour insurance is expiring this month.\n',
  recipients: [{ name: 'Sarah Hazel Hopper', email: 'sarah.hopper@example.com' }],
};

describe('Payroc emulator', () => {
  let clock: Date;
  let emulator: Emulator;
  let token: string;

  const authorize = (key: string | null) =>
    emulator.app.request('/authorize', { method: 'POST', headers: key === null ? {} : { 'x-api-key': key } });

  const api = (
    method: string,
    path: string,
    options: { body?: unknown; key?: string | null; bearer?: string; contentType?: string } = {},
  ) =>
    emulator.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${options.bearer ?? token}`,
        'content-type': options.contentType ?? 'application/json',
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });

  const create = async (body: unknown = singleUseExample) => {
    const response = await api('POST', LINKS, { body, key: crypto.randomUUID() });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as {
      paymentLinkId: string;
      status: string;
      assets: { paymentUrl: string };
    };
  };

  const statusOf = async (id: string) =>
    ((await (await api('GET', `/v1/payment-links/${id}`)).json()) as { status: string }).status;

  const pay = (id: string, outcome: string, extra: object = {}) =>
    emulator.app.request(`/_emulator/links/${id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome, ...extra }),
    });

  const pagePath = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };

  beforeEach(async () => {
    clock = new Date('2026-03-01T12:00:00Z');
    emulator = createPayrocEmulator({ publicUrl: 'http://localhost:8794', now: () => clock });
    token = ((await (await authorize(PAYROC_EMULATOR_API_KEY)).json()) as { access_token: string })
      .access_token;
  });

  describe('identity service', () => {
    it('issues a bearer token for the development API key', async () => {
      const response = await authorize(PAYROC_EMULATOR_API_KEY);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        expires_in: 3600,
        token_type: 'Bearer',
        access_token: expect.any(String),
      });
    });

    it('refuses a wrong or missing API key with a problem', async () => {
      for (const key of ['wrong', null]) {
        const response = await authorize(key);
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(await response.json()).toMatchObject({ type: `${ERRORS}#not-authorized`, status: 401 });
      }
    });

    it('refuses a missing, unknown or expired token on the API', async () => {
      const missing = await emulator.app.request(`${LINKS}`);
      expect(missing.status).toBe(401);
      expect((await api('GET', LINKS, { bearer: 'nope' })).status).toBe(401);
      expect((await api('GET', LINKS)).status).toBe(200);
      clock = new Date(clock.getTime() + 3600_000);
      const expired = await api('GET', LINKS);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ type: `${ERRORS}#not-authorized` });
    });

    it('takes the token lifetime and an expire-all from the control API', async () => {
      await emulator.app.request('/_emulator/tokens', {
        method: 'PUT',
        body: JSON.stringify({ lifetimeSeconds: 5 }),
      });
      const short = (await (await authorize(PAYROC_EMULATOR_API_KEY)).json()) as {
        access_token: string;
        expires_in: number;
      };
      expect(short.expires_in).toBe(5);
      clock = new Date(clock.getTime() + 5000);
      expect((await api('GET', LINKS, { bearer: short.access_token })).status).toBe(401);
      expect((await api('GET', LINKS)).status).toBe(200);
      await emulator.app.request('/_emulator/tokens/expire', { method: 'POST' });
      expect((await api('GET', LINKS)).status).toBe(401);
    });
  });

  describe('idempotency', () => {
    it('refuses a POST without Idempotency-Key in the problem shape', async () => {
      const response = await api('POST', LINKS, { body: singleUseExample });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: `${ERRORS}#idempotency-key-missing`, status: 400 });
      const share = await api('POST', `/v1/payment-links/${(await create()).paymentLinkId}/sharing-events`, {
        body: shareExample,
      });
      expect(share.status).toBe(400);
    });

    it('replays the stored response for the same key and body, and creates one link', async () => {
      const key = crypto.randomUUID();
      const first = await api('POST', LINKS, { body: singleUseExample, key });
      const second = await api('POST', LINKS, { body: singleUseExample, key });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      expect(await second.json()).toEqual(await first.json());
      const all = (await (await emulator.app.request('/_emulator/links')).json()) as { links: unknown[] };
      expect(all.links).toHaveLength(1);
    });

    it('answers 409 when a key is reused with another body or URI', async () => {
      const key = crypto.randomUUID();
      expect((await api('POST', LINKS, { body: singleUseExample, key })).status).toBe(201);
      const other = await api('POST', LINKS, {
        body: { ...singleUseExample, merchantReference: 'other' },
        key,
      });
      expect(other.status).toBe(409);
      expect(await other.json()).toMatchObject({ type: `${ERRORS}#idempotency-key-in-use`, status: 409 });
      const link = await create();
      const elsewhere = await api('POST', `/v1/payment-links/${link.paymentLinkId}/sharing-events`, {
        body: singleUseExample,
        key,
      });
      expect(elsewhere.status).toBe(409);
    });

    it('does not keep a key whose request was refused', async () => {
      const key = crypto.randomUUID();
      expect((await api('POST', LINKS, { body: { ...singleUseExample, authType: 'x' }, key })).status).toBe(
        400,
      );
      expect((await api('POST', LINKS, { body: singleUseExample, key })).status).toBe(201);
    });
  });

  describe('payment links', () => {
    it('creates the documented multi-use example with a Location header', async () => {
      const response = await api('POST', LINKS, {
        body: multiUseExample,
        key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
      });
      expect(response.status).toBe(201);
      const link = (await response.json()) as Record<string, unknown> & { paymentLinkId: string };
      expect(link.paymentLinkId).toMatch(/^[A-Z0-9]{10}$/);
      expect(response.headers.get('location')).toBe(
        `http://localhost:8794/v1/payment-links/${link.paymentLinkId}`,
      );
      expect(link).toMatchObject({
        ...multiUseExample,
        status: 'active',
        createdOn: '2026-03-01',
        assets: {
          paymentUrl: expect.stringMatching(
            /^http:\/\/localhost:8794\/merchant\/pay-by-link\?token=[0-9a-f-]{36}$/,
          ),
          paymentButton: expect.stringContaining('>Pay Now</a>'),
        },
      });
      expect(Object.keys(link)).toEqual([
        'type',
        'paymentLinkId',
        'merchantReference',
        'order',
        'authType',
        'paymentMethods',
        'assets',
        'status',
        'createdOn',
      ]);
    });

    it('creates the documented single-use example', async () => {
      const link = await create(singleUseExample);
      expect(link).toMatchObject({
        type: 'singleUse',
        expiresOn: '2026-03-31',
        order: { orderId: 'OrderRef7654' },
      });
    });

    it('refuses invalid bodies with Payroc field errors', async () => {
      const cases: Array<[unknown, string]> = [
        [{ ...multiUseExample, paymentMethods: ['card', 'card'] }, 'paymentMethods[1]'],
        [
          { ...multiUseExample, order: { charge: { preset: { amount: 100, currency: 'AED' } } } },
          'order.charge',
        ],
        [
          { ...multiUseExample, order: { charge: { type: 'preset', currency: 'GBP' } } },
          'order.charge.amount',
        ],
        [
          { ...multiUseExample, order: { charge: { type: 'preset', amount: 10.5, currency: 'GBP' } } },
          'order.charge.amount',
        ],
        [{ ...singleUseExample, expiresOn: undefined }, 'expiresOn'],
        [{ ...singleUseExample, expiresOn: '2026-02-28' }, 'expiresOn'],
        [{ ...singleUseExample, order: { charge: { type: 'prompt', currency: 'AED' } } }, 'order.orderId'],
        [
          { ...multiUseExample, authType: 'preAuthorization', paymentMethods: ['card', 'bankTransfer'] },
          'paymentMethods',
        ],
        [
          { ...multiUseExample, order: { charge: { type: 'prompt', currency: 'XYZ' } } },
          'order.charge.currency',
        ],
      ];
      for (const [body, parameter] of cases) {
        const response = await api('POST', LINKS, { body, key: crypto.randomUUID() });
        expect(response.status).toBe(400);
        const problem = (await response.json()) as { type: string; errors: Array<{ parameter: string }> };
        expect(problem.type).toBe(`${ERRORS}#bad-request`);
        expect(problem.errors.map((e) => e.parameter)).toContain(parameter);
      }
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await api('POST', LINKS, {
        body: 'x',
        key: crypto.randomUUID(),
        contentType: 'text/plain',
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ type: `${ERRORS}#unsupported-media-type` });
    });

    it('answers 404 not-found for an unknown link or terminal', async () => {
      const response = await api('GET', '/v1/payment-links/NOPE000000');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ type: `${ERRORS}#not-found`, resource: 'paymentLink' });
      expect((await api('GET', '/v1/processing-terminals/999/payment-links')).status).toBe(404);
    });

    it('lists links with filters and cursor pagination', async () => {
      const a = await create(multiUseExample);
      const b = await create(singleUseExample);
      const first = (await (await api('GET', `${LINKS}?limit=1`)).json()) as {
        count: number;
        hasMore: boolean;
        links: Array<{ rel: string; href: string }>;
        data: Array<{ paymentLinkId: string }>;
      };
      expect(first).toMatchObject({ limit: 1, count: 1, hasMore: true });
      expect(first.data[0]!.paymentLinkId).toBe(a.paymentLinkId);
      const next = first.links.find((l) => l.rel === 'next')!;
      const second = (await (await api('GET', pagePath(next.href))).json()) as typeof first;
      expect(second.data.map((l) => l.paymentLinkId)).toEqual([b.paymentLinkId]);
      expect(second.hasMore).toBe(false);
      const singles = (await (await api('GET', `${LINKS}?linkType=singleUse`)).json()) as typeof first;
      expect(singles.data.map((l) => l.paymentLinkId)).toEqual([b.paymentLinkId]);
      expect((await api('GET', `${LINKS}?status=deactived`)).status).toBe(400);
      expect((await api('GET', `${LINKS}?before=${b.paymentLinkId}&after=${a.paymentLinkId}`)).status).toBe(
        400,
      );
    });
  });

  describe('hosted page and payments', () => {
    it('completes a single-use link after one approved payment on the page', async () => {
      const link = await create({
        ...singleUseExample,
        order: { ...singleUseExample.order, description: '<b>Pie</b>' },
      });
      const page = await emulator.app.request(pagePath(link.assets.paymentUrl));
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('&lt;b&gt;Pie&lt;/b&gt;');
      expect(text).not.toContain('<script');
      const declined = await emulator.app.request(pagePath(link.assets.paymentUrl), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'rejected', amount: '10.00' }),
      });
      expect(declined.status).toBe(200);
      expect(await statusOf(link.paymentLinkId)).toBe('active');
      const approved = await emulator.app.request(pagePath(link.assets.paymentUrl), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'approved', amount: '10.00' }),
      });
      expect(await approved.text()).toContain('Payment approved');
      expect(await statusOf(link.paymentLinkId)).toBe('completed');
      expect(await (await emulator.app.request(pagePath(link.assets.paymentUrl))).text()).toContain(
        'can no longer be paid',
      );
      expect((await pay(link.paymentLinkId, 'approved')).status).toBe(409);
    });

    it('asks for the amount of a prompt charge', async () => {
      const link = await create();
      const response = await emulator.app.request(pagePath(link.assets.paymentUrl), {
        method: 'POST',
        body: new URLSearchParams({ outcome: 'approved' }),
      });
      expect(response.status).toBe(400);
      expect(await statusOf(link.paymentLinkId)).toBe('active');
    });

    it('keeps a multi-use link active after payments', async () => {
      const link = await create(multiUseExample);
      expect((await pay(link.paymentLinkId, 'approved', { amount: '5.00' })).status).toBe(200);
      expect((await pay(link.paymentLinkId, 'approved', { amount: '7.50' })).status).toBe(200);
      expect(await statusOf(link.paymentLinkId)).toBe('active');
      const all = (await (await emulator.app.request('/_emulator/links')).json()) as {
        links: Array<{ payments: Array<{ amount: number }> }>;
      };
      expect(all.links[0]!.payments.map((p) => p.amount)).toEqual([500, 750]);
    });

    it('deactivates for good, with or without an Idempotency-Key', async () => {
      const link = await create();
      const response = await api('POST', `/v1/payment-links/${link.paymentLinkId}/deactivate`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'deactivated' });
      expect((await pay(link.paymentLinkId, 'approved')).status).toBe(409);
      const patch = await api('PATCH', `/v1/payment-links/${link.paymentLinkId}`, {
        body: [{ op: 'replace', path: '/expiresOn', value: '2026-12-31' }],
        key: crypto.randomUUID(),
      });
      expect(patch.status).toBe(409);
      const other = await create();
      const keyed = await api('POST', `/v1/payment-links/${other.paymentLinkId}/deactivate`, {
        key: crypto.randomUUID(),
      });
      expect(keyed.status).toBe(200);
    });

    it('expires a link after its expiresOn day and revives it when expiresOn moves forward', async () => {
      const link = await create();
      clock = new Date('2026-03-31T23:59:00Z');
      token = ((await (await authorize(PAYROC_EMULATOR_API_KEY)).json()) as { access_token: string })
        .access_token;
      expect(await statusOf(link.paymentLinkId)).toBe('active');
      clock = new Date('2026-04-01T00:00:00Z');
      expect(await statusOf(link.paymentLinkId)).toBe('expired');
      expect((await pay(link.paymentLinkId, 'approved')).status).toBe(409);
      const patched = await api('PATCH', `/v1/payment-links/${link.paymentLinkId}`, {
        body: [{ op: 'replace', path: '/expiresOn', value: '2026-04-30' }],
        key: crypto.randomUUID(),
      });
      expect(patched.status).toBe(200);
      const body = (await patched.json()) as { status: string; assets: { paymentUrl: string } };
      expect(body.status).toBe('active');
      // §3.4: updating a single-use link rotates its URL; the old one stops working.
      expect(body.assets.paymentUrl).not.toBe(link.assets.paymentUrl);
      expect((await emulator.app.request(pagePath(link.assets.paymentUrl))).status).toBe(404);
      expect((await emulator.app.request(pagePath(body.assets.paymentUrl))).status).toBe(200);
    });

    it('refuses to patch what Payroc does not let change', async () => {
      const link = await create(multiUseExample);
      const response = await api('PATCH', `/v1/payment-links/${link.paymentLinkId}`, {
        body: [{ op: 'replace', path: '/authType', value: 'preAuthorization' }],
        key: crypto.randomUUID(),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ parameter: '[0].path' }] });
    });
  });

  describe('sharing events', () => {
    it('shares the documented example, records the e-mails and lists the event', async () => {
      const link = await create();
      const response = await api('POST', `/v1/payment-links/${link.paymentLinkId}/sharing-events`, {
        body: shareExample,
        key: crypto.randomUUID(),
      });
      expect(response.status).toBe(201);
      const event = (await response.json()) as { sharingEventId: string; dateTime: string };
      expect(event).toMatchObject({
        ...shareExample,
        sharingEventId: expect.stringMatching(/^[A-Z0-9]{10}$/),
      });
      expect(event.dateTime).toBe('2026-03-01T12:00:00Z');
      const outbox = (await (await emulator.app.request('/_emulator/outbox')).json()) as {
        emails: Array<{ to: { email: string }; merchantCopy: boolean; paymentUrl: string; message: string }>;
      };
      expect(outbox.emails.map((e) => e.to.email)).toEqual([
        'sarah.hopper@example.com',
        PAYROC_EMULATOR_MERCHANT_EMAIL,
      ]);
      expect(outbox.emails[0]).toMatchObject({
        paymentUrl: link.assets.paymentUrl,
        message: shareExample.message,
      });
      const list = (await (
        await api('GET', `/v1/payment-links/${link.paymentLinkId}/sharing-events`)
      ).json()) as {
        data: unknown[];
      };
      expect(list).toMatchObject({ count: 1, hasMore: false, data: [event] });
      const byRecipient = (await (
        await api('GET', `${LINKS}?recipientEmail=${encodeURIComponent('sarah.hopper@example.com')}`)
      ).json()) as { data: Array<{ paymentLinkId: string }> };
      expect(byRecipient.data.map((l) => l.paymentLinkId)).toEqual([link.paymentLinkId]);
    });

    it('refuses bad recipients with field errors', async () => {
      const link = await create();
      const response = await api('POST', `/v1/payment-links/${link.paymentLinkId}/sharing-events`, {
        body: { sharingMethod: 'email', recipients: [{ name: 'x', email: 'banana' }, { email: 'a@b.co' }] },
        key: crypto.randomUUID(),
      });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ parameter: string }> };
      expect(problem.errors.map((e) => e.parameter)).toEqual(['recipients[0].email', 'recipients[1].name']);
    });
  });
});

// --- Against Payroc's published examples --------------------------------------------------------
// The client-side requests of packages/providers/src/payroc/fixtures (copied from payroc/payroc-sdk-js
// wire tests and payroc/api-specs, each file naming its source) are sent to the emulator, and its
// answers are compared field by field with the examples' responses. Read as data files: the emulators
// package does not depend on the providers package.

interface Fixture {
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  };
  // biome-ignore lint/suspicious/noExplicitAny: published example bodies, read freely in tests
  response: { status: number; body: any };
}
const fixture = (name: string): Fixture =>
  JSON.parse(
    readFileSync(new URL(`../../../providers/src/payroc/fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as Fixture;

/**
 * Where `ours` differs in shape from `theirs`: `+path` a field Payroc's example does not have, `-path`
 * one of theirs we do not send, `~path` another JSON type. Arrays are compared item by item against
 * their first item.
 */
function shapeDiff(ours: unknown, theirs: unknown, path = ''): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (kind(ours) !== kind(theirs)) return [`~${path || '.'}`];
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (theirs.length === 0) return [];
    return [...new Set(ours.flatMap((item) => shapeDiff(item, theirs[0], `${path}[]`)))];
  }
  if (kind(ours) !== 'object') return [];
  const a = ours as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  return [
    ...Object.keys(a)
      .filter((k) => !(k in b))
      .map((k) => `+${path}.${k}`),
    ...Object.keys(b)
      .filter((k) => !(k in a))
      .map((k) => `-${path}.${k}`),
    ...Object.keys(a)
      .filter((k) => k in b)
      .flatMap((k) => shapeDiff(a[k], b[k], `${path}.${k}`)),
  ];
}

describe('Payroc emulator against the published examples', () => {
  let emulator: Emulator;
  let token: string;
  const clock = new Date('2024-07-02T15:30:00Z'); // the examples' createdOn

  const send = (f: Fixture['request'], extra: Record<string, string> = {}) => {
    const url = new URL(`http://emulator${f.path === '/authorize' ? '' : '/v1'}${f.path}`);
    for (const [k, v] of Object.entries(f.query ?? {})) url.searchParams.set(k, v);
    return emulator.app.request(url.pathname + url.search, {
      method: f.method,
      headers: {
        ...(f.path === '/authorize'
          ? { 'x-api-key': PAYROC_EMULATOR_API_KEY }
          : { authorization: `Bearer ${token}` }),
        'content-type': 'application/json',
        // The example's own headers (its Idempotency-Key), then ours: a fresh key per create here.
        ...Object.fromEntries(
          Object.entries(f.headers ?? {})
            .filter(([k]) => k !== 'x-api-key')
            .map(([k, v]) => [k.toLowerCase(), v]),
        ),
        ...extra,
      },
      body: f.body === undefined ? undefined : JSON.stringify(f.body),
    });
  };
  const created = async (
    name: 'create-multi-use' | 'create-single-use',
    headers: Record<string, string> = {},
  ) => {
    const request = fixture(name).request;
    const response = await send(request, { 'idempotency-key': crypto.randomUUID(), ...headers });
    expect(response.status, await response.clone().text()).toBe(201);
    // biome-ignore lint/suspicious/noExplicitAny: published example bodies, read freely in tests
    return response.json() as Promise<Record<string, any>>;
  };

  beforeEach(async () => {
    emulator = createPayrocEmulator({ publicUrl: 'http://localhost:8794', now: () => clock });
    token = ((await (await send(fixture('authorize').request)).json()) as { access_token: string })
      .access_token;
  });

  it('answers the token exchange with the fields of auth.test.ts "retrieveToken"', async () => {
    const answer = await (await send(fixture('authorize').request)).json();
    expect(shapeDiff(answer, fixture('authorize').response.body)).toEqual([]);
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('answers "create (1)" with the fields of its example, echoing what was sent', async () => {
    const { request, response } = fixture('create-multi-use');
    const answer = await created('create-multi-use');
    // The example also shows fields the request did not send (a description, a label, tokenization).
    expect(shapeDiff(answer, response.body).sort()).toEqual(
      ['-.credentialOnFile', '-.customLabels', '-.expiresOn', '-.order.description'].sort(),
    );
    const sent = request.body as Record<string, unknown>;
    for (const field of ['type', 'merchantReference', 'order', 'authType', 'paymentMethods'])
      expect(answer[field], field).toEqual(sent[field]);
    expect(answer.paymentLinkId).toMatch(/^[A-Z0-9]{10}$/);
    expect(answer.assets.paymentUrl).toMatch(/\/merchant\/pay-by-link\?token=[0-9a-f-]{36}$/);
    expect(answer.assets.paymentButton).toContain(answer.assets.paymentUrl);
    expect(answer).toMatchObject({ status: response.body.status, createdOn: response.body.createdOn });
  });

  it('answers "create (2)" (single-use) with the link fields, expiry included', async () => {
    const { request, response } = fixture('create-single-use');
    const answer = await created('create-single-use');
    expect(shapeDiff(answer, response.body).sort()).toEqual(
      ['-.credentialOnFile', '-.customLabels', '-.order.description', '+.order.orderId'].sort(),
    );
    const sent = request.body as Record<string, unknown>;
    for (const field of ['type', 'merchantReference', 'order', 'authType', 'paymentMethods', 'expiresOn'])
      expect(answer[field], field).toEqual(sent[field]);
  });

  it('answers "retrieve (1)" and "deactivate (1)" (no Idempotency-Key) with the link fields', async () => {
    const link = await created('create-multi-use');
    const path = (f: Fixture) => ({
      ...f.request,
      path: f.request.path.replace('JZURRJBUPS', link.paymentLinkId),
    });
    const retrieved = await send(path(fixture('retrieve')));
    expect(retrieved.status).toBe(fixture('retrieve').response.status);
    const missing = ['-.credentialOnFile', '-.customLabels', '-.expiresOn', '-.order.description'].sort();
    expect(shapeDiff(await retrieved.json(), fixture('retrieve').response.body).sort()).toEqual(missing);
    const deactivated = await send(path(fixture('deactivate')));
    expect(deactivated.status).toBe(fixture('deactivate').response.status);
    const body = await deactivated.json();
    expect(shapeDiff(body, fixture('deactivate').response.body).sort()).toEqual(missing);
    expect(body.status).toBe('deactivated');
  });

  it('answers "share (1)" with the sharing-event fields', async () => {
    const link = await created('create-multi-use');
    const { request, response } = fixture('share');
    const answer = await send({ ...request, path: request.path.replace('JZURRJBUPS', link.paymentLinkId) });
    expect(answer.status).toBe(201);
    const body = await answer.json();
    expect(shapeDiff(body, response.body)).toEqual([]);
    expect(body).toMatchObject({
      ...(request.body as object),
      sharingEventId: expect.stringMatching(/^[A-Z0-9]{10}$/),
    });
    expect(body.dateTime).toBe('2024-07-02T15:30:00Z');
  });

  it('lists links in the envelope of the published list example', async () => {
    await created('create-multi-use');
    await created('create-single-use');
    const answer = await (
      await send({
        ...fixture('list-links').request,
        path: fixture('list-links').request.path.replace('{processingTerminalId}', '1234001'),
        query: { limit: '1' },
      })
    ).json();
    const example = fixture('list-links').response.body;
    expect(Object.keys(answer).sort()).toEqual(Object.keys(example).sort());
    expect(shapeDiff(answer.links, example.links)).toEqual([]);
    expect(answer.links.map((l: { rel: string }) => l.rel)).toEqual(['next']);
  });

  it('serves the processing terminal with its timezone, as "retrieve (1)" of processingTerminals does', async () => {
    const zoned = createPayrocEmulator({
      publicUrl: 'http://localhost:8794',
      now: () => clock,
      timeZone: 'America/Chicago',
    });
    emulator = zoned;
    token = ((await (await send(fixture('authorize').request)).json()) as { access_token: string })
      .access_token;
    const answer = await (await send(fixture('processing-terminal').request)).json();
    const extra = shapeDiff(answer, fixture('processing-terminal').response.body).filter(
      (d) => d.startsWith('+') || d.startsWith('~'),
    );
    expect(extra).toEqual([]);
    expect(answer).toMatchObject({
      processingTerminalId: '1234001',
      status: 'active',
      timezone: 'America/Chicago',
    });
  });

  describe('payments by paymentLinkId', () => {
    const payOn = async (id: string, outcome: string, paymentMethod = 'card', amount = '12.50') => {
      const response = await emulator.app.request(`/_emulator/links/${id}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome, amount, paymentMethod }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };

    it("lists a link's card payments in the shape of the published GET /payments example", async () => {
      const link = await created('create-multi-use');
      await created('create-multi-use'); // another link, whose payments must not be listed
      await payOn(link.paymentLinkId, 'approved');
      await payOn(link.paymentLinkId, 'rejected');
      const { request, response } = fixture('list-card-payments');
      const answer = await (await send({ ...request, query: { paymentLinkId: link.paymentLinkId } })).json();
      expect(Object.keys(answer).sort()).toEqual(Object.keys(response.body).sort());
      expect(answer.count).toBe(2);
      // Our items carry no field Payroc's do not, with the same types; we leave out optional ones.
      const diff = shapeDiff(answer.data, response.body.data);
      expect(diff.filter((d) => !d.startsWith('-'))).toEqual([]);
      expect(diff.sort()).toEqual(
        [
          '-[].operator',
          '-[].card.cardholderName',
          '-[].card.secureToken',
          '-[].card.securityChecks',
          '-[].supportedOperations',
          // Not sent: the example request has no description; a declined payment has no approval.
          '-[].order.description',
          '-[].transactionResult.approvalCode',
          '-[].transactionResult.authorizedAmount',
        ].sort(),
      );
      expect(answer.data[0]).toMatchObject({
        processingTerminalId: '1234001',
        order: { orderId: 'LinkRef6543', dateTime: '2024-07-02T15:30:00Z', amount: 1250, currency: 'AED' },
        transactionResult: { type: 'sale', status: 'ready', responseCode: 'A', authorizedAmount: 1250 },
      });
      expect(answer.data[1].transactionResult).toMatchObject({ status: 'declined', responseCode: 'D' });
      const none = await (await send({ ...request, query: { paymentLinkId: 'NOPAYMENTS' } })).json();
      expect(none).toEqual(fixture('list-card-payments-empty').response.body);
    });

    it('lists bank-transfer payments in the shape of the published example, and needs the terminal', async () => {
      const link = await created('create-multi-use');
      const sent = fixture('create-multi-use').request.body as Record<string, unknown>;
      const both = await (
        await send(
          {
            ...fixture('create-multi-use').request,
            body: { ...sent, paymentMethods: ['card', 'bankTransfer'] },
          },
          { 'idempotency-key': crypto.randomUUID() },
        )
      ).json();
      await payOn(both.paymentLinkId, 'approved', 'bankTransfer');
      await payOn(both.paymentLinkId, 'approved', 'card');
      const { request, response } = fixture('list-bank-transfer-payments');
      const answer = await (
        await send({ ...request, query: { ...request.query, paymentLinkId: both.paymentLinkId } })
      ).json();
      expect(answer.count).toBe(1);
      const diff = shapeDiff(answer.data, response.body.data);
      // Payroc's example is a Canadian PAD account; ours is ACH (routingNumber instead of transit/institution).
      expect(diff.sort()).toEqual(
        [
          '+[].bankAccount.routingNumber',
          '+[].bankAccount.secCode',
          '-[].bankAccount.institutionNumber',
          '-[].bankAccount.transitNumber',
          '-[].customer',
          '-[].order.breakdown',
          '-[].order.description',
        ].sort(),
      );
      expect(answer.data[0].transactionResult).toMatchObject({
        type: 'payment',
        status: 'ready',
        responseCode: 'A',
      });
      const noTerminal = await send({ ...request, query: { paymentLinkId: link.paymentLinkId } });
      expect(noTerminal.status).toBe(400);
      expect((await noTerminal.json()).errors[0].parameter).toBe('processingTerminalId');
    });
  });

  it('expires a link at the end of its expiresOn day on the terminal clock, not in UTC', async () => {
    let now = new Date('2024-08-03T02:00:00Z'); // 21:00 on 2 August in Chicago, already 3 August in UTC
    emulator = createPayrocEmulator({
      publicUrl: 'http://localhost:8794',
      now: () => now,
      timeZone: 'America/Chicago',
    });
    token = ((await (await send(fixture('authorize').request)).json()) as { access_token: string })
      .access_token;
    const link = await created('create-single-use'); // expiresOn 2024-08-02
    const status = async () =>
      (
        (await (await send({ method: 'GET', path: `/payment-links/${link.paymentLinkId}` })).json()) as {
          status: string;
        }
      ).status;
    expect(await status()).toBe('active');
    now = new Date('2024-08-03T05:00:00Z'); // midnight in Chicago
    token = ((await (await send(fixture('authorize').request)).json()) as { access_token: string })
      .access_token;
    expect(await status()).toBe('expired');
  });
});
