import type { Context, Hono, MiddlewareHandler } from 'hono';

/** Faults injected with `POST /_emulator/faults` until `DELETE /_emulator/faults`. */
export interface Faults {
  /** Added delay before answering. */
  latencyMs?: number;
  /** Answer with this HTTP status instead of handling the request. */
  status?: number;
  /** Share of API requests affected, 0–1 (default 1). */
  rate?: number;
  /** Never answer (the client's timeout fires). */
  timeout?: boolean;
  /** `Retry-After` seconds sent with a 429 or 503. */
  retryAfter?: number;
}

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  /** Parsed JSON body (credentials included: this is a local test double, not a real service). */
  body: unknown;
  status: number;
}

export type SettleOutcome = 'approved' | 'rejected' | 'pending';

export interface ControlOptions {
  /** Settles a payment on a link exactly as the hosted page would (and sends the notification). */
  settle(
    providerRef: string,
    outcome: SettleOutcome,
    input: Record<string, unknown>,
  ): Promise<unknown> | unknown;
  /** Extra control routes a provider's emulator adds (e.g. expire now). */
  extend?(control: Hono): void;
}

/** Shared state and routes behind every emulator's `/_emulator` control API. */
export class EmulatorControl {
  faults: Faults | null = null;
  readonly requests: RecordedRequest[] = [];
  readonly webhooks: Array<{
    at: string;
    url: string;
    body: unknown;
    status: number | null;
    error?: string;
  }> = [];
  #maxRecords = 2000;

  /** Middleware for the provider's API routes: records requests and applies injected faults. */
  api(): MiddlewareHandler {
    return async (c, next) => {
      const body = await readJson(c);
      const faults = this.faults;
      const hit = faults && Math.random() < (faults.rate ?? 1);
      if (hit && faults.latencyMs) await sleep(faults.latencyMs);
      if (hit && faults.timeout) {
        this.#record(c, body, 0);
        // Hold the request open until the client gives up.
        await new Promise<void>((resolve) =>
          c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        return c.body(null, 504);
      }
      if (hit && faults.status) {
        this.#record(c, body, faults.status);
        if (faults.retryAfter) c.header('retry-after', String(faults.retryAfter));
        return c.json(
          { error: 'fault injected by the emulator', status: faults.status },
          faults.status as 500,
        );
      }
      await next();
      this.#record(c, body, c.res.status);
    };
  }

  /** Mounts `/_emulator/...` on the emulator's app. */
  mount(app: Hono, options: ControlOptions): void {
    app.post('/_emulator/links/:ref/pay', async (c) => {
      const input = ((await readJson(c)) ?? {}) as Record<string, unknown>;
      const outcome = input.outcome;
      if (outcome !== 'approved' && outcome !== 'rejected' && outcome !== 'pending') {
        return c.json({ error: 'outcome must be "approved", "rejected" or "pending"' }, 400);
      }
      try {
        const result = await options.settle(c.req.param('ref'), outcome, input);
        return c.json({ ok: true, result: result ?? null });
      } catch (error) {
        return c.json({ error: error instanceof Error ? error.message : String(error) }, 409);
      }
    });
    app.post('/_emulator/faults', async (c) => {
      const input = (await readJson(c)) as Faults | null;
      if (!input || typeof input !== 'object') return c.json({ error: 'send a JSON object of faults' }, 400);
      this.faults = input;
      return c.json({ faults: this.faults });
    });
    app.delete('/_emulator/faults', (c) => {
      this.faults = null;
      return c.json({ faults: null });
    });
    app.get('/_emulator/requests', (c) => c.json({ requests: this.requests }));
    app.delete('/_emulator/requests', (c) => {
      this.requests.length = 0;
      return c.json({ requests: [] });
    });
    app.get('/_emulator/webhooks', (c) => c.json({ webhooks: this.webhooks }));
    options.extend?.(app);
  }

  /** POSTs a notification and records the delivery; never throws. */
  async deliver(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number | null> {
    const entry: (typeof this.webhooks)[number] = { at: new Date().toISOString(), url, body, status: null };
    this.webhooks.push(entry);
    if (this.webhooks.length > this.#maxRecords) this.webhooks.shift();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      entry.status = response.status;
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  #record(c: Context, body: unknown, status: number): void {
    this.requests.push({
      at: new Date().toISOString(),
      method: c.req.method,
      path: c.req.path,
      body,
      status,
    });
    if (this.requests.length > this.#maxRecords) this.requests.shift();
  }
}

/** Reads a JSON body without consuming it for later handlers; null when absent or invalid. */
export async function readJson(c: Context): Promise<unknown> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return null;
  try {
    const text = await c.req.raw.clone().text();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
