// Two proxy processes on one PostgreSQL database: they share links, and a status change on one
// wakes the long polls and event streams waiting on the other (LISTEN/NOTIFY).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkStatusView, MerchantLinkView } from '@paylink/core';
import { type Emulator, emulatorFactories, listenDeferred } from '@paylink/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEnv } from './config.ts';
import { type ChildProxy, freePort, startChildProxy } from './testing/child-proxy.ts';
import { readEventStream } from './testing/event-stream.ts';
import { findTestDatabase, newSchemaName, runSql } from './testing/postgres.ts';
import { startReceiver } from './testing/receiver.ts';

const { url: databaseUrl, reason } = await findTestDatabase();
const RECONCILE_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
if (!databaseUrl) console.warn(`Skipping the scale-out tests: no PostgreSQL reachable (${reason}).`);

describe.skipIf(!databaseUrl)('two proxy processes on one PostgreSQL database', () => {
  const schema = newSchemaName();
  const apiKey = 'plk_scale_out_test_key_0123456789';
  let a: ChildProxy;
  let b: ChildProxy;
  let emulator: Emulator;
  let emulatorServer: Awaited<ReturnType<typeof listenDeferred>>;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    await runSql(databaseUrl!, `CREATE SCHEMA ${schema}`);
    const portA = await freePort();
    emulatorServer = await listenDeferred();
    const emulatorUrl = `http://localhost:${emulatorServer.port}`;
    // Placetopay notifies the instance whose URL was handed out when the link was made: A.
    emulator = emulatorFactories.placetopay!({ publicUrl: emulatorUrl });
    emulatorServer.setApp(emulator.app);
    const env = (): Record<string, string> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'paylink-scale-'));
      dataDirs.push(dataDir);
      return {
        DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        PAYLINK_DATA_DIR: dataDir,
        PAYLINK_DEV_API_KEY: apiKey,
        PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0',
        // Both instances look for due links and due deliveries often, so they race for the same rows.
        PAYLINK_RECONCILE_SIGNED_INTERVAL_MS: String(RECONCILE_MS),
        PAYLINK_RECONCILE_TICK_MS: '50',
        PAYLINK_READS_PER_SECOND: '100',
        PAYLINK_EVENT_POLL_MS: '20',
        PAYLINK_RATE_LIMIT_PER_MINUTE: '0',
        ...providerEnv('placetopay', emulator.adapterSettings),
      };
    };
    a = await startChildProxy(env(), portA);
    b = await startChildProxy(env());
  }, 60_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    emulator?.close();
    await emulatorServer?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    if (databaseUrl) await runSql(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  const createOn = async (proxy: ChildProxy) => {
    const response = await fetch(`${proxy.url}/v1/links`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        provider: 'placetopay',
        amount: { value: '50000', currency: 'COP' },
        description: 'Scale-out',
        usageLimit: 1,
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as MerchantLinkView;
  };

  it('shares links and idempotency keys between instances', async () => {
    const link = await createOn(a);
    const onB = await fetch(`${b.url}/v1/links/${link.id}`);
    expect(onB.status).toBe(200);
    const key = crypto.randomUUID();
    const body = JSON.stringify({
      provider: 'placetopay',
      amount: { value: '1000', currency: 'COP' },
      description: 'Once',
    });
    const headers = {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    };
    const first = (await (
      await fetch(`${a.url}/v1/links`, { method: 'POST', headers, body })
    ).json()) as MerchantLinkView;
    const second = await fetch(`${b.url}/v1/links`, { method: 'POST', headers, body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as MerchantLinkView).id).toBe(first.id);
  });

  it("wakes a long poll on B when A applies the provider's notification", async () => {
    const link = await createOn(a);
    const etag = (await fetch(`${b.url}/v1/links/${link.id}/status`)).headers.get('etag')!;
    const poll = fetch(`${b.url}/v1/links/${link.id}/status?wait=15`, { headers: { 'if-none-match': etag } });
    await new Promise((r) => setTimeout(r, 300));
    const paidAt = Date.now();
    await fetch(`${emulatorServer.url}/_emulator/links/${link.providerRef}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'approved' }),
    });
    const response = await poll;
    expect(response.status).toBe(200);
    expect(((await response.json()) as LinkStatusView).status).toBe('paid');
    expect(Date.now() - paidAt).toBeLessThan(3000);
  });

  it('streams the change to an event stream on B', async () => {
    const link = await createOn(a);
    const response = await fetch(`${b.url}/v1/links/${link.id}/events`);
    const events = readEventStream(response);
    await events.until(/"status":"open"/);
    await fetch(`${emulatorServer.url}/_emulator/links/${link.providerRef}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'approved' }),
    });
    expect(await events.until(/"status":"paid"/)).toContain('"status":"paid"');
    await events.close();
  });

  it('reads each due link from one instance once per interval', { timeout: 20_000 }, async () => {
    const links = await Promise.all(Array.from({ length: 8 }, (_, i) => createOn(i % 2 ? a : b)));
    const readTimes = (ref: string) =>
      emulator.control.requests
        .filter((r) => r.method === 'POST' && r.path === `/api/payment-link/${ref}`)
        .map((r) => Date.parse(r.at));
    // Slow provider reads: a link being read stays leased, so the other instance does not read it too.
    emulator.control.faults = { latencyMs: 150 };
    const started = Date.now();
    await sleep(3000);
    emulator.control.faults = null;
    for (const link of links) {
      const times = readTimes(link.providerRef).filter((t) => t >= started);
      expect(times.length).toBeGreaterThanOrEqual(2);
      // One read per interval between both instances: two uncoordinated reconcilers read each
      // link twice in a row, milliseconds apart.
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RECONCILE_MS * 0.8);
    }
  });

  it('delivers each merchant event from one instance, once', { timeout: 20_000 }, async () => {
    const receiver = await startReceiver();
    try {
      const registered = await fetch(`${a.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, events: ['link.paid'] }),
      });
      expect(registered.status).toBe(201);
      const links = await Promise.all(Array.from({ length: 12 }, (_, i) => createOn(i % 2 ? a : b)));
      await Promise.all(
        links.map((link) =>
          fetch(`${emulatorServer.url}/_emulator/links/${link.providerRef}/pay`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ outcome: 'approved' }),
          }),
        ),
      );
      const ours = new Set(links.map((l) => l.id));
      const mine = () => receiver.events().filter((e) => ours.has(e.data.link.id));
      await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(links.length);
      await sleep(500);
      const ids = mine().map((e) => e.id);
      expect(ids).toHaveLength(links.length);
      expect(new Set(ids).size).toBe(links.length);
      expect(new Set(mine().map((e) => e.data.link.id))).toEqual(ours);
    } finally {
      await receiver.close();
    }
  });
});
