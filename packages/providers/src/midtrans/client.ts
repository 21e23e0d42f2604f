// HTTP calls to Midtrans's Payment Link API (shared/providers/midtrans.md §2-3).
import { type FieldError, ProviderError, ProviderErrorKind } from '@paylink/core';
import { kindForStatus, requestJson, retryAfterMs } from '../http.ts';
import { PROVIDER } from './settings.ts';
import { errorMessages, fieldErrorsFrom, type MidtransCreateBody, type MidtransLink } from './wire.ts';

/** Paths, isolated so a correction is one line (§3 endpoints). */
export const routes = {
  create: () => '/v1/payment-links',
  link: (orderId: string) => `/v1/payment-links/${encodeURIComponent(orderId)}`,
} as const;

/** `Authorization` value: Basic with the server key as user name and an empty password (§2). */
export function basicAuth(serverKey: string): string {
  return `Basic ${Buffer.from(`${serverKey}:`, 'utf8').toString('base64')}`;
}

export interface MidtransClientOptions {
  baseUrl: string;
  serverKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Thin client: one method per endpoint; every non-2xx answer becomes a `ProviderError`. */
export class MidtransClient {
  readonly #options: MidtransClientOptions;

  constructor(options: MidtransClientOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  /** `POST /v1/payment-links` → `{ order_id, payment_url }`. */
  async create(
    body: MidtransCreateBody,
    signal?: AbortSignal,
  ): Promise<{ order_id: string; payment_url: string }> {
    const response = await this.#send('POST', routes.create(), body, signal);
    const result = response as { order_id?: unknown; payment_url?: unknown } | null;
    if (typeof result?.payment_url !== 'string') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'midtrans answered the create without a payment_url',
      );
    }
    return {
      order_id: typeof result.order_id === 'string' ? result.order_id : body.transaction_details.order_id,
      payment_url: result.payment_url,
    };
  }

  /** `GET /v1/payment-links/{order_id}`. */
  async get(orderId: string, signal?: AbortSignal): Promise<MidtransLink> {
    const body = await this.#send('GET', routes.link(orderId), undefined, signal);
    if (!body || typeof body !== 'object') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'midtrans answered with an unreadable link',
      );
    }
    return body as MidtransLink;
  }

  /** `DELETE /v1/payment-links/{order_id}`. */
  async delete(orderId: string, signal?: AbortSignal): Promise<void> {
    await this.#send('DELETE', routes.link(orderId), undefined, signal);
  }

  async #send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const { baseUrl, serverKey, fetch, timeoutMs } = this.#options;
    const response = await requestJson(
      PROVIDER,
      baseUrl + path,
      { method, headers: { authorization: basicAuth(serverKey) }, body, signal },
      { fetch, timeoutMs },
    );
    if (response.status >= 200 && response.status < 300) return response.body;
    throw toProviderError(response.status, response.body, retryAfterMs(response.headers));
  }
}

/** Sorts a Midtrans error answer by what to do next; the server key never appears in it. */
export function toProviderError(
  status: number,
  body: unknown,
  retryAfter: number | null = null,
): ProviderError {
  const kind = kindForStatus(status);
  const messages = errorMessages(body);
  const detail = messages.length ? `: ${messages.join('; ')}` : '';
  if (kind === ProviderErrorKind.Auth) {
    return new ProviderError(PROVIDER, kind, `midtrans refused the server key (HTTP ${status})`, {
      httpStatus: status,
    });
  }
  const errors: FieldError[] = kind === ProviderErrorKind.Validation ? fieldErrorsFrom(body) : [];
  return new ProviderError(PROVIDER, kind, `midtrans answered HTTP ${status}${detail}`, {
    httpStatus: status,
    errors,
    retryAfterMs: kind === ProviderErrorKind.Unavailable ? retryAfter : null,
  });
}
