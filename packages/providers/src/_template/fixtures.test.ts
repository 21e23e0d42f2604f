// Step 10: the adapter fed the provider-side fixtures (its answers and notification vector), never
// only the emulator: both sides are held to what the provider published.
import { readFileSync } from 'node:fs';
import { WebhookVerificationError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { createAdapter } from './adapter.ts';
import { readSettings } from './settings.ts';
import { notificationSignature } from './webhook.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** An adapter whose every request is answered with `answer` and recorded. */
function fedWith(status: number, answer: unknown) {
  const sent: Array<{ method: string; url: string; body: unknown }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ method: init.method!, url, body: init.body ? JSON.parse(String(init.body)) : null });
    return Response.json(answer, { status });
  }) as typeof globalThis.fetch;
  const vector = fixture('notification.json');
  const settings = readSettings({
    baseUrl: 'https://api.example.test',
    apiKey: 'k',
    webhookSecret: vector.secret as string,
  });
  return { adapter: createAdapter(settings, { fetch }), sent };
}

const request = {
  provider: 'template',
  amount: { value: '1500.00', currency: 'USD' },
  description: 'Invoice #1042',
  reference: 'INV-1042',
  expiresAt: '2030-01-31T00:00:00Z',
  usageLimit: 1,
};
const context = { idempotencyKey: 'k-1', notificationUrl: 'https://merchant.example/v1/webhooks/template' };

describe('template adapter against its published examples', () => {
  it('sends create-request.json, field by field, for the equivalent request', async () => {
    const { adapter, sent } = fedWith(201, fixture('create-response.json'));
    const created = await adapter.create(request, context);
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://api.example.test/v1/links' });
    expect(sent[0]!.body).toEqual(fixture('create-request.json'));
    expect(created).toMatchObject({ providerRef: 'lnk_8f2c1a', url: 'https://pay.example/l/lnk_8f2c1a' });
  });

  it('reads link-paid.json as paid, with the last payment and its amount', async () => {
    const { adapter } = fedWith(200, fixture('link-paid.json'));
    expect(await adapter.get('lnk_8f2c1a')).toEqual({
      status: 'paid',
      payments: { count: 1, limit: 1 },
      lastPayment: {
        outcome: 'approved',
        at: '2030-01-02T10:05:00Z',
        amount: { value: '1500.00', currency: 'USD' },
      },
      expiresAt: '2030-01-31T00:00:00Z',
    });
  });

  it('turns error-422.json into field errors in our names', async () => {
    const { adapter } = fedWith(422, fixture('error-422.json'));
    await expect(adapter.create(request, context)).rejects.toMatchObject({
      kind: 'validation',
      errors: [{ field: 'amount.value', message: 'template: must be greater than 0' }],
    });
  });

  it('verifies the published notification vector and refuses it altered', async () => {
    const vector = fixture('notification.json');
    const rawBody = vector.rawBody as string;
    expect(notificationSignature(rawBody, vector.secret as string)).toBe(vector.signature);
    const { adapter } = fedWith(200, {});
    const headers = new Headers({ 'x-template-signature': vector.signature as string });
    expect(await adapter.parseWebhook({ headers, rawBody })).toEqual([
      {
        providerRef: 'lnk_8f2c1a',
        eventId: 'evt_31',
        trust: 'verified',
        claimed: { lastPayment: { outcome: 'approved', at: '2030-01-02T10:05:00Z' } },
      },
    ]);
    await expect(
      adapter.parseWebhook({ headers, rawBody: rawBody.replace('approved', 'declined') }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
