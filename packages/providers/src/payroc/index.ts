// The Payroc provider: payment links on a processing terminal, shared by e-mail, status by polling.
import { randomUUID } from 'node:crypto';
import { type CreateLinkRequest, ProviderError, ProviderErrorKind } from '@paylink/core';
import type {
  CreateContext,
  CreatedLink,
  ProviderAdapter,
  ProviderCapabilities,
  ProviderDefinition,
  ProviderLinkState,
  ShareRequest,
  ShareResult,
} from '../adapter.ts';
import { type ListLinksQuery, type ListSharingEventsQuery, PayrocClient } from './client.ts';
import {
  createIdempotencyKey,
  type PayrocPage,
  type PayrocPaymentLink,
  type PayrocShare,
  toCreateBody,
  toLinkState,
  toShare,
  toShareBody,
  validateRequest,
} from './mapping.ts';
import { parsePayrocWebhook } from './webhook.ts';

export type { ListLinksQuery, ListSharingEventsQuery } from './client.ts';
export { PayrocClient } from './client.ts';
export type { PayrocPaymentLink, PayrocShare } from './mapping.ts';

/** What Payroc offers (shared/providers/payroc.md; decisions in README.md). */
export const payrocCapabilities: ProviderCapabilities = {
  webhooks: 'none',
  share: 'api',
  disable: true,
  read: true,
  usageLimit: 'single-or-unlimited',
  unlimitedUsage: true,
  // Payroc requires `expiresOn` on single-use links; the adapter defaults it (README.md), so callers need not.
  expiryRequired: false,
  items: false,
  locale: false,
  currencies: null,
};

/** One page of a terminal's links, each with its mapped state. */
export interface PayrocLinkList {
  links: Array<{ providerRef: string; url: string; state: ProviderLinkState; link: PayrocPaymentLink }>;
  hasMore: boolean;
  /** Cursors for `after` / `before`, when Payroc says there is more. */
  next: string | null;
  previous: string | null;
}

/** One page of a link's sharing events. */
export interface PayrocShareList {
  shares: PayrocShare[];
  hasMore: boolean;
  next: string | null;
}

/** The Payroc adapter: the common interface plus listing links and shares. */
export interface PayrocAdapter extends ProviderAdapter {
  share(providerRef: string, request: ShareRequest, signal?: AbortSignal): Promise<ShareResult>;
  /** Lists the terminal's links (`GET /processing-terminals/{id}/payment-links`). */
  list(query?: ListLinksQuery, signal?: AbortSignal): Promise<PayrocLinkList>;
  /** Lists the e-mails a link was shared with (`GET /payment-links/{id}/sharing-events`). */
  listShares(
    providerRef: string,
    query?: ListSharingEventsQuery,
    signal?: AbortSignal,
  ): Promise<PayrocShareList>;
}

/** Options beyond the common adapter dependencies, for tests. */
export interface PayrocAdapterDeps {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock for token expiry and the default single-use expiry. */
  now?: () => Date;
}

function cursor(page: PayrocPage<unknown>, rel: string, param: 'after' | 'before'): string | null {
  const href = page.links?.find((l) => l.rel === rel)?.href;
  if (!href) return null;
  try {
    return new URL(href).searchParams.get(param);
  } catch {
    return null;
  }
}

const isNetworkFailure = (error: unknown) =>
  error instanceof ProviderError && error.kind === ProviderErrorKind.Unavailable && error.httpStatus === null;

/** Lists the e-mails a Payroc link was shared with; refuses adapters of other providers. */
export function listPayrocShares(
  adapter: ProviderAdapter,
  providerRef: string,
  query?: ListSharingEventsQuery,
  signal?: AbortSignal,
): Promise<PayrocShareList> {
  const listShares = (adapter as Partial<PayrocAdapter>).listShares;
  if (adapter.name !== 'payroc' || typeof listShares !== 'function') {
    throw new ProviderError(
      adapter.name,
      ProviderErrorKind.Unsupported,
      `${adapter.name} cannot list shares`,
    );
  }
  return listShares.call(adapter, providerRef, query, signal);
}

/** Builds a Payroc adapter from its settings (see `payroc.settings`). */
export function createPayrocAdapter(
  settings: Record<string, string>,
  deps: PayrocAdapterDeps = {},
): PayrocAdapter {
  const client = new PayrocClient({
    baseUrl: settings.baseUrl ?? '',
    identityUrl: settings.identityUrl ?? '',
    apiKey: settings.apiKey ?? '',
    ...deps,
  });
  const terminalId = settings.terminalId ?? '';
  const now = () => deps.now?.() ?? new Date();
  const toCreated = (link: PayrocPaymentLink) => ({
    providerRef: link.paymentLinkId,
    url: link.assets.paymentUrl,
    state: toLinkState(link),
    link,
  });

  return {
    name: 'payroc',
    capabilities: payrocCapabilities,
    validate: validateRequest,

    async create(request: CreateLinkRequest, context: CreateContext): Promise<CreatedLink> {
      const idempotencyKey = createIdempotencyKey(context.idempotencyKey);
      // Built once so the retry sends the same body under the same key (§6).
      const body = toCreateBody(request, { idempotencyKey, now: now() });
      const send = () => client.createLink(terminalId, body, idempotencyKey, context.signal);
      let link: PayrocPaymentLink;
      try {
        link = await send();
      } catch (error) {
        // The request may have reached Payroc and only the answer been lost: retry once with the same
        // key, which Payroc answers by replaying the stored response instead of creating again (§6).
        if (!isNetworkFailure(error) || context.signal?.aborted) throw error;
        link = await send();
      }
      const { providerRef, url, state } = toCreated(link);
      return { providerRef, url, state };
    },

    async get(providerRef: string, signal?: AbortSignal) {
      return toLinkState(await client.getLink(providerRef, signal));
    },

    async disable(providerRef: string, signal?: AbortSignal) {
      // Whether deactivate needs a key is unclear (§3 note); a fresh one is harmless.
      await client.deactivateLink(providerRef, randomUUID(), signal);
    },

    parseWebhook: parsePayrocWebhook,

    async share(providerRef: string, request: ShareRequest, signal?: AbortSignal): Promise<ShareResult> {
      const event = await client.shareLink(providerRef, toShareBody(request), randomUUID(), signal);
      const { shareId, recipients, sharedAt } = toShare(event);
      return { shareId, recipients, sharedAt };
    },

    async list(query?: ListLinksQuery, signal?: AbortSignal): Promise<PayrocLinkList> {
      const page = await client.listLinks(terminalId, query, signal);
      return {
        links: page.data.map(toCreated),
        hasMore: page.hasMore,
        next: cursor(page, 'next', 'after'),
        previous: cursor(page, 'previous', 'before'),
      };
    },

    async listShares(providerRef: string, query?: ListSharingEventsQuery, signal?: AbortSignal) {
      const page = await client.listSharingEvents(providerRef, query, signal);
      return { shares: page.data.map(toShare), hasMore: page.hasMore, next: cursor(page, 'next', 'after') };
    },
  };
}

/** Payroc (https://docs.payroc.com): bearer token from the identity service, links on a processing terminal. */
export const payroc: ProviderDefinition = {
  name: 'payroc',
  title: 'Payroc',
  settings: [
    {
      name: 'baseUrl',
      secret: false,
      required: true,
      description: 'API base, with or without /v1 (https://api.uat.payroc.com or https://api.payroc.com)',
    },
    {
      name: 'identityUrl',
      secret: false,
      required: true,
      description: 'Identity service base (https://identity.uat.payroc.com or https://identity.payroc.com)',
    },
    { name: 'apiKey', secret: true, required: true, description: 'API key, exchanged for bearer tokens' },
    {
      name: 'terminalId',
      secret: false,
      required: true,
      description: 'Processing terminal id, e.g. 1234001',
    },
  ],
  createAdapter: (settings, deps) => createPayrocAdapter(settings, deps),
};
