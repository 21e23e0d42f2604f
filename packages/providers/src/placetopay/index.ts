import { type CreateLinkRequest, LinkStatus, ProviderError, ProviderErrorKind } from '@paylink/core';
import type { ProviderAdapter, ProviderCapabilities, ProviderDefinition } from '../adapter.ts';
import { PlacetopayClient } from './client.ts';
import { assertTimeZone, DEFAULT_TIME_ZONE } from './dates.ts';
import {
  mapFieldErrors,
  mapLinkState,
  PlacetopayLinkStatus,
  PROVIDER,
  toCreateBody,
  validateRequest,
} from './mapping.ts';
import { parseNotification } from './webhook.ts';

export { computeTranKey, createAuth, type PlacetopayAuth } from './auth.ts';
export { routes } from './client.ts';
export { DEFAULT_TIME_ZONE } from './dates.ts';
export { mapLinkState, mapPaymentOutcome, toCreateBody, validateRequest } from './mapping.ts';
export { notificationSignature, parseNotification } from './webhook.ts';

/** What Placetopay's Payment Link API can do (README.md). */
export const placetopayCapabilities: ProviderCapabilities = {
  webhooks: 'signed',
  // No share endpoint; `recipients` are e-mailed the link on creation (note §3.1).
  share: 'at-create',
  disable: true,
  read: true,
  usageLimit: 'any',
  unlimitedUsage: true,
  // Placetopay requires an expiry; the adapter defaults it to 30 days.
  expiryRequired: false,
  items: false,
  locale: true,
  // Language and region, in Spanish, English, Portuguese or Italian (note §6); any region of those.
  locales: ['es-CO', 'en-US', 'pt-BR', 'it-IT'],
  currencies: null,
  // The signature formula is documented (notification.mdx), but the page's own example signatures do
  // not verify under it with the page's key, and no published payment-link vector does: that real
  // notifications verify is inferred (README.md, "Documented and inferred").
  inferred: ['webhooks'],
};

export interface PlacetopayAdapterOptions {
  baseUrl: string;
  login: string;
  secretKey: string;
  /**
   * IANA zone of the site's wall clock (`expirationDate`, `paymentDate`); default `America/Bogota`,
   * the zone of every documented example (README, "Settings").
   */
  timeZone?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock for seeds and default expiries; tests that move time pass the emulator's clock. */
  now?: () => Date;
}

/** A Placetopay adapter; `createAdapter` of the definition calls this. */
export function createPlacetopayAdapter(options: PlacetopayAdapterOptions): ProviderAdapter {
  const timeZone = options.timeZone || DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const now = options.now ?? (() => new Date());
  const client = new PlacetopayClient({ ...options, now });
  const checkRef = (providerRef: string) => {
    // Link ids are integers (note §3.2); anything else cannot exist there.
    if (!/^\d{1,18}$/.test(providerRef)) {
      throw new ProviderError(PROVIDER, ProviderErrorKind.NotFound, 'placetopay link ids are integers');
    }
  };

  return {
    name: PROVIDER,
    capabilities: placetopayCapabilities,

    validate: (request: CreateLinkRequest) => validateRequest(request),

    async create(request, context) {
      const { body, expiresAt } = toCreateBody(request, context, { now: now(), timeZone });
      const { id, url } = await client.create(body, {
        signal: context.signal,
        fieldErrors: (errors) => mapFieldErrors(errors, request),
      });
      return {
        providerRef: id,
        url,
        state: {
          status: LinkStatus.Open,
          payments: { count: 0, limit: body.paymentsAllowed ?? null },
          lastPayment: null,
          expiresAt,
        },
      };
    },

    async get(providerRef, signal) {
      checkRef(providerRef);
      return mapLinkState(await client.query(providerRef, signal), timeZone);
    },

    async disable(providerRef, signal) {
      checkRef(providerRef);
      try {
        await client.disable(providerRef, signal);
      } catch (error) {
        // Disabling twice answers 400 (note §3.3); the goal is reached, so a repeat succeeds.
        if (!(error instanceof ProviderError) || error.kind !== ProviderErrorKind.Conflict) throw error;
        const link = await client.query(providerRef, signal);
        if (link.status !== PlacetopayLinkStatus.Inactive) throw error;
      }
    },

    async parseWebhook(input) {
      return parseNotification(input.rawBody, options.secretKey);
    },
  };
}

/** Placetopay (Evertec) payment links on the Sites ("Microsites") platform. */
export const placetopay: ProviderDefinition = {
  name: PROVIDER,
  title: 'Placetopay',
  settings: [
    {
      name: 'baseUrl',
      secret: false,
      required: true,
      description:
        'Sites host: https://sites-test.placetopay.com (testing) or https://sites.placetopay.com (production)',
    },
    {
      name: 'login',
      secret: false,
      required: true,
      description: 'Site identifier (login) for that environment',
    },
    {
      name: 'secretKey',
      secret: true,
      required: true,
      description: 'Site secret key: signs every request (tranKey) and verifies notifications',
    },
    {
      name: 'timeZone',
      secret: false,
      required: false,
      description:
        "IANA time zone of the site's wall clock, in which Placetopay reads and writes expirationDate and paymentDate (per site; default America/Bogota)",
    },
  ],
  createAdapter(settings, deps) {
    return createPlacetopayAdapter({
      baseUrl: settings.baseUrl ?? '',
      login: settings.login ?? '',
      secretKey: settings.secretKey ?? '',
      timeZone: settings.timeZone,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
    });
  },
};
