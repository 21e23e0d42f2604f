// HTTP client for Payroc's identity service and Payment Links API (shared/providers/payroc.md §2–§3, §6).
import { ProviderError, ProviderErrorKind } from '@paylink/core';
import { type JsonResponse, kindForStatus, requestJson } from '../http.ts';
import { PROVIDER } from './settings.ts';
import {
  fieldErrorsFrom,
  type PayrocBankTransferPayment,
  type PayrocCardPayment,
  type PayrocCreateLinkBody,
  type PayrocPage,
  type PayrocPaymentLink,
  type PayrocProblem,
  type PayrocShareBody,
  type PayrocSharingEvent,
} from './wire.ts';

/** API paths relative to the `/v1` base (§3), kept in one place so a correction is one line. */
export const routes = {
  authorize: '/authorize',
  terminalLinks: (terminalId: string) =>
    `/processing-terminals/${encodeURIComponent(terminalId)}/payment-links`,
  link: (linkId: string) => `/payment-links/${encodeURIComponent(linkId)}`,
  deactivate: (linkId: string) => `/payment-links/${encodeURIComponent(linkId)}/deactivate`,
  sharingEvents: (linkId: string) => `/payment-links/${encodeURIComponent(linkId)}/sharing-events`,
  // payroc-sdk-js `cardPayments.payments.list` (GET "payments") and `bankTransferPayments.payments.list`
  // (GET "bank-transfer-payments"); both take a `paymentLinkId` filter.
  processingTerminal: (terminalId: string) => `/processing-terminals/${encodeURIComponent(terminalId)}`,
  cardPayments: '/payments',
  bankTransferPayments: '/bank-transfer-payments',
} as const;

/**
 * The official SDK's retry policy (payroc-sdk-js `src/core/fetcher/requestWithRetries.ts`): 408, 429
 * and 5xx are retried, twice by default, on every method (POST and PATCH carry an `Idempotency-Key`,
 * so a retry replays rather than repeats), after `Retry-After` (seconds or an HTTP date), else
 * `X-RateLimit-Reset` (epoch seconds), else 1 s doubling per attempt; never more than 60 s.
 */
export const RETRY = {
  maxRetries: 2,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.2,
} as const;

/** True for the answers the SDK retries (408, 429, 5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` in ms (delta-seconds, read as the SDK does with `parseInt`, or an HTTP date), capped at 60 s. */
function retryAfterMs(headers: Headers, nowMs: number): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseInt(value, 10);
  if (!Number.isNaN(seconds) && seconds > 0) return Math.min(seconds * 1000, RETRY.maxDelayMs);
  const at = Date.parse(value);
  return !Number.isNaN(at) && at > nowMs ? Math.min(at - nowMs, RETRY.maxDelayMs) : null;
}

/** `X-RateLimit-Reset` (epoch seconds) as ms from now, capped at 60 s. */
function rateLimitResetMs(headers: Headers, nowMs: number): number | null {
  const seconds = Number.parseInt(headers.get('x-ratelimit-reset') ?? '', 10);
  return !Number.isNaN(seconds) && seconds * 1000 > nowMs
    ? Math.min(seconds * 1000 - nowMs, RETRY.maxDelayMs)
    : null;
}

/** How long the provider asked us to wait (`Retry-After`, else `X-RateLimit-Reset`); null when it said nothing. */
export function requestedDelayMs(headers: Headers, nowMs: number): number | null {
  return retryAfterMs(headers, nowMs) ?? rateLimitResetMs(headers, nowMs);
}

/**
 * The SDK's delay before retry number `attempt` (0-based): `Retry-After` as asked; a rate-limit reset
 * plus up to 20 %, so callers do not all return at the same instant; else 1 s doubling per attempt
 * with ±10 % jitter. `random` is `Math.random` outside tests.
 */
export function retryDelayMs(
  headers: Headers,
  attempt: number,
  nowMs: number,
  random: () => number = Math.random,
): number {
  const asked = retryAfterMs(headers, nowMs);
  if (asked !== null) return asked;
  const reset = rateLimitResetMs(headers, nowMs);
  if (reset !== null) return reset * (1 + random() * RETRY.jitter);
  const base = Math.min(RETRY.initialDelayMs * 2 ** attempt, RETRY.maxDelayMs);
  return base * (1 + (random() - 0.5) * RETRY.jitter);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The API base with `/v1`: `https://api.payroc.com` and `https://api.payroc.com/v1` both give
 * `https://api.payroc.com/v1`.
 */
export function apiBase(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith('/v1') ? base : `${base}/v1`;
}

/** The token endpoint: `{identityUrl}/authorize`, whether or not the setting already ends with it. */
export function authorizeUrl(identityUrl: string): string {
  const base = identityUrl.replace(/\/+$/, '');
  return base.endsWith(routes.authorize) ? base : `${base}${routes.authorize}`;
}

/** The official SDK renews 2 minutes before expiry (§2); short-lived tokens renew at half their life. */
const RENEW_MARGIN_MS = 120_000;

export interface PayrocClientOptions {
  baseUrl: string;
  identityUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock for token expiry (tests move it). */
  now?: () => Date;
  /**
   * Most time one call may spend waiting between retries (default 2500 ms). The SDK waits up to 60 s;
   * we give up sooner and hand the provider's delay to the caller (`retryAfterMs`), because the proxy
   * has its own deadline, breaker and reconciler. 0 turns retries off.
   */
  retryBudgetMs?: number;
  /**
   * Which GET answers are retried here: `asked` (default) only those that say how long to wait
   * (`Retry-After`, `X-RateLimit-Reset`), so a read in an outage fails at once and the proxy, which
   * re-reads on its own schedule, shows the link as stale without delay; `sdk` every 408/429/5xx, as
   * the SDK does. POST and PATCH always follow the SDK.
   */
  readRetries?: 'asked' | 'sdk';
  /** Waits between retries (tests replace it). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source (tests fix it). */
  random?: () => number;
}

/** Query of `GET /payments` (payroc-sdk-js `cardPayments/.../ListPaymentsRequest.ts`), the fields we use. */
export interface ListCardPaymentsQuery {
  paymentLinkId?: string;
  processingTerminalId?: string;
  orderId?: string;
  dateFrom?: string;
  dateTo?: string;
  before?: string;
  after?: string;
  limit?: number;
}

/**
 * Query of `GET /bank-transfer-payments` (payroc-sdk-js `bankTransferPayments/.../ListPaymentsRequest.ts`):
 * there `processingTerminalId` is required.
 */
export interface ListBankTransferPaymentsQuery extends ListCardPaymentsQuery {
  processingTerminalId: string;
}

export interface ListLinksQuery {
  merchantReference?: string;
  linkType?: 'singleUse' | 'multiUse';
  chargeType?: 'prompt' | 'preset';
  status?: 'active' | 'completed' | 'deactivated' | 'expired';
  recipientName?: string;
  recipientEmail?: string;
  createdOn?: string;
  expiresOn?: string;
  before?: string;
  after?: string;
  limit?: number;
}

export interface ListSharingEventsQuery {
  recipientName?: string;
  recipientEmail?: string;
  before?: string;
  after?: string;
  limit?: number;
}

interface CachedToken {
  value: string;
  renewAt: number;
}

function isProblem(body: unknown): body is PayrocProblem {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** A `ProviderError` for a Payroc answer that was not a success (§3.7). */
export function errorFromResponse(response: JsonResponse, nowMs = Date.now()): ProviderError {
  const problem = isProblem(response.body) ? response.body : null;
  const fragment = typeof problem?.type === 'string' ? (problem.type.split('#')[1] ?? '') : '';
  let kind = kindForStatus(response.status);
  if (fragment === 'idempotency-key-in-use' || fragment === 'resource-already-exists')
    kind = ProviderErrorKind.Conflict;
  const title = typeof problem?.title === 'string' ? problem.title : `HTTP ${response.status}`;
  const detail = typeof problem?.detail === 'string' ? `: ${problem.detail}` : '';
  return new ProviderError(PROVIDER, kind, `payroc answered ${response.status} (${title})${detail}`, {
    httpStatus: response.status,
    errors: fieldErrorsFrom(problem),
    retryAfterMs: isRetryableStatus(response.status) ? requestedDelayMs(response.headers, nowMs) : null,
  });
}

/**
 * Talks to Payroc with a cached bearer token: one renewal at a time is shared by every concurrent
 * request, the token is renewed before it expires, and a 401 renews it once and retries once.
 */
export class PayrocClient {
  readonly #options: PayrocClientOptions;
  readonly #base: string;
  #token: CachedToken | null = null;
  #renewal: Promise<CachedToken> | null = null;

  constructor(options: PayrocClientOptions) {
    this.#options = options;
    this.#base = apiBase(options.baseUrl);
  }

  #now(): number {
    return (this.#options.now?.() ?? new Date()).getTime();
  }

  /** A bearer token that is not about to expire, renewing it (once for all callers) when needed. */
  async token(): Promise<string> {
    const cached = this.#token;
    if (cached && this.#now() < cached.renewAt) return cached.value;
    return (await this.#renew()).value;
  }

  #renew(): Promise<CachedToken> {
    this.#renewal ??= this.#authorize().finally(() => {
      this.#renewal = null;
    });
    return this.#renewal;
  }

  async #authorize(): Promise<CachedToken> {
    // §2: POST {identity}/authorize with the API key in `x-api-key`, no body. Not tied to one caller's
    // signal: the renewal is shared.
    const response = await requestJson(
      PROVIDER,
      authorizeUrl(this.#options.identityUrl),
      { method: 'POST', headers: { 'x-api-key': this.#options.apiKey } },
      this.#options,
    );
    if (response.status === 401 || response.status === 403) {
      throw new ProviderError(PROVIDER, ProviderErrorKind.Auth, 'payroc refused the API key', {
        httpStatus: response.status,
      });
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response);
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'payroc sent a token response without a token',
        {
          httpStatus: response.status,
        },
      );
    }
    const lifetimeMs = Math.max(0, body.expires_in * 1000);
    const token = {
      value: body.access_token,
      renewAt: this.#now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2),
    };
    this.#token = token;
    return token;
  }

  /** Forgets `value` if it is still the cached token, so the next `token()` renews it. */
  #invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = null;
  }

  /**
   * Sends one API request; answers outside 2xx become `ProviderError`s. POST and PATCH carry
   * `idempotencyKey`, the same on the retry after a 401 (§6).
   */
  async send(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { body?: unknown; idempotencyKey?: string; query?: object; signal?: AbortSignal } = {},
  ): Promise<JsonResponse> {
    const url = new URL(`${this.#base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const attempt = (token: string) =>
      requestJson(
        PROVIDER,
        url.toString(),
        {
          method,
          headers: {
            // §2: Content-Type on every call, GET included, per the integration guide.
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
          },
          body: options.body,
          signal: options.signal,
        },
        this.#options,
      );
    const once = async () => {
      const token = await this.token();
      const response = await attempt(token);
      if (response.status !== 401) return response;
      // §2: an expired or revoked token; renew once and retry once.
      this.#invalidate(token);
      return attempt(await this.token());
    };
    let response = await once();
    // The SDK's retries (RETRY): same request, same Idempotency-Key, within our waiting budget.
    const budget = this.#options.retryBudgetMs ?? 2500;
    const sleep = this.#options.sleep ?? abortableSleep;
    let waited = 0;
    const readsAskedOnly = method === 'GET' && (this.#options.readRetries ?? 'asked') === 'asked';
    for (let attemptNo = 0; attemptNo < RETRY.maxRetries && isRetryableStatus(response.status); attemptNo++) {
      if (readsAskedOnly && requestedDelayMs(response.headers, Date.now()) === null) break;
      // Wall-clock time, as the SDK uses: `Retry-After` dates and rate-limit resets are absolute.
      const delay = retryDelayMs(response.headers, attemptNo, Date.now(), this.#options.random);
      if (waited + delay > budget) break;
      await sleep(delay, options.signal);
      waited += delay;
      response = await once();
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response);
    return response;
  }

  async createLink(
    terminalId: string,
    body: PayrocCreateLinkBody,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<PayrocPaymentLink> {
    const response = await this.send('POST', routes.terminalLinks(terminalId), {
      body,
      idempotencyKey,
      signal,
    });
    return response.body as PayrocPaymentLink;
  }

  async getLink(linkId: string, signal?: AbortSignal): Promise<PayrocPaymentLink> {
    return (await this.send('GET', routes.link(linkId), { signal })).body as PayrocPaymentLink;
  }

  async listLinks(terminalId: string, query: ListLinksQuery = {}, signal?: AbortSignal) {
    return (await this.send('GET', routes.terminalLinks(terminalId), { query, signal }))
      .body as PayrocPage<PayrocPaymentLink>;
  }

  async deactivateLink(
    linkId: string,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<PayrocPaymentLink> {
    return (await this.send('POST', routes.deactivate(linkId), { idempotencyKey, signal }))
      .body as PayrocPaymentLink;
  }

  async shareLink(linkId: string, body: PayrocShareBody, idempotencyKey: string, signal?: AbortSignal) {
    return (await this.send('POST', routes.sharingEvents(linkId), { body, idempotencyKey, signal }))
      .body as PayrocSharingEvent;
  }

  async listSharingEvents(linkId: string, query: ListSharingEventsQuery = {}, signal?: AbortSignal) {
    return (await this.send('GET', routes.sharingEvents(linkId), { query, signal }))
      .body as PayrocPage<PayrocSharingEvent>;
  }

  /** The processing terminal (payroc-sdk-js `boarding.processingTerminals.retrieve`), for its `timezone`. */
  async getProcessingTerminal(terminalId: string, signal?: AbortSignal) {
    return (await this.send('GET', routes.processingTerminal(terminalId), { signal })).body as {
      processingTerminalId: string;
      timezone?: string;
    };
  }

  /** Card payments taken through a link (`GET /payments?paymentLinkId=…`). */
  async listCardPayments(query: ListCardPaymentsQuery, signal?: AbortSignal) {
    return (await this.send('GET', routes.cardPayments, { query, signal }))
      .body as PayrocPage<PayrocCardPayment>;
  }

  /** Bank-transfer payments taken through a link (`GET /bank-transfer-payments?…&paymentLinkId=…`). */
  async listBankTransferPayments(query: ListBankTransferPaymentsQuery, signal?: AbortSignal) {
    return (await this.send('GET', routes.bankTransferPayments, { query, signal }))
      .body as PayrocPage<PayrocBankTransferPayment>;
  }
}
