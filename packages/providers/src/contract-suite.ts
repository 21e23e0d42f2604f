// The shared contract suite every provider's `contract.test.ts` calls with its adapter and emulator
// (STYLE.md, "Providers and emulators"): the adapter is driven against the emulator over real HTTP.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  type CreateLinkRequest,
  ProviderError,
  ProviderErrorKind,
  safeCheckoutUrl,
  WebhookVerificationError,
} from '@paylink/core';
import { type Emulator, type EmulatorOptions, listenDeferred, type RunningServer } from '@paylink/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderAdapter, ProviderDefinition, WebhookInput } from './adapter.ts';

export interface ContractOptions {
  definition: ProviderDefinition;
  createEmulator(options: EmulatorOptions): Emulator;
  /** A valid single-use (`usageLimit: 1`) request for this provider. */
  request: CreateLinkRequest;
  /** Settings that override the emulator's adapter settings with wrong credentials. */
  badCredentials: Record<string, string>;
  /**
   * Whether a create retried with the same idempotency key finds the first link (the provider
   * deduplicates, or lets us look it up by our own reference). Default: it cannot.
   */
  idempotentCreates?: boolean;
  /**
   * The provider's published create request, from its fixtures (never written by us): the create the
   * adapter sends for `request` may use only field names these bodies use, with the same JSON types,
   * and must carry every field in `required` (dotted paths, from the provider's public schema).
   */
  publishedCreate: {
    /** The create route, to tell the create from other POSTs (auth, token). */
    path: RegExp;
    /** Bodies of the published create examples (one or several sources). */
    bodies: readonly unknown[];
    /** Fields the provider's reference documents beyond its examples, with their JSON type. */
    documented?: Readonly<Record<string, string>>;
    required: readonly string[];
  };
}

/** A JSON value's type: `string`, `number`, `boolean`, `null`, `object` or `array`. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Every field path of a JSON value with the types seen there (`a.b`, array items as `a[]`); the root
 * is the empty path.
 */
export function fieldTypes(value: unknown, path = '', out = new Map<string, Set<string>>()) {
  const types = out.get(path) ?? new Set<string>();
  types.add(jsonType(value));
  out.set(path, types);
  if (Array.isArray(value)) for (const item of value) fieldTypes(item, `${path}[]`, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) fieldTypes(child, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/** Where `sent` leaves the shape of the published bodies: unknown fields, other types, missing required ones. */
export function shapeProblems(
  sent: unknown,
  published: readonly unknown[],
  required: readonly string[] = [],
  documented: Readonly<Record<string, string>> = {},
): string[] {
  const known = new Map<string, Set<string>>();
  for (const body of published) fieldTypes(body, '', known);
  for (const [path, type] of Object.entries(documented)) known.set(path, new Set([type]));
  const problems: string[] = [];
  for (const [path, types] of fieldTypes(sent)) {
    const allowed = known.get(path);
    if (!allowed) problems.push(`${path}: no published example has this field`);
    else {
      for (const type of types) {
        if (!allowed.has(type))
          problems.push(`${path}: sent as ${type}, published as ${[...allowed].join('/')}`);
      }
    }
  }
  const sentPaths = fieldTypes(sent);
  for (const path of required) if (!sentPaths.has(path)) problems.push(`${path}: required, not sent`);
  return problems;
}

interface Captured {
  server: RunningServer;
  received: WebhookInput[];
}

/** Starts a server that records every notification sent to it. */
async function captureNotifications(): Promise<Captured> {
  const received: WebhookInput[] = [];
  const server = await new Promise<RunningServer>((resolve) => {
    const s = serve(
      {
        port: 0,
        hostname: '127.0.0.1',
        fetch: async (req: Request) => {
          received.push({ headers: req.headers, rawBody: await req.text() });
          return new Response('ok');
        },
      },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          port: info.port,
          close: () => new Promise<void>((done) => s.close(() => done())),
        }),
    );
  });
  return { server, received };
}

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Registers the contract tests for one provider. */
export function runContractSuite(options: ContractOptions): void {
  const { definition } = options;
  describe(`${definition.title} adapter against its emulator (contract)`, () => {
    let emulator: Emulator;
    let server: RunningServer;
    let capture: Captured;
    let adapter: ProviderAdapter;

    beforeAll(async () => {
      capture = await captureNotifications();
      // The emulator's checkout URLs must name the port it is served on, so listen first.
      const running = await listenDeferred();
      emulator = options.createEmulator({
        publicUrl: running.url,
        notificationUrl: `${capture.server.url}/hook`,
      });
      running.setApp(emulator.app);
      server = running;
      adapter = definition.createAdapter(
        { ...emulator.adapterSettings, baseUrl: server.url },
        { timeoutMs: 1500 },
      );
    });

    afterAll(async () => {
      emulator?.close();
      await server?.close();
      await capture?.server.close();
    });

    const context = () => ({
      idempotencyKey: crypto.randomUUID(),
      notificationUrl: `${capture.server.url}/hook`,
    });
    const pay = async (ref: string, outcome: 'approved' | 'rejected') => {
      const response = await fetch(`${server.url}/_emulator/links/${encodeURIComponent(ref)}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };

    it('creates an open link with a safe checkout URL', async () => {
      expect(adapter.validate(options.request)).toEqual([]);
      const created = await adapter.create(options.request, context());
      expect(created.providerRef).not.toBe('');
      expect(safeCheckoutUrl(created.url)).not.toBeNull();
      expect(created.state.status).toBe('open');
      expect(created.state.payments.count).toBe(0);
      const page = await fetch(created.url);
      expect(page.status).toBe(200);
    });

    it('sends the provider the amount and the text it was asked for', async () => {
      const before = emulator.control.requests.length;
      await adapter.create(options.request, context());
      const sent = JSON.stringify(
        emulator.control.requests
          .slice(before)
          .filter((r) => r.method === 'POST')
          .map((r) => r.body),
      );
      const text = options.request.title ?? options.request.description;
      expect(sent).toContain(JSON.stringify(text).slice(1, -1));
      const value = Number(options.request.amount.value);
      // In major units (as a number or a decimal string) or in minor units, whichever the provider takes.
      const amounts = [String(value), options.request.amount.value!, String(Math.round(value * 100))];
      expect(
        amounts.some((amount) => new RegExp(`[":]${amount.replace('.', '\\.')}(\\D|$)`).test(sent)),
      ).toBe(true);
    });

    it("sends a create shaped like the provider's published example, field by field", async () => {
      const before = emulator.control.requests.length;
      await adapter.create(options.request, context());
      const creates = emulator.control.requests
        .slice(before)
        .filter((r) => r.method === 'POST' && options.publishedCreate.path.test(r.path));
      expect(creates).toHaveLength(1);
      const { bodies, required, documented } = options.publishedCreate;
      expect(shapeProblems(creates[0]!.body, bodies, required, documented)).toEqual([]);
    });

    it('finds the first link again when a create is retried with the same idempotency key', async (ctx) => {
      ctx.skip(
        !options.idempotentCreates,
        `${definition.title} has no idempotency key or lookup by our reference in its public API`,
      );
      const same = context();
      const first = await adapter.create(options.request, same);
      const retried = await adapter.create(options.request, same);
      expect(retried.providerRef).toBe(first.providerRef);
      const another = await adapter.create(options.request, context());
      expect(another.providerRef).not.toBe(first.providerRef);
    });

    it('reads a single-use link back as paid after an approved payment', async () => {
      const created = await adapter.create(options.request, context());
      await pay(created.providerRef, 'approved');
      const state = await adapter.get(created.providerRef);
      expect(state.status).toBe('paid');
      expect(state.payments.count).toBe(1);
      expect(state.lastPayment?.outcome).toBe('approved');
    });

    it('keeps a link open after a rejected payment', async () => {
      const created = await adapter.create(options.request, context());
      await pay(created.providerRef, 'rejected');
      const state = await adapter.get(created.providerRef);
      expect(state.status).toBe('open');
      expect(state.payments.count).toBe(0);
    });

    it('disables a link', async (ctx) => {
      ctx.skip(!adapter.capabilities.disable, `${definition.title} cannot disable links through its API`);
      const created = await adapter.create(options.request, context());
      await adapter.disable(created.providerRef);
      expect((await adapter.get(created.providerRef)).status).toBe('disabled');
    });

    it('reports an unknown link as not found', async () => {
      await expect(adapter.get('999999999')).rejects.toMatchObject({ kind: ProviderErrorKind.NotFound });
    });

    it('reports refused credentials as an auth error that is not retried', async () => {
      const wrong = definition.createAdapter(
        { ...emulator.adapterSettings, baseUrl: server.url, ...options.badCredentials },
        { timeoutMs: 1500 },
      );
      const error = await wrong.create(options.request, context()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: ProviderErrorKind.Auth, retryable: false });
    });

    it('reports a provider outage and a timeout as retryable unavailability', async () => {
      const created = await adapter.create(options.request, context());
      await fetch(`${server.url}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ status: 503 }),
      });
      try {
        await expect(adapter.get(created.providerRef)).rejects.toMatchObject({
          kind: 'unavailable',
          retryable: true,
        });
        await fetch(`${server.url}/_emulator/faults`, {
          method: 'POST',
          body: JSON.stringify({ timeout: true }),
        });
        await expect(adapter.get(created.providerRef)).rejects.toMatchObject({
          kind: 'unavailable',
          retryable: true,
        });
      } finally {
        await fetch(`${server.url}/_emulator/faults`, { method: 'DELETE' });
      }
    });

    /** A notification the emulator sent for an approved payment on a new link. */
    const approvedNotification = async () => {
      const created = await adapter.create(options.request, context());
      const before = capture.received.length;
      await pay(created.providerRef, 'approved');
      return { created, notification: await until(() => capture.received[before]) };
    };

    it('accepts its own notifications, naming the link', async (ctx) => {
      ctx.skip(
        adapter.capabilities.webhooks === 'none',
        `${definition.title} sends no payment-link notifications`,
      );
      const { created, notification } = await approvedNotification();
      const events = await adapter.parseWebhook(notification);
      expect(events.map((e) => e.providerRef)).toContain(created.providerRef);
    });

    it('refuses a notification whose signature was altered', async (ctx) => {
      ctx.skip(
        adapter.capabilities.webhooks !== 'signed',
        `${definition.title}'s notifications are not signed`,
      );
      const { notification } = await approvedNotification();
      // The body's own signature field, one character changed (the provider's scheme, whatever it is).
      const forged = notification.rawBody.replace(
        /("[\w-]*signature[\w-]*"\s*:\s*")([^"]*)([^"])"/i,
        (_, head: string, rest: string, last: string) => `${head}${rest}${last === '0' ? '1' : '0'}"`,
      );
      const headers = new Headers(notification.headers);
      for (const [name, value] of notification.headers) {
        if (/signature/i.test(name))
          headers.set(
            name,
            value.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          );
      }
      expect(
        forged !== notification.rawBody || [...headers].join() !== [...notification.headers].join(),
      ).toBe(true);
      await expect(adapter.parseWebhook({ headers, rawBody: forged })).rejects.toBeInstanceOf(
        WebhookVerificationError,
      );
    });

    it('refuses a signed notification whose content was altered', async (ctx) => {
      ctx.skip(
        adapter.capabilities.webhooks !== 'signed',
        `${definition.title}'s notifications are not signed`,
      );
      const { notification } = await approvedNotification();
      // A signed field changed: the amount where the signature covers it (Midtrans), else the status.
      const tampered = /"gross_amount"\s*:\s*"[^"]*"/.test(notification.rawBody)
        ? notification.rawBody.replace(/("gross_amount"\s*:\s*")[^"]*"/, '$1999999.00"')
        : notification.rawBody.replace(/"(PAID|settlement|capture|approved)"/, '"EXPIRED"');
      expect(tampered).not.toBe(notification.rawBody);
      await expect(
        adapter.parseWebhook({ headers: notification.headers, rawBody: tampered }),
      ).rejects.toBeInstanceOf(WebhookVerificationError);
      await expect(
        adapter.parseWebhook({ headers: notification.headers, rawBody: 'not json' }),
      ).rejects.toBeInstanceOf(WebhookVerificationError);
    });
  });
}
