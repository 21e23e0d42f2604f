// Plexo's Payment Links REST API v1 bodies (shared/providers/plexo.md §3.1 "Create"): their shapes,
// our request written in them, and their error paths read back in our field names.
import type { CreateLinkRequest, FieldError, SplitRule } from '@paylink/core';

/** Plexo's link types (§3.1 `type`). */
export const PlexoLinkType = { Regular: 'regular', OneTime: 'one-time', QuickPay: 'quick-pay' } as const;
export type PlexoLinkType = (typeof PlexoLinkType)[keyof typeof PlexoLinkType];

/** Plexo's link statuses (§3.1 response `status`). */
export const PlexoLinkStatus = {
  Active: 'active',
  Expired: 'expired',
  Completed: 'completed',
  Deleted: 'deleted',
} as const;
export type PlexoLinkStatus = (typeof PlexoLinkStatus)[keyof typeof PlexoLinkStatus];

/**
 * A decimal written into the JSON body exactly as its string, e.g. `1500.00`: Plexo reads decimals
 * as JSON numbers in major units (§6 "Amounts"), and `JSON.rawJSON` keeps every digit a float would lose.
 */
export type PlexoDecimal = unknown;

const exactJson = JSON as JSON & { rawJSON(text: string): unknown };

const DECIMAL_TEXT = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Wraps a decimal string (already validated) so it is serialised as a bare JSON number. */
export function plexoDecimal(value: string): PlexoDecimal {
  if (!DECIMAL_TEXT.test(value)) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  return exactJson.rawJSON(value);
}

export interface PlexoAmountRule {
  type: SplitRule['type'];
  value?: PlexoDecimal;
}

export interface PlexoSplitDestination {
  destinationMerchantId?: number;
  subMerchantReference?: string;
  amountRule: PlexoAmountRule;
  vatRule?: PlexoAmountRule;
}

export interface PlexoItem {
  referenceId?: string;
  name: string;
  description?: string;
  quantity: number;
  price: PlexoDecimal;
}

/** Body of `POST /v1/payment-links` as this adapter sends it (§3.1 "Request body"). */
export interface PlexoCreateBody {
  merchantId: number;
  type: PlexoLinkType;
  amount?: { currency: string; total: PlexoDecimal };
  settings: {
    amountMode: 'fixed' | 'flexible';
    paymentMethodTypes?: string[];
    paymentMethods?: string[];
    installments?: Record<string, number[]>;
    callbackUrl?: string;
    flexibleAmount?: {
      minAmount?: PlexoDecimal;
      maxAmount?: PlexoDecimal;
      suggestedAmount?: PlexoDecimal;
      allowedCurrencies: string[];
    };
    skipPreCheckout?: boolean;
  };
  validFrom?: string;
  validUntil?: string;
  displayName?: string;
  description?: string;
  items?: PlexoItem[];
  splitDestinations?: PlexoSplitDestination[];
}

/** `PaymentLinkDto` (§3.1 "Response"), as far as this adapter reads it. */
export interface PlexoLinkDto {
  id: string;
  externalId: string;
  shareUrl: string;
  qrCodeUrl: string;
  merchantId: number;
  type: string;
  status: string;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/**
 * Generic payment-method TYPES Plexo accepts in `settings.paymentMethodTypes` (§3.1 documents
 * `["card"]`). Any other entry is a method (brand) code for `settings.paymentMethods`, upper-cased
 * as Plexo writes them (`VISA`, `MASTERCARD`). An undocumented type can still be sent as `type:<name>`.
 */
export const METHOD_TYPES: ReadonlySet<string> = new Set(['card']);
const TYPE_PREFIX = 'type:';
export const METHOD_CODE = /^[A-Z0-9_]{1,40}$/;
export const METHOD_TYPE = /^[a-z0-9_-]{1,40}$/;

/** Splits our `paymentMethods` into Plexo's `paymentMethodTypes` and `paymentMethods`. */
export function splitPaymentMethods(methods: readonly string[]): { types: string[]; codes: string[] } {
  const types: string[] = [];
  const codes: string[] = [];
  for (const method of methods) {
    const trimmed = method.trim();
    const lower = trimmed.toLowerCase();
    if (lower.startsWith(TYPE_PREFIX)) types.push(lower.slice(TYPE_PREFIX.length));
    else if (METHOD_TYPES.has(lower)) types.push(lower);
    else codes.push(trimmed.toUpperCase());
  }
  return { types: [...new Set(types)], codes: [...new Set(codes)] };
}

/** Installment map keys: `*` stays the wildcard, method codes are upper-cased like `paymentMethods`. */
export function installmentKey(key: string): string {
  return key === '*' ? key : key.trim().toUpperCase();
}

function toRule(rule: SplitRule): PlexoAmountRule {
  // The documented split example sends a residual rule without `value` (§3.1 "Split Payment Link example").
  return rule.type === 'residual'
    ? { type: 'residual' }
    : { type: rule.type, value: plexoDecimal(rule.value!) };
}

/** Builds Plexo's create body from a request that passed `validateRequest`. */
export function toCreateBody(
  request: CreateLinkRequest,
  options: { merchantId: number; callbackUrl?: string },
): PlexoCreateBody {
  const currency = request.amount.currency;
  const flexible = request.amountMode === 'flexible';
  const settings: PlexoCreateBody['settings'] = { amountMode: flexible ? 'flexible' : 'fixed' };
  if (request.paymentMethods?.length) {
    const { types, codes } = splitPaymentMethods(request.paymentMethods);
    if (types.length) settings.paymentMethodTypes = types;
    if (codes.length) settings.paymentMethods = codes;
  }
  if (request.installments) {
    settings.installments = Object.fromEntries(
      Object.entries(request.installments).map(([key, counts]) => [installmentKey(key), [...counts]]),
    );
  }
  if (options.callbackUrl) settings.callbackUrl = options.callbackUrl;
  if (flexible) {
    settings.flexibleAmount = {
      ...(request.flexibleAmount?.min ? { minAmount: plexoDecimal(request.flexibleAmount.min) } : {}),
      ...(request.flexibleAmount?.max ? { maxAmount: plexoDecimal(request.flexibleAmount.max) } : {}),
      ...(request.amount.value ? { suggestedAmount: plexoDecimal(request.amount.value) } : {}),
      allowedCurrencies: [currency],
    };
  }
  if (request.skipLandingPage !== undefined) settings.skipPreCheckout = request.skipLandingPage;

  const body: PlexoCreateBody = {
    merchantId: options.merchantId,
    type: request.usageLimit === 1 ? PlexoLinkType.OneTime : PlexoLinkType.Regular,
    // §3.1: `amount` is required for fixed links only; flexible links carry their bounds in settings.
    ...(flexible ? {} : { amount: { currency, total: plexoDecimal(request.amount.value!) } }),
    settings,
  };
  if (request.startsAt) body.validFrom = request.startsAt;
  if (request.expiresAt) body.validUntil = request.expiresAt;
  // core/link.ts: the title "defaults to the description".
  body.displayName = request.title ?? request.description;
  body.description = request.description;
  if (request.items?.length) {
    body.items = request.items.map((item) => ({
      ...(item.id ? { referenceId: item.id } : {}),
      name: item.name,
      ...(item.description ? { description: item.description } : {}),
      quantity: item.quantity,
      price: plexoDecimal(item.price),
    }));
  }
  if (request.splits?.length) {
    body.splitDestinations = request.splits.map((leg) => ({
      ...(leg.merchantId !== undefined ? { destinationMerchantId: Number(leg.merchantId) } : {}),
      ...(leg.reference !== undefined ? { subMerchantReference: leg.reference } : {}),
      amountRule: toRule(leg.amount),
      ...(leg.vat ? { vatRule: toRule(leg.vat) } : {}),
    }));
  }
  return body;
}

/** Reads a `PaymentLinkDto` out of an answer, or null when it does not look like one. */
export function readLinkDto(body: unknown): PlexoLinkDto | null {
  if (!body || typeof body !== 'object') return null;
  const dto = body as Record<string, unknown>;
  const text = (key: string) => typeof dto[key] === 'string' && dto[key] !== '';
  if (!text('id') || !text('status') || !text('shareUrl') || !text('type')) return null;
  return {
    id: dto.id as string,
    externalId: typeof dto.externalId === 'string' ? dto.externalId : '',
    shareUrl: dto.shareUrl as string,
    qrCodeUrl: typeof dto.qrCodeUrl === 'string' ? dto.qrCodeUrl : '',
    merchantId: typeof dto.merchantId === 'number' ? dto.merchantId : 0,
    type: dto.type as string,
    status: dto.status as string,
    validFrom: typeof dto.validFrom === 'string' ? dto.validFrom : null,
    validUntil: typeof dto.validUntil === 'string' ? dto.validUntil : null,
    createdAt: typeof dto.createdAt === 'string' ? dto.createdAt : '',
    updatedAt: typeof dto.updatedAt === 'string' ? dto.updatedAt : null,
  };
}

/**
 * A `PaymentDto`, as far as this adapter reads it. Documented: the Callbacks Guide says a payment
 * callback body is a `PaymentDto`; the fields are those of the public examples
 * (`activemerchant/active_merchant` `test/unit/gateways/plexo_test.rb`; see fixtures/README.md).
 */
export interface PlexoPaymentDto {
  /** 24 hex digits in the 2022 examples, 32 in the 2024–2025 ones. */
  id: string;
  /** The reference of the payment request; for a payment taken through a link, see `paymentLinkRefOf`. */
  referenceId: string | null;
  /** `approved`, `authorized`, `pending`, `denied`… (Payment Processing Guide; not a closed list). */
  status: string;
  /** How many transactions the payment has (purchase, capture, refund…). */
  transactions: number;
  /** The whole DTO, for `paymentLinkRefOf`. */
  raw: Record<string, unknown>;
}

const PAYMENT_ID = /^[0-9a-f]{24}(?:[0-9a-f]{8})?$/i;

/** Reads a `PaymentDto` out of a body, or null when it does not look like one (no hex `id` or no `status`). */
export function readPaymentDto(body: unknown): PlexoPaymentDto | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const dto = body as Record<string, unknown>;
  if (typeof dto.id !== 'string' || !PAYMENT_ID.test(dto.id)) return null;
  if (typeof dto.status !== 'string' || dto.status === '' || dto.status.length > 64) return null;
  return {
    id: dto.id,
    referenceId: typeof dto.referenceId === 'string' ? dto.referenceId : null,
    status: dto.status,
    transactions: Array.isArray(dto.transactions) ? dto.transactions.length : 0,
    raw: dto,
  };
}

/** A link `id` as Plexo writes it (GUID, seed 002: `a1b2c3d4-e5f6-7890-abcd-ef1234567890`). */
const LINK_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * INFERRED: which payment link a `PaymentDto` was taken through. No public page names a link field
 * on a payment, and a link's create body has no reference of its own that could reach the payment.
 * Tried in order: a `paymentLink.id`, a `paymentLinkId`, then `referenceId` when it is a link GUID
 * (the hosted checkout creates the payment for the link; we infer it uses the link's id as the
 * payment's reference). Null when none names a link (e.g. a direct API payment).
 */
export function paymentLinkRefOf(payment: PlexoPaymentDto): string | null {
  const raw = payment.raw;
  const nested =
    raw.paymentLink && typeof raw.paymentLink === 'object' ? (raw.paymentLink as { id?: unknown }).id : null;
  for (const candidate of [nested, raw.paymentLinkId, payment.referenceId]) {
    if (typeof candidate === 'string' && LINK_GUID.test(candidate)) return candidate;
  }
  return null;
}

const FIELD_NAMES: Record<string, string> = {
  $: '',
  merchantId: 'merchantId',
  type: 'usageLimit',
  amount: 'amount',
  'amount.currency': 'amount.currency',
  'amount.total': 'amount.value',
  settings: '',
  'settings.amountMode': 'amountMode',
  'settings.paymentMethods': 'paymentMethods',
  'settings.paymentMethodTypes': 'paymentMethods',
  'settings.installments': 'installments',
  'settings.flexibleAmount': 'flexibleAmount',
  'settings.flexibleAmount.minAmount': 'flexibleAmount.min',
  'settings.flexibleAmount.maxAmount': 'flexibleAmount.max',
  'settings.flexibleAmount.suggestedAmount': 'amount.value',
  'settings.flexibleAmount.allowedCurrencies': 'amount.currency',
  'settings.skipPreCheckout': 'skipLandingPage',
  validFrom: 'startsAt',
  validUntil: 'expiresAt',
  displayName: 'title',
  description: 'description',
  items: 'items',
  splitDestinations: 'splits',
};

const LEG_FIELDS: Record<string, string> = {
  destinationMerchantId: 'merchantId',
  subMerchantReference: 'reference',
  amountRule: 'amount',
  vatRule: 'vat',
};

const ITEM_FIELDS: Record<string, string> = { referenceId: 'id' };

/**
 * Our request field for a path in Plexo's `params` (§3.1 "Error (400)"), e.g. `amount.total` →
 * `amount.value`. Paths we never fill from the request (e.g. `settings.callbackUrl`) keep Plexo's name.
 */
export function fieldFromPlexoPath(path: string): string {
  // ASP.NET-style services sometimes send `Amount.Total` or `$.amount.total`: normalise first.
  const normal = path
    .replace(/^\$\.?/, '')
    .split('.')
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join('.');
  if (normal === '') return '';
  if (normal in FIELD_NAMES) return FIELD_NAMES[normal]!;
  const leg = /^splitDestinations\[(\d+)\](?:\.(\w+))?(.*)$/.exec(normal);
  if (leg) return `splits[${leg[1]}]${leg[2] ? `.${LEG_FIELDS[leg[2]] ?? leg[2]}` : ''}${leg[3]}`;
  const item = /^items\[(\d+)\](?:\.(\w+))?(.*)$/.exec(normal);
  if (item) return `items[${item[1]}]${item[2] ? `.${ITEM_FIELDS[item[2]] ?? item[2]}` : ''}${item[3]}`;
  const nested = /^settings\.(paymentMethods|paymentMethodTypes|installments)\b/.exec(normal);
  if (nested) return FIELD_NAMES[`settings.${nested[1]}`]!;
  return normal;
}

/** Field errors from a Plexo `request-validation-errors` body, in our field names. */
export function fieldErrorsFrom(body: unknown): FieldError[] {
  const params = body && typeof body === 'object' ? (body as { params?: unknown }).params : null;
  if (!params || typeof params !== 'object') return [];
  const errors: FieldError[] = [];
  for (const [path, messages] of Object.entries(params as Record<string, unknown>)) {
    const list = Array.isArray(messages) ? messages : [messages];
    for (const message of list) {
      if (typeof message === 'string')
        errors.push({ field: fieldFromPlexoPath(path), message: `plexo: ${message}` });
    }
  }
  return errors;
}
