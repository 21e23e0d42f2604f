// Crash test: the real proxy process is killed with SIGKILL while creates are in flight, then
// started again on the same data folder. Every link the proxy acknowledged (201 with a body) must
// survive, and retrying every request with its Idempotency-Key must end with exactly one link per
// key, both in the proxy and at the provider (the Payroc emulator, which replays by Idempotency-Key).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MerchantLinkView, Problem, PublicLinkView } from '@paylink/core';
import { type Emulator, emulatorFactories, listenDeferred, type RunningServer } from '@paylink/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from './api-keys.ts';
import { providerEnv } from './config.ts';
import { hashJson, uuidFromText } from './engine/link-creation.ts';
import type { StoredLink } from './store/store.ts';
import { type ChildProxy, freePort, startChildProxy } from './testing/child-proxy.ts';
import { type Harness, startHarness } from './testing/harness.ts';
import { startReceiver } from './testing/receiver.ts';

const API_KEY = 'plk_crash_test_key_0123456789abcdef';
const REQUESTS = 40;
/** Requests are spread out so the kill finds some answered, some in flight and some not yet sent. */
const SPACING_MS = 8;
/** The kill lands once this many creates have been acknowledged. */
const KILL_AFTER_ACKS = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Attempt {
  key: string;
  body: Record<string, unknown>;
  reference: string;
  /** The link id of a 201 received before the kill, if any. */
  acknowledged: string | null;
  /** Whether the request was sent while the proxy was up and got no answer. */
  unanswered: boolean;
}

describe('crash: SIGKILL during concurrent creates (Payroc emulator)', () => {
  let emulator: Emulator;
  let emulatorServer: RunningServer & { setApp(app: Emulator['app']): void };
  let dataDir: string;
  let env: Record<string, string>;
  let proxy: ChildProxy | null = null;

  beforeAll(async () => {
    emulatorServer = await listenDeferred();
    const emulatorUrl = `http://127.0.0.1:${emulatorServer.port}`;
    emulator = emulatorFactories.payroc!({ publicUrl: emulatorUrl });
    emulatorServer.setApp(emulator.app);
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-crash-'));
    const port = await freePort();
    env = {
      PAYLINK_PORT: String(port),
      PAYLINK_HOST: '127.0.0.1',
      PAYLINK_DATA_DIR: dataDir,
      PAYLINK_DEV_API_KEY: API_KEY,
      PAYLINK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // A claim left by the dead process is re-taken after 1.5 s instead of 60 s, so the test is quick.
      PAYLINK_IDEMPOTENCY_ABANDON_MS: '1500',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
      ...providerEnv('payroc', emulator.adapterSettings),
    };
  });

  afterAll(async () => {
    await proxy?.kill();
    emulator?.close();
    await emulatorServer?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, attempt: Attempt) =>
    fetch(`${url}/v1/links`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': attempt.key,
      },
      body: JSON.stringify(attempt.body),
    });

  it('loses no acknowledged link and makes no duplicate, in the proxy or at the provider', {
    timeout: 120_000,
  }, async () => {
    const faults = await fetch(`${emulatorServer.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 50 }),
    });
    expect(faults.status).toBe(200);

    const run = crypto.randomUUID().slice(0, 8);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const attempts: Attempt[] = Array.from({ length: REQUESTS }, (_, i) => ({
      key: crypto.randomUUID(),
      reference: `CRASH-${run}-${i}`,
      body: {
        provider: 'payroc',
        amount: { value: `${10 + i}.00`, currency: 'USD' },
        description: `Crash test order ${i}`,
        reference: `CRASH-${run}-${i}`,
        usageLimit: 1,
        expiresAt,
        metadata: { attempt: String(i) },
      },
      acknowledged: null,
      unanswered: false,
    }));

    // --- 1. concurrent creates, SIGKILL mid-way --------------------------------------------------
    proxy = await startChildProxy(env);
    const first = proxy;
    let acks = 0;
    let killed: Promise<void> | null = null;
    const kill = () => (killed ??= first.kill());
    const sent = attempts.map(async (attempt, i) => {
      await sleep(i * SPACING_MS);
      if (killed) return; // the client would not send to a dead server; a retry later covers it
      attempt.unanswered = true;
      try {
        const response = await post(first.url, attempt);
        const text = await response.text();
        expect(response.status, `create ${i} before the kill: ${text}`).toBe(201);
        attempt.acknowledged = (JSON.parse(text) as MerchantLinkView).id;
        attempt.unanswered = false;
        if (++acks >= KILL_AFTER_ACKS) void kill();
      } catch (error) {
        // Only a cut connection is expected here; an HTTP answer other than 201 fails the test.
        if (!(error instanceof TypeError)) throw error;
      }
    });
    // Whatever the timing, the kill lands while requests are still being sent.
    const safety = setTimeout(kill, (REQUESTS / 2) * SPACING_MS + 400);
    await Promise.all(sent);
    await kill();
    clearTimeout(safety);
    await fetch(`${emulatorServer.url}/_emulator/faults`, { method: 'DELETE' });

    const acknowledged = attempts.filter((a) => a.acknowledged);
    const cut = attempts.filter((a) => a.unanswered);
    // The test means something only if the kill found both answered and unanswered creates.
    expect(acknowledged.length, first.output()).toBeGreaterThan(0);
    expect(cut.length, 'no create was in flight when the proxy was killed').toBeGreaterThan(0);

    // --- 2. restart on the same data: every acknowledged link is there ---------------------------
    proxy = await startChildProxy(env);
    const second = proxy;
    for (const attempt of acknowledged) {
      const response = await fetch(`${second.url}/v1/links/${attempt.acknowledged}`);
      expect(response.status, `acknowledged link ${attempt.acknowledged} after restart`).toBe(200);
      expect(((await response.json()) as PublicLinkView).id).toBe(attempt.acknowledged);
    }

    // --- 3. every client retries with the same key and body until it gets its 201 ----------------
    const deadline = Date.now() + 60_000;
    let waitsForAbandonedClaims = 0;
    const finalIds = await Promise.all(
      attempts.map(async (attempt) => {
        for (;;) {
          const response = await post(second.url, attempt);
          const text = await response.text();
          if (response.status === 201) return (JSON.parse(text) as MerchantLinkView).id;
          // A claim the dead process left is re-taken only after the abandonment window: 409 + Retry-After.
          expect(response.status, `retry of ${attempt.reference}: ${text}`).toBe(409);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect((JSON.parse(text) as Problem).type).toMatch(/idempotency-in-progress/);
          const retryAfter = Number(response.headers.get('retry-after'));
          expect(retryAfter).toBeGreaterThan(0);
          expect(Date.now(), `${attempt.reference} still refused after 60 s`).toBeLessThan(deadline);
          waitsForAbandonedClaims++;
          await sleep(retryAfter * 1000);
        }
      }),
    );

    // Each key maps to one link, a different one per key, and acknowledged keys kept their id.
    expect(new Set(finalIds).size).toBe(REQUESTS);
    attempts.forEach((attempt, i) => {
      if (attempt.acknowledged) expect(finalIds[i], attempt.reference).toBe(attempt.acknowledged);
    });
    // A second round of retries replays the same ids.
    for (const [i, attempt] of attempts.entries()) {
      const again = await post(second.url, attempt);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as MerchantLinkView).id).toBe(finalIds[i]);
    }

    // The proxy holds exactly these links (no orphan row from a create the crash interrupted).
    const listed = await fetch(`${second.url}/v1/links?limit=100`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(listed.status).toBe(200);
    const stored = ((await listed.json()) as { links: MerchantLinkView[] }).links;
    expect(stored.map((l) => l.id).sort()).toEqual([...finalIds].sort());

    // The provider holds exactly one link per key, and it is the one the proxy points to.
    const atProvider = (
      (await (await fetch(`${emulatorServer.url}/_emulator/links`)).json()) as {
        links: Array<{ paymentLinkId: string; merchantReference: string }>;
      }
    ).links.filter((l) => l.merchantReference.startsWith(`CRASH-${run}-`));
    for (const attempt of attempts) {
      const matching = atProvider.filter((l) => l.merchantReference === attempt.reference);
      expect(matching, `links at Payroc for ${attempt.reference}`).toHaveLength(1);
      const link = stored.find((l) => l.reference === attempt.reference);
      expect(link?.providerRef, attempt.reference).toBe(matching[0]!.paymentLinkId);
    }
    expect(atProvider).toHaveLength(REQUESTS);

    // Creates Payroc answered, replays included: more than REQUESTS means its key replay was exercised.
    const providerCreates = emulator.control.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/payment-links') && r.status === 201,
    ).length;
    console.log(
      `crash test: ${acknowledged.length} acknowledged and ${cut.length} cut of ${REQUESTS} creates at the kill; ` +
        `${waitsForAbandonedClaims} retries waited for an abandoned claim; ${providerCreates} creates answered by Payroc ` +
        `(replays included); ${REQUESTS} links in the proxy and at Payroc`,
    );
  });
});

// A kill that lands after the link row is written but before the idempotency answer is stored
// (engine/link-creation.ts, `#createNow` → `insertLink`, then `completeIdempotencyKey`) leaves a pending
// claim next to a stored link. The retry re-takes the claim, Payroc replays the same
// paymentLinkId for the same derived key, and `insertLink` hits UNIQUE (provider, provider_ref):
// a 500, and the same 500 on every later retry, for a link that exists on both sides.
// The state is built in-process below (the kill window is microseconds wide, too narrow to hit
// reliably with SIGKILL). The proxy now answers the link it already stored.
describe('crash between insertLink and completeIdempotencyKey', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('payroc', {
      PAYLINK_IDEMPOTENCY_ABANDON_MS: '0',
      PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a retry with the link stored before the crash, not a 500 (the provider replays the create)', async () => {
    const key = crypto.randomUUID();
    const body = {
      provider: 'payroc',
      amount: { value: '25.00', currency: 'USD' },
      description: 'Interrupted create',
      reference: 'CRASH-WINDOW-1',
      usageLimit: 1,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    const scope = (await h.proxy.store.findApiKeyByHash(hashApiKey(h.apiKey)))!.id;
    // What the dead process had done: claimed the key, created at Payroc with the derived key, stored the row.
    await h.proxy.store.claimIdempotencyKey(
      scope,
      key,
      hashJson(body),
      new Date(Date.now() - 10_000).toISOString(),
    );
    const created = await h.proxy.engine.adapter('payroc')!.create(body, {
      idempotencyKey: uuidFromText(`${scope}\u0000${key}`),
      notificationUrl: `${h.proxyUrl}/v1/webhooks/payroc`,
    });
    const now = new Date().toISOString();
    const orphan: StoredLink = {
      id: 'pl_CrashWindow0000000000001'.slice(0, 25),
      provider: 'payroc',
      providerRef: created.providerRef,
      url: created.url,
      status: created.state.status,
      payments: created.state.payments,
      lastPayment: created.state.lastPayment,
      version: 1,
      amount: body.amount,
      amountMode: 'fixed',
      flexibleAmount: null,
      title: null,
      description: body.description,
      reference: body.reference,
      customer: null,
      metadata: null,
      expiresAt: created.state.expiresAt ?? body.expiresAt,
      createdAt: now,
      updatedAt: now,
      checkedAt: now,
      ownerKeyId: scope,
      provisional: false,
    };
    await h.proxy.store.insertLink(orphan);

    // The client retries after the restart, same key and body.
    const response = await h.request('/v1/links', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}`, 'idempotency-key': key },
      json: body,
    });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    expect((JSON.parse(text) as MerchantLinkView).id).toBe(orphan.id);
  });
});

// The outbox survives a crash: an event written with its status change but not yet delivered
// (the receiver was failing) is delivered after a restart, with the same webhook-id, and once.
describe('crash: SIGKILL between a status change and its delivery (Placetopay emulator)', () => {
  it('delivers the event after the restart, once', { timeout: 60_000 }, async () => {
    const server = await listenDeferred();
    const emulator = emulatorFactories.placetopay!({ publicUrl: `http://127.0.0.1:${server.port}` });
    server.setApp(emulator.app);
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'paylink-crash-outbox-'));
    const port = await freePort();
    const env = {
      PAYLINK_PORT: String(port),
      PAYLINK_DATA_DIR: dir,
      PAYLINK_DEV_API_KEY: API_KEY,
      PAYLINK_EVENT_RETRY_BASE_MS: '300',
      PAYLINK_EVENT_POLL_MS: '100',
      ...providerEnv('placetopay', emulator.adapterSettings),
    };
    let proxy = await startChildProxy(env, port);
    try {
      const api = (path: string, body: unknown) =>
        fetch(`${proxy.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${API_KEY}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify(body),
        });
      expect((await api('/v1/webhook-endpoints', { url: receiver.url })).status).toBe(201);
      const link = (await (
        await api('/v1/links', {
          provider: 'placetopay',
          amount: { value: '50000', currency: 'COP' },
          description: 'Crash before delivery',
          usageLimit: 1,
        })
      ).json()) as MerchantLinkView;
      receiver.respond = () => 503;
      await fetch(`${server.url}/_emulator/links/${link.providerRef}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'approved' }),
      });
      // The change is committed (its event was attempted once); the receiver has not taken it.
      await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
      await proxy.kill();
      const attemptsBefore = receiver.received.length;

      receiver.respond = () => 204;
      proxy = await startChildProxy(env, port);
      await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(attemptsBefore);
      await sleep(1500);
      const ids = new Set(receiver.received.map((d) => d.headers['webhook-id']));
      expect(ids.size).toBe(1);
      expect(receiver.events().every((e) => e.type === 'link.paid' && e.data.link.id === link.id)).toBe(true);
      // Delivered once: nothing more after the 2xx.
      expect(receiver.received.length).toBe(attemptsBefore + 1);
    } finally {
      await proxy.kill();
      emulator.close();
      await server.close();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
