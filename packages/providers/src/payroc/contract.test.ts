import type { CreateLinkRequest } from '@paylink/core';
import {
  type Emulator,
  type EmulatorOptions,
  emulatorFactories,
  listen,
  type RunningServer,
} from '@paylink/emulators';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runContractSuite } from '../contract-suite.ts';
import { createAdapter, listPayrocShares, type PayrocAdapter } from './adapter.ts';
import { fixture } from './fixtures/index.ts';
import { payroc } from './index.ts';
import { readSettings } from './settings.ts';

const createEmulator = (options: EmulatorOptions): Emulator => {
  const factory = emulatorFactories.payroc;
  if (!factory) throw new Error('payroc emulator not registered');
  return factory(options);
};

const singleUse: CreateLinkRequest = {
  provider: 'payroc',
  amount: { value: '100.00', currency: 'GBP' },
  description: 'Insurance renewal',
  reference: 'OrderRef7654',
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  usageLimit: 1,
};

runContractSuite({
  definition: payroc,
  createEmulator,
  request: singleUse,
  badCredentials: { apiKey: 'wrong' },
  idempotentCreates: true,
  publishedCreate: {
    path: /\/processing-terminals\/[^/]+\/payment-links$/,
    bodies: [fixture('create-single-use').request.body, fixture('create-multi-use').request.body],
    // The wire tests only show `prompt` charges: a `preset` charge's minor-unit `amount` and the order's
    // `description` are in the SDK's types (`PresetPaymentLinkCharge.ts`, `SingleUsePaymentLinkOrder.ts`).
    documented: { 'order.description': 'string', 'order.charge.amount': 'number' },
    // Required for a single-use link (payroc-sdk-js types; shared/providers/payroc.md §3.1).
    required: [
      'type',
      'merchantReference',
      'order.orderId',
      'order.charge.type',
      'order.charge.amount',
      'order.charge.currency',
      'authType',
      'paymentMethods',
      'expiresOn',
    ],
  },
});

describe('Payroc adapter against its emulator (provider-specific)', () => {
  let server: RunningServer;
  let emulator: Emulator;
  let adapter: PayrocAdapter;
  /** Set by a test to lose the answer to the next create after the emulator handled it. */
  let dropNextCreateResponse = false;

  const dropping: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (dropNextCreateResponse && init?.method === 'POST' && url.pathname.endsWith('/payment-links')) {
      dropNextCreateResponse = false;
      await response.body?.cancel();
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    }
    return response;
  };
  const emulatorJson = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;
  const context = (idempotencyKey: string = crypto.randomUUID()) => ({ idempotencyKey, notificationUrl: '' });

  beforeAll(async () => {
    const shell = new Hono();
    const holder: { app?: Hono } = {};
    shell.all('*', (c) => holder.app!.fetch(c.req.raw));
    server = await listen(shell);
    emulator = createEmulator({ publicUrl: server.url });
    holder.app = emulator.app;
  });

  beforeEach(() => {
    adapter = createAdapter(readSettings(emulator.adapterSettings), { fetch: dropping, timeoutMs: 1500 });
  });

  afterAll(async () => {
    emulator.close();
    await server.close();
  });

  it('creates no duplicate link when the answer to a create is lost and the adapter retries', async () => {
    const before = (await emulatorJson<{ links: unknown[] }>('/_emulator/links')).links.length;
    dropNextCreateResponse = true;
    const created = await adapter.create({ ...singleUse, reference: 'DROP-1' }, context('not-a-uuid-key-1'));
    expect(dropNextCreateResponse).toBe(false);
    const { links } = await emulatorJson<{
      links: Array<{ paymentLinkId: string; merchantReference: string }>;
    }>('/_emulator/links');
    expect(links).toHaveLength(before + 1);
    expect(links.filter((l) => l.merchantReference === 'DROP-1').map((l) => l.paymentLinkId)).toEqual([
      created.providerRef,
    ]);
    const { requests } = await emulatorJson<{
      requests: Array<{ method: string; path: string; status: number }>;
    }>('/_emulator/requests');
    const creates = requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/processing-terminals/1234001/payment-links',
    );
    expect(creates.slice(-2).map((r) => r.status)).toEqual([201, 201]);
  });

  it('sends the documented multi-use prompt example and reads it back', async () => {
    const created = await adapter.create(
      {
        provider: 'payroc',
        amount: { currency: 'AED' },
        amountMode: 'flexible',
        description: 'Pie It Forward charitable trust donation',
        reference: 'LinkRef6543',
      },
      context(),
    );
    const { requests } = await emulatorJson<{ requests: Array<{ body: unknown }> }>('/_emulator/requests');
    expect(requests.at(-1)!.body).toEqual({
      type: 'multiUse',
      merchantReference: 'LinkRef6543',
      order: {
        description: 'Pie It Forward charitable trust donation',
        charge: { type: 'prompt', currency: 'AED' },
      },
      authType: 'sale',
      paymentMethods: ['card'],
    });
    expect(created.state).toEqual({
      status: 'open',
      payments: { count: 0, limit: null },
      lastPayment: null,
      expiresAt: null,
    });
    await fetch(`${server.url}/_emulator/links/${created.providerRef}/pay`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'approved', amount: '12.50' }),
    });
    // A multi-use link stays active after payments (§4).
    expect((await adapter.get(created.providerRef)).status).toBe('open');
  });

  it('sends exact minor units for JPY, USD and KWD', async () => {
    for (const [value, currency, minor] of [
      ['1500', 'JPY', 1500],
      ['0.29', 'USD', 29],
      ['1.005', 'KWD', 1005],
    ] as const) {
      const created = await adapter.create({ ...singleUse, amount: { value, currency } }, context());
      const { links } = await emulatorJson<{
        links: Array<{ paymentLinkId: string; order: { charge: unknown } }>;
      }>('/_emulator/links');
      expect(links.find((l) => l.paymentLinkId === created.providerRef)!.order.charge).toEqual({
        type: 'preset',
        amount: minor,
        currency,
      });
    }
  });

  it('creates a pre-authorization with a default expiry and reports its expiry time', async () => {
    const { expiresAt: _, ...noExpiry } = singleUse;
    const created = await adapter.create({ ...noExpiry, capture: 'authorize' }, context());
    const { links } = await emulatorJson<{
      links: Array<{ paymentLinkId: string; authType: string; expiresOn: string }>;
    }>('/_emulator/links');
    const link = links.find((l) => l.paymentLinkId === created.providerRef)!;
    expect(link.authType).toBe('preAuthorization');
    expect(created.state.expiresAt).toBe(
      new Date(Date.parse(`${link.expiresOn}T00:00:00Z`) + 86_400_000).toISOString(),
    );
  });

  it('shares a link by e-mail (the documented example) and lists the shares', async () => {
    const created = await adapter.create(singleUse, context());
    const result = await adapter.share(created.providerRef, {
      recipients: ['Sarah Hazel Hopper <sarah.hopper@example.com>'],
      message: 'Dear Sarah,\n\nYou can pay for your order via the link below.\n',
      merchantCopy: true,
    });
    expect(result).toEqual({
      shareId: expect.stringMatching(/^[A-Z0-9]{10}$/),
      recipients: ['sarah.hopper@example.com'],
      sharedAt: expect.any(String),
    });
    const { emails } = await emulatorJson<{
      emails: Array<{ sharingEventId: string; to: { name: string; email: string } }>;
    }>('/_emulator/outbox');
    expect(emails.filter((e) => e.sharingEventId === result.shareId).map((e) => e.to)).toEqual([
      { name: 'Sarah Hazel Hopper', email: 'sarah.hopper@example.com' },
      { name: 'Merchant copy', email: 'merchant@example.com' },
    ]);
    const listed = await listPayrocShares(adapter, created.providerRef);
    expect(listed).toEqual({
      shares: [
        {
          ...result,
          message: 'Dear Sarah,\n\nYou can pay for your order via the link below.\n',
          merchantCopy: true,
        },
      ],
      hasMore: false,
      next: null,
    });
    await expect(adapter.share(created.providerRef, { recipients: ['banana'] })).rejects.toMatchObject({
      kind: 'validation',
      errors: [{ field: 'recipients' }],
    });
  });

  it('lists the terminal links page by page, mapped to our states', async () => {
    const a = await adapter.create({ ...singleUse, reference: 'LIST-A' }, context());
    await adapter.disable(a.providerRef);
    const page = await adapter.list({ merchantReference: 'LIST-A' });
    expect(page.links.map((l) => [l.providerRef, l.state.status])).toEqual([[a.providerRef, 'disabled']]);
    const first = await adapter.list({ limit: 1 });
    expect(first.hasMore).toBe(true);
    const second = await adapter.list({ limit: 1, after: first.next! });
    expect(second.links[0]!.providerRef).not.toBe(first.links[0]!.providerRef);
  });

  it("counts a multi-use link's payments (card and bank transfer) and dates a completed link's", async () => {
    const pay = (ref: string, outcome: string, paymentMethod: string) =>
      fetch(`${server.url}/_emulator/links/${ref}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome, paymentMethod }),
      });
    const multi = await adapter.create(
      { ...singleUse, usageLimit: null, reference: 'MULTI-1', paymentMethods: ['card', 'bankTransfer'] },
      context(),
    );
    await pay(multi.providerRef, 'approved', 'card');
    await pay(multi.providerRef, 'approved', 'bankTransfer');
    await pay(multi.providerRef, 'rejected', 'card');
    const state = await adapter.get(multi.providerRef);
    expect(state).toMatchObject({ status: 'open', payments: { count: 2, limit: null } });
    // All three fall in the same second (order.dateTime has no milliseconds): any of them is the last.
    expect(state.lastPayment?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await adapter.payments(multi.providerRef)).lastApproved).toMatchObject({
      amount: 10000,
      currency: 'GBP',
    });

    const single = await adapter.create({ ...singleUse, reference: 'SINGLE-1' }, context());
    await pay(single.providerRef, 'approved', 'card');
    const paid = await adapter.get(single.providerRef);
    expect(paid).toMatchObject({ status: 'paid', payments: { count: 1, limit: 1 } });
    expect(Date.parse(paid.lastPayment!.at!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses notifications: Payroc sends none, the proxy polls', async () => {
    expect(adapter.capabilities.webhooks).toBe('none');
    await expect(adapter.parseWebhook({ headers: new Headers(), rawBody: '{}' })).rejects.toMatchObject({
      name: 'WebhookVerificationError',
      provider: 'payroc',
    });
  });
});
