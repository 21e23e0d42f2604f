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
