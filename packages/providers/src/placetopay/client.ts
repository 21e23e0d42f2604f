// HTTP calls to Placetopay's Payment Link API (provider note §3). Every call is a POST with the
// `auth` object in the JSON body; a fresh nonce and seed are made per request (note §2).
import { type FieldError, ProviderError, ProviderErrorKind } from '@paylink/core';
import { type JsonResponse, kindForStatus, requestJson, retryAfterMs } from '../http.ts';
import { createAuth } from './auth.ts';
import { PROVIDER } from './settings.ts';
import type { PlacetopayCreateBody, PlacetopayLink } from './wire.ts';

/** API paths, relative to the Sites host (note §3); a path correction is one line here. */
export const routes = {
  create: () => '/api/payment-link',
  query: (linkId: string) => `/api/payment-link/${encodeURIComponent(linkId)}`,
  // The docs' curl sample misspells this `disalbe`; the operation path is `disable` (note §3.3).
  disable: (linkId: string) => `/api/payment-link/disable/${encodeURIComponent(linkId)}`,
} as const;

export interface PlacetopayClientOptions {
  /** `https://sites-test.placetopay.com` or `https://sites.placetopay.com` (note §1). */
  baseUrl: string;
  login: string;
  secretKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock for the seed; tests that move time pass the emulator's clock. */
  now?: () => Date;
}

/** The `status` object of Placetopay's answers (note §2, §3). */
export interface PlacetopayStatus {
  status: string;
  reason: number | string;
  message: string;
  date: string;
}

type Operation = 'create' | 'query' | 'disable';

// What each authentication code means (note §2); said without echoing any credential.
const AUTH_CODES: Record<string, string> = {
  '101':
    'placetopay does not know this login in this environment (101); test and production credentials differ',
  '102': 'placetopay refused the tranKey (102): the secretKey is wrong',
  '103': "placetopay refused the seed (103): this server's clock is more than 5 minutes off",
  '104': 'placetopay says the site is inactive (104)',
};

// Errors that mean the request never left this machine, so a create can be retried safely.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function statusOf(body: unknown): PlacetopayStatus | null {
  const status = (body as { status?: unknown } | null)?.status;
  return status && typeof status === 'object' ? (status as PlacetopayStatus) : null;
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A `ProviderError` for a non-success answer. `fieldName` turns Placetopay's validation keys into
 * our request's field names.
 */
export function errorForResponse(
  response: JsonResponse,
  operation: Operation,
  fieldName: (errors: unknown) => FieldError[] = () => [],
): ProviderError {
  const status = statusOf(response.body);
  const said = typeof status?.message === 'string' ? status.message : '';
  const httpStatus = response.status;
  if (httpStatus === 401) {
    const code = /\b(10[1-4])\b/.exec(said)?.[1];
    const message =
      (code && AUTH_CODES[code]) ?? `placetopay refused the request (401)${said ? `: ${said}` : ''}`;
    return new ProviderError(PROVIDER, ProviderErrorKind.Auth, message, { httpStatus });
  }
  if (httpStatus === 422) {
    return new ProviderError(
      PROVIDER,
      ProviderErrorKind.Validation,
      'placetopay refused the link: validation error',
      {
        httpStatus,
        errors: fieldName((response.body as { errors?: unknown } | null)?.errors),
      },
    );
  }
  if (httpStatus === 404) {
    return new ProviderError(PROVIDER, ProviderErrorKind.NotFound, 'placetopay does not know this link', {
      httpStatus,
    });
  }
  // Disabling a link that is already disabled or expired answers 400 (note §3.3).
  if (httpStatus === 400 && operation === 'disable') {
    return new ProviderError(
      PROVIDER,
      ProviderErrorKind.Conflict,
      `placetopay cannot disable this link: ${said}`,
      {
        httpStatus,
      },
    );
  }
  const kind = kindForStatus(httpStatus);
  if (kind === ProviderErrorKind.Unavailable) {
    // Placetopay has no idempotency key (note §6): after a 500/502/504 a create may have happened,
    // so only answers that mean "not processed" (429, 503) are safe to retry.
    const indeterminate = operation === 'create' && httpStatus !== 429 && httpStatus !== 503;
    return new ProviderError(
      PROVIDER,
      kind,
      indeterminate
        ? `placetopay answered ${httpStatus}; the link may have been created, check before retrying`
        : `placetopay is unavailable (${httpStatus})`,
      { httpStatus, retryable: !indeterminate, retryAfterMs: retryAfterMs(response.headers) },
    );
  }
  return new ProviderError(
    PROVIDER,
    kind,
    `placetopay refused the request (${httpStatus})${said ? `: ${said}` : ''}`,
    {
      httpStatus,
    },
  );
}

/** A thin client for the three Payment Link operations. */
export class PlacetopayClient {
  readonly #options: PlacetopayClientOptions;
  readonly #baseUrl: string;

  constructor(options: PlacetopayClientOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** `POST /api/payment-link` → the new link's id (as text) and URL. */
  async create(
    body: PlacetopayCreateBody,
    options: { signal?: AbortSignal; fieldErrors?: (errors: unknown) => FieldError[] } = {},
  ): Promise<{ id: string; url: string }> {
    let response: JsonResponse;
    try {
      response = await this.#post(routes.create(), body, options.signal);
    } catch (error) {
      if (!(error instanceof ProviderError) || NOT_SENT.has(causeCode(error.cause) ?? '')) throw error;
      // A timeout or broken connection after sending: the link may exist (no idempotency, note §6).
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        `${error.message}; the link may have been created`,
        {
          retryable: false,
          cause: error,
        },
      );
    }
    if (response.status !== 201 && response.status !== 200) {
      throw errorForResponse(response, 'create', options.fieldErrors);
    }
    const answer = (response.body ?? {}) as {
      id?: unknown;
      url?: unknown;
      requestId?: unknown;
      processUrl?: unknown;
    };
    // One older doc example answers `requestId`/`processUrl` instead of `id`/`url` (note §3.1).
    const id = answer.id ?? answer.requestId;
    const url = answer.url ?? answer.processUrl;
    if ((typeof id !== 'number' && typeof id !== 'string') || typeof url !== 'string') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'placetopay answered the create without id or url',
        {
          httpStatus: response.status,
          retryable: false,
        },
      );
    }
    return { id: String(id), url };
  }

  /** `POST /api/payment-link/{id}` → the link with its payments. */
  async query(linkId: string, signal?: AbortSignal): Promise<PlacetopayLink> {
    const response = await this.#post(routes.query(linkId), {}, signal);
    if (response.status !== 200) throw errorForResponse(response, 'query');
    const link = response.body as PlacetopayLink | null;
    if (!link || typeof link !== 'object' || typeof link.status !== 'string') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'placetopay answered the query without a status',
        {
          httpStatus: response.status,
        },
      );
    }
    return link;
  }

  /** `POST /api/payment-link/disable/{id}`. */
  async disable(linkId: string, signal?: AbortSignal): Promise<void> {
    const response = await this.#post(routes.disable(linkId), {}, signal);
    if (response.status !== 200) throw errorForResponse(response, 'disable');
  }

  #post(path: string, body: object, signal?: AbortSignal): Promise<JsonResponse> {
    const { login, secretKey, now } = this.#options;
    const auth = createAuth(login, secretKey, now?.() ?? new Date());
    return requestJson(
      PROVIDER,
      `${this.#baseUrl}${path}`,
      { method: 'POST', body: { auth, ...body }, signal },
      { fetch: this.#options.fetch, timeoutMs: this.#options.timeoutMs },
    );
  }
}
