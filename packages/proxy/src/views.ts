import {
  type LinkStatusView,
  type MerchantLinkView,
  type PublicLinkView,
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@paylink/core';
import type { StoredLink, WebhookEndpointRecord } from './store/store.ts';

/** What anyone may see: no provider id, reference, customer or metadata. */
export function publicView(link: StoredLink): PublicLinkView {
  return {
    id: link.id,
    provider: link.provider,
    url: link.url,
    status: link.status,
    amount: link.amount,
    amountMode: link.amountMode,
    flexibleAmount: link.flexibleAmount,
    title: link.title,
    description: link.description,
    expiresAt: link.expiresAt,
    payments: link.payments,
    lastPayment: link.lastPayment,
    version: link.version,
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
  };
}

export function merchantView(link: StoredLink): MerchantLinkView {
  return {
    ...publicView(link),
    providerRef: link.providerRef,
    reference: link.reference,
    customer: link.customer,
    metadata: link.metadata,
  };
}

export function statusView(link: StoredLink, stale: boolean): LinkStatusView {
  return {
    id: link.id,
    status: link.status,
    payments: link.payments,
    lastPayment: link.lastPayment,
    version: link.version,
    updatedAt: link.updatedAt,
    stale,
  };
}

/** The ETag of a status answer: its version, and whether it is stale. */
export function statusEtag(link: StoredLink, stale: boolean): string {
  return `"${link.version}${stale ? '-stale' : ''}"`;
}

/** What a key that manages an endpoint sees of it: everything but the secret; "every type" spelled out. */
export function endpointView(endpoint: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: (endpoint.events.length ? endpoint.events : WEBHOOK_EVENT_TYPES) as WebhookEventType[],
    description: endpoint.description,
    createdAt: endpoint.createdAt,
    source: endpoint.source,
    health: endpoint.health,
  };
}
