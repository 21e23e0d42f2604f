// Plain polling, loaded the first time a source on the page polls (status-source.ts picks the transport).
import { getStatus, getStatuses, ProxyRequestError } from '@paylink/core';
import { proxyTarget } from '../client.ts';
import { backoffDelay } from './backoff.ts';
import { isOutage, recoveryOf } from './recovery.ts';
import type { StatusSource } from './status-source.ts';

/** Most ids in one `GET /v1/status?links=…`. */
const BATCH_LIMIT = 100;

const groups = new Map<string, PollGroup>();

/**
 * Plain polling for every `poll`-transport source of one proxy, on one timer: a single source
 * polls its own status with If-None-Match (cheap 304s); several share `GET /v1/status?links=…`.
 */
class PollGroup {
  readonly members = new Set<StatusSource>();
  readonly proxy: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;
  #failures = 0;

  constructor(proxy: string) {
    this.proxy = proxy;
  }

  add(source: StatusSource): void {
    this.members.add(source);
    // Coalesce the sources added in one task (e.g. every element of a page) into one first request.
    this.#schedule(0);
  }

  remove(source: StatusSource): void {
    this.members.delete(source);
    if (this.members.size === 0) {
      clearTimeout(this.#timer);
      this.#abort?.abort();
      this.#abort = null;
    }
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), delay);
  }

  async #tick(): Promise<void> {
    const due = [...this.members];
    if (due.length === 0) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    let retry = false;
    try {
      if (due.length === 1) {
        const source = due[0]!;
        const result = await getStatus(proxyTarget(this.proxy), source.link, {
          etag: source.etag,
          signal: abort.signal,
        });
        if (result.notModified) source.unchanged();
        else source.accept(result.status, result.etag);
      } else {
        for (let i = 0; i < due.length; i += BATCH_LIMIT) {
          const chunk = due.slice(i, i + BATCH_LIMIT);
          const batch = await getStatuses(
            proxyTarget(this.proxy),
            chunk.map((source) => source.link),
            abort.signal,
          );
          const byId = new Map(batch.statuses.map((status) => [status.id, status]));
          for (const source of chunk) {
            const status = byId.get(source.link);
            if (status) source.accept(status);
            else if (batch.notFound.includes(source.link))
              source.fail(new ProxyRequestError(404, null, 'Payment link not found.'));
          }
        }
      }
      this.#failures = 0;
      recoveryOf(this.proxy).succeeded();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#failures++;
      for (const source of due) retry = source.fail(error) || retry;
      if (!retry) return;
      if (isOutage(error)) {
        // The proxy's recovery state probes it; every source polls again the moment it answers.
        const recovery = recoveryOf(this.proxy);
        const first = due[0]!;
        recovery.failed((probe) =>
          getStatus(proxyTarget(this.proxy), first.link, { etag: first.etag, signal: probe }),
        );
        if (!(await recovery.wait(abort.signal)) || this.members.size === 0) return;
        this.#failures = 0;
        return this.#schedule(0);
      }
    }
    if (abort.signal.aborted || this.members.size === 0) return;
    const interval = Math.min(...[...this.members].map((source) => source.interval));
    this.#schedule(this.#failures > 0 ? backoffDelay(interval, this.#failures) : interval);
  }
}

/** Adds a source to its proxy's polling group. */
export function join(source: StatusSource): void {
  groupFor(source.proxy).add(source);
}

/** Takes a source out of its proxy's polling group. */
export function leave(source: StatusSource): void {
  groups.get(source.proxy)?.remove(source);
}

function groupFor(proxy: string): PollGroup {
  let group = groups.get(proxy);
  if (!group) {
    group = new PollGroup(proxy);
    groups.set(proxy, group);
  }
  return group;
}
