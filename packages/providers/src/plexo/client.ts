// HTTP calls to Plexo's Payment Links REST API v1 (shared/providers/plexo.md §2 "Authentication",
// §3 "Endpoints"). Only Create is documented; get and delete follow the note's inferred routes,
// kept in `plexoRoutes` so a correction is one line.
import { Buffer } from 'node:buffer';
import { ProviderError, ProviderErrorKind } from '@paylink/core';
import { type JsonResponse, kindForStatus, requestJson } from '../http.ts';
import {
  fieldErrorsFromPlexo,
  type PlexoCreateBody,
  type PlexoLinkDto,
  PROVIDER,
  readLinkDto,
} from './mapping.ts';

/** Plexo's routes, relative to the API base URL. */
export const plexoRoutes = {
  /** Documented (§3.1). */
  create: () => '/v1/payment-links',
  /** Inferred (§3): get and delete address a link by its internal GUID `id`. */
  link: (id: string) => `/v1/payment-links/${encodeURIComponent(id)}`,
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

  /** `GET /v1/payment-links/{id}` (inferred). */
  async getLink(id: string, signal?: AbortSignal): Promise<PlexoLinkDto> {
    const response = await this.#send('GET', plexoRoutes.link(id), undefined, signal);
    if (response.status !== 200) throw failure(response, 'read the link');
    return linkFrom(response);
  }

  /** `DELETE /v1/payment-links/{id}` (inferred; the link then reads as `deleted`). */
  async deleteLink(id: string, signal?: AbortSignal): Promise<void> {
    const response = await this.#send('DELETE', plexoRoutes.link(id), undefined, signal);
    if (response.status !== 200 && response.status !== 204) throw failure(response, 'delete the link');
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

/** The `ProviderError` for a refused request; never includes credentials. */
function failure(response: JsonResponse, action: string): ProviderError {
  const kind = kindForStatus(response.status);
  const errors = response.status === 400 ? fieldErrorsFromPlexo(response.body) : [];
  const why =
    response.status === 401
      ? 'the client id or API key was refused'
      : response.status === 403
        ? 'the merchant id does not belong to this client'
        : `it answered ${response.status}`;
  return new ProviderError(PROVIDER, kind, `plexo could not ${action}: ${why}`, {
    httpStatus: response.status,
    errors,
  });
}
