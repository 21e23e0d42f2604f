// Fuzz test: thousands of malformed and near-valid requests at every route of the real proxy
// (Placetopay and Payroc emulators behind it). Whatever arrives, the proxy answers below 500, and
// every error is an RFC 7807 problem; a 400 names each wrong field. Seeded: a failure prints the
// seed and the shrunk counterexample, and `SEED` replays it.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MerchantLinkView } from '@paylink/core';
import { type Emulator, emulatorFactories, listenDeferred, type RunningServer } from '@paylink/emulators';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEnv } from './config.ts';
import {
  contentType,
  edgyString,
  fieldValue,
  headerText,
  linkIdSegment,
  nearValid,
  queryString,
  unknownLinkId,
  type WireBody,
  wireBody,
} from './testing/fuzz-arbitraries.ts';
import { type Harness, startHarness } from './testing/harness.ts';
import { findTestDatabase, newSchemaName, runSql } from './testing/postgres.ts';

const SEED = 20_260_501;
const ALLOWED_ORIGIN = 'https://shop.example';
const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();

/** Placetopay's notification signature (provider note §5): hex SHA-256 of linkId + status + date + secret. */
const notificationSignature = (linkId: string, status: string, date: string, secretKey: string) =>
  createHash('sha256').update(`${linkId}${status}${date}${secretKey}`, 'utf8').digest('hex');

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser). */
const encode = (text: string) => encodeURIComponent(text.toWellFormed());

/** Valid bodies for each provider; mutations start from these. */
const validBodies = {
  placetopay: {
    provider: 'placetopay',
    amount: { value: '100000.00', currency: 'COP' },
    description: 'Fuzz order',
    reference: 'FUZZ-1',
    expiresAt,
    usageLimit: 1,
    customer: { email: 'ana@example.com', name: 'Ana' },
    locale: 'es-CO',
    metadata: { orderId: '1' },
  },
  payroc: {
    provider: 'payroc',
    amount: { value: '12.50', currency: 'USD' },
    description: 'Fuzz order',
    reference: 'FUZZ-2',
    expiresAt,
    usageLimit: 1,
  },
};

/** Fields a mutation touches: the schema's, nested ones, and unknown ones. */
const CREATE_PATHS = [
  'provider',
  'amount',
  'amount.value',
  'amount.currency',
  'amount.extra',
  'title',
  'description',
  'reference',
  'expiresAt',
  'usageLimit',
  'customer',
  'customer.email',
  'customer.name',
  'customer.phone',
  'items',
  'items.0',
  'items.0.name',
  'items.0.quantity',
  'items.0.price',
  'locale',
  'metadata',
  'metadata.orderId',
  'metadata.bad key',
  'amountMode',
  'flexibleAmount',
  'flexibleAmount.min',
  'flexibleAmount.max',
  'startsAt',
  'paymentMethods',
  'paymentMethods.0',
  'installments',
  'installments.visa',
  'splits',
  'splits.0.amount',
  'splits.0.amount.type',
  'capture',
  'slug',
  'customerRequired',
  'skipLandingPage',
  'surprise',
  '__proto__',
  'constructor',
];

const { url: databaseUrl, reason: noDatabase } = await findTestDatabase();
if (!databaseUrl) console.warn(`Skipping the fuzz on PostgreSQL: no PostgreSQL reachable (${noDatabase}).`);
/** The same barrage on each store: both must answer malformed input without a 5xx. */
const STORES = [
  { store: 'SQLite', schema: null },
  { store: 'PostgreSQL', schema: newSchemaName() },
] as const;

describe.each(STORES)('fuzz on $store', ({ store, schema }) => {
  // Generous per-test timeout: a property sends hundreds of requests, and CI machines are shared.
  describe.skipIf(schema !== null && !databaseUrl)(
    `every route, malformed input (${store})`,
    { timeout: 60_000 },
    () => {
      let h: Harness;
      let payrocServer: RunningServer & { setApp(app: Emulator['app']): void };
      let payroc: Emulator;
      let configDir: string;
      let sent = 0;
      /** Answers by route and status, for the closing note and to check the fuzz reaches past validation. */
      const byRoute = new Map<string, Map<number, number>>();
      const links: { placetopay: MerchantLinkView[]; payroc: MerchantLinkView[] } = {
        placetopay: [],
        payroc: [],
      };
      const knownIds = () => [...links.placetopay, ...links.payroc].map((l) => l.id);
      // Disabling is final: the disable fuzz gets every Placetopay link and two Payroc ones, the share fuzz the other Payroc ones.
      const disablePool = () => [...links.placetopay, ...links.payroc.slice(0, 2)].map((l) => l.id);
      const sharePool = () => links.payroc.slice(2).map((l) => l.id);

      /** Sends one request to the proxy app (no socket) and checks the answer's shape. */
      /**
       * In-process requests have no socket; these bindings say they came from a reverse proxy on this
       * machine (the one trusted hop), so each request's X-Forwarded-For names its client.
       */
      const FROM_LOCAL_REVERSE_PROXY = {
        incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } },
      };

      async function send(
        route: string,
        method: string,
        path: string,
        init: {
          headers?: Record<string, string | undefined>;
          body?: WireBody;
          signal?: AbortSignal;
          stream?: boolean;
        } = {},
      ): Promise<Response> {
        const headers = new Headers();
        for (const [name, value] of Object.entries(init.headers ?? {}))
          if (value !== undefined) headers.set(name, value);
        sent++;
        const response = await h.proxy.app.request(
          path,
          {
            method,
            headers,
            ...(init.body !== undefined && method !== 'GET' && method !== 'HEAD'
              ? { body: init.body as BodyInit }
              : {}),
            ...(init.signal ? { signal: init.signal } : {}),
          },
          FROM_LOCAL_REVERSE_PROXY,
        );
        const statuses = byRoute.get(route) ?? new Map<number, number>();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        byRoute.set(route, statuses);
        if (init.stream && response.status === 200) {
          // An event stream: closing it is the client's way to leave.
          await response.body?.cancel();
          return response;
        }
        await expectWellFormed(response, `${method} ${path.slice(0, 200)}`, method);
        return response;
      }

      async function expectWellFormed(response: Response, what: string, method: string): Promise<void> {
        const text = method === 'HEAD' ? '' : await response.clone().text();
        const where = `${what} → ${response.status} ${text.slice(0, 400)}`;
        expect(response.status, where).toBeLessThan(500);
        if (response.status < 400 || method === 'HEAD') return;
        expect(response.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(text) as {
          type?: unknown;
          title?: unknown;
          status?: unknown;
          detail?: unknown;
          errors?: unknown;
        };
        expect(problem.type, where).toMatch(/^https:\/\/\S+$/);
        expect(typeof problem.title === 'string' && problem.title.length > 0, where).toBe(true);
        expect(problem.status, where).toBe(response.status);
        if (response.status === 400) {
          // A 400 names what was wrong, field by field.
          expect(Array.isArray(problem.errors) && problem.errors.length > 0, where).toBe(true);
          for (const error of problem.errors as Array<{ field?: unknown; message?: unknown }>) {
            expect(typeof error.field === 'string' && error.field.length > 0, where).toBe(true);
            expect(typeof error.message === 'string' && error.message.length > 0, where).toBe(true);
          }
        } else {
          expect(typeof problem.detail === 'string' && problem.detail.length > 0, where).toBe(true);
        }
      }

      const authorization = () =>
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(`Bearer ${h.apiKey}`) },
          {
            weight: 2,
            arbitrary: fc.oneof(
              fc.constantFrom(
                undefined,
                '',
                'Bearer',
                'Bearer ',
                `bearer ${h.apiKey}`,
                `Bearer  ${h.apiKey}`,
                `Bearer ${h.apiKey}x`,
                `Bearer ${h.apiKey.slice(0, -1)}`,
                `Basic ${Buffer.from(`${h.apiKey}:`).toString('base64')}`,
                `Bearer ${'x'.repeat(300)}`,
                `Bearer plk_${'a'.repeat(20)}`,
                `Bearer ${h.apiKey}, Bearer ${h.apiKey}`,
              ),
              headerText(),
              headerText().map((t) => `Bearer ${t}`),
            ),
          },
        );

      const idempotencyKey = fc.oneof(
        fc.constant(undefined),
        fc.uuid(),
        fc.constantFrom(
          '',
          'short',
          '1234567',
          '12345678',
          'a'.repeat(255),
          'a'.repeat(256),
          'key with spaces',
          'clé-clé-clé-é',
          'fixed-key-0001',
        ),
        headerText(300),
      );

      beforeAll(async () => {
        // A second provider (Payroc: API share and disable) next to the harness's Placetopay.
        payrocServer = await listenDeferred();
        payroc = emulatorFactories.payroc!({ publicUrl: `http://127.0.0.1:${payrocServer.port}` });
        payrocServer.setApp(payroc.app);
        configDir = mkdtempSync(join(tmpdir(), 'paylink-fuzz-'));
        const configFile = join(configDir, 'paylink.json');
        writeFileSync(
          configFile,
          JSON.stringify({
            allowedOrigins: [ALLOWED_ORIGIN],
            products: {
              'tee-shirt': {
                provider: 'placetopay',
                amount: { value: '50000.00', currency: 'COP' },
                description: 'Tee shirt',
              },
              mug: {
                provider: 'payroc',
                amount: { value: '12.00', currency: 'USD' },
                description: 'Mug',
                title: 'Mug',
              },
            },
          }),
        );
        if (schema) await runSql(databaseUrl!, `CREATE SCHEMA ${schema}`);
        h = await startHarness('placetopay', {
          ...(schema
            ? { DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}` }
            : {}),
          PAYLINK_CONFIG: configFile,
          // Public rate limits off (they would turn most of the barrage into 429s); X-Forwarded-For names
          // the client, so checkout's own per-client limit sees the generated clients.
          PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
          PAYLINK_TRUSTED_PROXIES: '1',
          ...providerEnv('payroc', payroc.adapterSettings),
        });
        for (const provider of ['placetopay', 'payroc'] as const) {
          for (let i = 0; i < 6; i++) {
            const response = await h.proxy.app.request('/v1/links', {
              method: 'POST',
              headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
              body: JSON.stringify({ ...validBodies[provider], reference: `FUZZ-SEED-${i}` }),
            });
            expect(response.status, await response.clone().text()).toBe(201);
            links[provider].push((await response.json()) as MerchantLinkView);
          }
        }
      });

      afterAll(async () => {
        await h?.close();
        if (schema && databaseUrl) await runSql(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        payroc?.close();
        await payrocServer?.close();
        if (configDir) rmSync(configDir, { recursive: true, force: true });
        const lines = [...byRoute].map(
          ([route, statuses]) =>
            `  ${route}: ${[...statuses.values()].reduce((a, b) => a + b, 0)} (${[...statuses]
              .sort(([a], [b]) => a - b)
              .map(([status, n]) => `${status}×${n}`)
              .join(' ')})`,
        );
        console.log(
          `fuzz on ${store}: ${sent} requests (seed ${SEED}), none answered 5xx\n${lines.join('\n')}`,
        );
      });

      const run = (property: fc.IAsyncProperty<never>, numRuns: number) =>
        fc.assert(property as fc.IAsyncProperty<unknown>, { seed: SEED, numRuns });

      it('POST /v1/links: bodies, content types, Idempotency-Keys and API keys', async () => {
        const createBody = nearValid(
          fc.constantFrom(validBodies.placetopay, validBodies.payroc),
          CREATE_PATHS,
        );
        await run(
          fc.asyncProperty(
            wireBody(createBody),
            contentType,
            idempotencyKey,
            authorization(),
            async (body, type, key, auth) => {
              await send('POST /v1/links', 'POST', '/v1/links', {
                headers: { authorization: auth, 'content-type': type, 'idempotency-key': key },
                body,
              });
            },
          ) as never,
          1600,
        );
      });

      it('POST /v1/links: one Idempotency-Key reused with other bodies', async () => {
        const createBody = nearValid(fc.constant(validBodies.payroc), [
          'description',
          'amount.value',
          'reference',
          'metadata.k',
        ]);
        await run(
          fc.asyncProperty(
            fc.constantFrom('reused-key-0001', 'reused-key-0002'),
            createBody,
            async (key, body) => {
              const headers = {
                authorization: `Bearer ${h.apiKey}`,
                'content-type': 'application/json',
                'idempotency-key': key,
              };
              // Concurrent duplicates of one body, racing the claim.
              await Promise.all(
                [0, 1].map(() =>
                  send('POST /v1/links (reused key)', 'POST', '/v1/links', {
                    headers,
                    body: JSON.stringify(body),
                  }),
                ),
              );
            },
          ) as never,
          150,
        );
      });

      it('GET /v1/links: query strings and API keys', async () => {
        await run(
          fc.asyncProperty(queryString(), authorization(), async (query, auth) => {
            await send('GET /v1/links', 'GET', `/v1/links${query}`, { headers: { authorization: auth } });
          }) as never,
          500,
        );
      });

      it('GET /v1/links/{id}: ids, traversal and unicode', async () => {
        await run(
          fc.asyncProperty(linkIdSegment(knownIds()), async (id) => {
            await send('GET /v1/links/{id}', 'GET', `/v1/links/${id}`);
          }) as never,
          500,
        );
      });

      it('GET /v1/links/{id}/status: ids, wait values and If-None-Match', async () => {
        const ifNoneMatch = fc.oneof(
          fc.constant(undefined),
          fc.constant('current'),
          fc.constantFrom('*', '""', 'W/"x"', '"v1"', 'null'),
          headerText(80),
        );
        await run(
          fc.asyncProperty(
            linkIdSegment(knownIds()),
            queryString(fc.tuple(fc.constant('wait'), fc.constantFrom('1', '2', '30'))),
            ifNoneMatch,
            async (id, query, match) => {
              let etag = match;
              if (match === 'current') {
                // The real ETag makes a valid `wait` a long poll: cut short by the client after 30 ms.
                etag =
                  (await send('GET /v1/links/{id}/status', 'GET', `/v1/links/${id}/status`)).headers.get(
                    'etag',
                  ) ?? undefined;
              }
              await send('GET /v1/links/{id}/status', 'GET', `/v1/links/${id}/status${query}`, {
                headers: { 'if-none-match': etag },
                signal: AbortSignal.timeout(30),
              });
            },
          ) as never,
          500,
        );
      });

      it('GET /v1/links/{id}/events: ids and Last-Event-ID', async () => {
        await run(
          fc.asyncProperty(
            linkIdSegment(knownIds()),
            fc.option(fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1e3'), headerText(40)), {
              nil: undefined,
            }),
            async (id, lastEventId) => {
              await send('GET /v1/links/{id}/events', 'GET', `/v1/links/${id}/events`, {
                headers: { 'last-event-id': lastEventId, 'x-forwarded-for': '203.0.113.7' },
                signal: AbortSignal.timeout(50),
                stream: true,
              });
            },
          ) as never,
          200,
        );
      });

      it('GET /v1/status?links=…: lists of ids', async () => {
        const id = fc.oneof(
          fc.constantFrom(...knownIds()),
          unknownLinkId,
          edgyString,
          fc.string({ unit: 'grapheme', maxLength: 30 }),
        );
        const list = fc.oneof(
          fc.array(id, { maxLength: 8 }).map((ids) => `?links=${encode(ids.join(','))}`),
          fc.array(id, { minLength: 99, maxLength: 110 }).map((ids) => `?links=${ids.map(encode).join(',')}`),
          fc
            .array(id, { maxLength: 3 })
            .map((ids) => ids.map((i) => `links=${encode(i)}`).join('&'))
            .map((q) => `?${q}`),
          queryString(),
        );
        await run(
          fc.asyncProperty(list, fc.option(headerText(60), { nil: undefined }), async (query, match) => {
            await send('GET /v1/status', 'GET', `/v1/status${query}`, {
              headers: { 'if-none-match': match },
            });
          }) as never,
          500,
        );
      });

      it('POST /v1/links/{id}/disable: ids, bodies and API keys', async () => {
        await run(
          fc.asyncProperty(
            linkIdSegment(disablePool()),
            authorization(),
            wireBody(fc.jsonValue()),
            contentType,
            async (id, auth, body, type) => {
              await send('POST /v1/links/{id}/disable', 'POST', `/v1/links/${id}/disable`, {
                headers: { authorization: auth, 'content-type': type },
                body,
              });
            },
          ) as never,
          300,
        );
      });

      it('POST /v1/links/{id}/share: ids, recipients and API keys', async () => {
        const shareBody = nearValid(
          fc.constant({ recipients: ['ana@example.com'], message: 'Your invoice', merchantCopy: false }),
          ['recipients', 'recipients.0', 'recipients.1', 'message', 'merchantCopy', 'cc'],
        );
        await run(
          fc.asyncProperty(
            linkIdSegment(sharePool()),
            wireBody(shareBody),
            contentType,
            authorization(),
            async (id, body, type, auth) => {
              await send('POST /v1/links/{id}/share', 'POST', `/v1/links/${id}/share`, {
                headers: { authorization: auth, 'content-type': type },
                body,
              });
            },
          ) as never,
          300,
        );
      });

      it('POST /v1/checkout: products, origins and bodies', async () => {
        const checkoutBody = nearValid(
          fc.constantFrom({ product: 'tee-shirt', locale: 'es-CO' }, { product: 'mug' }),
          ['product', 'locale', 'quantity', 'amount'],
        );
        const origin = fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(undefined, ALLOWED_ORIGIN) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('https://evil.example', 'null', '', `${ALLOWED_ORIGIN}.evil.example`),
          },
          { weight: 1, arbitrary: headerText(40) },
        );
        // Checkout is rate-limited per client: most requests come from distinct clients, some from one.
        const client = fc.oneof(
          { weight: 8, arbitrary: fc.ipV4() },
          { weight: 1, arbitrary: headerText(40) },
        );
        await run(
          fc.asyncProperty(
            wireBody(checkoutBody),
            contentType,
            origin,
            client,
            async (body, type, from, client) => {
              await send('POST /v1/checkout', 'POST', '/v1/checkout', {
                headers: { 'content-type': type, origin: from, 'x-forwarded-for': client },
                body,
              });
            },
          ) as never,
          300,
        );
      });

      it('POST /v1/webhooks/{provider}: unsigned, forged and signed notifications', async () => {
        const secretKey = h.emulator.adapterSettings.secretKey!;
        const refs = links.placetopay.map((l) => l.providerRef);
        const notification = fc
          .record({
            linkId: fc.oneof(
              fc.constantFrom(...refs),
              fc.constantFrom(...refs).map(Number),
              fc.nat().map(String),
              fieldValue,
            ),
            status: fc.oneof(fc.constantFrom('PAID', 'EXPIRED', 'APPROVED', 'REJECTED', ''), fieldValue),
            date: fc.oneof(
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              fieldValue,
            ),
            sign: fc.constantFrom('right', 'wrong', 'garbage', 'none'),
          })
          .map(({ linkId, status, date, sign }) => {
            const signature =
              sign === 'right' || sign === 'wrong'
                ? notificationSignature(
                    String(linkId),
                    String(status),
                    String(date),
                    sign === 'right' ? secretKey : 'not-the-secret',
                  )
                : sign === 'garbage'
                  ? 'zz'
                  : undefined;
            return { linkId, status: { status, date, reason: '00', message: 'fuzz' }, signature };
          });
        const provider = fc.oneof(
          { weight: 6, arbitrary: fc.constant('placetopay') },
          { weight: 2, arbitrary: fc.constant('payroc') },
          {
            weight: 1,
            arbitrary: fc.constantFrom('nobody', 'PLACETOPAY', '..', '%2e%2e', '__proto__', 'constructor'),
          },
        );
        await run(
          fc.asyncProperty(provider, wireBody(notification), contentType, async (name, body, type) => {
            const response = await send('POST /v1/webhooks/{provider}', 'POST', `/v1/webhooks/${name}`, {
              headers: { 'content-type': type },
              body,
            });
            // Refused (401), ignored or applied (200), an unknown provider (404), or over 64 KiB (400): nothing else.
            expect([200, 400, 401, 404, 413], `${name}: ${response.status}`).toContain(response.status);
            if (response.status === 400)
              expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe(
                '(body)',
              );
          }) as never,
          600,
        );
      });

      it('any method at any path', async () => {
        const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
        const path = fc.oneof(
          fc.constantFrom(
            '/',
            '/v1',
            '/v1/',
            '/v1/links/',
            '/v1/links//status',
            '//v1/links',
            '/v1/links/%2e%2e/status',
            '/v1/../healthz',
            '/v1/links/pl_x/events',
            '/paylink-../../etc/passwd.js',
            '/paylink%2f..%2f..%2fpackage.json.js',
            '/paylink-x.js',
            '/openapi.json',
            '/healthz',
            '/readyz',
            '/metrics',
          ),
          fc.webPath(),
          linkIdSegment(knownIds()).map((id) => `/v1/links/${id}/status`),
        );
        await run(
          fc.asyncProperty(
            method,
            path,
            queryString(),
            authorization(),
            fc.option(headerText(40), { nil: undefined }),
            async (verb, at, query, auth, origin) => {
              const response = await send('any method, any path', verb, `${at}${query}`, {
                headers: {
                  authorization: auth,
                  origin,
                  'access-control-request-method': verb === 'OPTIONS' ? 'POST' : undefined,
                  'content-type': 'application/json',
                },
                ...(verb === 'GET' || verb === 'HEAD' ? {} : { body: '{}' }),
                signal: AbortSignal.timeout(50),
              });
              await response.body?.cancel();
            },
          ) as never,
          400,
        );
      });

      it('reached past validation on every route (the fuzz is not all 400s)', () => {
        const seen = (route: string) => [...(byRoute.get(route)?.keys() ?? [])];
        expect(seen('POST /v1/links')).toEqual(expect.arrayContaining([201, 400, 401, 422]));
        expect(seen('POST /v1/links (reused key)')).toEqual(expect.arrayContaining([201, 422]));
        expect(seen('GET /v1/links')).toEqual(expect.arrayContaining([200, 400, 401]));
        expect(seen('GET /v1/links/{id}')).toEqual(expect.arrayContaining([200, 400, 404]));
        expect(seen('GET /v1/links/{id}/status')).toEqual(expect.arrayContaining([200, 304, 400, 404]));
        expect(seen('GET /v1/links/{id}/events')).toEqual(expect.arrayContaining([200, 400, 404]));
        expect(seen('GET /v1/status')).toEqual(expect.arrayContaining([200, 400]));
        expect(seen('POST /v1/links/{id}/disable')).toEqual(expect.arrayContaining([200, 400, 401, 404]));
        expect(seen('POST /v1/links/{id}/share')).toEqual(expect.arrayContaining([201, 400, 401, 404]));
        expect(seen('POST /v1/checkout')).toEqual(expect.arrayContaining([201, 400, 403, 404]));
        expect(seen('POST /v1/webhooks/{provider}')).toEqual(expect.arrayContaining([200, 401, 404]));
      });

      it('names every unknown field, the empty-named one too', async () => {
        const response = await send('regression checks', 'POST', '/v1/links', {
          headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...validBodies.payroc, '': 1, surprise: 2, other: 3 }),
        });
        expect(response.status).toBe(400);
        const { errors } = (await response.json()) as { errors: Array<{ field: string; message: string }> };
        expect(
          errors
            .filter((e) => e.message === 'is not a known field')
            .map((e) => e.field)
            .sort(),
        ).toEqual(['""', 'other', 'surprise']);
      });

      it('answers simultaneous duplicates with the one link (no 409)', async () => {
        const init = {
          headers: {
            authorization: `Bearer ${h.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({ ...validBodies.payroc, reference: 'FUZZ-DUP-1' }),
        };
        const answers = await Promise.all(
          [0, 1, 2].map(() => send('regression checks', 'POST', '/v1/links', init)),
        );
        expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
        const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as MerchantLinkView).id));
        expect(new Set(ids).size).toBe(1);
      });

      it('still serves after the barrage', async () => {
        expect((await h.proxy.app.request('/readyz')).status).toBe(200);
        const response = await send('POST /v1/links', 'POST', '/v1/links', {
          headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(validBodies.payroc),
        });
        expect(response.status).toBe(201);
      });
    },
  );
});
