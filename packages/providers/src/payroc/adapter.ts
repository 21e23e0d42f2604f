// The Payroc adapter: payment links on a processing terminal, shared by e-mail, status by polling.
import { randomUUID } from 'node:crypto';
import { type CreateLinkRequest, ProviderError, ProviderErrorKind } from '@paylink/core';
import {
  type AdapterDeps,
  type CreateContext,
  type CreatedLink,
  defineProvider,
  type ProviderAdapter,
  type ProviderCapabilities,
  type ProviderLinkState,
  type ShareRequest,
  type ShareResult,
} from '../adapter.ts';
import { type ListLinksQuery, type ListSharingEventsQuery, PayrocClient } from './client.ts';
import { isTimeZone } from './dates.ts';
import { type PayrocSettings, PROVIDER, readSettings, settings } from './settings.ts';
import { summarizePayments, toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook } from './webhook.ts';
import {
  createIdempotencyKey,
  type PayrocBankTransferPayment,
  type PayrocCardPayment,
  type PayrocPage,
  type PayrocPaymentLink,
  type PayrocPaymentsSummary,
  type PayrocShare,
  toCreateBody,
  toShare,
  toShareBody,
} from './wire.ts';

/** What Payroc offers (shared/providers/payroc.md; decisions in README.md). */
export const capabilities: ProviderCapabilities = {
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
  // Every other value rests on the API reference (README.md, "Documented or inferred"); that there is
  // no payment-link notification is read from the published event list, which names none.
  inferred: ['webhooks'],
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
  /** A link's payments, card and bank transfer (`GET /payments`, `GET /bank-transfer-payments`, by `paymentLinkId`). */
  payments(providerRef: string, signal?: AbortSignal): Promise<PayrocPaymentsSummary>;
  /** Lists the e-mails a link was shared with (`GET /payment-links/{id}/sharing-events`). */
  listShares(
    providerRef: string,
    query?: ListSharingEventsQuery,
    signal?: AbortSignal,
  ): Promise<PayrocShareList>;
}

/** Options beyond the common adapter dependencies (`now` also drives token expiry), for tests. */
export interface PayrocAdapterDeps extends AdapterDeps {
  /** See `PayrocClientOptions`. */
  retryBudgetMs?: number;
  readRetries?: 'asked' | 'sdk';
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Pages read per payment list at most (100 a page, the documented maximum `limit`). */
const MAX_PAYMENT_PAGES = 10;

/** Every page of a payments list, following `after` cursors from the `next` link. */
async function allPages<T>(read: (after?: string) => Promise<PayrocPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAYMENT_PAGES; page++) {
    const result = await read(after);
    items.push(...(result.data ?? []));
    const next = result.hasMore ? cursor(result, 'next', 'after') : null;
    if (!next || next === after) break;
    after = next;
  }
  return items;
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

/** A Payroc adapter for checked settings (`readSettings`). */
export function createAdapter(settings: PayrocSettings, deps: PayrocAdapterDeps = {}): PayrocAdapter {
  const client = new PayrocClient({
    baseUrl: settings.baseUrl,
    identityUrl: settings.identityUrl,
    apiKey: settings.apiKey,
    ...deps,
  });
  const { terminalId } = settings;
  const now = () => deps.now?.() ?? new Date();
  // The terminal's time zone decides which day `expiresOn` means (inferred, README.md): the setting,
  // else the terminal's own `timezone` (GET /processing-terminals/{id}), read once and shared by every
  // caller (so not tied to one caller's signal). A refusal of that read (403: the key may lack the
  // boarding scope; 404) is remembered as UTC. Any other failure fails the call and is asked again
  // next time: guessing UTC then would give a retried create another `expiresOn`, which Payroc
  // refuses under the same Idempotency-Key (409).
  let timeZone: Promise<string> | null = settings.timeZone ? Promise.resolve(settings.timeZone) : null;
  const terminalTimeZone = (): Promise<string> => {
    timeZone ??= client.getProcessingTerminal(terminalId).then(
      (terminal) =>
        typeof terminal.timezone === 'string' && isTimeZone(terminal.timezone) ? terminal.timezone : 'UTC',
      (error: unknown) => {
        if (error instanceof ProviderError && (error.httpStatus === 403 || error.httpStatus === 404))
          return 'UTC';
        timeZone = null;
        throw error;
      },
    );
    return timeZone;
  };

  const readPayments = async (
    link: PayrocPaymentLink,
    signal?: AbortSignal,
  ): Promise<PayrocPaymentsSummary> => {
    const paymentLinkId = link.paymentLinkId;
    const [card, bank] = await Promise.all([
      link.paymentMethods.includes('card')
        ? allPages<PayrocCardPayment>(async (after) =>
            client.listCardPayments({ paymentLinkId, limit: 100, ...(after ? { after } : {}) }, signal),
          )
        : [],
      link.paymentMethods.includes('bankTransfer')
        ? allPages<PayrocBankTransferPayment>(async (after) =>
            client.listBankTransferPayments(
              { processingTerminalId: terminalId, paymentLinkId, limit: 100, ...(after ? { after } : {}) },
              signal,
            ),
          )
        : [],
    ]);
    return summarizePayments(card, bank);
  };

  /** The link's state with its payments; without them (a refused or failed payments read) from the link alone. */
  const stateOf = async (link: PayrocPaymentLink, signal?: AbortSignal): Promise<ProviderLinkState> => {
    const zone = await terminalTimeZone();
    let payments: PayrocPaymentsSummary | null = null;
    try {
      payments = await readPayments(link, signal);
    } catch (error) {
      if (signal?.aborted || !(error instanceof ProviderError)) throw error;
      // The count never goes down in the proxy (core applySnapshot), so reporting only the link is safe.
    }
    return toLinkState(link, { payments, timeZone: zone });
  };
  const toCreated = (link: PayrocPaymentLink, zone: string) => ({
    providerRef: link.paymentLinkId,
    url: link.assets.paymentUrl,
    state: toLinkState(link, { timeZone: zone }),
    link,
  });

  return {
    name: PROVIDER,
    capabilities,
    validate: validateRequest,

    async create(request: CreateLinkRequest, context: CreateContext): Promise<CreatedLink> {
      const idempotencyKey = createIdempotencyKey(context.idempotencyKey);
      const zone = await terminalTimeZone();
      // Built once so the retry sends the same body under the same key (§6).
      const body = toCreateBody(request, { idempotencyKey, now: now(), timeZone: zone });
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
      const { providerRef, url, state } = toCreated(link, zone);
      return { providerRef, url, state };
    },

    async get(providerRef: string, signal?: AbortSignal) {
      return stateOf(await client.getLink(providerRef, signal), signal);
    },

    async payments(providerRef: string, signal?: AbortSignal) {
      return readPayments(await client.getLink(providerRef, signal), signal);
    },

    async disable(providerRef: string, signal?: AbortSignal) {
      // Whether deactivate needs a key is unclear (§3 note); a fresh one is harmless.
      await client.deactivateLink(providerRef, randomUUID(), signal);
    },

    parseWebhook: (input) => parseWebhook(input.rawBody),

    async share(providerRef: string, request: ShareRequest, signal?: AbortSignal): Promise<ShareResult> {
      const event = await client.shareLink(providerRef, toShareBody(request), randomUUID(), signal);
      const { shareId, recipients, sharedAt } = toShare(event);
      return { shareId, recipients, sharedAt };
    },

    async list(query?: ListLinksQuery, signal?: AbortSignal): Promise<PayrocLinkList> {
      const page = await client.listLinks(terminalId, query, signal);
      const zone = await terminalTimeZone();
      return {
        links: page.data.map((link) => toCreated(link, zone)),
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
export const definition = defineProvider({
  name: PROVIDER,
  title: 'Payroc',
  settings,
  readSettings,
  createAdapter,
});
