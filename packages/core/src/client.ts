// The one client of the PayLink proxy API. Every route is a plain function of a `ProxyTarget`, so a
// page that only reads a link bundles only `getLink` (functions tree-shake, class methods do not);
// `PayLinkClient` (paylink-client.ts) wraps the same functions for servers and scripts. The status
// routes are client-status.ts's: a page's first paint needs none of them.
import { PayLinkError } from './errors.ts';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  EventDelivery,
  EventDetail,
  EventPage,
  ListEventsQuery,
  WebhookEndpointView,
} from './events.ts';
import type { CreateLinkRequest, MerchantLinkView, Problem, PublicLinkView } from './link.ts';
import type { LinkPage, LinkQuery, ProviderInfo, ShareRequest, ShareResult, ViewBatch } from './proxy-api.ts';

/** An error answer from the proxy, with its problem body. */
export class ProxyRequestError extends PayLinkError {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message?: string) {
    super(
      'proxy_request_failed',
      message ?? problem?.detail ?? problem?.title ?? `The PayLink proxy answered ${status}`,
    );
    this.name = 'ProxyRequestError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * The address answered, but not as a PayLink proxy does (an HTML page, a JSON API of something
 * else, an error without a problem body): most often a wrong `proxy` address.
 */
export class NotAProxyError extends ProxyRequestError {
  readonly url: string;
  constructor(url: string, status: number) {
    super(
      status,
      null,
      `${url} did not answer as a PayLink proxy does (${status ? `HTTP ${status}` : 'no CORS headers'}). Check the proxy address: it is the origin that serves /paylink.js and /v1/….`,
    );
    this.name = 'NotAProxyError';
    this.url = url;
  }
}

/** Where requests go: the proxy's base URL, the API key for merchant routes, and the `fetch` to use. */
export interface ProxyTarget {
  /** Base URL of the proxy, e.g. `https://pay.example.com`. */
  baseUrl: string;
  /** Needed only for merchant routes (links, providers, webhook endpoints, events). Never on a public page. */
  apiKey?: string;
  fetch?: typeof fetch;
}

/**
 * In a browser, a server that answers without PayLink's CORS headers fails a request just as a dead
 * one does (a `TypeError`). Asked again without CORS (an opaque answer, which reads nothing), it
 * answers while a dead one still fails: that tells a wrong address from an unreachable proxy.
 */
async function answersWithoutCors(
  url: string,
  error: unknown,
  signal?: AbortSignal | null,
): Promise<boolean> {
  if (!(error instanceof TypeError) || signal?.aborted || typeof document === 'undefined') return false;
  return globalThis.fetch(url, { mode: 'no-cors', credentials: 'omit', signal }).then(
    () => true,
    () => false,
  );
}

/** @internal The answer is JSON (any `…json` media type). */
export const isJsonResponse = (response: Response): boolean =>
  /\bjson\b/i.test(response.headers.get('content-type') ?? '');
const isGateway = (status: number) => status === 502 || status === 503 || status === 504;

/**
 * Sends one request to the proxy. Merchant routes (`auth`) carry the API key. An error answer throws
 * `ProxyRequestError` with its RFC 9457 problem; one without a problem body (but a gateway's 502–504)
 * throws `NotAProxyError`. 304 passes (status reads ask for it).
 */
export async function proxyRequest(
  target: ProxyTarget,
  path: string,
  init: RequestInit = {},
  auth = false,
): Promise<Response> {
  const base = target.baseUrl.replace(/\/+$/, '');
  const headers = new Headers(init.headers);
  if (auth && target.apiKey) headers.set('authorization', `Bearer ${target.apiKey}`);
  let response: Response;
  try {
    response = await (target.fetch ?? globalThis.fetch)(base + path, { ...init, headers });
  } catch (error) {
    if (await answersWithoutCors(base + path, error, init.signal)) throw new NotAProxyError(base, 0);
    throw error;
  }
  if (response.ok || response.status === 304) return response;
  const problem = isJsonResponse(response)
    ? ((await response.json().catch(() => null)) as Problem | null)
    : null;
  if (!problem?.title && !isGateway(response.status)) throw new NotAProxyError(base, response.status);
  throw new ProxyRequestError(response.status, problem);
}

/** The JSON body of a successful request; a body that is not JSON means the address is not a proxy. */
export async function proxyJson<T>(
  target: ProxyTarget,
  path: string,
  init?: RequestInit,
  auth = false,
): Promise<T> {
  const response = await proxyRequest(target, path, init, auth);
  if (!isJsonResponse(response)) throw new NotAProxyError(target.baseUrl, response.status);
  return (await response.json()) as T;
}

const jsonBody = (body: unknown, init: RequestInit = {}): RequestInit => ({
  method: 'POST',
  ...init,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...init.headers },
});

/** `/v1/links/{id}`. */
export const linkPath = (linkId: string): string => `/v1/links/${encodeURIComponent(linkId)}`;

/** @internal Link ids for a batch route's `links` parameter. */
export const linkIdList = (ids: readonly string[]): string => ids.map(encodeURIComponent).join(',');

// Public routes (safe on any page).

/** The public view of a link (`GET /v1/links/{id}`). */
export const getLink = (target: ProxyTarget, linkId: string, signal?: AbortSignal): Promise<PublicLinkView> =>
  proxyJson(target, linkPath(linkId), { signal });

/** Up to 100 public views in one request (`GET /v1/views?links=…`), answered per id. */
export const getViews = (
  target: ProxyTarget,
  linkIds: readonly string[],
  signal?: AbortSignal,
): Promise<ViewBatch> => proxyJson(target, `/v1/views?links=${linkIdList(linkIds)}`, { signal });

/** A fresh one-time link for a product configured in the proxy (`POST /v1/checkout`). */
export const checkout = (
  target: ProxyTarget,
  product: string,
  signal?: AbortSignal,
): Promise<PublicLinkView> => proxyJson(target, '/v1/checkout', jsonBody({ product }, { signal }));

/** Address of the QR image of a link's checkout URL (`GET /v1/links/{id}/qr.svg` or `.png`). */
export function qrImageUrl(
  target: ProxyTarget,
  linkId: string,
  options: { format?: 'svg' | 'png'; size?: number; margin?: number } = {},
): string {
  const query = new URLSearchParams();
  if (options.size) query.set('size', String(options.size));
  if (options.margin) query.set('margin', String(options.margin));
  const search = query.size ? `?${query}` : '';
  return `${target.baseUrl.replace(/\/+$/, '')}${linkPath(linkId)}/qr.${options.format ?? 'svg'}${search}`;
}

// Merchant routes (API key).

/** The providers the proxy is configured with, and what each supports (`GET /v1/providers`). */
export async function listProviders(target: ProxyTarget, signal?: AbortSignal): Promise<ProviderInfo[]> {
  const body = await proxyJson<{ providers?: unknown }>(target, '/v1/providers', { signal }, true);
  // Some other JSON API at that address.
  if (!Array.isArray(body?.providers)) throw new NotAProxyError(target.baseUrl, 200);
  return body.providers as ProviderInfo[];
}

/** Creates a link (`POST /v1/links`); the same `idempotencyKey` and body give the same link. */
export const createLink = (
  target: ProxyTarget,
  body: CreateLinkRequest,
  options: { idempotencyKey?: string; signal?: AbortSignal } = {},
): Promise<MerchantLinkView> =>
  proxyJson(
    target,
    '/v1/links',
    jsonBody(body, {
      headers: { 'idempotency-key': options.idempotencyKey ?? crypto.randomUUID() },
      signal: options.signal,
    }),
    true,
  );

/** A page of links, newest first (`GET /v1/links`); pass `nextCursor` back as `cursor`. */
export function listLinks(
  target: ProxyTarget,
  query: LinkQuery = {},
  signal?: AbortSignal,
): Promise<LinkPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return proxyJson(target, `/v1/links${params.size ? `?${params}` : ''}`, { signal }, true);
}

/** Disables a link at its provider, then locally (`POST /v1/links/{id}/disable`). */
export const disableLink = (
  target: ProxyTarget,
  linkId: string,
  signal?: AbortSignal,
): Promise<MerchantLinkView> =>
  proxyJson(
    target,
    `${linkPath(linkId)}/disable`,
    { method: 'POST', headers: { 'idempotency-key': crypto.randomUUID() }, signal },
    true,
  );

/** Asks the provider to e-mail the link (`POST /v1/links/{id}/share`); 501 when it cannot. */
export const shareLink = (
  target: ProxyTarget,
  linkId: string,
  request: ShareRequest,
  signal?: AbortSignal,
): Promise<ShareResult> =>
  proxyJson(target, `${linkPath(linkId)}/share`, jsonBody(request, { signal }), true);

/**
 * Registers a receiver of merchant events. The answer carries the endpoint's signing secret, shown
 * this once: keep it to verify deliveries with `standardwebhooks`.
 */
export const createWebhookEndpoint = (
  target: ProxyTarget,
  body: CreateWebhookEndpointRequest,
  signal?: AbortSignal,
): Promise<CreatedWebhookEndpoint> =>
  proxyJson(target, '/v1/webhook-endpoints', jsonBody(body, { signal }), true);

/** Every registered endpoint with its delivery health, without secrets. */
export const listWebhookEndpoints = async (
  target: ProxyTarget,
  signal?: AbortSignal,
): Promise<WebhookEndpointView[]> =>
  (await proxyJson<{ endpoints: WebhookEndpointView[] }>(target, '/v1/webhook-endpoints', { signal }, true))
    .endpoints;

/** Stops deliveries to an endpoint and forgets it. */
export async function deleteWebhookEndpoint(
  target: ProxyTarget,
  endpointId: string,
  signal?: AbortSignal,
): Promise<void> {
  await proxyRequest(
    target,
    `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`,
    { method: 'DELETE', signal },
    true,
  );
}

/** A page of the event log, oldest first; pass `nextCursor` back as `after`. */
export function listEvents(
  target: ProxyTarget,
  query: ListEventsQuery = {},
  signal?: AbortSignal,
): Promise<EventPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return proxyJson(target, `/v1/events${params.size ? `?${params}` : ''}`, { signal }, true);
}

/** One event and its deliveries to each endpoint, attempt by attempt. */
export const getEvent = (target: ProxyTarget, eventId: string, signal?: AbortSignal): Promise<EventDetail> =>
  proxyJson(target, `/v1/events/${encodeURIComponent(eventId)}`, { signal }, true);

/** Sends an event again to every endpoint subscribed to its type. */
export const redeliverEvent = async (
  target: ProxyTarget,
  eventId: string,
  signal?: AbortSignal,
): Promise<EventDelivery[]> =>
  (
    await proxyJson<{ deliveries: EventDelivery[] }>(
      target,
      `/v1/events/${encodeURIComponent(eventId)}/redeliver`,
      { method: 'POST', signal },
      true,
    )
  ).deliveries;
