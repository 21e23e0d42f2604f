// The proxy client as one object, for servers and scripts: the route functions of client.ts and
// client-status.ts as methods.
import {
  createLink,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disableLink,
  getEvent,
  getLink,
  getViews,
  listEvents,
  listLinks,
  listProviders,
  listWebhookEndpoints,
  type ProxyTarget,
  redeliverEvent,
  shareLink,
} from './client.ts';
import { getStatus, getStatuses, type StatusResult } from './client-status.ts';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  EventDelivery,
  EventDetail,
  EventPage,
  ListEventsQuery,
  WebhookEndpointView,
} from './events.ts';
import type { CreateLinkRequest, MerchantLinkView, PublicLinkView } from './link.ts';
import type {
  LinkPage,
  LinkQuery,
  ProviderInfo,
  ShareRequest,
  ShareResult,
  StatusBatch,
  ViewBatch,
} from './proxy-api.ts';

/**
 * The same routes as methods, for servers and scripts (`new PayLinkClient({ baseUrl, apiKey })`).
 * Pages import the functions instead, so they bundle only what they call.
 */
export class PayLinkClient implements ProxyTarget {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly fetch: typeof fetch;

  constructor(options: ProxyTarget) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  getLink(linkId: string, signal?: AbortSignal): Promise<PublicLinkView> {
    return getLink(this, linkId, signal);
  }
  getViews(linkIds: readonly string[], signal?: AbortSignal): Promise<ViewBatch> {
    return getViews(this, linkIds, signal);
  }
  getStatus(
    linkId: string,
    options: { etag?: string; waitSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<StatusResult> {
    return getStatus(this, linkId, options);
  }
  getStatuses(linkIds: readonly string[], signal?: AbortSignal): Promise<StatusBatch> {
    return getStatuses(this, linkIds, signal);
  }
  listProviders(signal?: AbortSignal): Promise<ProviderInfo[]> {
    return listProviders(this, signal);
  }
  createLink(
    body: CreateLinkRequest,
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<MerchantLinkView> {
    return createLink(this, body, options);
  }
  listLinks(query: LinkQuery = {}, signal?: AbortSignal): Promise<LinkPage> {
    return listLinks(this, query, signal);
  }
  disableLink(linkId: string, options: { signal?: AbortSignal } = {}): Promise<MerchantLinkView> {
    return disableLink(this, linkId, options.signal);
  }
  shareLink(linkId: string, request: ShareRequest, signal?: AbortSignal): Promise<ShareResult> {
    return shareLink(this, linkId, request, signal);
  }
  createWebhookEndpoint(
    body: CreateWebhookEndpointRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<CreatedWebhookEndpoint> {
    return createWebhookEndpoint(this, body, options.signal);
  }
  listWebhookEndpoints(options: { signal?: AbortSignal } = {}): Promise<WebhookEndpointView[]> {
    return listWebhookEndpoints(this, options.signal);
  }
  deleteWebhookEndpoint(endpointId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return deleteWebhookEndpoint(this, endpointId, options.signal);
  }
  listEvents(query: ListEventsQuery = {}, options: { signal?: AbortSignal } = {}): Promise<EventPage> {
    return listEvents(this, query, options.signal);
  }
  getEvent(eventId: string, options: { signal?: AbortSignal } = {}): Promise<EventDetail> {
    return getEvent(this, eventId, options.signal);
  }
  redeliverEvent(eventId: string, options: { signal?: AbortSignal } = {}): Promise<EventDelivery[]> {
    return redeliverEvent(this, eventId, options.signal);
  }
}
