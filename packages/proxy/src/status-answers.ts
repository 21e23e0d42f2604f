import { isFinalStatus } from '@paylink/core';
import { setBounded } from './bounded-map.ts';
import type { StoredLink } from './store/store.ts';
import { TUNABLES } from './tunables.ts';
import { statusEtag, statusView } from './views.ts';

/** A link's status, serialised once per version for every reader: polls, long polls and streams. */
export interface StatusAnswer {
  /** The link it was made from. */
  link: StoredLink;
  stale: boolean;
  etag: string;
  /** The body of `GET /v1/links/{id}/status`. */
  json: string;
  /** The same as a Server-Sent Events message (`event: status`, `data`, `id`). */
  frame: Uint8Array;
  final: boolean;
  /** The link's expiry in ms since the epoch, or null. */
  expiresAtMs: number | null;
}

interface Entry {
  answer: StatusAnswer;
  /** When the link was last read as current (ms since the epoch). */
  readAt: number;
}

/**
 * The latest serialised status of each recently read link. Whatever the number of watchers, a
 * change is turned into JSON once: every stream is written the same bytes. An entry is dropped on
 * any change this process hears of ({@link forget}), and counts as current for at most
 * `TUNABLES.linkCacheTtlMs` after the link was last read, like the link cache in front of the store.
 */
export class StatusAnswers {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  /** Answers serialised so far: one per link version (and staleness), not one per reader. */
  serializations = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The answer for `link` as just read (serialised only when its version or staleness is new). */
  answer(link: StoredLink, stale: boolean): StatusAnswer {
    const etag = statusEtag(link, stale);
    const entry = this.#entries.get(link.id);
    if (entry && entry.answer.etag === etag) {
      entry.readAt = this.#now();
      return entry.answer;
    }
    this.serializations++;
    const json = JSON.stringify(statusView(link, stale));
    const answer: StatusAnswer = {
      link,
      stale,
      etag,
      json,
      frame: Buffer.from(`event: status\ndata: ${json}\nid: ${link.version}\n\n`),
      final: isFinalStatus(link.status),
      expiresAtMs: link.expiresAt ? Date.parse(link.expiresAt) : null,
    };
    setBounded(this.#entries, link.id, { answer, readAt: this.#now() }, TUNABLES.statusAnswersMaxLinks);
    return answer;
  }

  /**
   * The answer last made for the link, if nothing has changed it since as far as this process
   * knows and it was read within the cache's lifetime; otherwise undefined (read the link).
   */
  current(linkId: string): StatusAnswer | undefined {
    const entry = this.#entries.get(linkId);
    if (!entry) return undefined;
    if (this.#now() - entry.readAt > TUNABLES.linkCacheTtlMs) return undefined;
    return entry.answer;
  }

  /** Drops the link's answer (it changed). */
  forget(linkId: string): void {
    this.#entries.delete(linkId);
  }
}
