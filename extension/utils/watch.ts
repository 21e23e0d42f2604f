import type { StatusBatch } from '@paylink/core';
import { unseenPaidItem, type WatchedLink, watchedLinksItem } from './storage.ts';

/** Longest id list the batch status route takes in one request. */
const BATCH_SIZE = 100;

/** Adds a link to the watched list (once). */
export async function watchLink(link: WatchedLink): Promise<void> {
  const watched = await watchedLinksItem.getValue();
  if (watched.some((item) => item.id === link.id)) return;
  await watchedLinksItem.setValue([...watched, link]);
}

/**
 * Reads the status of every watched link through the batch route, forgets those that can no longer
 * be paid (paid, expired, disabled, unknown to the proxy), and records the paid ones as unseen.
 * Returns the links that turned paid.
 */
export async function checkWatchedLinks(
  getStatuses: (ids: readonly string[]) => Promise<StatusBatch>,
): Promise<WatchedLink[]> {
  const watched = await watchedLinksItem.getValue();
  if (watched.length === 0) return [];
  const finished = new Set<string>();
  const paid: WatchedLink[] = [];
  for (let start = 0; start < watched.length; start += BATCH_SIZE) {
    const chunk = watched.slice(start, start + BATCH_SIZE);
    const batch = await getStatuses(chunk.map((link) => link.id));
    for (const id of batch.notFound) finished.add(id);
    for (const status of batch.statuses) {
      if (status.status === 'open' || status.status === 'pending') continue;
      finished.add(status.id);
      const link = chunk.find((item) => item.id === status.id);
      if (status.status === 'paid' && link) paid.push(link);
    }
  }
  if (finished.size === 0) return [];
  // Re-read: the popup may have added a link while the requests were out.
  const current = await watchedLinksItem.getValue();
  await watchedLinksItem.setValue(current.filter((link) => !finished.has(link.id)));
  if (paid.length > 0) {
    const unseen = await unseenPaidItem.getValue();
    await unseenPaidItem.setValue([...new Set([...unseen, ...paid.map((link) => link.id)])]);
  }
  return paid;
}
