// The Plexo adapter: Payment Links REST API v1, Basic auth, callbacks as nudges.
import { type CreateLinkRequest, ProviderError, ProviderErrorKind, safeCheckoutUrl } from '@paylink/core';
import {
  type AdapterDeps,
  type CreateContext,
  type CreatedLink,
  defineProvider,
  type ProviderAdapter,
  type ProviderCapabilities,
  type ProviderLinkState,
} from '../adapter.ts';
import { PlexoClient } from './client.ts';
import { type PlexoSettings, PROVIDER, readSettings, settings } from './settings.ts';
import { toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook } from './webhook.ts';
import { type PlexoLinkDto, type PlexoPaymentDto, toCreateBody } from './wire.ts';

/** Plexo's public links of a link, beside the hosted checkout URL. */
export interface PlexoLinkUrls {
  /** Public id used in the share URL (e.g. `pl_xK9mQ2vR`). */
  externalId: string;
  /** Hosted checkout URL (also `CreatedLink.url`). */
  shareUrl: string;
  /** Public SVG QR code of the share URL, served by Plexo without authentication. */
  qrCodeUrl: string | null;
}

/** What `create` returns for Plexo: the common result plus Plexo's QR code and share URLs. */
export interface PlexoCreatedLink extends CreatedLink, PlexoLinkUrls {}

/** What `get` returns for Plexo: the common state plus Plexo's QR code and share URLs. */
export interface PlexoLinkState extends ProviderLinkState, PlexoLinkUrls {}

/** The QR code URL an adapter result carries, for any provider (null when it has none). */
export function qrCodeUrlOf(result: CreatedLink | ProviderLinkState): string | null {
  const url = (result as Partial<PlexoLinkUrls>).qrCodeUrl;
  return typeof url === 'string' && safeCheckoutUrl(url) ? url : null;
}

/** What Plexo's Payment Links API can do (README.md). */
export const capabilities: ProviderCapabilities = {
  // Callbacks Guide: the body is an unsigned PaymentDto; the link it belongs to is found by reading
  // the payment (inferred), and the proxy re-reads the link.
  webhooks: 'nudge',
  share: 'none',
  disable: true,
  read: true,
  usageLimit: 'single-or-unlimited',
  unlimitedUsage: true,
  expiryRequired: false,
  items: true,
  locale: false,
  currencies: null,
  // GET and DELETE /v1/payment-links/{id} are in no public page (client.ts `plexoRoutes.inferred`);
  // which link a callback's payment belongs to is inferred too (wire.ts `paymentLinkRefOf`).
  inferred: ['read', 'disable', 'webhooks'],
};

function urlsOf(dto: PlexoLinkDto): PlexoLinkUrls {
  if (!safeCheckoutUrl(dto.shareUrl)) {
    throw new ProviderError(
      PROVIDER,
      ProviderErrorKind.Unavailable,
      'plexo returned a share URL that is not https',
      {
        retryable: false,
      },
    );
  }
  return { externalId: dto.externalId, shareUrl: dto.shareUrl, qrCodeUrl: dto.qrCodeUrl || null };
}

/** A Plexo adapter for checked settings (`readSettings`). */
export function createAdapter(settings: PlexoSettings, deps: AdapterDeps = {}): ProviderAdapter {
  const { merchantId } = settings;
  const client = new PlexoClient({ ...settings, fetch: deps.fetch, timeoutMs: deps.timeoutMs });
  // Callbacks for one payment arriving together (Plexo's retries, a forged burst) share one read.
  const paymentReads = new Map<string, Promise<PlexoPaymentDto | null>>();
  const readPayment = (paymentId: string) => {
    let read = paymentReads.get(paymentId);
    if (!read) {
      read = client.getPayment(paymentId).finally(() => paymentReads.delete(paymentId));
      paymentReads.set(paymentId, read);
    }
    return read;
  };
  return {
    name: PROVIDER,
    capabilities,
    validate: validateRequest,
    async create(request: CreateLinkRequest, context: CreateContext): Promise<PlexoCreatedLink> {
      const body = toCreateBody(request, { merchantId, callbackUrl: context.notificationUrl });
      const dto = await client.createLink(body, context.signal);
      const urls = urlsOf(dto);
      return { providerRef: dto.id, url: urls.shareUrl, state: toLinkState(dto), ...urls };
    },
    async get(providerRef: string, signal?: AbortSignal): Promise<PlexoLinkState> {
      const dto = await client.getLink(providerRef, signal);
      return { ...toLinkState(dto), ...urlsOf(dto) };
    },
    async disable(providerRef: string, signal?: AbortSignal): Promise<void> {
      await client.deleteLink(providerRef, signal);
    },
    async parseWebhook(input) {
      return parseWebhook(input.rawBody, (paymentId) => readPayment(paymentId));
    },
  };
}

/** Plexo (Uruguay) Payment Links: Basic auth, nudge-only callbacks, one-time or regular links. */
export const definition = defineProvider({
  name: PROVIDER,
  title: 'Plexo',
  settings,
  readSettings,
  createAdapter,
});
