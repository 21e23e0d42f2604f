/** Structured logger: one JSON object per line. Callers never pass secrets or request bodies. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }));
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A short, safe description of an error for logs (no cause chains with request data). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return {
      error: error.name,
      message: error.message,
      ...('code' in error ? { code: String(error.code) } : {}),
    };
  }
  return { error: String(error) };
}

/**
 * At most one line per key per `intervalMs`; the lines held back are counted into the next one
 * (`suppressed`). For what an attacker can make us log at will, such as refused notifications.
 */
export class LogThrottle {
  readonly #intervalMs: number;
  readonly #last = new Map<string, { at: number; suppressed: number }>();

  constructor(intervalMs = 10_000) {
    this.#intervalMs = intervalMs;
  }

  /** Calls `emit` with the count held back since the last line, or holds this one back. */
  run(key: string, emit: (suppressed: number) => void, now = Date.now()): void {
    const entry = this.#last.get(key);
    if (entry && now - entry.at < this.#intervalMs) {
      entry.suppressed++;
      return;
    }
    if (this.#last.size > 1000) this.#last.clear();
    this.#last.set(key, { at: now, suppressed: 0 });
    emit(entry?.suppressed ?? 0);
  }
}
