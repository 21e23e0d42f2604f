import type { LinkStatusView, StatusBatch } from '@paylink/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { unseenPaidItem, type WatchedLink, watchedLinksItem } from './storage.ts';
import { checkWatchedLinks, watchLink } from './watch.ts';

const link = (n: number): WatchedLink => ({
  id: `pl_${String(n).padStart(16, '0')}`,
  description: `Order ${n}`,
  amount: { value: '10.00', currency: 'USD' },
});

const status = (id: string, value: LinkStatusView['status']): LinkStatusView => ({
  id,
  status: value,
  payments: { count: value === 'paid' ? 1 : 0, limit: 1 },
  lastPayment: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  stale: false,
});

/** A batch status answer as the proxy gives it, from a table of statuses; records each request's ids. */
function batchFrom(table: Record<string, LinkStatusView['status']>, requests: string[][]) {
  return async (ids: readonly string[]): Promise<StatusBatch> => {
    requests.push([...ids]);
    return {
      statuses: ids.filter((id) => table[id]).map((id) => status(id, table[id]!)),
      notFound: ids.filter((id) => !table[id]),
    };
  };
}

describe('checkWatchedLinks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks nothing while no link is watched', async () => {
    const requests: string[][] = [];
    expect(await checkWatchedLinks(batchFrom({}, requests))).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('reports paid links once, records them as unseen, and forgets links that can no longer be paid', async () => {
    for (const n of [1, 2, 3, 4, 5]) await watchLink(link(n));
    await watchLink(link(1)); // watching twice is harmless
    const requests: string[][] = [];
    const table = {
      [link(1).id]: 'paid',
      [link(2).id]: 'open',
      [link(3).id]: 'expired',
      [link(4).id]: 'pending',
    } as const;
    const paid = await checkWatchedLinks(batchFrom(table, requests));
    expect(paid).toEqual([link(1)]);
    expect(requests).toEqual([[1, 2, 3, 4, 5].map((n) => link(n).id)]);
    // 2 and 4 can still be paid; 5 is unknown to the proxy.
    expect((await watchedLinksItem.getValue()).map((item) => item.id)).toEqual([link(2).id, link(4).id]);
    expect(await unseenPaidItem.getValue()).toEqual([link(1).id]);

    const again = await checkWatchedLinks(batchFrom({ ...table, [link(2).id]: 'paid' }, requests));
    expect(again).toEqual([link(2)]);
    expect(await unseenPaidItem.getValue()).toEqual([link(1).id, link(2).id]);
  });

  it('asks for at most 100 links a request', async () => {
    await watchedLinksItem.setValue(Array.from({ length: 230 }, (_, n) => link(n)));
    const requests: string[][] = [];
    const table = Object.fromEntries(Array.from({ length: 230 }, (_, n) => [link(n).id, 'open' as const]));
    await checkWatchedLinks(batchFrom(table, requests));
    expect(requests.map((ids) => ids.length)).toEqual([100, 100, 30]);
    expect(await watchedLinksItem.getValue()).toHaveLength(230);
  });
});
