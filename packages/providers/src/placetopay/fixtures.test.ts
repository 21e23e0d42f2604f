// The adapter fed Placetopay's own documented answers and vectors (fixtures/README.md names each
// source): a fake `fetch` answers with the fixture, so nothing here depends on our emulator.
import { type CreateLinkRequest, ProviderError, WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { createAdapter } from './adapter.ts';
import { computeTranKey, type createAuth } from './auth.ts';
import { notifications, requests, responses, signatureVectors, tranKeyVectors } from './fixtures/index.ts';
import { readSettings } from './settings.ts';
import { notificationSignature, parseWebhook } from './webhook.ts';

const BASE_URL = 'https://sites-test.placetopay.com';

/** An adapter whose `fetch` answers each call with the next fixture, recording what was sent. */
function fedWith(...answers: Array<{ status: number; body: unknown }>) {
  const sent: Array<{ url: string; body: Record<string, unknown>; contentType: string | null }> = [];
  const fakeFetch: typeof fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({
      url: request.url,
      body: (await request.json()) as Record<string, unknown>,
      contentType: request.headers.get('content-type'),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no fixture left for this call');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const adapter = createAdapter(
    readSettings({
      baseUrl: BASE_URL,
      login: 'aabbccdd1234567890aabbccdd123456',
      secretKey: notifications.secretKey,
    }),
    { fetch: fakeFetch, now: () => new Date('2024-07-30T15:00:00Z') },
  );
  return { adapter, sent };
}

const context = {
  idempotencyKey: '9f1c2d3e-4b5a-4c6d-8e7f-001122334455',
  notificationUrl: 'https://webhook-test.com',
};

// The documented create example, as our request: `expirationDate` 2024-08-12 08:10:50 in Bogota.
const documentedRequest: CreateLinkRequest = {
  provider: 'placetopay',
  amount: { value: '100000', currency: 'COP' },
  title: 'Prueba',
  description: 'Pago por infraccion',
  reference: '#5321',
  expiresAt: '2024-08-12T13:10:50Z',
  usageLimit: 7,
  locale: 'es-CO',
  paymentMethods: ['pse', 'visa'],
};

async function refusal(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** JSON type names, nested, so a shape can be compared without its values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  }
  return value === null ? 'null' : typeof value;
}

describe('placetopay adapter against the documented examples', () => {
  describe('auth (authentication.mdx; dnetix/redirection AuthenticationTest)', () => {
    it.each(tranKeyVectors.map((v) => [v.algorithm, v] as const))(
      'reproduces the %s tranKey vector from the raw nonce',
      (_, vector) => {
        expect(computeTranKey(vector.rawNonce, vector.seed, vector.secretKey, vector.algorithm)).toBe(
          vector.tranKey,
        );
        expect(Buffer.from(vector.rawNonce).toString('base64')).toBe(vector.nonce);
      },
    );

    it('sends an auth object with the documented fields, JSON content type, on every call', async () => {
      const { adapter, sent } = fedWith({ status: 200, body: responses.query.found });
      await adapter.get('21');
      expect(sent[0]!.contentType).toMatch(/^application\/json/);
      expect(Object.keys(sent[0]!.body)).toEqual(Object.keys(requests.query));
      const auth = sent[0]!.body.auth as ReturnType<typeof createAuth>;
      expect(Object.keys(auth).sort()).toEqual(Object.keys(requests.query.auth).sort());
      const rawNonce = Buffer.from(auth.nonce, 'base64').toString('utf8');
      expect(auth.tranKey).toBe(computeTranKey(rawNonce, auth.seed, notifications.secretKey));
    });
  });

  describe('create (payment-links.mdx "Create a link")', () => {
    it('sends only documented fields, with their documented types and the example expirationDate', async () => {
      const { adapter, sent } = fedWith({ status: 201, body: responses.create.createdPartly });
      await adapter.create(documentedRequest, context);
      const body = sent[0]!.body;
      expect(sent[0]!.url).toBe(`${BASE_URL}/api/payment-link`);
      // `isGeneric` is a schema property (en.yaml) that the example leaves out.
      const documented = shapeOf({ ...requests.create, isGeneric: false }) as Record<string, unknown>;
      for (const [field, shape] of Object.entries(shapeOf(body) as Record<string, unknown>)) {
        expect(documented, `field ${field}`).toHaveProperty([field]);
        if (field !== 'payment') expect(shape, `type of ${field}`).toEqual(documented[field]);
      }
      expect(shapeOf((body.payment as { amount: unknown }).amount)).toEqual({
        currency: 'string',
        total: 'number',
      });
      // 13:10:50Z is the documented example's 08:10:50 on a Bogota (-05:00) site clock.
      expect(body).toMatchObject({
        name: requests.create.name,
        reference: requests.create.reference,
        description: requests.create.description,
        expirationDate: requests.create.expirationDate,
        paymentExpiration: requests.create.paymentExpiration,
        paymentsAllowed: requests.create.paymentsAllowed,
        locale: requests.create.locale,
        paymentMethod: requests.create.paymentMethod,
        notificationUrl: requests.create.notificationUrl,
        payment: { amount: { currency: 'COP', total: 100000 } },
      });
    });

    it("writes expirationDate on the site's wall clock, America/Bogota unless set", async () => {
      const noon = { ...documentedRequest, expiresAt: '2024-08-12T12:00:00Z' };
      const bogota = fedWith({ status: 201, body: responses.create.createdPartly });
      const created = await bogota.adapter.create(noon, context);
      expect(bogota.sent[0]!.body.expirationDate).toBe('2024-08-12 07:00:00');
      expect(created.state.expiresAt).toBe('2024-08-12T12:00:00Z');

      const utcSite = createAdapter(
        readSettings({ baseUrl: BASE_URL, login: 'l', secretKey: 's', timeZone: 'UTC' }),
        {
          fetch: (async () => Response.json(responses.create.createdPartly, { status: 201 })) as typeof fetch,
        },
      );
      expect((await utcSite.create(noon, context)).state.expiresAt).toBe('2024-08-12T12:00:00Z');
    });

    it.each([
      ['201 with id/url', responses.create.createdPartly],
      ['201 with the older requestId/processUrl', responses.create.created],
    ])('reads the link id and URL of the %s answer', async (_, answer) => {
      const { adapter } = fedWith({ status: 201, body: answer });
      const created = await adapter.create(documentedRequest, context);
      expect(created.providerRef).toBe('1');
      expect(created.url).toBe('https://sites-test.placetopay.com/link/show?genid=22&code=190');
      expect(created.state).toMatchObject({ status: 'open', payments: { count: 0, limit: 7 } });
    });

    it('reads the documented 401 as an auth error naming code 102', async () => {
      const { adapter } = fedWith({ status: 401, body: responses.create.unauthorized });
      const error = await refusal(adapter.create(documentedRequest, context));
      expect(error).toMatchObject({ kind: 'auth', retryable: false, httpStatus: 401 });
      expect(error.message).toMatch(/\(102\)/);
    });

    it('reads the documented 422 as field errors on our expiresAt', async () => {
      const { adapter } = fedWith({ status: 422, body: responses.create.invalid });
      const error = await refusal(adapter.create(documentedRequest, context));
      expect(error).toMatchObject({ kind: 'validation', httpStatus: 422 });
      expect(error.errors).toEqual(
        responses.create.invalid.errors.expirationDate.map((message) => ({
          field: 'expiresAt',
          message: `placetopay: ${message}`,
        })),
      );
    });
  });

  describe('query (payment-links.mdx "Get a link")', () => {
    it('maps the documented answer, reading its dates as -05:00 wall-clock time', async () => {
      const { adapter, sent } = fedWith({ status: 200, body: responses.query.found });
      expect(await adapter.get('21')).toEqual({
        status: 'open',
        payments: { count: 1, limit: 7 },
        // paymentDate 2024-07-26 08:21:40 and expirationDate 2024-08-12 08:10:50 in Bogota; the schema
        // gives this very expiry as `2024-08-12T08:10:50-05:00` (en.yaml, `expirationDate`).
        lastPayment: {
          outcome: 'approved',
          at: '2024-07-26T13:21:40Z',
          // The payment's `amount: { currency: 'COP', total: '100000' }`.
          amount: { value: '100000.00', currency: 'COP' },
        },
        expiresAt: '2024-08-12T13:10:50Z',
      });
      expect(sent[0]!.url).toBe(`${BASE_URL}/api/payment-link/21`);
    });

    it('reads the documented 401 (Spanish wording) as an auth error and 404 as not found', async () => {
      const { adapter } = fedWith(
        { status: 401, body: responses.query.unauthorized },
        { status: 404, body: responses.query.notFound },
      );
      const auth = await refusal(adapter.get('21'));
      expect(auth).toMatchObject({ kind: 'auth' });
      expect(auth.message).toMatch(/\(102\)/);
      expect(await refusal(adapter.get('21'))).toMatchObject({ kind: 'not_found', httpStatus: 404 });
    });
  });

  describe('disable (payment-links.mdx "Disable a link")', () => {
    it('posts to /disable/{id} and accepts the documented 200', async () => {
      const { adapter, sent } = fedWith({ status: 200, body: responses.disable.disabled });
      await adapter.disable('14');
      expect(sent[0]!.url).toBe(`${BASE_URL}/api/payment-link/disable/14`);
      expect(Object.keys(sent[0]!.body)).toEqual(Object.keys(requests.disable));
    });

    it('treats the documented 400 for a disabled link as done once the link reads INACTIVE', async () => {
      const { adapter } = fedWith(
        { status: 400, body: responses.disable.alreadyDisabled },
        { status: 200, body: { ...responses.query.found, id: 14, status: 'INACTIVE' } },
      );
      await expect(adapter.disable('14')).resolves.toBeUndefined();
    });

    it("reads the documented 401 (another site's link) as an auth error", async () => {
      const { adapter } = fedWith({ status: 401, body: responses.disable.otherSite });
      expect(await refusal(adapter.disable('14'))).toMatchObject({ kind: 'auth', httpStatus: 401 });
    });
  });

  describe('notifications (notification.mdx)', () => {
    it('concatenates id + status + date + secretKey as the published WebCheckout vectors do', () => {
      for (const v of signatureVectors) {
        expect(notificationSignature(v.id, v.status, v.date, v.secretKey, v.algorithm)).toBe(v.signature);
      }
    });

    it.each([
      ['PAID', notifications.paid],
      ['EXPIRED', notifications.expired],
    ])('accepts the documented %s body signed by the documented formula', async (status, body) => {
      const signed = {
        ...body,
        signature: notificationSignature(
          body.linkId,
          body.status.status,
          body.status.date,
          notifications.secretKey,
        ),
      };
      const { adapter } = fedWith();
      expect(await adapter.parseWebhook({ headers: new Headers(), rawBody: JSON.stringify(signed) })).toEqual(
        [{ providerRef: '2', eventId: `2:${status}:${body.status.date}`, trust: 'verified', claimed: null }],
      );
    });

    it("refuses the documented bodies' printed signatures, which do not match the documented key", () => {
      // fixtures/README.md: the page's signatures are not sha256(linkId+status+date+"mySiteSecretKey").
      for (const body of [notifications.paid, notifications.expired]) {
        expect(() => parseWebhook(JSON.stringify(body), notifications.secretKey)).toThrow(
          WebhookVerificationError,
        );
      }
    });
  });

  describe('limits (checkout en.yaml PaymentRequest)', () => {
    const { adapter } = fedWith();
    it('refuses a reference over 32 characters and a description over 250, naming field and provider', () => {
      expect(
        adapter.validate({ ...documentedRequest, reference: 'R'.repeat(32), description: 'd'.repeat(250) }),
      ).toEqual([]);
      expect(
        adapter.validate({ ...documentedRequest, reference: 'R'.repeat(33), description: 'd'.repeat(251) }),
      ).toEqual([
        { field: 'reference', message: 'placetopay takes a reference of at most 32 characters' },
        { field: 'description', message: 'placetopay takes a description of at most 250 characters' },
      ]);
    });

    it('counts characters, not UTF-16 units or bytes', () => {
      expect(adapter.validate({ ...documentedRequest, reference: `${'€'.repeat(31)}😀` })).toEqual([]);
      expect(adapter.validate({ ...documentedRequest, description: 'ñ'.repeat(250) })).toEqual([]);
    });
  });
});
