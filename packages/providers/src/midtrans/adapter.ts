// The Midtrans adapter: Payment Link API, server-key Basic auth, signed HTTP notifications.
import { type CreateLinkRequest, ProviderError, ProviderErrorKind } from '@paylink/core';
import {
  type AdapterDeps,
  type CreatedLink,
  defineProvider,
  type ProviderAdapter,
  type ProviderCapabilities,
} from '../adapter.ts';
import { MidtransClient } from './client.ts';
import { type MidtransSettings, PROVIDER, readSettings, settings } from './settings.ts';
import { createdState, deletionOf, toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook } from './webhook.ts';
import { type MidtransCreateBody, type MidtransLink, orderIdFor, toCreateBody } from './wire.ts';

/** What Midtrans's Payment Link API offers (shared/providers/midtrans.md). */
export const capabilities: ProviderCapabilities = {
  // SHA-512 signature_key with the server key (§5).
  webhooks: 'signed',
  // No share endpoint: Midtrans e-mails the link when customer_details.email is sent (§3).
  share: 'at-create',
  // DELETE /v1/payment-links/{order_id} (payment-link-api.md "Delete Payment Link API").
  disable: true,
  // GET /v1/payment-links/{order_id} exists, but Midtrans keeps no link status: it is derived from
  // usage, purchases (community typings) and expiry (README "Status table").
  read: true,
  // usage_limit 1 … 1,000,000 (payment-link-api.md, xct007 typings).
  usageLimit: 'any',
  // Sent as the documented maximum usage_limit (1,000,000): "unlimited" is an approximation.
  unlimitedUsage: true,
  // expiry is optional (payment-link-api.md "expiry object").
  expiryRequired: false,
  items: true,
  // No locale field in the create body.
  locale: false,
  // The create body has no currency field; notifications say "IDR". Not stated for links.
  currencies: ['IDR'],
  inferred: ['read', 'unlimitedUsage', 'currencies'],
};

/** A Midtrans adapter for read settings (`readSettings`). */
export function createAdapter(settings: MidtransSettings, deps: AdapterDeps = {}): ProviderAdapter {
  const { baseUrl, serverKey } = settings;
  const client = new MidtransClient({ baseUrl, serverKey, fetch: deps.fetch, timeoutMs: deps.timeoutMs });
  const now = () => deps.now?.() ?? new Date();

  /** A retried create meets its own earlier link: read it back rather than fail (§6 "Idempotency"). */
  async function readBack(
    body: MidtransCreateBody,
    cause: ProviderError,
    signal?: AbortSignal,
  ): Promise<CreatedLink> {
    const orderId = body.transaction_details.order_id;
    let existing: MidtransLink;
    try {
      existing = await client.get(orderId, signal);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === ProviderErrorKind.NotFound) throw cause;
      throw error;
    }
    const sameAmount =
      body.transaction_details.gross_amount === undefined ||
      existing.gross_amount === body.transaction_details.gross_amount;
    const sameSlug =
      body.transaction_details.payment_link_id === undefined ||
      existing.payment_link_id === body.transaction_details.payment_link_id;
    if (!sameAmount || !sameSlug || typeof existing.payment_link_url !== 'string') {
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Conflict,
        `midtrans already holds order_id ${orderId} with different details (idempotency key reused for another link?)`,
        { httpStatus: cause.httpStatus, cause },
      );
    }
    return { providerRef: orderId, url: existing.payment_link_url, state: toLinkState(existing, now()) };
  }

  return {
    name: PROVIDER,
    capabilities: capabilities,
    validate: (request) => validateRequest(request, now()),

    async create(request: CreateLinkRequest, context) {
      const errors = validateRequest(request, now());
      if (errors.length) {
        throw new ProviderError(PROVIDER, ProviderErrorKind.Validation, 'midtrans cannot honour this link', {
          errors,
        });
      }
      const at = now();
      const body = toCreateBody(request, orderIdFor(context.idempotencyKey), at);
      try {
        const created = await client.create(body, context.signal);
        return {
          providerRef: created.order_id,
          url: created.payment_url,
          state: createdState(body, request, at),
        };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        // 409: order_id taken. A custom payment_link_id reused gives 400 "...has been taken" instead,
        // which a retry also meets if Midtrans checks the slug first.
        const slugTaken =
          error.kind === ProviderErrorKind.Validation &&
          error.errors.some((e) => /payment link id .* has been taken/i.test(e.message));
        if (error.kind === ProviderErrorKind.Conflict || slugTaken)
          return readBack(body, error, context.signal);
        throw error;
      }
    },

    async get(providerRef, signal) {
      return toLinkState(await client.get(providerRef, signal), now());
    },

    async disable(providerRef, signal) {
      try {
        await client.delete(providerRef, signal);
      } catch (error) {
        // Deleting twice: what a second DELETE answers is undocumented; a link that reads back as
        // deleted is what was asked for.
        if (!(error instanceof ProviderError) || error.kind !== ProviderErrorKind.NotFound) throw error;
        const link = await client.get(providerRef, signal);
        if (!deletionOf(link).deleted) throw error;
      }
    },

    async parseWebhook(input) {
      return parseWebhook(input.rawBody, serverKey);
    },
  };
}

/** Midtrans (Indonesia) payment links: IDR, server-key Basic auth, signed HTTP notifications. */
export const definition = defineProvider({
  name: PROVIDER,
  title: 'Midtrans',
  settings,
  readSettings,
  createAdapter,
});
