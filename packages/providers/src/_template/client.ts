// Step 5: the HTTP calls, taking `baseUrl` and `fetch` (so the emulator can stand in), with the
// provider's auth; every failure becomes a `ProviderError` of the kind that says what to do next.
import { ProviderError, ProviderErrorKind } from '@paylink/core';
import { type JsonResponse, kindForStatus, requestJson, retryAfterMs } from '../http.ts';
import { PROVIDER } from './settings.ts';
import { fieldErrorsFrom, readLink, type TemplateCreateBody, type TemplateLink } from './wire.ts';

export interface TemplateClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The provider's three link operations. */
export class TemplateClient {
  readonly #o: TemplateClientOptions;

  constructor(options: TemplateClientOptions) {
    this.#o = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  /** `POST /v1/links`; never retried here (no idempotency key documented: a timeout may have created one). */
  create(body: TemplateCreateBody, signal?: AbortSignal): Promise<TemplateLink> {
    return this.#link('POST', '/v1/links', 'create the link', body, signal);
  }

  /** `GET /v1/links/{id}`. */
  get(id: string, signal?: AbortSignal): Promise<TemplateLink> {
    return this.#link('GET', `/v1/links/${encodeURIComponent(id)}`, 'read the link', undefined, signal);
  }

  /** `POST /v1/links/{id}/disable`. */
  async disable(id: string, signal?: AbortSignal): Promise<void> {
    await this.#link('POST', `/v1/links/${encodeURIComponent(id)}/disable`, 'disable the link', {}, signal);
  }

  async #link(
    method: string,
    path: string,
    action: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<TemplateLink> {
    const response = await requestJson(
      PROVIDER,
      `${this.#o.baseUrl}${path}`,
      { method, headers: { authorization: `Bearer ${this.#o.apiKey}` }, body, signal },
      this.#o,
    );
    if (response.status !== 200 && response.status !== 201) throw failure(response, action);
    const link = readLink(response.body);
    if (!link) {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        `template could not ${action}: not a link`,
        {
          httpStatus: response.status,
        },
      );
    }
    return link;
  }
}

/** The error for a refused request; never includes credentials. */
function failure(response: JsonResponse, action: string): ProviderError {
  const kind = kindForStatus(response.status);
  return new ProviderError(PROVIDER, kind, `template could not ${action}: it answered ${response.status}`, {
    httpStatus: response.status,
    errors: kind === ProviderErrorKind.Validation ? fieldErrorsFrom(response.body) : [],
    retryAfterMs: kind === ProviderErrorKind.Unavailable ? retryAfterMs(response.headers) : null,
  });
}
