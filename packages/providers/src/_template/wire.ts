// Step 2: the provider's bodies as its public documents show them (here: fixtures/, written for this
// template), our request written in them, and its error fields read back in our names.
import { type CreateLinkRequest, type FieldError, toMinorUnits } from '@paylink/core';

/** The link statuses the provider reports. */
export const TemplateLinkStatus = {
  Active: 'active',
  Paid: 'paid',
  Expired: 'expired',
  Disabled: 'disabled',
} as const;
export type TemplateLinkStatus = (typeof TemplateLinkStatus)[keyof typeof TemplateLinkStatus];

/** A payment's status as the provider reports it. */
export type TemplatePaymentStatus = 'approved' | 'declined' | 'pending';

/** Body of `POST /v1/links` (fixtures/create-request.json). */
export interface TemplateCreateBody {
  amount_minor: number;
  currency: string;
  description: string;
  single_use: boolean;
  reference?: string;
  expires_at?: string;
  notify_url: string;
}

/** One payment in a link (fixtures/link-paid.json). */
export interface TemplatePayment {
  id: string;
  status: string;
  amount_minor: number;
  currency: string;
  at: string;
}

/** A link as the provider answers it (fixtures/create-response.json, link-paid.json). */
export interface TemplateLink {
  id: string;
  url: string;
  status: string;
  single_use: boolean;
  expires_at: string | null;
  payments: TemplatePayment[];
}

/** The create body for a request that passed `validateRequest`. */
export function toCreateBody(request: CreateLinkRequest, notifyUrl: string): TemplateCreateBody {
  const body: TemplateCreateBody = {
    amount_minor: Number(toMinorUnits({ value: request.amount.value!, currency: request.amount.currency })),
    currency: request.amount.currency,
    description: request.description,
    single_use: request.usageLimit === 1,
    notify_url: notifyUrl,
  };
  if (request.reference) body.reference = request.reference;
  if (request.expiresAt) body.expires_at = request.expiresAt;
  return body;
}

/** Reads a link out of an answer, or null when it does not look like one. */
export function readLink(body: unknown): TemplateLink | null {
  const link = body as Partial<TemplateLink> | null;
  if (!link || typeof link.id !== 'string' || typeof link.url !== 'string' || typeof link.status !== 'string')
    return null;
  return {
    id: link.id,
    url: link.url,
    status: link.status,
    single_use: link.single_use === true,
    expires_at: typeof link.expires_at === 'string' ? link.expires_at : null,
    payments: Array.isArray(link.payments) ? link.payments : [],
  };
}

/** Our request field for one of the provider's field names. */
const OUR_FIELDS: Record<string, string> = {
  amount_minor: 'amount.value',
  currency: 'amount.currency',
  description: 'description',
  single_use: 'usageLimit',
  reference: 'reference',
  expires_at: 'expiresAt',
};

/** Field errors from the provider's 422 (`{ "errors": [{ "field", "message" }] }`), in our names. */
export function fieldErrorsFrom(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: { field?: unknown; message?: unknown }) =>
    typeof e?.field === 'string' && typeof e.message === 'string'
      ? [{ field: OUR_FIELDS[e.field] ?? e.field, message: `template: ${e.message}` }]
      : [],
  );
}
