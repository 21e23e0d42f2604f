import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiKeyRecord,
  LinkStore,
  NewEvent,
  StatusUpdate,
  StoredLink,
  WebhookEndpointRecord,
} from './store.ts';

/** A fixed clock origin; every test builds its times from it so ordering assertions are exact. */
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/**
 * The conformance suite every {@link LinkStore} passes, through the public interface only.
 *
 * `open` must return a store on the SAME data every time it is called (it is called again to check
 * that data survives a close and that opening twice re-runs migrations harmlessly); `cleanup` runs
 * once after the last store is closed. Tests share that data, so each one works under its own
 * random provider / owner / scope names.
 */
export function runStoreSuite(
  name: string,
  open: () => Promise<LinkStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`LinkStore conformance: ${name}`, () => {
    let store: LinkStore;
    const run = randomBytes(4).toString('hex');
    let counter = 0;
    const unique = (prefix: string) => `${prefix}_${run}_${++counter}`;

    /** A link with every optional field filled, under a provider name of its own unless told. */
    const makeLink = (overrides: Partial<StoredLink> = {}): StoredLink => ({
      id: unique('pl'),
      provider: unique('prov'),
      providerRef: unique('ref'),
      url: 'https://checkout.example.com/pay/abc?x=1',
      status: 'open',
      payments: { count: 0, limit: 1 },
      lastPayment: null,
      version: 1,
      amount: { value: '1500.00', currency: 'UYU' },
      amountMode: 'fixed',
      flexibleAmount: null,
      title: 'Café — menú',
      description: 'Two coffees',
      reference: 'order-42',
      customer: { email: 'ana@example.com', name: 'Ana' },
      metadata: { cart: '42', note: 'quote " and \\ backslash' },
      expiresAt: at(86_400),
      createdAt: at(0),
      updatedAt: at(0),
      checkedAt: at(0),
      ownerKeyId: 'key_1',
      provisional: false,
      ...overrides,
    });

    const paidUpdate = (link: StoredLink, seconds: number): StatusUpdate => ({
      status: 'paid',
      payments: { count: 1, limit: link.payments.limit },
      lastPayment: { outcome: 'approved', at: at(seconds), amount: { value: '49.99', currency: 'USD' } },
      version: link.version + 1,
      updatedAt: at(seconds),
      checkedAt: at(seconds),
      provisional: false,
    });

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe('links', () => {
      it('stores a link and reads back exactly what it was given', async () => {
        const full = makeLink({
          amountMode: 'flexible',
          flexibleAmount: { min: '100.00', max: '5000.00' },
          lastPayment: { outcome: 'rejected', at: at(5) },
          payments: { count: 3, limit: null },
        });
        const bare = makeLink({
          amount: { value: null, currency: 'JPY' },
          title: null,
          reference: null,
          customer: null,
          metadata: null,
          expiresAt: null,
          ownerKeyId: null,
          description: '',
        });
        await store.insertLink(full);
        await store.insertLink(bare);
        expect(await store.getLink(full.id)).toEqual(full);
        expect(await store.getLink(bare.id)).toEqual(bare);
        const read = await store.getLink(full.id);
        expect(typeof read?.version).toBe('number');
        expect(typeof read?.payments.count).toBe('number');
      });

      it('returns null for an unknown id', async () => {
        expect(await store.getLink(unique('pl_missing'))).toBeNull();
      });

      it('refuses a second link with the same id or the same provider reference', async () => {
        const link = makeLink();
        await store.insertLink(link);
        await expect(store.insertLink({ ...link, providerRef: unique('ref') })).rejects.toThrow();
        await expect(store.insertLink({ ...link, id: unique('pl') })).rejects.toThrow();
        expect(await store.getLink(link.id)).toEqual(link);
      });

      it('gets several links by id, skipping unknown ones', async () => {
        const a = makeLink();
        const b = makeLink();
        const c = makeLink();
        for (const link of [a, b, c]) await store.insertLink(link);
        const found = await store.getLinks([a.id, unique('pl_missing'), c.id]);
        expect(found.map((link) => link.id).sort()).toEqual([a.id, c.id].sort());
        expect(found.find((link) => link.id === c.id)).toEqual(c);
        expect(await store.getLinks([])).toEqual([]);
      });

      it('finds a link by provider and provider reference', async () => {
        const link = makeLink();
        await store.insertLink(link);
        expect(await store.findByProviderRef(link.provider, link.providerRef)).toEqual(link);
        expect(await store.findByProviderRef(unique('other'), link.providerRef)).toBeNull();
        expect(await store.findByProviderRef(link.provider, unique('ref'))).toBeNull();
      });
    });

    describe('listLinks', () => {
      it('lists newest first and applies the owner, status and provider filters', async () => {
        const provider = unique('prov');
        const owner = unique('key');
        const oldest = makeLink({ provider, ownerKeyId: owner, createdAt: at(10) });
        const middle = makeLink({ provider, ownerKeyId: owner, createdAt: at(20), status: 'paid' });
        const newest = makeLink({ provider, ownerKeyId: null, createdAt: at(30) });
        const elsewhere = makeLink({ ownerKeyId: owner, createdAt: at(40) });
        // Inserted out of order, so the order can only come from the query.
        for (const link of [middle, elsewhere, oldest, newest]) await store.insertLink(link);
        const ids = (links: StoredLink[]) => links.map((link) => link.id);

        expect(ids(await store.listLinks({ provider, limit: 10 }))).toEqual([
          newest.id,
          middle.id,
          oldest.id,
        ]);
        expect(ids(await store.listLinks({ ownerKeyId: owner, limit: 10 }))).toEqual([
          elsewhere.id,
          middle.id,
          oldest.id,
        ]);
        expect(ids(await store.listLinks({ provider, ownerKeyId: owner, limit: 10 }))).toEqual([
          middle.id,
          oldest.id,
        ]);
        expect(ids(await store.listLinks({ provider, ownerKeyId: null, limit: 10 }))).toEqual([newest.id]);
        expect(ids(await store.listLinks({ provider, status: 'paid', limit: 10 }))).toEqual([middle.id]);
        expect(ids(await store.listLinks({ provider, status: 'open', limit: 10 }))).toEqual([
          newest.id,
          oldest.id,
        ]);
        expect(ids(await store.listLinks({ provider, limit: 2 }))).toEqual([newest.id, middle.id]);
        expect(await store.listLinks({ provider: unique('none'), limit: 10 })).toEqual([]);
        expect((await store.listLinks({ provider, limit: 10 }))[2]).toEqual(oldest);
      });

      it('pages with the (createdAt, id) cursor without gaps or repeats, ties broken by id', async () => {
        const provider = unique('prov');
        // Two pairs share a createdAt: the cursor has to tell them apart by id.
        const links = [
          makeLink({ provider, id: `pl_${run}_page_a`, createdAt: at(100) }),
          makeLink({ provider, id: `pl_${run}_page_b`, createdAt: at(200) }),
          makeLink({ provider, id: `pl_${run}_page_c`, createdAt: at(200) }),
          makeLink({ provider, id: `pl_${run}_page_d`, createdAt: at(300) }),
          makeLink({ provider, id: `pl_${run}_page_e`, createdAt: at(300) }),
          makeLink({ provider, id: `pl_${run}_page_f`, createdAt: at(400) }),
        ];
        for (const link of [...links].reverse()) await store.insertLink(link);
        const expected = [...links]
          .sort((x, y) =>
            x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1,
          )
          .map((link) => link.id);
        expect(expected.slice(0, 3)).toEqual([`pl_${run}_page_f`, `pl_${run}_page_e`, `pl_${run}_page_d`]);

        for (const pageSize of [1, 2, 4]) {
          const seen: string[] = [];
          let after: { createdAt: string; id: string } | undefined;
          for (let pages = 0; pages < 10; pages++) {
            const page = await store.listLinks({ provider, limit: pageSize, after });
            seen.push(...page.map((link) => link.id));
            const last = page.at(-1);
            if (page.length < pageSize || !last) break;
            after = { createdAt: last.createdAt, id: last.id };
          }
          expect(seen, `page size ${pageSize}`).toEqual(expected);
        }
      });
    });

    describe('updateStatus', () => {
      it('writes when the expected version matches and leaves the other fields alone', async () => {
        const link = makeLink({ payments: { count: 0, limit: 5 } });
        await store.insertLink(link);
        const update = paidUpdate(link, 60);
        expect(await store.updateStatus(link.id, link.version, update)).toBe(true);
        expect(await store.getLink(link.id)).toEqual({ ...link, ...update });
      });

      it('refuses a stale expected version and changes nothing', async () => {
        const link = makeLink({ version: 7 });
        await store.insertLink(link);
        const first: StatusUpdate = {
          status: 'pending',
          payments: { count: 0, limit: 1 },
          lastPayment: { outcome: 'pending', at: null },
          version: 8,
          updatedAt: at(10),
          checkedAt: at(10),
          provisional: false,
        };
        expect(await store.updateStatus(link.id, 7, first)).toBe(true);
        // A second writer that read version 7 too loses.
        expect(await store.updateStatus(link.id, 7, { ...paidUpdate(link, 20), version: 8 })).toBe(false);
        expect(await store.getLink(link.id)).toEqual({ ...link, ...first });
        expect(await store.updateStatus(link.id, 8, { ...paidUpdate(link, 30), version: 9 })).toBe(true);
        expect((await store.getLink(link.id))?.version).toBe(9);
        expect(await store.updateStatus(unique('pl_missing'), 1, paidUpdate(link, 30))).toBe(false);
      });

      it('lets exactly one of several concurrent writers with the same expected version win', async () => {
        const link = makeLink();
        await store.insertLink(link);
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.updateStatus(link.id, link.version, paidUpdate(link, 100 + i)),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await store.getLink(link.id);
        expect(stored?.version).toBe(link.version + 1);
        expect(stored?.updatedAt).toBe(at(100 + results.indexOf(true)));
      });

      it('touchChecked moves only checkedAt', async () => {
        const link = makeLink();
        await store.insertLink(link);
        await store.touchChecked(link.id, at(500));
        expect(await store.getLink(link.id)).toEqual({ ...link, checkedAt: at(500) });
        await store.touchChecked(unique('pl_missing'), at(500));
      });
    });

    describe('idempotency keys', () => {
      it('claims a free key, then reports the pending claim, then the stored response', async () => {
        const scope = unique('scope');
        expect(await store.claimIdempotencyKey(scope, 'k1', 'hash-a', at(0))).toBeNull();
        expect(await store.claimIdempotencyKey(scope, 'k1', 'hash-b', at(1))).toEqual({
          requestHash: 'hash-a',
          response: null,
          createdAt: at(0),
        });
        await store.completeIdempotencyKey(scope, 'k1', { status: 201, body: '{"id":"pl_1"}' });
        expect(await store.claimIdempotencyKey(scope, 'k1', 'hash-a', at(2))).toEqual({
          requestHash: 'hash-a',
          response: { status: 201, body: '{"id":"pl_1"}' },
          createdAt: at(0),
        });
      });

      it('keeps keys of different scopes apart', async () => {
        const key = unique('key');
        expect(await store.claimIdempotencyKey(unique('scope'), key, 'h', at(0))).toBeNull();
        expect(await store.claimIdempotencyKey(unique('scope'), key, 'h', at(0))).toBeNull();
      });

      it('hands a free key to exactly one of several concurrent claimers', async () => {
        const scope = unique('scope');
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.claimIdempotencyKey(scope, 'race', `hash-${i}`, at(i))),
        );
        expect(results.filter((result) => result === null)).toHaveLength(1);
        const winner = results.indexOf(null);
        for (const result of results) {
          if (result)
            expect(result).toEqual({ requestHash: `hash-${winner}`, response: null, createdAt: at(winner) });
        }
      });

      it('releases a pending claim but never a completed one', async () => {
        const scope = unique('scope');
        await store.claimIdempotencyKey(scope, 'pending', 'h1', at(0));
        await store.releaseIdempotencyKey(scope, 'pending');
        expect(await store.claimIdempotencyKey(scope, 'pending', 'h2', at(1))).toBeNull();

        await store.claimIdempotencyKey(scope, 'done', 'h1', at(0));
        await store.completeIdempotencyKey(scope, 'done', { status: 200, body: 'ok' });
        await store.releaseIdempotencyKey(scope, 'done');
        expect((await store.claimIdempotencyKey(scope, 'done', 'h1', at(1)))?.response).toEqual({
          status: 200,
          body: 'ok',
        });

        await store.releaseIdempotencyKey(scope, 'never-claimed');
      });

      it('retakes only a claim that is still pending and older than the cutoff, and only once', async () => {
        const scope = unique('scope');
        await store.claimIdempotencyKey(scope, 'stuck', 'h', at(0));
        // Not older than the cutoff (equal counts as not older).
        expect(await store.retakeIdempotencyKey(scope, 'stuck', at(0), at(100))).toBe(false);
        expect(await store.retakeIdempotencyKey(scope, 'stuck', at(60), at(100))).toBe(true);
        expect(await store.claimIdempotencyKey(scope, 'stuck', 'h', at(101))).toEqual({
          requestHash: 'h',
          response: null,
          createdAt: at(100),
        });
        // A second instance racing with the same cutoff finds the claim refreshed and loses.
        expect(await store.retakeIdempotencyKey(scope, 'stuck', at(60), at(100))).toBe(false);

        await store.claimIdempotencyKey(scope, 'finished', 'h', at(0));
        await store.completeIdempotencyKey(scope, 'finished', { status: 201, body: '{}' });
        expect(await store.retakeIdempotencyKey(scope, 'finished', at(60), at(100))).toBe(false);
        expect(await store.retakeIdempotencyKey(scope, 'unknown', at(60), at(100))).toBe(false);
      });
    });

    describe('webhook events', () => {
      it('records an event once and reports replays', async () => {
        const provider = unique('prov');
        expect(await store.recordWebhookEvent(provider, 'evt_1', at(0))).toBe(true);
        expect(await store.recordWebhookEvent(provider, 'evt_1', at(5))).toBe(false);
        expect(await store.recordWebhookEvent(provider, 'evt_2', at(5))).toBe(true);
        expect(await store.recordWebhookEvent(unique('prov'), 'evt_1', at(5))).toBe(true);
        expect(await store.hasWebhookEvent(provider, 'evt_1')).toBe(true);
        expect(await store.hasWebhookEvent(provider, 'evt_3')).toBe(false);
      });

      it('lets exactly one of several concurrent deliveries of an event through', async () => {
        const provider = unique('prov');
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.recordWebhookEvent(provider, 'evt', at(0))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('reconciler schedule', () => {
      it('claims due links youngest first, leases them, and gives them back on schedule', async () => {
        const provider = unique('prov');
        const old = makeLink({ provider, createdAt: at(0) });
        const young = makeLink({ provider, createdAt: at(100) });
        const later = makeLink({ provider, createdAt: at(200) });
        await store.insertLink(old, at(300));
        await store.insertLink(young, at(300));
        await store.insertLink(later, at(10_000));
        await store.insertLink(makeLink({ provider }), null);
        const first = await store.claimDueLinks(provider, at(400), at(460), 1);
        expect(first.map((l) => l.id)).toEqual([young.id]);
        expect((await store.claimDueLinks(provider, at(400), at(460), 10)).map((l) => l.id)).toEqual([
          old.id,
        ]);
        // Both leased: nobody else gets them until the lease ends.
        expect(await store.claimDueLinks(provider, at(401), at(461), 10)).toEqual([]);
        expect(await store.dueBacklog(at(401))).toMatchObject({ [provider]: 2 });
        await store.scheduleCheck(young.id, at(5000));
        expect((await store.claimDueLinks(provider, at(470), at(530), 10)).map((l) => l.id)).toEqual([
          old.id,
        ]);
        await store.scheduleCheck(old.id, null);
        expect(await store.claimDueLinks(provider, at(6000), at(6060), 10)).toHaveLength(1);
        // The longest overdue first, when asked.
        await store.scheduleCheck(young.id, at(7000));
        await store.scheduleCheck(later.id, at(6500));
        const overdue = await store.claimDueLinks(provider, at(8000), at(8060), 1, 'overdue');
        expect(overdue.map((l) => l.id)).toEqual([later.id]);
      });

      it('sets or keeps the next check with a status change, and keeps provisional expiry', async () => {
        const provider = unique('prov');
        const link = makeLink({ provider });
        await store.insertLink(link, at(50));
        const expired: StatusUpdate = {
          ...paidUpdate(link, 60),
          status: 'expired',
          provisional: true,
          payments: link.payments,
          lastPayment: null,
        };
        expect(await store.updateStatus(link.id, link.version, expired)).toBe(true);
        expect(await store.getLink(link.id)).toMatchObject({ status: 'expired', provisional: true });
        expect(await store.claimDueLinks(provider, at(100), at(160), 10)).toHaveLength(1);
        await store.scheduleCheck(link.id, at(50));
        const paid = { ...paidUpdate(link, 70), version: link.version + 2 };
        expect(await store.updateStatus(link.id, link.version + 1, paid, { nextCheckAt: null })).toBe(true);
        expect(await store.getLink(link.id)).toMatchObject({ status: 'paid', provisional: false });
        expect(await store.claimDueLinks(provider, at(100), at(160), 10)).toEqual([]);
      });
    });

    describe('outbox and deliveries', () => {
      const endpoint = (events: string[] = []): WebhookEndpointRecord => ({
        id: unique('we'),
        url: 'https://shop.example/hooks',
        events,
        description: null,
        secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmU=',
        source: 'api',
        ownerKeyId: 'key_1',
        createdAt: at(0),
        health: { consecutiveFailures: 0, failingSince: null, lastError: null, lastSuccessAt: null },
      });
      const event = (link: StoredLink, type: string, seconds: number): NewEvent => ({
        id: unique('evt'),
        type,
        linkId: link.id,
        linkVersion: link.version + 1,
        ownerKeyId: link.ownerKeyId,
        createdAt: at(seconds),
        body: JSON.stringify({ type, link: link.id }),
        giveUpAt: at(seconds + 259_200),
      });
      /** Claims until nothing is left, keeping only this test's deliveries (others share the tables). */
      const claimMine = async (ids: Set<string>, now: number) =>
        (await store.claimDeliveries(at(now), at(now + 15), 1000)).filter((d) => ids.has(d.endpoint.id));

      it('writes events with the status change, one delivery per subscribed endpoint, or nothing when the change loses', async () => {
        const all = endpoint();
        const paidOnly = endpoint(['link.paid']);
        await store.saveWebhookEndpoint(all);
        await store.saveWebhookEndpoint(paidOnly);
        const link = makeLink();
        await store.insertLink(link);
        const pending = event(link, 'link.pending', 10);
        expect(
          await store.updateStatus(link.id, link.version, paidUpdate(link, 10), { events: [pending] }),
        ).toBe(true);
        const lost = event(link, 'link.paid', 11);
        expect(
          await store.updateStatus(link.id, link.version, paidUpdate(link, 11), { events: [lost] }),
        ).toBe(false);
        expect(await store.getEvent(lost.id)).toBeNull();
        const stored = await store.getEvent(pending.id);
        expect(stored).toMatchObject({
          id: pending.id,
          type: 'link.pending',
          body: pending.body,
          linkId: link.id,
        });
        const deliveries = await store.listDeliveries(pending.id);
        expect(deliveries.map((d) => d.endpointId)).toEqual([all.id]);
        expect(deliveries[0]).toMatchObject({ state: 'pending', attempts: [], url: all.url });
        expect((await store.listEvents({ linkId: link.id, limit: 10 })).map((e) => e.id)).toEqual([
          pending.id,
        ]);
        await store.deleteWebhookEndpoint(all.id, at(20));
        await store.deleteWebhookEndpoint(paidOnly.id, at(20));
        expect((await store.listDeliveries(pending.id))[0]!.state).toBe('canceled');
      });

      it('hands out one pending delivery per endpoint and link at a time, in order, and records attempts', async () => {
        const receiver = endpoint();
        await store.saveWebhookEndpoint(receiver);
        const mine = new Set([receiver.id]);
        const link = makeLink();
        await store.insertLink(link);
        const first = event(link, 'link.pending', 10);
        const second = event({ ...link, version: 2 }, 'link.paid', 11);
        await store.updateStatus(
          link.id,
          1,
          { ...paidUpdate(link, 10), status: 'pending', version: 2 },
          { events: [first] },
        );
        await store.updateStatus(link.id, 2, { ...paidUpdate(link, 11), version: 3 }, { events: [second] });
        const claimed = await claimMine(mine, 20);
        expect(claimed.map((d) => d.event.id)).toEqual([first.id]);
        expect(claimed[0]).toMatchObject({
          attempts: 0,
          endpoint: { id: receiver.id, secret: receiver.secret },
        });
        // Leased: not handed out again while the attempt is under way.
        expect(await claimMine(mine, 21)).toEqual([]);
        const attempt = { eventId: first.id, endpointId: receiver.id, at: at(21), durationMs: 12 };
        await store.recordDeliveryAttempt({
          ...attempt,
          attempt: 1,
          status: 500,
          error: 'HTTP 500',
          state: 'pending',
          nextAttemptAt: at(30),
        });
        expect(await claimMine(mine, 25)).toEqual([]);
        expect((await store.getWebhookEndpoint(receiver.id))!.health).toMatchObject({
          consecutiveFailures: 1,
          lastError: 'HTTP 500',
          failingSince: at(21),
        });
        expect((await claimMine(mine, 30)).map((d) => [d.event.id, d.attempts])).toEqual([[first.id, 1]]);
        await store.recordDeliveryAttempt({
          ...attempt,
          at: at(31),
          attempt: 2,
          status: 204,
          error: null,
          state: 'delivered',
          nextAttemptAt: null,
        });
        expect((await store.getWebhookEndpoint(receiver.id))!.health).toMatchObject({
          consecutiveFailures: 0,
          lastSuccessAt: at(31),
        });
        expect((await claimMine(mine, 32)).map((d) => d.event.id)).toEqual([second.id]);
        const [delivery] = await store.listDeliveries(first.id);
        expect(delivery).toMatchObject({
          state: 'delivered',
          attempts: [
            { status: 500, error: 'HTTP 500' },
            { status: 204, error: null },
          ],
        });
        expect((await store.deliveryBacklog()).find((b) => b.endpointId === receiver.id)).toEqual({
          endpointId: receiver.id,
          pending: 1,
          failed: 0,
        });
        // Redelivery queues the delivered event again, due now.
        expect(await store.requeueEvent(first.id, at(40), at(99_999))).toBeGreaterThanOrEqual(1);
        expect((await store.listDeliveries(first.id)).find((d) => d.endpointId === receiver.id)?.state).toBe(
          'pending',
        );
        await store.deleteWebhookEndpoint(receiver.id, at(50));
      });

      it('prunes old notification ids, idempotency keys and finished events, never pending ones', async () => {
        const receiver = endpoint();
        await store.saveWebhookEndpoint(receiver);
        const provider = unique('prov');
        await store.recordWebhookEvent(provider, 'old', at(-100_000));
        await store.recordWebhookEvent(provider, 'new', at(10));
        const scope = unique('scope');
        await store.claimIdempotencyKey(scope, 'old', 'h', at(-100_000));
        await store.claimIdempotencyKey(scope, 'new', 'h', at(10));
        const link = makeLink();
        await store.insertLink(link);
        const finished = event(link, 'link.pending', -100_000);
        const waiting = event({ ...link, version: 2 }, 'link.paid', -99_000);
        await store.updateStatus(
          link.id,
          1,
          { ...paidUpdate(link, 1), status: 'pending', version: 2 },
          { events: [finished] },
        );
        await store.updateStatus(link.id, 2, { ...paidUpdate(link, 2), version: 3 }, { events: [waiting] });
        await store.recordDeliveryAttempt({
          eventId: finished.id,
          endpointId: receiver.id,
          attempt: 1,
          at: at(-99_999),
          status: 204,
          error: null,
          durationMs: 3,
          state: 'delivered',
          nextAttemptAt: null,
        });
        const pruned = await store.prune(at(0));
        expect(pruned.webhookEvents).toBeGreaterThanOrEqual(1);
        expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
        expect(await store.hasWebhookEvent(provider, 'old')).toBe(false);
        expect(await store.hasWebhookEvent(provider, 'new')).toBe(true);
        expect(await store.claimIdempotencyKey(scope, 'new', 'h', at(11))).not.toBeNull();
        expect(await store.claimIdempotencyKey(scope, 'old', 'h', at(11))).toBeNull(); // gone, so free again
        expect(await store.getEvent(finished.id)).toBeNull();
        expect(await store.listDeliveries(finished.id)).toEqual([]);
        expect(await store.getEvent(waiting.id)).not.toBeNull(); // its delivery is still pending
        await store.deleteWebhookEndpoint(receiver.id, at(20));
      });

      it('pages the event log by its cursor and filters by type', async () => {
        const link = makeLink();
        await store.insertLink(link);
        const events = [event(link, 'link.pending', 1), event(link, 'link.payment_failed', 2)];
        await store.updateStatus(
          link.id,
          1,
          { ...paidUpdate(link, 1), status: 'open', version: 2 },
          { events },
        );
        const page = await store.listEvents({ linkId: link.id, limit: 1 });
        expect(page.map((e) => e.id)).toEqual([events[0]!.id]);
        const next = await store.listEvents({ linkId: link.id, afterSeq: page[0]!.seq, limit: 5 });
        expect(next.map((e) => e.id)).toEqual([events[1]!.id]);
        expect(
          (await store.listEvents({ linkId: link.id, type: 'link.payment_failed', limit: 5 })).map(
            (e) => e.id,
          ),
        ).toEqual([events[1]!.id]);
      });
    });

    describe('api keys', () => {
      const makeKey = (overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
        id: unique('key'),
        name: 'back office',
        owner: 'group:shop',
        scopes: ['links:read'],
        hash: unique('hash'),
        createdAt: at(0),
        revokedAt: null,
        allowedOrigins: [],
        ...overrides,
      });

      it('stores keys, finds them by hash and lists them oldest first', async () => {
        const older = makeKey({
          createdAt: at(-200),
          allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
        });
        const newer = makeKey({ createdAt: at(-100), name: 'extension' });
        await store.insertApiKey(newer);
        await store.insertApiKey(older);
        expect(await store.findApiKeyByHash(older.hash)).toEqual(older);
        expect(await store.findApiKeyByHash(newer.hash)).toEqual(newer);
        expect(await store.findApiKeyByHash(unique('hash'))).toBeNull();
        const listed = (await store.listApiKeys()).filter(
          (key) => key.id === older.id || key.id === newer.id,
        );
        expect(listed).toEqual([older, newer]);
        const all = await store.listApiKeys();
        expect(all.map((key) => key.createdAt)).toEqual(all.map((key) => key.createdAt).sort());
      });

      it('refuses a second key with the same hash', async () => {
        const key = makeKey();
        await store.insertApiKey(key);
        await expect(store.insertApiKey({ ...key, id: unique('key') })).rejects.toThrow();
      });

      it('revokes a key once', async () => {
        const key = makeKey();
        await store.insertApiKey(key);
        expect(await store.revokeApiKey(key.id, at(10))).toBe(true);
        expect(await store.revokeApiKey(key.id, at(20))).toBe(false);
        expect(await store.findApiKeyByHash(key.hash)).toEqual({ ...key, revokedAt: at(10) });
        expect(await store.revokeApiKey(unique('key'), at(10))).toBe(false);
      });
    });

    describe('lifecycle', () => {
      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('opens a second time on the same data while the first is open (migrations are idempotent)', async () => {
        const link = makeLink();
        await store.insertLink(link);
        const second = await open();
        try {
          expect(second.kind).toBe(store.kind);
          expect(await second.getLink(link.id)).toEqual(link);
          await second.recordWebhookEvent(link.provider, 'from-second', at(0));
          expect(await store.recordWebhookEvent(link.provider, 'from-second', at(0))).toBe(false);
        } finally {
          await second.close();
        }
        // Closing the second one does not disturb the first.
        expect(await store.getLink(link.id)).toEqual(link);
      });

      it('keeps everything across close and reopen', async () => {
        const link = makeLink();
        const key: ApiKeyRecord = {
          id: unique('key'),
          name: 'survivor',
          owner: 'survivor',
          scopes: ['admin'],
          hash: unique('hash'),
          createdAt: at(0),
          revokedAt: null,
          allowedOrigins: ['https://shop.example.com'],
        };
        const scope = unique('scope');
        await store.insertLink(link);
        expect(await store.updateStatus(link.id, link.version, paidUpdate(link, 30))).toBe(true);
        await store.insertApiKey(key);
        await store.claimIdempotencyKey(scope, 'k', 'h', at(0));
        await store.completeIdempotencyKey(scope, 'k', { status: 201, body: 'saved' });
        await store.recordWebhookEvent(link.provider, 'evt', at(0));
        await store.close();

        store = await open();
        expect(await store.getLink(link.id)).toEqual({ ...link, ...paidUpdate(link, 30) });
        expect(await store.findApiKeyByHash(key.hash)).toEqual(key);
        expect((await store.claimIdempotencyKey(scope, 'k', 'h', at(1)))?.response).toEqual({
          status: 201,
          body: 'saved',
        });
        expect(await store.recordWebhookEvent(link.provider, 'evt', at(1))).toBe(false);
      });
    });
  });
}
