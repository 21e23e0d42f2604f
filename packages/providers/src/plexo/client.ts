// HTTP calls to Plexo's REST API v1 (shared/providers/plexo.md §2 "Authentication", §3 "Endpoints").
// Documented: create a payment link (seed 002) and read a payment (Callbacks Guide,
// https://plexo.gitbook.io/rest-api/operations/callbacks: "Use GET /v1/payments/{paymentId} ... after
// receiving a callback"). Inferred: reading and deleting a link — in no public page; their routes are
// in `plexoRoutes.inferred` and their answers are read by `inferredFailure`, so a correction stays here.
import { Buffer } from 'node:buffer';
import { ProviderError, ProviderErrorKind } from '@paylink/core';
import { type JsonResponse, kindForStatus, requestJson, retryAfterMs } from '../http.ts';
import { PROVIDER } from './settings.ts';
import {
  fieldErrorsFrom,
  type PlexoCreateBody,
  type PlexoLinkDto,
  type PlexoPaymentDto,
  readLinkDto,
  readPaymentDto,
} from './wire.ts';

/** Plexo's routes, relative to the API base URL. */
export const plexoRoutes = {
  /** Documented (seed 002, "Create a Payment Link"). */
  create: () => '/v1/payment-links',
  /** Documented (Callbacks Guide; `activemerchant/active_merchant` `inquire`): a payment by its id. */
  payment: (id: string) => `/v1/payments/${encodeURIComponent(id)}`,
  /**
   * INFERRED, in no public page: `GET` and `DELETE` of a link by its internal GUID `id` (the overview
   * says the GUID is "used in the authenticated API"; "deleted" is a documented link status).
   */
  inferred: {
    link: (id: string) => `/v1/payment-links/${encodeURIComponent(id)}`,
  },
} as const;

/** `Authorization` header value for HTTP Basic with the client id and API key (§2). */
export function basicAuthorization(clientId: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${clientId}:${apiKey}`, 'utf8').toString('base64')}`;
}

export interface PlexoClientOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A thin client for the three link operations; every failure is a `ProviderError`. */
export class PlexoClient {
  readonly #baseUrl: string;
  readonly #authorization: string;
  readonly #deps: { fetch?: typeof fetch; timeoutMs?: number };

  constructor(options: PlexoClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = basicAuthorization(options.clientId, options.apiKey);
    this.#deps = { fetch: options.fetch, timeoutMs: options.timeoutMs };
  }

  /**
   * `POST /v1/payment-links`. Plexo documents no idempotency header (§6), so this is never retried
   * automatically: a timeout may have created a link.
   */
  async createLink(body: PlexoCreateBody, signal?: AbortSignal): Promise<PlexoLinkDto> {
    const response = await this.#send('POST', plexoRoutes.create(), body, signal);
    if (response.status !== 201 && response.status !== 200) throw failure(response, 'create the link');
    return linkFrom(response);
  }

  /**
   * `GET /v1/payment-links/{id}` (INFERRED). Refused credentials are `auth` and a 404 `not_found` (the
   * contract suite's "unknown link"); every other failure — 5xx, 429, timeouts, any other answer, a
   * body that is not a `PaymentLinkDto` — is `unavailable`, which the proxy's reconciler retries with
   * backoff (it retries `not_found` reads the same way; none of them ends a link).
   */
  async getLink(id: string, signal?: AbortSignal): Promise<PlexoLinkDto> {
    const response = await this.#send('GET', plexoRoutes.inferred.link(id), undefined, signal);
    if (response.status !== 200) throw inferredFailure(response, 'read the link');
    const dto = readLinkDto(response.body);
    if (!dto) throw inferredFailure(response, 'read the link');
    return dto;
  }

  /** `DELETE /v1/payment-links/{id}` (INFERRED; the link then reads as `deleted`). Failures as `getLink`. */
  async deleteLink(id: string, signal?: AbortSignal): Promise<void> {
    const response = await this.#send('DELETE', plexoRoutes.inferred.link(id), undefined, signal);
    if (response.status !== 200 && response.status !== 204)
      throw inferredFailure(response, 'delete the link');
  }

  /**
   * `GET /v1/payments/{paymentId}` (documented): the canonical `PaymentDto`, or null when Plexo does
   * not know the payment (404). Other failures are `ProviderError`s as for create.
   */
  async getPayment(id: string, signal?: AbortSignal): Promise<PlexoPaymentDto | null> {
    const response = await this.#send('GET', plexoRoutes.payment(id), undefined, signal);
    if (response.status === 404) return null;
    if (response.status !== 200) throw failure(response, 'read the payment');
    const dto = readPaymentDto(response.body);
    if (!dto) {
      throw new ProviderError(PROVIDER, ProviderErrorKind.Unavailable, 'plexo answered without a payment', {
        httpStatus: response.status,
      });
    }
    return dto;
  }

  #send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<JsonResponse> {
    return requestJson(
      PROVIDER,
      `${this.#baseUrl}${path}`,
      { method, headers: { authorization: this.#authorization }, body, signal },
      this.#deps,
    );
  }
}

function linkFrom(response: JsonResponse): PlexoLinkDto {
  const dto = readLinkDto(response.body);
  if (!dto) {
    throw new ProviderError(
      PROVIDER,
      ProviderErrorKind.Unavailable,
      'plexo answered without a payment link',
      {
        httpStatus: response.status,
      },
    );
  }
  return dto;
}

/**
 * The `ProviderError` for a failed call to an inferred route: refused credentials stay `auth`
 * (documented for every request) and 404 `not_found`; anything else is `unavailable`, retried at once
 * only when Plexo itself is failing (429, 5xx) — otherwise by the reconciler's backoff.
 */
function inferredFailure(response: JsonResponse, action: string): ProviderError {
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    return failure(response, action);
  }
  const outage = response.status === 429 || response.status >= 500;
  const why =
    response.status === 200 || response.status === 204
      ? 'its answer was not a payment link'
      : `it answered ${response.status}`;
  return new ProviderError(
    PROVIDER,
    ProviderErrorKind.Unavailable,
    `plexo could not ${action}: ${why} (the route is inferred, not documented)`,
    { httpStatus: response.status, retryable: outage, retryAfterMs: retryAfterMs(response.headers) },
  );
}

/** The `ProviderError` for a refused request; never includes credentials. */
function failure(response: JsonResponse, action: string): ProviderError {
  const kind = kindForStatus(response.status);
  const errors = response.status === 400 ? fieldErrorsFrom(response.body) : [];
  const why =
    response.status === 401
      ? 'the client id or API key was refused'
      : response.status === 403
        ? 'the merchant id does not belong to this client'
        : `it answered ${response.status}`;
  return new ProviderError(PROVIDER, kind, `plexo could not ${action}: ${why}`, {
    httpStatus: response.status,
    errors,
    retryAfterMs: kind === ProviderErrorKind.Unavailable ? retryAfterMs(response.headers) : null,
  });
}
