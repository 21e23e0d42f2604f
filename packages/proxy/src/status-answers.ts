import { isFinalStatus } from '@paylink/core';
import { setBounded } from './bounded-map.ts';
import type { StoredLink } from './store/store.ts';
import { TUNABLES } from './tunables.ts';
import { statusEtag, statusView } from './views.ts';

/** A link's status, serialised once per version for every reader: polls, long polls and streams. */
export interface StatusAnswer {
  linkId: string;
  etag: string;
  /** The body of `GET /v1/links/{id}/status`. */
  json: string;
  /** The same as a Server-Sent Events message (`event: status`, `data`, `id`). */
  frame: Uint8Array;
  final: boolean;
}

/**
 * The latest serialised status of each recently read link. Whatever the number of watchers, a
 * change is turned into JSON once: every stream is written the same bytes.
 */
export class StatusAnswers {
  readonly #answers = new Map<string, StatusAnswer>();
  /** Answers serialised so far: one per link version (and staleness), not one per reader. */
  serializations = 0;

  answer(link: StoredLink, stale: boolean): StatusAnswer {
    const etag = statusEtag(link, stale);
    const cached = this.#answers.get(link.id);
    if (cached && cached.etag === etag) return cached;
    this.serializations++;
    const json = JSON.stringify(statusView(link, stale));
    const answer: StatusAnswer = {
      linkId: link.id,
      etag,
      json,
      frame: Buffer.from(`event: status\ndata: ${json}\nid: ${link.version}\n\n`),
      final: isFinalStatus(link.status),
    };
    setBounded(this.#answers, link.id, answer, TUNABLES.statusAnswersMaxLinks);
    return answer;
  }
}
