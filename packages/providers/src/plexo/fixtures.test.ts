// The adapter against Plexo's published examples (fixtures/README.md names each source), through a
// fake `fetch` that answers with them: nothing here comes from our emulator.
import { readFileSync } from 'node:fs';
import { ProviderError, WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import type { ProviderAdapter } from '../adapter.ts';
import { basicAuthorization } from './client.ts';
import { SEED_EQUIVALENT } from './fixtures/seed-equivalent.ts';
import { type PlexoCreatedLink, plexo } from './index.ts';

type Json = Record<string, unknown>;
const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(text(name)) as Json;

const LINK_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'; // create-response-201.json
const PAYMENT_ID = '6305dd2d000d6ed5d1ecf79b'; // payment-purchase-approved.json
const AUTH = json('auth-basic.json') as { clientId: string; apiKey: string; authorization: string };

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

/** An adapter whose `fetch` answers each request with `answer(method, path)`; records what was sent. */
function adapterAnswering(answer: (method: string, path: string) => Response): {
  adapter: ProviderAdapter;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      url: url.href,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return answer(init?.method ?? 'GET', url.pathname);
  }) as typeof globalThis.fetch;
  const adapter = plexo.createAdapter(
    {
      baseUrl: 'https://api.testing.plexo.com.uy',
      clientId: AUTH.clientId,
      apiKey: AUTH.apiKey,
      merchantId: '12345',
    },
    { fetch },
  );
  return { adapter, sent };
}

const answerWith = (status: number, body: string | null) =>
  new Response(body, { status, headers: body ? { 'content-type': 'application/json' } : {} });

const context = { idempotencyKey: 'k-1', notificationUrl: 'https://example.com/webhook' };

describe('plexo adapter against the published examples', () => {
  it("signs every request with the Authentication page's sample pair as its base64", async () => {
    expect(basicAuthorization(AUTH.clientId, AUTH.apiKey)).toBe(AUTH.authorization);
    const { adapter, sent } = adapterAnswering(() => answerWith(201, text('create-response-201.json')));
    await adapter.create(SEED_EQUIVALENT, context);
    expect(sent[0]!.authorization).toBe(AUTH.authorization);
  });

  it('sends create-request.json, field by field, for the equivalent request', async () => {
    const { adapter, sent } = adapterAnswering(() => answerWith(201, text('create-response-201.json')));
    await adapter.create(SEED_EQUIVALENT, context);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.testing.plexo.com.uy/v1/payment-links',
    });
    const body = sent[0]!.body as Json;
    const documented = json('create-request.json');
    // Item discount, tax and metadata have no PayLink counterpart, so they are never sent.
    const documentedItems = (documented.items as Json[]).map(({ discount, tax, metadata, ...rest }) => rest);
    for (const key of Object.keys(documented)) {
      if (key === 'items') expect(body.items, key).toEqual(documentedItems);
      else expect(body[key], key).toEqual(documented[key]);
    }
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
  });

  it('reads create-response-201.json into the created link', async () => {
    const { adapter } = adapterAnswering(() => answerWith(201, text('create-response-201.json')));
    const created = (await adapter.create(SEED_EQUIVALENT, context)) as PlexoCreatedLink;
    expect(created).toEqual({
      providerRef: LINK_ID,
      url: 'https://links.plexo.com.uy/pl_xK9mQ2vR',
      externalId: 'pl_xK9mQ2vR',
      shareUrl: 'https://links.plexo.com.uy/pl_xK9mQ2vR',
      qrCodeUrl: 'https://api.plexo.com.uy/v1/public/payment-links/pl_xK9mQ2vR/qr.svg',
      state: {
        status: 'open',
        payments: { count: 0, limit: null },
        lastPayment: null,
        expiresAt: '2025-08-01T00:00:00Z',
      },
    });
  });

  it('turns create-error-400.json into field errors in our names', async () => {
    const { adapter } = adapterAnswering(() => answerWith(400, text('create-error-400.json')));
    const error = await adapter.create(SEED_EQUIVALENT, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      kind: 'validation',
      httpStatus: 400,
      retryable: false,
      errors: [
        { field: 'amount.currency', message: "plexo: Currency is required when amountMode is 'fixed'." },
        { field: 'amount.value', message: "plexo: Total is required when amountMode is 'fixed'." },
      ],
    });
  });

  it('turns error-merchant-not-found.json (no params, no traceId) into a validation error', async () => {
    const { adapter } = adapterAnswering(() => answerWith(400, text('error-merchant-not-found.json')));
    await expect(adapter.create(SEED_EQUIVALENT, context)).rejects.toMatchObject({
      kind: 'validation',
      httpStatus: 400,
      errors: [],
    });
  });
});

describe('plexo callbacks against the published PaymentDto', () => {
  /** Plexo's answers: the payment read with `payment`, links with the documented PaymentLinkDto. */
  const plexoWith = (payment: Json | null, linkStatus = 'completed') =>
    adapterAnswering((_method, path) => {
      if (path === `/v1/payments/${PAYMENT_ID}`) {
        return payment
          ? answerWith(200, JSON.stringify(payment))
          : answerWith(404, '{"code":"not-found","status":404}');
      }
      if (path === `/v1/payment-links/${LINK_ID}`) {
        return answerWith(
          200,
          JSON.stringify({ ...json('create-response-201.json'), type: 'one-time', status: linkStatus }),
        );
      }
      return answerWith(500, null);
    });
  /** The published payment, as one taken through the seed's link would read (inferred: referenceId = link id). */
  const throughLink = { ...json('payment-purchase-approved.json'), referenceId: LINK_ID };
  const callback = {
    headers: new Headers({ 'content-type': 'application/json' }),
    rawBody: text('payment-purchase-approved.json'),
  };

  it('reads the payment the callback names and nudges its link', async () => {
    const { adapter, sent } = plexoWith(throughLink);
    expect(await adapter.parseWebhook(callback)).toEqual([
      { providerRef: LINK_ID, eventId: `payment:${PAYMENT_ID}:approved:1`, trust: 'nudge', claimed: null },
    ]);
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /v1/payments/${PAYMENT_ID}`,
    ]);
    expect(sent[0]!.authorization).toBe(AUTH.authorization);
    // The proxy's re-read then finds the link paid.
    expect((await adapter.get(LINK_ID)).status).toBe('paid');
  });

  it('nudges nothing for the published payment itself (a direct API payment, not a link)', async () => {
    const { adapter } = plexoWith(json('payment-purchase-approved.json'));
    expect(await adapter.parseWebhook(callback)).toEqual([]);
  });

  it('refuses a callback for a payment Plexo does not know', async () => {
    const { adapter } = plexoWith(null);
    await expect(adapter.parseWebhook(callback)).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('answers unavailable when the payment cannot be read, so the callback is retried', async () => {
    const { adapter } = adapterAnswering(() => answerWith(503, null));
    await expect(adapter.parseWebhook(callback)).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('reads a burst of the same callback with one payment read', async () => {
    const { adapter, sent } = plexoWith(throughLink);
    await Promise.all(Array.from({ length: 5 }, () => adapter.parseWebhook(callback)));
    expect(sent.length).toBe(1);
  });
});

describe('plexo inferred reads', () => {
  it('names read, disable and webhooks as inferred capabilities', () => {
    const { adapter } = adapterAnswering(() => answerWith(500, null));
    expect(adapter.capabilities.inferred).toEqual(expect.arrayContaining(['read', 'disable', 'webhooks']));
  });

  it.each([
    ['a 500', 500, null, true],
    ['a 429', 429, null, true],
    ['a 405 (no such route)', 405, null, false],
    ['a 400', 400, text('create-error-400.json'), false],
    ['a 200 that is not a PaymentLinkDto', 200, text('payment-read-approved.json'), false],
  ])('surfaces %s on a link read as unavailable', async (_name, status, body, retryable) => {
    const { adapter } = adapterAnswering(() => answerWith(status, body));
    const error = await adapter.get(LINK_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', retryable });
  });

  it('surfaces a failing delete as unavailable too, and refused credentials as auth', async () => {
    await expect(
      adapterAnswering(() => answerWith(502, null)).adapter.disable(LINK_ID),
    ).rejects.toMatchObject({
      kind: 'unavailable',
    });
    await expect(adapterAnswering(() => answerWith(401, null)).adapter.get(LINK_ID)).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
