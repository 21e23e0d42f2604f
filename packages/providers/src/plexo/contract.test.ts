import { readFileSync } from 'node:fs';
import { type CreateLinkRequest, ProviderError } from '@paylink/core';
import { emulatorFactories } from '@paylink/emulators';
import { describe, expect, it } from 'vitest';
import { runContractSuite } from '../contract-suite.ts';
import { PlexoClient } from './client.ts';
import { SEED_EQUIVALENT } from './fixtures/seed-equivalent.ts';
import { type PlexoCreatedLink, type PlexoLinkState, plexo, qrCodeUrlOf } from './index.ts';

const createPlexoEmulator = emulatorFactories.plexo!;

const request: CreateLinkRequest = {
  provider: 'plexo',
  amount: { value: '1500.00', currency: 'UYU' },
  title: 'Invoice #1042',
  description: 'Payment for consulting services',
  usageLimit: 1,
};

runContractSuite({
  definition: plexo,
  createEmulator: createPlexoEmulator,
  request,
  badCredentials: { apiKey: 'wrong' },
  publishedCreate: {
    path: /^\/v1\/payment-links$/,
    bodies: ['create-request.json', 'create-request-one-time.json', 'create-request-split.json'].map((name) =>
      JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')),
    ),
    // Required for a fixed-amount link (seed 002 "Create a Payment Link"; shared/providers/plexo.md §3.1).
    required: ['merchantId', 'type', 'settings', 'settings.amountMode', 'amount.currency', 'amount.total'],
  },
});

/** The adapter wired to an in-process emulator (no socket), with the clock at the seed's createdAt. */
function setup(settings: Record<string, string> = {}) {
  let clock = new Date('2025-07-01T14:30:00Z');
  const emulator = createPlexoEmulator({ publicUrl: 'http://localhost:8792', now: () => clock });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    emulator.app.request(input instanceof Request ? input : String(input), init)) as typeof globalThis.fetch;
  const adapter = plexo.createAdapter({ ...emulator.adapterSettings, ...settings }, { fetch });
  const context = {
    idempotencyKey: crypto.randomUUID(),
    notificationUrl: 'https://pay.example.com/v1/webhooks/plexo',
  };
  const pay = (ref: string, input: Record<string, unknown>) =>
    emulator.app.request(`/_emulator/links/${ref}/pay`, { method: 'POST', body: JSON.stringify(input) });
  return {
    emulator,
    adapter,
    context,
    fetch,
    pay,
    setClock: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

describe('Plexo adapter with the seed examples', () => {
  it("sends the seed's request example and reads the seed's response", async () => {
    const { adapter, context, emulator } = setup();
    const created = (await adapter.create(SEED_EQUIVALENT, context)) as PlexoCreatedLink;
    const sent = emulator.control.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment-links', status: 201 });
    expect(sent.body).toEqual({
      merchantId: 4321,
      type: 'regular',
      amount: { currency: 'UYU', total: 1500 },
      settings: {
        amountMode: 'fixed',
        paymentMethods: ['VISA', 'MASTERCARD'],
        installments: { '*': [1, 3, 6] },
        callbackUrl: 'https://pay.example.com/v1/webhooks/plexo',
        skipPreCheckout: false,
      },
      validUntil: '2025-08-01T00:00:00Z',
      displayName: 'Invoice #1042',
      description: 'Payment for consulting services',
      items: [
        {
          referenceId: 'SKU-001',
          name: 'Consulting — July 2025',
          description: 'Monthly consulting fee',
          quantity: 1,
          price: 1500,
        },
      ],
    });
    expect(created.providerRef).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.url).toBe(`http://localhost:8792/${created.externalId}`);
    expect(created.shareUrl).toBe(created.url);
    expect(created.qrCodeUrl).toBe(
      `http://localhost:8792/v1/public/payment-links/${created.externalId}/qr.svg`,
    );
    expect(qrCodeUrlOf(created)).toBe(created.qrCodeUrl);
    expect(created.state).toEqual({
      status: 'open',
      payments: { count: 0, limit: null },
      lastPayment: null,
      expiresAt: '2025-08-01T00:00:00Z',
    });
  });

  it('sends the split example through the emulator', async () => {
    const { adapter, context, emulator } = setup();
    await adapter.create(
      {
        ...request,
        usageLimit: null,
        amount: { value: '10000.00', currency: 'UYU' },
        splits: [
          { merchantId: '67890', amount: { type: 'percentage', value: '85' } },
          { merchantId: '4321', amount: { type: 'residual' } },
        ],
      },
      context,
    );
    expect(
      (emulator.control.requests.at(-1)!.body as { splitDestinations: unknown }).splitDestinations,
    ).toEqual([
      { destinationMerchantId: 67890, amountRule: { type: 'percentage', value: 85 } },
      { destinationMerchantId: 4321, amountRule: { type: 'residual' } },
    ]);
  });

  it("turns the seed's 400 into a validation error in our field names", async () => {
    const { emulator, fetch } = setup();
    const client = new PlexoClient({
      ...emulator.adapterSettings,
      baseUrl: 'http://localhost:8792',
      clientId: 'paylink-dev',
      apiKey: 'plexo-emulator-key',
      fetch,
    });
    const error = await client
      .createLink({ merchantId: 4321, type: 'regular', settings: { amountMode: 'fixed' } })
      .catch((e: unknown) => e);
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

  it("reports a merchant id that is not the client's as an auth error without secrets", async () => {
    const { adapter, context } = setup({ merchantId: '12345' });
    const error = await adapter.create(request, context).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', httpStatus: 403, retryable: false });
    expect(String((error as Error).message)).not.toContain('plexo-emulator-key');
  });

  it('refuses a merchantId setting that is not an integer', () => {
    expect(() => setup({ merchantId: 'acme' })).toThrow(/merchantId/);
  });

  it('creates a flexible link that the payer pays within bounds', async () => {
    const { adapter, context, pay } = setup();
    const created = await adapter.create(
      {
        ...request,
        amountMode: 'flexible',
        amount: { value: '500.00', currency: 'UYU' },
        flexibleAmount: { min: '100', max: '1000' },
      },
      context,
    );
    expect((await pay(created.providerRef, { outcome: 'approved', amount: '1000.01' })).status).toBe(409);
    expect((await pay(created.providerRef, { outcome: 'approved', amount: '999.99' })).status).toBe(200);
    expect((await adapter.get(created.providerRef)).status).toBe('paid');
  });

  it('reads a link as expired after validUntil and keeps the QR URL on reads', async () => {
    const { adapter, context, setClock } = setup();
    const created = await adapter.create({ ...request, expiresAt: '2025-07-02T00:00:00Z' }, context);
    setClock('2025-07-02T00:00:01Z');
    const state = (await adapter.get(created.providerRef)) as PlexoLinkState;
    expect(state.status).toBe('expired');
    expect(qrCodeUrlOf(state)).toMatch(/\/qr\.svg$/);
  });

  it('reads the callback the emulator sends as a nudge for the link', async () => {
    const { adapter, emulator, pay } = setup();
    const created = await adapter.create(request, {
      idempotencyKey: 'k',
      notificationUrl: 'http://127.0.0.1:9/hook',
    });
    await pay(created.providerRef, { outcome: 'approved' });
    const delivered = emulator.control.webhooks.at(-1)!;
    expect(delivered.url).toBe('http://127.0.0.1:9/hook');
    const events = await adapter.parseWebhook({
      headers: new Headers(),
      rawBody: JSON.stringify(delivered.body),
    });
    expect(events).toMatchObject([{ providerRef: created.providerRef, trust: 'nudge', claimed: null }]);
  });
});

describe('plexo share URLs', () => {
  it('refuses a link whose share URL is not https (it would become the checkout link)', async () => {
    const emulator = createPlexoEmulator({ publicUrl: 'http://localhost:8792' });
    // The emulator's answer, bent on the wire to carry an http share URL.
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await emulator.app.request(input instanceof Request ? input : String(input), init);
      if (init?.method !== 'POST') return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, shareUrl: 'http://evil.example/pay' }, { status: response.status });
    }) as typeof globalThis.fetch;
    const adapter = plexo.createAdapter(emulator.adapterSettings, { fetch });
    const created = adapter.create(request, {
      idempotencyKey: crypto.randomUUID(),
      notificationUrl: 'https://pay.example.com/v1/webhooks/plexo',
    });
    await expect(created).rejects.toBeInstanceOf(ProviderError);
    await expect(created).rejects.toThrow(/share URL that is not https/);
  });
});
