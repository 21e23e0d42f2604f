// The Placetopay adapter: Payment Link API on the Sites platform, signed notifications.
import { type CreateLinkRequest, LinkStatus, ProviderError, ProviderErrorKind } from '@paylink/core';
import {
  type AdapterDeps,
  defineProvider,
  type ProviderAdapter,
  type ProviderCapabilities,
} from '../adapter.ts';
import { PlacetopayClient } from './client.ts';
import { type PlacetopaySettings, PROVIDER, readSettings, settings } from './settings.ts';
import { toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook } from './webhook.ts';
import { fieldErrorsFrom, PlacetopayLinkStatus, toCreateBody } from './wire.ts';

/** What Placetopay's Payment Link API can do (README.md). */
export const capabilities: ProviderCapabilities = {
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

/** A Placetopay adapter for checked settings (`readSettings`). */
export function createAdapter(settings: PlacetopaySettings, deps: AdapterDeps = {}): ProviderAdapter {
  const { timeZone } = settings;
  const now = deps.now ?? (() => new Date());
  const client = new PlacetopayClient({ ...settings, fetch: deps.fetch, timeoutMs: deps.timeoutMs, now });
  const checkRef = (providerRef: string) => {
    // Link ids are integers (note §3.2); anything else cannot exist there.
    if (!/^\d{1,18}$/.test(providerRef)) {
      throw new ProviderError(PROVIDER, ProviderErrorKind.NotFound, 'placetopay link ids are integers');
    }
  };

  return {
    name: PROVIDER,
    capabilities,

    validate: (request: CreateLinkRequest) => validateRequest(request),

    async create(request, context) {
      const { body, expiresAt } = toCreateBody(request, context, { now: now(), timeZone });
      const { id, url } = await client.create(body, {
        signal: context.signal,
        fieldErrors: (errors) => fieldErrorsFrom(errors, request),
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
      return toLinkState(await client.query(providerRef, signal), timeZone);
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
      return parseWebhook(input.rawBody, settings.secretKey);
    },
  };
}

/** Placetopay (Evertec) payment links on the Sites ("Microsites") platform. */
export const definition = defineProvider({
  name: PROVIDER,
  title: 'Placetopay',
  settings,
  readSettings,
  createAdapter,
});
