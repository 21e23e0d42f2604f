import { type CreateLinkRequest, ProviderError, ProviderErrorKind, safeCheckoutUrl } from '@paylink/core';
import type {
  CreateContext,
  CreatedLink,
  ProviderAdapter,
  ProviderCapabilities,
  ProviderDefinition,
  ProviderLinkState,
} from '../adapter.ts';
import { PlexoClient } from './client.ts';
import {
  type PlexoLinkDto,
  type PlexoPaymentDto,
  PROVIDER,
  toLinkState,
  toPlexoCreateBody,
  validateForPlexo,
} from './mapping.ts';
import { parsePlexoCallback } from './webhook.ts';

export { basicAuthorization, PlexoClient, plexoRoutes } from './client.ts';
export {
  fieldFromPlexoPath,
  paymentLinkRefOf,
  readPaymentDto,
  splitPaymentMethods,
  toLinkStatus,
  toPlexoCreateBody,
  validateForPlexo,
} from './mapping.ts';
export { parsePlexoCallback, readPlexoCallback } from './webhook.ts';

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

const capabilities: ProviderCapabilities = {
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
  // which link a callback's payment belongs to is inferred too (mapping.ts `paymentLinkRefOf`).
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

/** Plexo (Uruguay) Payment Links: Basic auth, nudge-only callbacks, one-time or regular links. */
export const plexo: ProviderDefinition = {
  name: PROVIDER,
  title: 'Plexo',
  settings: [
    {
      name: 'baseUrl',
      secret: false,
      required: true,
      description: 'API base URL, e.g. https://api.testing.plexo.com.uy',
    },
    { name: 'clientId', secret: false, required: true, description: 'Client id (the Basic auth user name)' },
    { name: 'apiKey', secret: true, required: true, description: 'API key (the Basic auth password)' },
    {
      name: 'merchantId',
      secret: false,
      required: true,
      description: 'Merchant id (integer) owned by the client',
    },
  ],
  createAdapter(settings, deps): ProviderAdapter {
    const merchantId = Number(settings.merchantId);
    if (!/^[1-9]\d{0,9}$/.test(settings.merchantId ?? '') || merchantId > 2_147_483_647) {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Auth,
        'plexo setting merchantId must be a positive integer',
      );
    }
    const client = new PlexoClient({
      baseUrl: settings.baseUrl!,
      clientId: settings.clientId!,
      apiKey: settings.apiKey!,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
    });
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
      validate: validateForPlexo,
      async create(request: CreateLinkRequest, context: CreateContext): Promise<PlexoCreatedLink> {
        const body = toPlexoCreateBody(request, { merchantId, callbackUrl: context.notificationUrl });
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
        return parsePlexoCallback(input.rawBody, (paymentId) => readPayment(paymentId));
      },
    };
  },
};
