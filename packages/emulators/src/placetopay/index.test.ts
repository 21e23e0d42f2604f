import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
// Documented examples shared with the adapter's tests; each names its public source (fixtures/README.md).
import {
  notifications as documentedNotifications,
  requests as documentedRequests,
  responses as documentedResponses,
  tranKeyVectors,
} from '../../../providers/src/placetopay/fixtures/index.ts';
import type { Emulator } from '../common/emulator.ts';
import { expectedTranKey } from './auth.ts';
import {
  createPlacetopayEmulator,
  DEV_LOGIN,
  DEV_SECRET_KEY,
  type PlacetopayEmulatorOptions,
} from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely and checked by expect().
type Json = Record<string, any>;

const PUBLIC_URL = 'http://localhost:8791';
// Nothing listens on the discard port: deliveries fail fast but are still recorded by the control API.
const HOOK = 'http://127.0.0.1:9/hook';

let emulators: Emulator[] = [];
afterEach(() => {
  for (const e of emulators) e.close();
  emulators = [];
});

function setup(options: Partial<PlacetopayEmulatorOptions> = {}) {
  let clock = new Date('2024-07-30T15:00:00Z');
  const emulator = createPlacetopayEmulator({ publicUrl: PUBLIC_URL, now: () => clock, ...options });
  emulators.push(emulator);
  const auth = (
    login = DEV_LOGIN,
    secretKey = DEV_SECRET_KEY,
    seed = clock.toISOString(),
    rawNonce = 'b3c1a9e04d',
  ) => ({
    login,
    seed,
    nonce: Buffer.from(rawNonce).toString('base64'),
    tranKey: createHash('sha256').update(`${rawNonce}${seed}${secretKey}`).digest('base64'),
  });
  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => {
    const response = await emulator.app.request(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const create = async (fields: Record<string, unknown> = {}) => {
    const answer = await post('/api/payment-link', { auth: auth(), ...minimal(), ...fields });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: number; url: string };
  };
  const query = async (id: number) => (await post(`/api/payment-link/${id}`, { auth: auth() })).body;
  const pay = async (id: number, outcome: string, extra: Record<string, unknown> = {}) => {
    const response = await emulator.app.request(`/_emulator/links/${id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome, ...extra }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  return {
    emulator,
    auth,
    post,
    create,
    query,
    pay,
    move: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

function minimal() {
  return {
    name: 'Invoice 1042',
    reference: 'INV-1042',
    description: 'Consulting, July',
    expirationDate: '2024-08-12 08:10:50',
    paymentExpiration: 15,
    paymentsAllowed: 1,
    notificationUrl: HOOK,
    locale: 'es_CO',
    payment: { amount: { currency: 'COP', total: 100000 } },
  };
}

describe('placetopay emulator', () => {
  describe('authentication (note §2)', () => {
    it('computes the tranKey of the published SHA-256 vector', () => {
      expect(expectedTranKey('ifYEPnAcJbpDVR1t', '2016-10-26T21:37:00+00:00', 'ABCD1234')).toBe(
        'NDlpEEAIe8sbKZ6mGWQrZwbyBB62J1LcyP/a/o7LRqY=',
      );
    });

    it('refuses a wrong tranKey with 102 in the documented shape', async () => {
      const { post, auth } = setup();
      const answer = await post('/api/payment-link', { auth: auth(DEV_LOGIN, 'not-the-key'), ...minimal() });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        status: {
          status: 'FAILED',
          reason: 401,
          message: '102 (Authentication Failed)',
          date: '2024-07-30T10:00:00-05:00',
        },
      });
    });

    it('refuses a seed more than five minutes off with 103, and accepts one just inside', async () => {
      const { post, auth } = setup();
      const old = new Date(Date.parse('2024-07-30T15:00:00Z') - 5 * 60_000 - 1000).toISOString();
      const answer = await post('/api/payment-link', {
        auth: auth(DEV_LOGIN, DEV_SECRET_KEY, old),
        ...minimal(),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.status.message).toBe('103 (Authentication Failed)');
      const inside = '2024-07-30T09:56:00-05:00';
      expect(
        (await post('/api/payment-link', { auth: auth(DEV_LOGIN, DEV_SECRET_KEY, inside), ...minimal() }))
          .status,
      ).toBe(201);
    });

    it('refuses an unknown login with 101 and an inactive site with 104', async () => {
      const { post, auth } = setup();
      expect(
        (await post('/api/payment-link', { auth: auth('nobody', DEV_SECRET_KEY) })).body.status.message,
      ).toBe('101 (Authentication Failed)');
      const inactive = await post('/api/payment-link', {
        auth: auth('paylink-inactive', 'placetopay-emulator-inactive-secret'),
      });
      expect(inactive.status).toBe(401);
      expect(inactive.body.status.message).toBe('104 (Authentication Failed)');
    });

    it('hashes the decoded nonce, not its Base64 form', async () => {
      const { post, auth } = setup();
      const good = auth();
      const seed = good.seed;
      const wrong = createHash('sha256').update(`${good.nonce}${seed}${DEV_SECRET_KEY}`).digest('base64');
      const answer = await post('/api/payment-link', { auth: { ...good, tranKey: wrong }, ...minimal() });
      expect(answer.body.status.message).toBe('102 (Authentication Failed)');
    });

    it('answers "Malformed authentication" without a JSON content type or without auth', async () => {
      const { post, auth } = setup();
      const noType = await post(
        '/api/payment-link',
        { auth: auth(), ...minimal() },
        { 'content-type': 'text/plain' },
      );
      expect(noType.status).toBe(401);
      expect(noType.body.status.message).toBe('Malformed authentication');
      expect((await post('/api/payment-link', minimal())).body.status.message).toBe(
        'Malformed authentication',
      );
    });
  });

  describe('create (note §3.1)', () => {
    it('answers the documented 201 with a sequential id and the link page URL', async () => {
      const { post, auth } = setup();
      const first = await post('/api/payment-link', { auth: auth(), ...minimal() });
      expect(first.status).toBe(201);
      expect(first.body.status).toMatchObject({
        status: 'OK',
        reason: 201,
        message: 'Payment link created and notifications sent successfully.',
      });
      expect(first.body.id).toBe(1);
      expect(first.body.url).toMatch(/^http:\/\/localhost:8791\/link\/show\?genid=1&code=[0-9a-f]{40}$/);
      expect((await post('/api/payment-link', { auth: auth(), ...minimal() })).body.id).toBe(2);
    });

    it('accepts the full documented request example (seed 001)', async () => {
      const { post, auth, query } = setup();
      const answer = await post('/api/payment-link', {
        auth: auth(),
        notificationUrl: 'https://webhook-test.com',
        locale: 'es_CO',
        name: 'Prueba',
        paymentsAllowed: 7,
        expirationDate: '2024-08-12 08:10:50',
        paymentExpiration: 15,
        payment: {
          amount: {
            currency: 'COP',
            total: 100000,
            taxes: [
              { kind: 'valueAddedTax', amount: 20000, base: 1000 },
              { kind: 'municipalTax', amount: 5000, base: 2000 },
            ],
          },
          modifiers: [{ type: 'FEDERAL_GOVERNMENT', code: 17934, additional: { invoice: '12334577' } }],
        },
        reference: '#5321',
        description: 'Pago por infraccion',
        paymentMethod: ['pse', 'visa'],
        receiverEmails: ['ana@example.com', 'luis@example.com'],
        additional: [
          { keyword: 'buyer_email', value: 'ana@example.com' },
          { keyword: 'buyer_phone', value: '+573111111111', displayOn: 'both' },
        ],
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const link = await query(answer.body.id);
      // The documented query answer's fields (seed 001, "Respuesta").
      expect(Object.keys(link)).toEqual(
        expect.arrayContaining([
          'id',
          'status',
          'url',
          'expirationDate',
          'name',
          'reference',
          'description',
          'totalPayments',
          'availablePayments',
          'paymentExpiration',
          'amount',
          'site',
          'notificationUrl',
          'locale',
          'allowedPaymentMethods',
          'metadata',
          'payments',
          'isGeneric',
        ]),
      );
      expect(link).toMatchObject({
        status: 'ACTIVE',
        expirationDate: '2024-08-12 08:10:50',
        name: 'Prueba',
        reference: '#5321',
        totalPayments: 7,
        availablePayments: 7,
        paymentExpiration: 15,
        amount: {
          currency: 'COP',
          total: 100000,
          taxes: [{ kind: 'valueAddedTax', amount: 20000, base: 1000 }, {}],
        },
        site: { id: 1469 },
        locale: 'es_CO',
        allowedPaymentMethods: ['pse', 'visa'],
        metadata: {
          discount: [{ type: 'FEDERAL_GOVERNMENT', code: 17934, additional: { invoice: '12334577' } }],
        },
        payments: [],
        isGeneric: false,
      });
    });

    it('answers 422 naming every missing required field', async () => {
      const { post, auth } = setup();
      const answer = await post('/api/payment-link', { auth: auth() });
      expect(answer.status).toBe(422);
      expect(answer.body.status).toMatchObject({
        status: 'FAILED',
        reason: 422,
        message: 'Validation error.',
      });
      expect(Object.keys(answer.body.errors).sort()).toEqual(
        ['description', 'expirationDate', 'name', 'payment', 'paymentExpiration', 'reference'].sort(),
      );
      expect(answer.body.errors.expirationDate).toEqual(['The expiration date field is required.']);
      const noTotal = await post('/api/payment-link', {
        auth: auth(),
        ...minimal(),
        payment: { amount: { currency: 'COP' } },
      });
      expect(noTotal.body.errors).toEqual({
        'payment.amount.total': ['The payment.amount.total field is required.'],
      });
    });

    it('answers a badly formatted expirationDate as in the documented example', async () => {
      const { post, auth } = setup();
      const answer = await post('/api/payment-link', {
        auth: auth(),
        ...minimal(),
        expirationDate: '2024-08-12T08:10:50Z',
      });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual({
        expirationDate: [
          'The expiration date does not match the format Y-m-d H:i:s.',
          'The expiration date must be a date after 2024-07-30 10:00:00.',
        ],
      });
      const past = await post('/api/payment-link', {
        auth: auth(),
        ...minimal(),
        expirationDate: '2024-07-30 09:59:59',
      });
      expect(past.body.errors).toEqual({
        expirationDate: ['The expiration date must be a date after 2024-07-30 10:00:00.'],
      });
    });

    it('refuses a fractional total and payment methods the site has not enabled', async () => {
      const { post, auth } = setup();
      const answer = await post('/api/payment-link', {
        auth: auth(),
        ...minimal(),
        payment: { amount: { currency: 'COP', total: 100.5 } },
        paymentMethod: ['visa', 'bitcoin'],
      });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual({
        'payment.amount.total': ['The payment.amount.total must be an integer.'],
        'paymentMethod.1': ['The selected paymentMethod.1 is invalid.'],
      });
    });
  });

  describe('query and disable (note §3.2, §3.3)', () => {
    it('answers 404 for an unknown link and for any other route', async () => {
      const { post, auth } = setup();
      const answer = await post('/api/payment-link/99', { auth: auth() });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        status: {
          status: 'FAILED',
          reason: 404,
          message: 'Resource not found',
          date: '2024-07-30T10:00:00-05:00',
        },
      });
      expect((await post('/api/payment-links', { auth: auth() })).status).toBe(404);
    });

    it("refuses another site's link with 401", async () => {
      const { post, auth, create } = setup();
      const { id } = await create();
      const answer = await post(`/api/payment-link/${id}`, {
        auth: auth('paylink-other', 'placetopay-emulator-other-secret'),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.status.message).toBe('No tienes permisos para acceder a este sitio');
    });

    it('disables once, then answers 400 already disabled', async () => {
      const { post, auth, create, query } = setup();
      const { id } = await create();
      const first = await post(`/api/payment-link/disable/${id}`, { auth: auth() });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: { status: 'OK', reason: 200 }, id });
      expect((await query(id)).status).toBe('INACTIVE');
      const second = await post(`/api/payment-link/disable/${id}`, { auth: auth() });
      expect(second.status).toBe(400);
      expect(second.body.status).toMatchObject({
        status: 'FAILED',
        reason: 400,
        message: `El link de pago con ID ${id} está desactivado. No se puede realizar ninguna operación.`,
      });
    });
  });

  describe('payments (note §4)', () => {
    it('keeps a single-use link ACTIVE with no payments available once paid, and refuses more', async () => {
      const { create, query, pay } = setup();
      const { id } = await create();
      expect((await pay(id, 'approved')).status).toBe(200);
      const link = await query(id);
      expect(link).toMatchObject({ status: 'ACTIVE', totalPayments: 1, availablePayments: 0 });
      expect(link.payments).toHaveLength(1);
      expect(link.payments[0]).toMatchObject({
        id: expect.any(Number),
        requestId: expect.any(Number),
        status: 'APPROVED',
        message: 'La petición ha sido aprobada exitosamente',
        processUrl: expect.stringMatching(/^http:\/\/localhost:8791\/spa\/session\/\d+\/[0-9a-f]{32}$/),
        amount: { currency: 'COP', total: '100000' },
        receipt: expect.any(String),
        authorization: expect.any(String),
        franchise: 'CR_VS',
        paymentMethod: 'visa',
        paymentDate: '2024-07-30 10:00:00',
        internalReference: expect.any(Number),
        installments: 1,
        payer: { document: '1000000001', documentType: 'CC' },
      });
      const again = await pay(id, 'approved');
      expect(again.status).toBe(409);
      expect(again.body.error).toMatch(/no payments available/);
    });

    it('records a decline as REJECTED and keeps the link usable', async () => {
      const { create, query, pay } = setup();
      const { id } = await create();
      await pay(id, 'rejected');
      const link = await query(id);
      expect(link).toMatchObject({ status: 'ACTIVE', availablePayments: 1 });
      expect(link.payments.map((p: { status: string }) => p.status)).toEqual(['REJECTED']);
      await pay(id, 'approved');
      expect((await query(id)).availablePayments).toBe(0);
    });

    it('creates a PENDING payment that a later outcome settles', async () => {
      const { create, query, pay } = setup();
      const { id } = await create();
      await pay(id, 'pending');
      expect((await query(id)).payments.map((p: { status: string }) => p.status)).toEqual(['PENDING']);
      await pay(id, 'approved');
      const link = await query(id);
      expect(link.payments.map((p: { status: string }) => p.status)).toEqual(['APPROVED']);
      expect(link.availablePayments).toBe(0);
    });

    it('treats an omitted paymentsAllowed as unlimited', async () => {
      const { create, query, pay } = setup();
      const { id } = await create({ paymentsAllowed: undefined, isGeneric: true });
      for (let i = 0; i < 3; i++) expect((await pay(id, 'approved')).status).toBe(200);
      expect(await query(id)).toMatchObject({
        status: 'ACTIVE',
        totalPayments: null,
        availablePayments: null,
      });
    });

    it('lets one payer pay twice only when isGeneric', async () => {
      const { create, query, pay } = setup();
      const strict = await create({ paymentsAllowed: 3 });
      expect((await pay(strict.id, 'approved')).status).toBe(200);
      const twice = await pay(strict.id, 'approved');
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatch(/already paid/);
      expect((await pay(strict.id, 'approved', { payer: { document: '2000000002' } })).status).toBe(200);
      expect((await query(strict.id)).availablePayments).toBe(1);

      const generic = await create({ paymentsAllowed: 3, isGeneric: true });
      for (let i = 0; i < 3; i++) expect((await pay(generic.id, 'approved')).status).toBe(200);
      expect((await query(generic.id)).availablePayments).toBe(0);
    });

    it('refuses payment on a disabled link', async () => {
      const { create, post, auth, pay } = setup();
      const { id } = await create();
      await post(`/api/payment-link/disable/${id}`, { auth: auth() });
      expect((await pay(id, 'approved')).body.error).toMatch(/disabled/);
    });
  });

  describe('notifications (note §5)', () => {
    it('sends PAID signed as documented, once per approved payment', async () => {
      const { create, pay, emulator } = setup();
      const { id } = await create({ paymentsAllowed: 2, isGeneric: true });
      await pay(id, 'rejected');
      await pay(id, 'approved');
      await pay(id, 'approved');
      const sent = emulator.control.webhooks.map((w) => w.body as Json);
      expect(sent).toHaveLength(2);
      const body = sent[0]!;
      expect(body).toMatchObject({
        status: { status: 'PAID', reason: 200, date: '2024-07-30T10:00:00-05:00' },
        linkId: id,
        reference: 'INV-1042',
      });
      const expected = createHash('sha256')
        .update(`${id}PAID${body.status.date}${DEV_SECRET_KEY}`)
        .digest('hex');
      expect(body.signature).toBe(expected);
      expect(emulator.control.webhooks[0]!.url).toBe(HOOK);
    });

    it('expires a link once when the clock passes expirationDate, and sends EXPIRED once', async () => {
      const { create, query, move, emulator, pay } = setup({ sweepIntervalMs: 10 });
      const { id } = await create({ expirationDate: '2024-07-30 11:00:00' });
      move(60 * 60_000 + 1000);
      await new Promise((r) => setTimeout(r, 60));
      const sent = emulator.control.webhooks.map((w) => w.body as Json);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        status: { status: 'EXPIRED', date: '2024-07-30T11:00:01-05:00' },
        linkId: id,
      });
      expect(sent[0]!.signature).toBe(
        createHash('sha256').update(`${id}EXPIRED2024-07-30T11:00:01-05:00${DEV_SECRET_KEY}`).digest('hex'),
      );
      expect((await query(id)).status).toBe('EXPIRED');
      expect((await pay(id, 'approved')).body.error).toMatch(/expired/);
      await new Promise((r) => setTimeout(r, 40));
      expect(emulator.control.webhooks).toHaveLength(1);
    });

    it('stops sweeping after close()', async () => {
      const { create, move, emulator } = setup({ sweepIntervalMs: 10 });
      await create({ expirationDate: '2024-07-30 11:00:00' });
      emulator.close();
      move(2 * 60 * 60_000);
      await new Promise((r) => setTimeout(r, 50));
      expect(emulator.control.webhooks).toHaveLength(0);
    });
  });

  describe('hosted pages', () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

    it('shows the link with name, formatted amount, description and a Pay button, escaping text', async () => {
      const { create, emulator } = setup();
      const { url } = await create({ name: '<script>alert(1)</script> Tickets', description: 'Row "A" & B' });
      const response = await emulator.app.request(url.replace(PUBLIC_URL, ''));
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tickets');
      expect(text).not.toContain('<script>');
      expect(text).toContain('Row &quot;A&quot; &amp; B');
      expect(text).toContain(
        new Intl.NumberFormat('es-CO', {
          style: 'currency',
          currency: 'COP',
          currencyDisplay: 'code',
          maximumFractionDigits: 0,
        }).format(100000),
      );
      expect(text).toMatch(/<button type="submit">Pay<\/button>/);
    });

    it('answers 404 for a wrong code', async () => {
      const { create, emulator } = setup();
      const { id } = await create();
      expect((await emulator.app.request(`/link/show?genid=${id}&code=nope`)).status).toBe(404);
    });

    it('pays through the pages: decline, then approve, then no Pay button', async () => {
      const { create, emulator, query } = setup();
      const { id, url } = await create();
      const code = new URL(url).searchParams.get('code')!;
      const open = async () => {
        const response = await emulator.app.request('/link/pay', form({ genid: String(id), code }));
        expect(response.status).toBe(303);
        return new URL(response.headers.get('location')!).pathname;
      };
      const first = await open();
      const checkout = await emulator.app.request(first);
      const checkoutText = await checkout.text();
      expect(checkoutText).toContain('value="approved"');
      expect(checkoutText).toContain('value="rejected"');
      const declined = await emulator.app.request(first, form({ outcome: 'rejected' }));
      expect(await declined.text()).toContain('Payment declined');
      expect((await query(id)).payments[0].status).toBe('REJECTED');

      const second = await open();
      expect(second).not.toBe(first);
      const approved = await emulator.app.request(
        second,
        form({ outcome: 'approved', document: '55', paymentMethod: 'master' }),
      );
      expect(await approved.text()).toContain('Payment approved');
      const link = await query(id);
      expect(link.availablePayments).toBe(0);
      expect(link.payments[1]).toMatchObject({
        status: 'APPROVED',
        paymentMethod: 'master',
        payer: { document: '55' },
      });

      const page = await (await emulator.app.request(new URL(url).pathname + new URL(url).search)).text();
      expect(page).toContain('no payments available');
      expect(page).not.toContain('>Pay</button>');
      expect((await emulator.app.request('/link/pay', form({ genid: String(id), code }))).status).toBe(409);
      // A finished session cannot be settled twice.
      expect((await emulator.app.request(second, form({ outcome: 'rejected' }))).status).toBe(409);
    });
  });
});

/** JSON type names, nested, so an answer's shape can be compared with a documented one. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return value === null ? 'null' : typeof value;
}

const ISO_BOGOTA = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/;
const at = (iso: string) => Date.parse(iso) - Date.parse('2024-07-30T15:00:00Z');

describe('placetopay emulator against the documented examples (fixtures)', () => {
  // The documented create body, with fresh auth and its repeated `additional` keyword left out.
  const documentedCreate = (auth: Json) => ({
    ...documentedRequests.create,
    auth,
    additional: documentedRequests.create.additional.slice(0, 1),
  });
  const documentedPayer = documentedResponses.query.found.payments[0]!.payer;

  it('accepts the SHA-256 tranKey vector', () => {
    const vector = tranKeyVectors.find((v) => v.algorithm === 'sha256')!;
    expect(expectedTranKey(vector.rawNonce, vector.seed, vector.secretKey)).toBe(vector.tranKey);
    expect(Buffer.from(vector.nonce, 'base64').toString()).toBe(vector.rawNonce);
  });

  it('answers the documented create request as the documented 201', async () => {
    const { post, auth } = setup();
    const answer = await post('/api/payment-link', documentedCreate(auth()));
    const documented = documentedResponses.create.createdPartly;
    expect(answer.status).toBe(201);
    expect(shapeOf(answer.body)).toEqual(shapeOf(documented));
    expect(answer.body.status).toEqual({
      ...documentedResponses.create.created.status,
      date: '2024-07-30T10:00:00-05:00',
    });
    expect(answer.body.url).toMatch(/\/link\/show\?genid=\d+&code=\w+$/);
  });

  it('refuses the documented create request as printed: its second `additional` repeats a keyword', async () => {
    const { post, auth } = setup();
    const answer = await post('/api/payment-link', { ...documentedRequests.create, auth: auth() });
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.errors)).toEqual(['additional.1.keyword']);
  });

  it('answers a bad expirationDate exactly as the documented 422, its "now" on the -05:00 wall clock', async () => {
    const { post, auth, move } = setup();
    // The documented answer is dated 2024-07-31T11:45:25-05:00 and says "after 2024-07-31 11:45:25".
    move(at('2024-07-31T16:45:25Z'));
    const answer = await post('/api/payment-link', {
      ...documentedCreate(auth()),
      expirationDate: '2024-08-12T08:10:50',
    });
    expect(answer).toEqual({ status: 422, body: documentedResponses.create.invalid });
  });

  it('answers the documented 401 for a wrong tranKey', async () => {
    const { post, auth } = setup();
    const answer = await post('/api/payment-link', documentedCreate(auth(DEV_LOGIN, 'wrong-secret')));
    expect(answer).toEqual({
      status: 401,
      body: {
        status: { ...documentedResponses.create.unauthorized.status, date: '2024-07-30T10:00:00-05:00' },
      },
    });
  });

  it('answers the documented query request field by field like the documented 200', async () => {
    const { post, auth, pay } = setup();
    const { body: created } = await post('/api/payment-link', documentedCreate(auth()));
    expect(
      (await pay(created.id, 'approved', { payer: documentedPayer, paymentMethod: 'visa' })).status,
    ).toBe(200);
    const answer = await post(`/api/payment-link/${created.id}`, {
      ...documentedRequests.query,
      auth: auth(),
    });
    const documented = documentedResponses.query.found;
    expect(answer.status).toBe(200);
    expect(shapeOf(answer.body)).toEqual(shapeOf(documented));
    // What the documented answer echoes from the documented request, value for value.
    const echoed = [
      'status',
      'expirationDate',
      'name',
      'reference',
      'description',
      'totalPayments',
      'availablePayments',
      'paymentExpiration',
      'locale',
      'allowedPaymentMethods',
      'isGeneric',
    ] as const;
    for (const field of echoed) expect(answer.body[field], field).toEqual(documented[field]);
    // The documented answer's taxes and invoice differ from its own request's; ours echo the request.
    expect(answer.body.amount).toEqual({
      ...documented.amount,
      taxes: documentedRequests.create.payment.amount.taxes,
    });
    expect(answer.body.metadata).toEqual({ discount: documentedRequests.create.payment.modifiers });
    expect(answer.body.recipients).toEqual(documentedRequests.create.recipients);
    expect(answer.body.notificationUrl).toBe(documentedRequests.create.notificationUrl);
    expect(answer.body.skipResult).toBe(false);

    const payment = (answer.body.payments as Json[])[0]!;
    const documentedPayment = documented.payments[0]!;
    const same = [
      'status',
      'message',
      'amount',
      'franchise',
      'paymentMethod',
      'merchantCode',
      'terminalNumber',
      'installments',
      'lastDigits',
      'payer',
    ] as const;
    for (const field of same)
      expect(payment[field], `payments[0].${field}`).toEqual(documentedPayment[field]);
    for (const url of [payment.processUrl, documentedPayment.processUrl]) {
      expect(url).toMatch(/\/spa\/session\/\d+\/[0-9a-f]+$/);
    }
    // The documented form (`2024-07-26 08:21:40`), on the -05:00 wall clock: paid at 15:00Z.
    expect(documentedPayment.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(payment.paymentDate).toBe('2024-07-30 10:00:00');
  });

  it('answers the documented 404 for an unknown link', async () => {
    const { post, auth } = setup();
    const answer = await post('/api/payment-link/999', { ...documentedRequests.query, auth: auth() });
    expect(answer).toEqual({
      status: 404,
      body: { status: { ...documentedResponses.query.notFound.status, date: '2024-07-30T10:00:00-05:00' } },
    });
  });

  it('answers the documented disable request with the documented 200, then the documented 400', async () => {
    const { post, auth } = setup();
    const { body: created } = await post('/api/payment-link', documentedCreate(auth()));
    const disable = () =>
      post(`/api/payment-link/disable/${created.id}`, { ...documentedRequests.disable, auth: auth() });
    const first = await disable();
    expect(first).toEqual({
      status: 200,
      body: {
        status: { ...documentedResponses.disable.disabled.status, date: '2024-07-30T10:00:00-05:00' },
        id: created.id,
      },
    });
    const again = await disable();
    const documented = documentedResponses.disable.alreadyDisabled.status;
    expect(again).toEqual({
      status: 400,
      body: {
        status: {
          ...documented,
          message: documented.message.replace('ID 14', `ID ${created.id}`),
          date: '2024-07-30T10:00:00-05:00',
        },
      },
    });
  });

  it("answers the documented 401 for another site's link", async () => {
    const { post, auth } = setup();
    const { body: created } = await post('/api/payment-link', documentedCreate(auth()));
    const answer = await post(`/api/payment-link/disable/${created.id}`, {
      auth: auth('paylink-other', 'placetopay-emulator-other-secret'),
    });
    expect(answer).toEqual({
      status: 401,
      body: {
        status: { ...documentedResponses.disable.otherSite.status, date: '2024-07-30T10:00:00-05:00' },
      },
    });
  });

  it('sends PAID and EXPIRED bodies shaped and worded as the documented ones, signed by the formula', async () => {
    const { post, auth, pay, move, emulator } = setup({ sweepIntervalMs: 10 });
    const { body: created } = await post('/api/payment-link', {
      ...documentedCreate(auth()),
      notificationUrl: HOOK,
      expirationDate: '2024-07-30 11:00:00',
    });
    await pay(created.id, 'approved');
    move(at('2024-07-30T16:00:00Z'));
    await new Promise((r) => setTimeout(r, 50));
    const [paid, expired] = emulator.control.webhooks.map((w) => w.body as Json);
    for (const [sent, documented] of [
      [paid, documentedNotifications.paid],
      [expired, documentedNotifications.expired],
    ] as const) {
      expect(shapeOf(sent)).toEqual(shapeOf(documented));
      expect(sent!.status).toMatchObject({ ...documented.status, date: expect.stringMatching(ISO_BOGOTA) });
      expect(sent).toMatchObject({ linkId: created.id, reference: documented.reference });
      const { linkId, status } = sent!;
      expect(sent!.signature).toBe(
        createHash('sha256').update(`${linkId}${status.status}${status.date}${DEV_SECRET_KEY}`).digest('hex'),
      );
    }
    expect(expired!.status.date).toBe('2024-07-30T11:00:00-05:00');
  });

  describe('time zone', () => {
    it('reads expirationDate on the site wall clock: a link due 07:00 (12:00Z) is not payable at 12:01Z', async () => {
      const { post, auth, pay, move, query } = setup();
      const { body: created } = await post('/api/payment-link', {
        ...documentedCreate(auth()),
        expirationDate: '2024-07-31 07:00:00',
      });
      move(at('2024-07-31T11:59:00Z'));
      expect((await pay(created.id, 'approved')).status).toBe(200);
      move(2 * 60_000);
      const refused = await pay(created.id, 'approved');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatch(/expired/);
      expect((await query(created.id)).status).toBe('EXPIRED');
    });

    it('keeps every date in another zone when timeZone is set', async () => {
      const { post, auth } = setup({ timeZone: 'UTC' });
      const answer = await post('/api/payment-link', documentedCreate(auth()));
      expect(answer.body.status.date).toBe('2024-07-30T15:00:00+00:00');
    });
  });

  describe('limits', () => {
    it('refuses a reference over 32 and a description over 250 characters in Laravel words', async () => {
      const { post, auth } = setup();
      const long = await post('/api/payment-link', {
        ...documentedCreate(auth()),
        reference: 'R'.repeat(33),
        description: 'd'.repeat(251),
      });
      expect(long).toEqual({
        status: 422,
        body: {
          status: {
            status: 'FAILED',
            reason: 422,
            message: 'Validation error.',
            date: '2024-07-30T10:00:00-05:00',
          },
          errors: {
            description: ['The description must not be greater than 250 characters.'],
            reference: ['The reference must not be greater than 32 characters.'],
          },
        },
      });
      const longest = await post('/api/payment-link', {
        ...documentedCreate(auth()),
        reference: `${'€'.repeat(31)}😀`,
        description: 'ñ'.repeat(250),
      });
      expect(longest.status).toBe(201);
    });
  });
});
