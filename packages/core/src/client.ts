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
import type { CreateLinkRequest, LinkStatusView, MerchantLinkView, Problem, PublicLinkView } from './link.ts';

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

export type StatusResult =
  | { notModified: true; etag: string }
  | { notModified: false; etag: string; status: LinkStatusView };

export interface PayLinkClientOptions {
  /** Base URL of the proxy, e.g. `https://pay.example.com`. */
  baseUrl: string;
  /**
   * Needed only for merchant routes (links, webhook endpoints, events). Never give it to a public
   * page.
   */
  apiKey?: string;
  fetch?: typeof fetch;
}

/** A small fetch-based client for the PayLink proxy API (browser-safe). */
export class PayLinkClient {
  readonly baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: PayLinkClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The public view of a link. */
  getLink(linkId: string, signal?: AbortSignal): Promise<PublicLinkView> {
    return this.#json(`/v1/links/${encodeURIComponent(linkId)}`, { signal });
  }

  /**
   * A link's status. Pass the last ETag to get a cheap `notModified` answer; `waitSeconds` holds
   * the request open (long poll) until the status changes or the time is up.
   */
  async getStatus(
    linkId: string,
    options: { etag?: string; waitSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<StatusResult> {
    const query = options.waitSeconds ? `?wait=${Math.round(options.waitSeconds)}` : '';
    const headers: Record<string, string> = {};
    if (options.etag) headers['if-none-match'] = options.etag;
    const response = await this.#fetch(
      `${this.baseUrl}/v1/links/${encodeURIComponent(linkId)}/status${query}`,
      {
        headers,
        signal: options.signal,
      },
    );
    const etag = response.headers.get('etag') ?? '';
    if (response.status === 304) return { notModified: true, etag: etag || options.etag || '' };
    if (!response.ok) throw await toError(response);
    return { notModified: false, etag, status: (await response.json()) as LinkStatusView };
  }

  /** Creates a link (merchant route: needs the API key). */
  createLink(
    body: CreateLinkRequest,
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<MerchantLinkView> {
    return this.#json('/v1/links', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        'idempotency-key': options.idempotencyKey ?? crypto.randomUUID(),
        ...this.#authHeader(),
      },
      signal: options.signal,
    });
  }

  /** Disables a link at its provider, then locally (merchant route). */
  disableLink(linkId: string, options: { signal?: AbortSignal } = {}): Promise<MerchantLinkView> {
    return this.#json(`/v1/links/${encodeURIComponent(linkId)}/disable`, {
      method: 'POST',
      headers: { 'idempotency-key': crypto.randomUUID(), ...this.#authHeader() },
      signal: options.signal,
    });
  }

  /**
   * Registers a receiver of merchant events (merchant route). The answer carries the endpoint's
   * signing secret, shown this once: keep it to verify deliveries with `standardwebhooks`.
   */
  createWebhookEndpoint(
    body: CreateWebhookEndpointRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<CreatedWebhookEndpoint> {
    return this.#json('/v1/webhook-endpoints', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...this.#authHeader() },
      signal: options.signal,
    });
  }

  /** Every registered endpoint with its delivery health, without secrets (merchant route). */
  async listWebhookEndpoints(options: { signal?: AbortSignal } = {}): Promise<WebhookEndpointView[]> {
    const page = await this.#json<{ endpoints: WebhookEndpointView[] }>('/v1/webhook-endpoints', {
      headers: this.#authHeader(),
      signal: options.signal,
    });
    return page.endpoints;
  }

  /** Stops deliveries to an endpoint and forgets it (merchant route). */
  async deleteWebhookEndpoint(endpointId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const response = await this.#fetch(
      `${this.baseUrl}/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`,
      { method: 'DELETE', headers: this.#authHeader(), signal: options.signal },
    );
    if (!response.ok) throw await toError(response);
  }

  /** A page of the event log, oldest first; pass `nextCursor` back as `after` (merchant route). */
  listEvents(query: ListEventsQuery = {}, options: { signal?: AbortSignal } = {}): Promise<EventPage> {
    const params = new URLSearchParams();
    if (query.after) params.set('after', query.after);
    if (query.type) params.set('type', query.type);
    if (query.link) params.set('link', query.link);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.size ? `?${params}` : '';
    return this.#json(`/v1/events${search}`, { headers: this.#authHeader(), signal: options.signal });
  }

  /** One event and its deliveries to each endpoint, attempt by attempt (merchant route). */
  getEvent(eventId: string, options: { signal?: AbortSignal } = {}): Promise<EventDetail> {
    return this.#json(`/v1/events/${encodeURIComponent(eventId)}`, {
      headers: this.#authHeader(),
      signal: options.signal,
    });
  }

  /** Sends an event again to every endpoint subscribed to its type (merchant route). */
  async redeliverEvent(eventId: string, options: { signal?: AbortSignal } = {}): Promise<EventDelivery[]> {
    const answer = await this.#json<{ deliveries: EventDelivery[] }>(
      `/v1/events/${encodeURIComponent(eventId)}/redeliver`,
      { method: 'POST', headers: this.#authHeader(), signal: options.signal },
    );
    return answer.deliveries;
  }

  #authHeader(): Record<string, string> {
    return this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {};
  }

  async #json<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.#fetch(`${this.baseUrl}${path}`, init);
    if (!response.ok) throw await toError(response);
    return (await response.json()) as T;
  }
}

async function toError(response: Response): Promise<ProxyRequestError> {
  let problem: Problem | null = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    problem = (await response.json().catch(() => null)) as Problem | null;
  }
  return new ProxyRequestError(response.status, problem);
}
