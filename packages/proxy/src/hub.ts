/** A status change, as announced to waiting polls and streams. */
export interface StatusChange {
  linkId: string;
  version: number;
}

type Listener = (change: StatusChange) => void;

/**
 * Fans status changes out to everything waiting in this process. A store that spans processes
 * (PostgreSQL) also feeds it changes made by other instances.
 */
export class StatusHub {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #everyChange = new Set<Listener>();

  /** Hears every change of every link (caches use it to forget what changed). */
  onEveryChange(listener: Listener): () => void {
    this.#everyChange.add(listener);
    return () => this.#everyChange.delete(listener);
  }

  subscribe(linkId: string, listener: Listener): () => void {
    let set = this.#listeners.get(linkId);
    if (!set) {
      set = new Set();
      this.#listeners.set(linkId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(linkId) === set) this.#listeners.delete(linkId);
    };
  }

  publish(change: StatusChange): void {
    for (const listener of this.#everyChange) listener(change);
    for (const listener of [...(this.#listeners.get(change.linkId) ?? [])]) listener(change);
  }

  /** Resolves on the next change of the link, or with null after `timeoutMs` or on abort. */
  next(linkId: string, timeoutMs: number, signal?: AbortSignal): Promise<StatusChange | null> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(null);
      const done = (change: StatusChange | null) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(change);
      };
      const onAbort = () => done(null);
      const unsubscribe = this.subscribe(linkId, done);
      const timer = setTimeout(() => done(null), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
