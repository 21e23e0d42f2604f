// The adapter against Payroc's own published examples (fixtures/README.md): a fake `fetch` answers
// with the provider-side fixtures, and what the adapter sends is checked against the client side.
import type { CreateLinkRequest } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { createAdapter, type PayrocAdapterDeps } from './adapter.ts';
import { type FixtureName, fixture, type PayrocFixture } from './fixtures/index.ts';
import { readSettings } from './settings.ts';

const settings = {
  baseUrl: 'https://api.payroc.test',
  identityUrl: 'https://identity.payroc.test',
  apiKey: 'x-api-key',
  terminalId: '1234001',
};

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Answer = PayrocFixture | { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * A fake Payroc: `routes` maps `METHOD /path` (no query, without `/v1`) to the answers given in turn
 * (the last one repeats). The identity exchange and the terminal read answer with their fixtures.
 */
function fakePayroc(routes: Record<string, Answer | Answer[]>) {
  const sent: Sent[] = [];
  const served = new Map<string, number>();
  const all: Record<string, Answer | Answer[]> = {
    'POST /authorize': fixture('authorize'),
    'GET /processing-terminals/1234001': fixture('processing-terminal'),
    ...routes,
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    sent.push({
      method: request.method,
      url,
      headers: request.headers,
      body: text ? JSON.parse(text) : null,
    });
    const key = `${request.method} ${url.pathname.replace(/^\/v1/, '')}`;
    const answers = [
      all[key] ?? { status: 404, body: { type: 'https://docs.payroc.com/api/errors#not-found' } },
    ].flat();
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    const answer = answers[Math.min(n, answers.length - 1)]!;
    const { status, body } = 'source' in answer ? answer.response : answer;
    const headers = 'source' in answer ? {} : (answer.headers ?? {});
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
  return { fetch, sent, api: () => sent.filter((s) => s.url.hostname === 'api.payroc.test') };
}

const adapterWith = (
  fake: ReturnType<typeof fakePayroc>,
  extra: Partial<typeof settings & { timeZone: string }> = {},
  deps: PayrocAdapterDeps = {},
) =>
  createAdapter(readSettings({ ...settings, ...extra }), {
    fetch: fake.fetch,
    now: () => new Date('2024-07-02T12:00:00Z'),
    ...deps,
  });

/** A provider-side fixture's body with some fields changed (the change is the test's, not the source's). */
const answerWith = (name: FixtureName, change: Record<string, unknown>): Answer => ({
  status: 200,
  body: { ...fixture(name).response.body, ...change },
});

/** A list fixture as its only page (the published examples say `hasMore: true`). */
const onlyPage = (name: FixtureName): PayrocFixture => {
  const f = fixture(name);
  f.response.body = { ...f.response.body, hasMore: false, links: [] };
  return f;
};

const multiUsePrompt: CreateLinkRequest = {
  provider: 'payroc',
  description: 'Pie It Forward charitable trust donation',
  amountMode: 'flexible',
  amount: { currency: 'AED' },
  reference: 'LinkRef6543',
};

describe('payroc adapter against the SDK wire fixtures', () => {
  it('exchanges the API key for a token as the SDK does, and sends it as a bearer token', async () => {
    const fake = fakePayroc({ 'GET /payment-links/JZURRJBUPS': fixture('retrieve') });
    await adapterWith(fake).get('JZURRJBUPS');
    const [authorize] = fake.sent;
    const expected = fixture('authorize').request;
    expect(authorize!.method).toBe(expected.method);
    expect(authorize!.url.pathname).toBe(expected.path);
    expect(authorize!.headers.get('x-api-key')).toBe(expected.headers!['x-api-key']);
    expect(authorize!.body).toBeNull();
    const token = fixture('authorize').response.body.access_token;
    expect(fake.api().every((s) => s.headers.get('authorization') === `Bearer ${token}`)).toBe(true);
  });

  it('sends the create body of the wire test "create (1)" and maps its answer', async () => {
    const fake = fakePayroc({
      'POST /processing-terminals/1234001/payment-links': fixture('create-multi-use'),
    });
    const created = await adapterWith(fake).create(multiUsePrompt, {
      idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324',
      notificationUrl: '',
    });
    const sent = fake.api().find((s) => s.method === 'POST')!;
    const expected = fixture('create-multi-use').request;
    expect(sent.url.pathname).toBe(`/v1${expected.path}`);
    expect(sent.headers.get('idempotency-key')).toBe(expected.headers!['Idempotency-Key']);
    // The fixture's body plus the description every PayLink request carries (order.description is optional).
    const body = expected.body as { order: Record<string, unknown> };
    expect(sent.body).toEqual({ ...body, order: { ...body.order, description: multiUsePrompt.description } });
    const answer = fixture('create-multi-use').response.body;
    expect(created.providerRef).toBe(answer.paymentLinkId);
    expect(created.url).toBe(answer.assets.paymentUrl);
    // expiresOn 2024-08-02 is usable to the end of that day on the terminal's clock (Pacific/Midway, UTC-11).
    expect(created.state).toMatchObject({ status: 'open', expiresAt: '2024-08-03T11:00:00.000Z' });
  });

  it('sends the single-use body of "create (2)": orderId and expiresOn on the terminal calendar', async () => {
    const fake = fakePayroc({
      'POST /processing-terminals/1234001/payment-links': fixture('create-single-use'),
    });
    await adapterWith(fake, { timeZone: 'America/Chicago' }).create(
      {
        ...multiUsePrompt,
        reference: 'OrderRef7654',
        usageLimit: 1,
        // Midnight in Chicago (UTC-5 in August) starting 3 August: the last usable day is 2 August there,
        // though it is already 3 August in UTC.
        expiresAt: '2024-08-03T05:00:00Z',
      },
      { idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324', notificationUrl: '' },
    );
    // biome-ignore lint/suspicious/noExplicitAny: published example bodies, read freely in tests
    const sent = fake.api().find((s) => s.method === 'POST')!.body as Record<string, any>;
    // biome-ignore lint/suspicious/noExplicitAny: published example bodies, read freely in tests
    const expected = fixture('create-single-use').request.body as Record<string, any>;
    expect(sent.type).toBe(expected.type);
    expect(sent.order.orderId).toBe(expected.order.orderId);
    expect(sent.order.charge).toEqual(expected.order.charge);
    expect(sent.expiresOn).toBe(expected.expiresOn);
    expect(Object.keys(sent).sort()).toEqual(Object.keys(expected).sort());
  });

  it('reads the terminal time zone once and falls back to UTC when the terminal cannot be read', async () => {
    const fake = fakePayroc({
      'GET /payment-links/JZURRJBUPS': fixture('retrieve'),
      'GET /processing-terminals/1234001': {
        status: 403,
        body: { type: 'https://docs.payroc.com/api/errors#forbidden' },
      },
    });
    const adapter = adapterWith(fake);
    expect((await adapter.get('JZURRJBUPS')).expiresAt).toBe('2024-08-03T00:00:00.000Z');
    await adapter.get('JZURRJBUPS');
    expect(fake.api().filter((s) => s.url.pathname === '/v1/processing-terminals/1234001')).toHaveLength(1);
  });

  it('fails a create when the terminal cannot be read for another reason, and asks again next time', async () => {
    const fake = fakePayroc({
      'GET /processing-terminals/1234001': [{ status: 500 }, fixture('processing-terminal')],
      'POST /processing-terminals/1234001/payment-links': fixture('create-single-use'),
    });
    const adapter = adapterWith(fake);
    const request = { ...multiUsePrompt, usageLimit: 1, expiresAt: '2024-08-03T10:00:00Z' };
    const context = { idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324', notificationUrl: '' };
    await expect(adapter.create(request, context)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(fake.api().some((s) => s.method === 'POST')).toBe(false);
    await adapter.create(request, context);
    // The day on the terminal's calendar (Pacific/Midway, UTC-11), not a UTC guess.
    expect((fake.api().find((s) => s.method === 'POST')!.body as { expiresOn: string }).expiresOn).toBe(
      '2024-08-02',
    );
  });

  it('deactivates with the request of "deactivate (1)"', async () => {
    const fake = fakePayroc({ 'POST /payment-links/JZURRJBUPS/deactivate': fixture('deactivate') });
    await adapterWith(fake).disable('JZURRJBUPS');
    const sent = fake.api().find((s) => s.method === 'POST')!;
    expect(sent.url.pathname).toBe(`/v1${fixture('deactivate').request.path}`);
    expect(sent.body).toBeNull();
  });

  it('shares with the body of "share (1)" and maps its sharing event', async () => {
    const fake = fakePayroc({ 'POST /payment-links/JZURRJBUPS/sharing-events': fixture('share') });
    const expected = fixture('share').request.body as { message: string };
    const result = await adapterWith(fake).share('JZURRJBUPS', {
      recipients: ['Sarah Hazel Hopper <sarah.hopper@example.com>'],
      message: expected.message,
      merchantCopy: true,
    });
    expect(fake.api().find((s) => s.method === 'POST')!.body).toEqual(expected);
    const answer = fixture('share').response.body;
    expect(result).toEqual({
      shareId: answer.sharingEventId,
      recipients: ['sarah.hopper@example.com'],
      sharedAt: answer.dateTime,
    });
  });

  it('lists links from the published list example, with its cursors', async () => {
    const fake = fakePayroc({ 'GET /processing-terminals/1234001/payment-links': fixture('list-links') });
    const page = await adapterWith(fake).list({ limit: 2 });
    expect(page.links.map((l) => l.providerRef)).toEqual(['JZURRJBUPS', 'CKHP6VVWYT']);
    expect(page.links.map((l) => l.state.payments.limit)).toEqual([null, 1]);
    expect(page).toMatchObject({ hasMore: true, next: 'CKHP6VVWYT', previous: 'JZURRJBUPS' });
  });
});

describe('payroc payments (GET /payments and /bank-transfer-payments by paymentLinkId)', () => {
  it('counts the card payments of a multi-use link and reports the last one', async () => {
    const fake = fakePayroc({
      'GET /payment-links/JZURRJBUPS': fixture('retrieve'),
      'GET /payments': onlyPage('list-card-payments'),
    });
    const adapter = adapterWith(fake);
    const state = await adapter.get('JZURRJBUPS');
    expect(state).toMatchObject({
      status: 'open',
      payments: { count: 2, limit: null },
      // The published payments' `order.amount` 4999 in minor units of USD.
      lastPayment: {
        outcome: 'approved',
        at: '2024-07-02T15:30:00Z',
        amount: { value: '49.99', currency: 'USD' },
      },
    });
    const read = fake.api().find((s) => s.url.pathname === '/v1/payments')!;
    expect(read.url.searchParams.get('paymentLinkId')).toBe('JZURRJBUPS');
    // The link takes card only: no bank-transfer read.
    expect(fake.api().some((s) => s.url.pathname === '/v1/bank-transfer-payments')).toBe(false);
    const payments = await adapter.payments('JZURRJBUPS');
    expect(payments.lastApproved).toMatchObject({ amount: 4999, currency: 'USD', paymentId: 'E29U8OU8Q4' });
  });

  it('follows the next cursor to the last page', async () => {
    const [first, last] = [fixture('list-card-payments'), fixture('list-card-payments')];
    last.response.body = { ...last.response.body, hasMore: false, links: [] };
    const fake = fakePayroc({
      'GET /payment-links/JZURRJBUPS': fixture('retrieve'),
      'GET /payments': [first, last],
    });
    expect((await adapterWith(fake).get('JZURRJBUPS')).payments.count).toBe(4);
    const reads = fake.api().filter((s) => s.url.pathname === '/v1/payments');
    expect(reads.map((s) => s.url.searchParams.get('after'))).toEqual([null, 'E29U8OU8Q4']);
  });

  it('adds bank-transfer payments, read with the terminal id the route requires', async () => {
    const link = fixture('list-links').response.body.data[0]; // card and bankTransfer
    const fake = fakePayroc({
      'GET /payment-links/JZURRJBUPS': { status: 200, body: link },
      'GET /payments': fixture('list-card-payments-empty'),
      'GET /bank-transfer-payments': onlyPage('list-bank-transfer-payments'),
    });
    const state = await adapterWith(fake).get('JZURRJBUPS');
    expect(state.payments.count).toBe(2);
    const read = fake.api().find((s) => s.url.pathname === '/v1/bank-transfer-payments')!;
    expect(read.url.searchParams.get('processingTerminalId')).toBe('1234001');
    expect(read.url.searchParams.get('paymentLinkId')).toBe('JZURRJBUPS');
  });

  it('gives a completed single-use link the time of its payment', async () => {
    const fake = fakePayroc({
      'GET /payment-links/CKHP6VVWYT': answerWith('retrieve', {
        type: 'singleUse',
        paymentLinkId: 'CKHP6VVWYT',
        status: 'completed',
      }),
      'GET /payments': onlyPage('list-card-payments'),
    });
    const state = await adapterWith(fake).get('CKHP6VVWYT');
    expect(state).toMatchObject({
      status: 'paid',
      payments: { count: 2, limit: 1 },
      // The published payments' `order.amount` 4999 in minor units of USD.
      lastPayment: {
        outcome: 'approved',
        at: '2024-07-02T15:30:00Z',
        amount: { value: '49.99', currency: 'USD' },
      },
    });
  });

  it('reports no payments when the list is empty, and the link alone when the list is refused', async () => {
    const empty = fakePayroc({
      'GET /payment-links/JZURRJBUPS': fixture('retrieve'),
      'GET /payments': fixture('list-card-payments-empty'),
    });
    expect(await adapterWith(empty).get('JZURRJBUPS')).toMatchObject({
      payments: { count: 0, limit: null },
      lastPayment: null,
    });
    const refused = fakePayroc({
      'GET /payment-links/JZURRJBUPS': answerWith('retrieve', { type: 'singleUse', status: 'completed' }),
      'GET /payments': { status: 403, body: { type: 'https://docs.payroc.com/api/errors#forbidden' } },
    });
    expect(await adapterWith(refused).get('JZURRJBUPS')).toMatchObject({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: { outcome: 'approved', at: null },
    });
  });

  it('does not count declined card payments, refunds or captures of a pre-authorization', async () => {
    const listed = fixture('list-card-payments');
    const [approved, other] = listed.response.body.data;
    listed.response.body.data = [
      approved,
      { ...other, transactionResult: { ...other.transactionResult, status: 'declined', responseCode: 'D' } },
      {
        ...other,
        paymentId: 'REFUND0001',
        transactionResult: { ...other.transactionResult, type: 'refund' },
      },
      {
        ...other,
        paymentId: 'CAPTURE001',
        transactionResult: { ...other.transactionResult, type: 'preAuthorizationCompletion' },
      },
    ];
    listed.response.body.hasMore = false;
    const fake = fakePayroc({
      'GET /payment-links/JZURRJBUPS': fixture('retrieve'),
      'GET /payments': listed,
    });
    const state = await adapterWith(fake).get('JZURRJBUPS');
    expect(state.payments.count).toBe(1);
    expect(state.lastPayment?.outcome).toBe('rejected');
  });
});

describe('payroc retries (payroc-sdk-js requestWithRetries.ts)', () => {
  const retrieve = 'GET /payment-links/JZURRJBUPS';
  const waits: number[] = [];
  const deps = (budget = 120_000, readRetries: 'asked' | 'sdk' = 'asked'): PayrocAdapterDeps => ({
    retryBudgetMs: budget,
    readRetries,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  const run = async (answers: Answer[], budget?: number, readRetries?: 'asked' | 'sdk') => {
    waits.length = 0;
    const fake = fakePayroc({ [retrieve]: answers, 'GET /payments': fixture('list-card-payments-empty') });
    const result = await adapterWith(fake, {}, deps(budget, readRetries))
      .get('JZURRJBUPS')
      .catch((error: unknown) => error);
    return {
      result,
      tries: fake.api().filter((s) => s.url.pathname === '/v1/payment-links/JZURRJBUPS').length,
    };
  };

  it('waits as long as Retry-After asks (seconds) and then succeeds', async () => {
    const { result, tries } = await run([
      { status: 429, headers: { 'retry-after': '3' } },
      fixture('retrieve'),
    ]);
    expect(result).toMatchObject({ status: 'open' });
    expect(tries).toBe(2);
    expect(waits).toEqual([3000]);
  });

  it('reads Retry-After as an HTTP date and X-RateLimit-Reset as epoch seconds', async () => {
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    await run([{ status: 503, headers: { 'retry-after': inFiveSeconds } }, fixture('retrieve')]);
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(5000);
    const reset = String(Math.ceil(Date.now() / 1000) + 10);
    await run([{ status: 429, headers: { 'x-ratelimit-reset': reset } }, fixture('retrieve')]);
    // Plus up to 20 % jitter (10 % with random() = 0.5).
    expect(waits[0]).toBeGreaterThan(8000);
    expect(waits[0]).toBeLessThanOrEqual(11_000 * 1.1);
  });

  it('backs off 1 s then 2 s on 5xx and 408, retries twice, then reports unavailability', async () => {
    const { result, tries } = await run(
      [{ status: 503 }, { status: 408 }, { status: 500 }],
      undefined,
      'sdk',
    );
    expect(tries).toBe(3);
    expect(waits).toEqual([1000, 2000]);
    expect(result).toMatchObject({ kind: 'unavailable', retryable: true, httpStatus: 500 });
  });

  it('by default fails a read at once when the answer names no wait, for the proxy to re-read', async () => {
    const { result, tries } = await run([{ status: 503 }, fixture('retrieve')]);
    expect(tries).toBe(1);
    expect(waits).toEqual([]);
    expect(result).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      httpStatus: 503,
      retryAfterMs: null,
    });
  });

  it('does not retry other answers', async () => {
    const { tries, result } = await run([fixture('retrieve-bad-request'), fixture('retrieve')]);
    expect(tries).toBe(1);
    expect(result).toMatchObject({ kind: 'validation', httpStatus: 400 });
  });

  it('hands a wait longer than its budget to the caller as retryAfterMs instead of sleeping', async () => {
    const { result, tries } = await run(
      [{ status: 429, headers: { 'retry-after': '120' } }, fixture('retrieve')],
      2500,
    );
    expect(tries).toBe(1);
    expect(waits).toEqual([]);
    // The SDK never waits more than 60 s.
    expect(result).toMatchObject({ kind: 'unavailable', httpStatus: 429, retryAfterMs: 60_000 });
  });

  it('retries a create on a 5xx (backing off 1 s) with the same Idempotency-Key and body', async () => {
    waits.length = 0;
    const fake = fakePayroc({
      'POST /processing-terminals/1234001/payment-links': [{ status: 503 }, fixture('create-multi-use')],
    });
    await adapterWith(fake, {}, deps()).create(multiUsePrompt, {
      idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324',
      notificationUrl: '',
    });
    const creates = fake.api().filter((s) => s.method === 'POST');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.headers.get('idempotency-key')).toBe(creates[0]!.headers.get('idempotency-key'));
    expect(creates[1]!.body).toEqual(creates[0]!.body);
    expect(waits).toEqual([1000]);
  });
});
