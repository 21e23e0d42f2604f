import {
  amountProblem,
  type FieldError,
  hasUnsafeText,
  isCurrencyCode,
  isPublicLinkId,
  LINK_STATUSES,
  type LinkStatus,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@paylink/core';
import { z } from 'zod';

const decimal = z
  .string()
  .regex(/^(0|[1-9]\d{0,17})(\.\d{1,4})?$/, 'must be a decimal string such as "1500.00"');
const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T00:00:00Z',
});
/** Text shown to people: no control characters, no bidi overrides. */
export const plainText = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !hasUnsafeText(value, { multiline }), {
      message: multiline
        ? 'must not contain control characters (other than tab and newline) or bidirectional overrides'
        : 'must not contain control characters or bidirectional overrides',
    });

const shortText = (max: number, options?: { multiline?: boolean }) =>
  plainText(max, options).trim().min(1, 'must not be empty');

const splitRule = z.strictObject({
  type: z.enum(['percentage', 'fixed', 'residual']),
  value: decimal.optional(),
});

const createLinkShape = z.strictObject({
  provider: z.string().min(1, 'is required').max(40),
  amount: z.strictObject({
    value: decimal.optional(),
    currency: z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code such as "USD"'),
  }),
  title: shortText(120).optional(),
  description: shortText(1000, { multiline: true }),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9._:#\-/]{1,64}$/, 'must be 1–64 letters, digits or . _ : # - /')
    .optional(),
  expiresAt: isoDateTime.optional(),
  usageLimit: z
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1_000_000)
    .nullable()
    .optional(),
  customer: z
    .strictObject({
      email: z.email('must be an e-mail address').max(254).optional(),
      name: shortText(200).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
        .optional(),
    })
    .optional(),
  items: z
    .array(
      z.strictObject({
        name: shortText(200),
        quantity: z.int('must be a whole number').min(1).max(100_000),
        price: decimal,
        id: plainText(64).optional(),
        description: plainText(500, { multiline: true }).optional(),
      }),
    )
    .min(1)
    .max(100)
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/, 'must be a language tag such as "es-CO"')
    .optional(),
  metadata: z
    .record(z.string().regex(/^[\w.-]{1,40}$/, 'keys must be 1–40 letters, digits, . _ -'), plainText(500))
    .refine((value) => Object.keys(value).length <= 20, 'must have at most 20 keys')
    .optional(),
  amountMode: z.enum(['fixed', 'flexible']).optional(),
  flexibleAmount: z.strictObject({ min: decimal.optional(), max: decimal.optional() }).optional(),
  startsAt: isoDateTime.optional(),
  paymentMethods: z
    .array(z.string().regex(/^[\w-]{1,40}$/, 'must be a payment method code'))
    .min(1)
    .max(40)
    .optional(),
  installments: z
    .record(z.string().regex(/^(\*|[\w-]{1,40})$/), z.array(z.int().min(1).max(72)).min(1).max(72))
    .optional(),
  splits: z
    .array(
      z.strictObject({
        merchantId: plainText(64).optional(),
        reference: plainText(64).optional(),
        amount: splitRule,
        vat: splitRule.optional(),
      }),
    )
    .min(1)
    .max(20)
    .optional(),
  capture: z.enum(['sale', 'authorize']).optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/, 'must be 3–64 lower-case letters, digits or -')
    .optional(),
  customerRequired: z.boolean().optional(),
  skipLandingPage: z.boolean().optional(),
});

/** Body of `POST /v1/links`. Unknown fields are refused so nothing is silently dropped. */
export const createLinkBody = createLinkShape.superRefine((body, ctx) => {
  for (const problem of crossFieldProblems(body)) {
    ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
  }
});

export type CreateLinkBody = z.infer<typeof createLinkBody>;

/** Rules that involve more than one field (amount digits per currency, date order, mode). */
function crossFieldProblems(body: z.infer<typeof createLinkShape>): FieldError[] {
  const problems: FieldError[] = [];
  const mode = body.amountMode ?? 'fixed';
  const { currency } = body.amount;
  const checkAmount = (field: string, value: string | undefined) => {
    if (value === undefined || !isCurrencyCode(currency)) return;
    const problem = amountProblem(value, currency);
    if (problem) problems.push({ field, message: problem });
    else if (field === 'amount.value' && mode === 'fixed' && /^0(\.0+)?$/.test(value)) {
      problems.push({ field, message: 'must be greater than zero' });
    }
  };
  if (mode === 'fixed' && body.amount.value === undefined) {
    problems.push({ field: 'amount.value', message: 'is required unless amountMode is "flexible"' });
  }
  checkAmount('amount.value', body.amount.value);
  checkAmount('flexibleAmount.min', body.flexibleAmount?.min);
  checkAmount('flexibleAmount.max', body.flexibleAmount?.max);
  if (body.flexibleAmount && mode !== 'flexible') {
    problems.push({ field: 'flexibleAmount', message: 'is only allowed with amountMode "flexible"' });
  }
  const { min, max } = body.flexibleAmount ?? {};
  if (min !== undefined && max !== undefined && Number(min) > Number(max)) {
    problems.push({ field: 'flexibleAmount.max', message: 'must not be below flexibleAmount.min' });
  }
  body.items?.forEach((item, index) => {
    checkAmount(`items.${index}.price`, item.price);
  });
  if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
    problems.push({ field: 'expiresAt', message: 'must be in the future' });
  }
  if (body.startsAt && body.expiresAt && Date.parse(body.startsAt) >= Date.parse(body.expiresAt)) {
    problems.push({ field: 'startsAt', message: 'must be before expiresAt' });
  }
  return problems;
}

export const listLinksQuery = z.strictObject({
  status: z.enum(LINK_STATUSES as [LinkStatus, ...LinkStatus[]]).optional(),
  provider: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const waitQuery = z.strictObject({
  wait: z.coerce
    .number()
    .int('must be a whole number of seconds')
    .min(0)
    .max(30, 'must be at most 30 seconds')
    .optional(),
});

export const batchStatusQuery = z.strictObject({
  links: z
    .string('is required: a comma-separated list of link ids')
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .refine((ids) => ids.length >= 1, 'must name at least one link id')
    .refine((ids) => ids.length <= 100, 'must name at most 100 link ids'),
});

export const shareBody = z.strictObject({
  recipients: z.array(z.email('must be an e-mail address')).min(1).max(20),
  message: plainText(1000, { multiline: true }).optional(),
  merchantCopy: z.boolean().optional(),
});

export const checkoutBody = z.strictObject({
  product: z.string().regex(/^[\w.-]{1,64}$/, 'must be a product id'),
  locale: z.string().max(20).optional(),
});

export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{8,255}$/, 'must be 8–255 printable ASCII characters (a UUID is best)');

/** Turns a Zod error into our per-field messages (`amount.value`, `items.0.price`). */
const eventType = z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]], {
  error: `must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});

/** `POST /v1/webhook-endpoints`; the URL's own rules are checked by `endpointUrlProblem`. */
export const createEndpointBody = z.strictObject({
  url: z.string().max(2048, 'must be at most 2048 characters'),
  events: z
    .array(eventType)
    .min(1, 'must name at least one event type (or be left out for all)')
    .max(20)
    .optional(),
  description: plainText(200).optional(),
});

export const listEventsQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'is not a cursor this API returned')
    .optional(),
  type: eventType.optional(),
  link: z.string().refine(isPublicLinkId, 'must be a link id such as pl_3kTq…').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [prefix, path, key === '' ? '""' : key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    const field = [prefix, path].filter(Boolean).join('.') || '(body)';
    const message =
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return [{ field, message }];
  });
}
