import type { LinkReads } from './engine/link-reads.ts';
import type { EventSink } from './event-sink.ts';
import type { StatusHub } from './hub.ts';
import { describeError, type Logger } from './log.ts';
import type { StatusAnswer, StatusAnswers } from './status-answers.ts';
import type { StoredLink } from './store/store.ts';

export interface WatchersOptions {
  hub: StatusHub;
  links: LinkReads;
  answers: StatusAnswers;
  /** An event stream gets a comment this often, so proxies and browsers keep it open. */
  heartbeatMs: number;
  /** How often waiting long polls are checked for their deadline. */
  sweepMs: number;
  log: Logger;
  now?: () => number;
}

interface Stream {
  sink: EventSink;
  /** The ETag of the last status this stream was sent. */
  sentEtag: string;
}

interface Poll {
  deadline: number;
  resolve(answer: StatusAnswer | null): void;
}

/** Everyone in this process watching one link: one hub subscription and one watch for all of them. */
interface Audience {
  streams: Set<Stream>;
  polls: Set<Poll>;
  unsubscribe(): void;
  release(): void;
  /** A change is being read; another arrived meanwhile and must be read after it. */
  reading: boolean;
  again: boolean;
}

const HEARTBEAT = Buffer.from(': heartbeat\n\n');

/**
 * The event streams and long polls of this process, grouped by link. A change of a watched link is
 * read once and serialised once ({@link StatusAnswers}), then the same bytes are written to every
 * stream and every waiting poll is answered. Heartbeats come from one timer for all streams, and
 * long-poll deadlines from one sweep, so a held watcher owns no timer of its own.
 */
export class Watchers {
  readonly #o: WatchersOptions;
  readonly #audiences = new Map<string, Audience>();
  #streamCount = 0;
  #pollCount = 0;
  #heartbeat: NodeJS.Timeout | null = null;
  #sweep: NodeJS.Timeout | null = null;

  constructor(options: WatchersOptions) {
    this.#o = options;
  }

  /** Links with at least one stream or waiting poll in this process. */
  get linkCount(): number {
    return this.#audiences.size;
  }

  get streamCount(): number {
    return this.#streamCount;
  }

  get pollCount(): number {
    return this.#pollCount;
  }

  /**
   * Adds an open stream of `link` whose client already has `sentEtag`; it is sent every later
   * status and ended on a final one. Returns the function that removes it (call it when it closes).
   */
  addStream(link: StoredLink, sink: EventSink, sentEtag: string): () => void {
    const audience = this.#audience(link);
    const stream: Stream = { sink, sentEtag };
    audience.streams.add(stream);
    this.#streamCount++;
    this.#startHeartbeat();
    return () => {
      if (!audience.streams.delete(stream)) return;
      this.#streamCount--;
      this.#forgetIfEmpty(link.id, audience);
    };
  }

  /**
   * Resolves with the link's next status answer, or null after `timeoutMs` or when `signal`
   * aborts (the client left). `onAnswer` hears the answer first, in the loop that hands it out.
   */
  nextAnswer(
    link: StoredLink,
    timeoutMs: number,
    signal?: AbortSignal,
    onAnswer?: (answer: StatusAnswer) => void,
  ): Promise<StatusAnswer | null> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(null);
      const audience = this.#audience(link);
      const poll: Poll = {
        deadline: this.#now() + timeoutMs,
        resolve: (answer) => {
          if (!audience.polls.delete(poll)) return;
          // Called in the loop that hands the news out, so every poll is answered before any
          // handler resumes.
          if (answer) onAnswer?.(answer);
          this.#pollCount--;
          signal?.removeEventListener('abort', onAbort);
          this.#forgetIfEmpty(link.id, audience);
          resolve(answer);
        },
      };
      const onAbort = () => poll.resolve(null);
      signal?.addEventListener('abort', onAbort, { once: true });
      audience.polls.add(poll);
      this.#pollCount++;
      this.#startSweep();
    });
  }

  #now(): number {
    return this.#o.now?.() ?? Date.now();
  }

  #audience(link: StoredLink): Audience {
    let audience = this.#audiences.get(link.id);
    if (audience) return audience;
    const created: Audience = {
      streams: new Set(),
      polls: new Set(),
      unsubscribe: () => {},
      release: () => {},
      reading: false,
      again: false,
    };
    created.unsubscribe = this.#o.hub.subscribe(link.id, () => void this.#changed(link.id, created));
    // One watch for the whole audience: the engine refreshes the link on its interval while watched.
    created.release = this.#o.links.watch(link);
    this.#audiences.set(link.id, created);
    audience = created;
    return audience;
  }

  #forgetIfEmpty(linkId: string, audience: Audience): void {
    if (audience.streams.size || audience.polls.size) return;
    if (this.#audiences.get(linkId) === audience) this.#audiences.delete(linkId);
    audience.unsubscribe();
    audience.release();
    if (this.#streamCount === 0 && this.#heartbeat) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = null;
    }
    if (this.#pollCount === 0 && this.#sweep) {
      clearInterval(this.#sweep);
      this.#sweep = null;
    }
  }

  /** Reads the changed link once and tells its whole audience; changes arriving meanwhile are coalesced. */
  async #changed(linkId: string, audience: Audience): Promise<void> {
    if (audience.reading) {
      audience.again = true;
      return;
    }
    audience.reading = true;
    try {
      do {
        audience.again = false;
        const link = await this.#o.links.get(linkId);
        if (!link) {
          for (const stream of [...audience.streams]) stream.sink.end();
          for (const poll of [...audience.polls]) poll.resolve(null);
          return;
        }
        this.#tell(audience, this.#o.answers.answer(link, this.#o.links.isStale(link)));
      } while (audience.again);
    } catch (error) {
      this.#o.log.warn('watchers: reading a changed link failed', { linkId, ...describeError(error) });
    } finally {
      audience.reading = false;
    }
  }

  #tell(audience: Audience, answer: StatusAnswer): void {
    const streams = [...audience.streams];
    // First the news to every watcher, then the rest: ending a response costs about as much again
    // as writing to it, and would otherwise delay the watchers served after it.
    for (const stream of streams) {
      if (stream.sentEtag === answer.etag) continue;
      stream.sentEtag = answer.etag;
      stream.sink.write(answer.frame);
    }
    for (const poll of [...audience.polls]) poll.resolve(answer);
    // A final status ends the streams (the client has nothing more to wait for).
    if (answer.final) setImmediate(() => this.#end(streams));
  }

  #end(streams: readonly Stream[]): void {
    for (const stream of streams) stream.sink.end();
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const audience of this.#audiences.values())
        for (const stream of audience.streams) stream.sink.write(HEARTBEAT);
    }, this.#o.heartbeatMs);
    this.#heartbeat.unref();
  }

  #startSweep(): void {
    if (this.#sweep) return;
    this.#sweep = setInterval(() => {
      const now = this.#now();
      for (const audience of [...this.#audiences.values()])
        for (const poll of [...audience.polls]) if (poll.deadline <= now) poll.resolve(null);
    }, this.#o.sweepMs);
    this.#sweep.unref();
  }

  /** Ends every stream and answers every poll (shutdown, tests). */
  close(): void {
    for (const audience of [...this.#audiences.values()]) {
      for (const stream of [...audience.streams]) stream.sink.end();
      for (const poll of [...audience.polls]) poll.resolve(null);
    }
  }
}
