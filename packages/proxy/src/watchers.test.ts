// Watching at scale keeps its shape: a change is serialised once whatever the number of
// watchers, streams and long polls end on a final status, and nothing of a stream is kept once it
// has closed. Real proxy, real Placetopay emulator; counts through /metrics and the proxy's
// `watchers`. Speed is measured in bench/watchers.ts, not here.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MerchantLinkView } from '@paylink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink } from './event-sink.ts';
import { readEventStream } from './testing/event-stream.ts';
import { type Harness, startHarness } from './testing/harness.ts';

const metric = async (h: Harness, name: string) => {
  const text = await (await h.request('/metrics')).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
};

/** Reads a whole response body (a stream that ends by itself), or fails after `ms`. */
const readToEnd = async (response: Response, ms = 10_000): Promise<string> =>
  Promise.race([
    response.text(),
    new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)),
  ]);

describe('many watchers of one link', () => {
  let h: Harness;
  const createLink = (): Promise<MerchantLinkView> =>
    h.createLink({
      provider: 'placetopay',
      amount: { value: '100000.00', currency: 'COP' },
      description: 'Shared invoice',
      reference: `SHARED-${Math.random().toString(36).slice(2, 8)}`,
      usageLimit: 1,
    });

  beforeAll(async () => {
    // Signed notifications only (no safety-net reads), so every change comes from the payment.
    h = await startHarness('placetopay', { PAYLINK_WEBHOOK_REFRESH_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serialises a change once for all its event streams, and ends every stream on the final status', async () => {
    const link = await createLink();
    const streams = await Promise.all(
      Array.from({ length: 100 }, () => h.request(`/v1/links/${link.id}/events`)),
    );
    const readers = streams.map((response) => readEventStream(response));
    await Promise.all(readers.map((events) => events.until(/"status":"open"/)));
    expect(await metric(h, 'paylink_open_streams')).toBe(100);
    const before = await metric(h, 'paylink_status_serializations_total');

    await h.pay(link.providerRef, 'approved');
    const texts = await Promise.all(readers.map((events) => events.until(/$^/))); // to the end
    for (const text of texts) expect(text).toMatch(/event: status\ndata: .*"status":"paid"/);
    const paid = await h.status(link.id);
    // One serialisation per new version (the payment), not one per stream.
    expect((await metric(h, 'paylink_status_serializations_total')) - before).toBe(
      paid.version - link.version,
    );
    await expect.poll(() => metric(h, 'paylink_open_streams')).toBe(0);
    expect(h.proxy.watchers.linkCount).toBe(0);
  });

  it('answers every waiting long poll with the final status, the same bytes to each', async () => {
    const link = await createLink();
    const polls = Array.from({ length: 100 }, () =>
      h.request(`/v1/links/${link.id}/status?wait=25`, { headers: { 'if-none-match': `"${link.version}"` } }),
    );
    await expect.poll(() => metric(h, 'paylink_long_polls')).toBe(100);
    const before = await metric(h, 'paylink_status_serializations_total');

    await h.pay(link.providerRef, 'approved');
    const answers = await Promise.all(polls);
    const bodies = await Promise.all(answers.map((response) => readToEnd(response)));
    for (const response of answers) expect(response.status).toBe(200);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ id: link.id, status: 'paid' });
    const paid = await h.status(link.id);
    expect((await metric(h, 'paylink_status_serializations_total')) - before).toBe(
      paid.version - link.version,
    );
    expect(await metric(h, 'paylink_long_polls')).toBe(0);
    expect(h.proxy.watchers.linkCount).toBe(0);
  });

  it('ends a stream opened on a link that is already final at once', async () => {
    const link = await createLink();
    await h.pay(link.providerRef, 'approved');
    await expect.poll(async () => (await h.status(link.id)).status).toBe('paid');
    const text = await readToEnd(await h.request(`/v1/links/${link.id}/events`));
    expect(text).toMatch(/event: ready/);
    expect(text).toMatch(/"status":"paid"/);
    expect(h.proxy.watchers.streamCount).toBe(0);
  });

  it('writes the same bytes to 10,000 streams and forgets them all once they close', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const link = await createLink();
    const stored = await h.proxy.engine.links.get(link.id);
    const before = await metric(h, 'paylink_status_serializations_total');
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    // Each sink stands for one open response: it records what it was sent and, like a real one,
    // reports its own close (which removes it from the watchers).
    const written: Uint8Array[][] = [];
    let ended = 0;
    for (let i = 0; i < 10_000; i++) {
      const chunks: Uint8Array[] = [];
      written.push(chunks);
      let remove = () => {};
      let closed = false;
      const sink: EventSink = {
        write: (bytes) => void chunks.push(bytes),
        end: (bytes) => {
          if (bytes) chunks.push(bytes);
          closed = true;
          ended++;
          remove();
        },
        get closed() {
          return closed;
        },
      };
      // A stream's own bookkeeping, as a held response keeps it (about what a real one sends).
      (sink as unknown as { padding: string }).padding = `${i}`.padEnd(2048, '.');
      remove = h.proxy.watchers.addStream(stored!, sink, `"${link.version}"`);
    }
    expect(h.proxy.watchers.streamCount).toBe(10_000);
    expect(h.proxy.watchers.linkCount).toBe(1);
    gc();
    const heapOpen = process.memoryUsage().heapUsed;

    await h.pay(link.providerRef, 'approved');
    await expect.poll(() => ended, { timeout: 10_000 }).toBe(10_000);
    // The same bytes, the same object, to every stream: serialised once.
    const frame = written[0]![0]!;
    expect(Buffer.from(frame).toString()).toMatch(/"status":"paid"/);
    expect(written.every((chunks) => chunks.length === 1 && chunks[0] === frame)).toBe(true);
    const paid = await h.status(link.id);
    expect((await metric(h, 'paylink_status_serializations_total')) - before).toBe(
      paid.version - link.version,
    );

    // Everything of the streams is gone once they have closed.
    expect(h.proxy.watchers.streamCount).toBe(0);
    expect(h.proxy.watchers.linkCount).toBe(0);
    expect(await metric(h, 'paylink_watched_links')).toBe(0);
    written.length = 0;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const held = heapOpen - heapBefore;
    expect(held).toBeGreaterThan(10_000 * 1024); // the measure sees the streams at all
    expect(heapAfter - heapBefore).toBeLessThan(held * 0.1);
  });
});
