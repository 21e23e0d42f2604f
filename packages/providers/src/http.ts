import { ProviderError, ProviderErrorKind } from '@paylink/core';

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or null when the body was empty or not JSON. */
  body: unknown;
}

export interface JsonRequest {
  method: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Sends one JSON request with a timeout. Network failures and timeouts become retryable
 * `ProviderError`s of kind `unavailable`; every HTTP answer is returned for the caller to map.
 */
export async function requestJson(
  provider: string,
  url: string,
  request: JsonRequest,
  deps: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<JsonResponse> {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? 10_000);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    const timedOut = timeout.aborted;
    throw new ProviderError(
      provider,
      ProviderErrorKind.Unavailable,
      timedOut ? `${provider} did not answer in time` : `${provider} could not be reached`,
      { cause: error },
    );
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/** The kind of failure an HTTP status means when the provider's body says nothing more useful. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return ProviderErrorKind.Auth;
  if (status === 404) return ProviderErrorKind.NotFound;
  if (status === 409) return ProviderErrorKind.Conflict;
  if (status === 429 || status >= 500) return ProviderErrorKind.Unavailable;
  return ProviderErrorKind.Validation;
}

/**
 * How long a provider asked us to wait before trying again (`Retry-After`: seconds or an HTTP
 * date, RFC 9110 §10.2.3), capped at an hour; null when it said nothing usable.
 */
export function retryAfterMs(headers: Headers, nowMs = Date.now()): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 3_600_000) : null;
}
