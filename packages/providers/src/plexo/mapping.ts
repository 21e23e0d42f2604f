// Pure translation between our common model (packages/core/src/link.ts) and Plexo's Payment Links
// REST API v1 (shared/providers/plexo.md §3.1 "Create", §4 "Statuses").
import {
  amountProblem,
  type CreateLinkRequest,
  type FieldError,
  LinkStatus,
  ProviderError,
  ProviderErrorKind,
  type SplitRule,
  toMinorUnits,
} from '@paylink/core';
import type { ProviderLinkState } from '../adapter.ts';

export const PROVIDER = 'plexo';

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
const METHOD_TYPES: ReadonlySet<string> = new Set(['card']);
const TYPE_PREFIX = 'type:';
const METHOD_CODE = /^[A-Z0-9_]{1,40}$/;
const METHOD_TYPE = /^[a-z0-9_-]{1,40}$/;

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
function installmentKey(key: string): string {
  return key === '*' ? key : key.trim().toUpperCase();
}

const MAX_INT32 = 2_147_483_647;
const MERCHANT_ID = /^[1-9]\d{0,9}$/;
const PERCENT = /^(0|[1-9]\d{0,2})(\.\d{1,4})?$/;

/** Percentage text as an integer in ten-thousandths (`12.5` → 125000), for exact sums. */
function percentUnits(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * 10_000n + BigInt(`${fraction}0000`.slice(0, 4));
}

function ruleProblems(rule: SplitRule | undefined, field: string, currency: string): FieldError[] {
  if (!rule || typeof rule !== 'object') return [{ field, message: 'plexo needs a split rule here' }];
  switch (rule.type) {
    case 'percentage':
      if (
        typeof rule.value !== 'string' ||
        !PERCENT.test(rule.value) ||
        percentUnits(rule.value) > 1_000_000n
      ) {
        return [{ field: `${field}.value`, message: 'plexo percentage rules need a value from 0 to 100' }];
      }
      return [];
    case 'fixed': {
      const problem = typeof rule.value === 'string' ? amountProblem(rule.value, currency) : 'is required';
      if (problem)
        return [{ field: `${field}.value`, message: `plexo fixed rules need an amount: ${problem}` }];
      if (toMinorUnits({ value: rule.value!, currency }) <= 0n) {
        return [{ field: `${field}.value`, message: 'plexo fixed rules need an amount greater than 0' }];
      }
      return [];
    }
    case 'residual':
      if (rule.value !== undefined && rule.value !== null) {
        return [{ field: `${field}.value`, message: 'plexo residual rules carry no value' }];
      }
      return [];
    default:
      return [
        { field: `${field}.type`, message: 'plexo split rules are "percentage", "fixed" or "residual"' },
      ];
  }
}

/** Checks the legs of a split as Plexo's SplitDestination / SplitAmountRule rules state (§3.1). */
function splitProblems(request: CreateLinkRequest): FieldError[] {
  const splits = request.splits;
  if (splits === undefined) return [];
  if (!Array.isArray(splits) || splits.length === 0) {
    return [{ field: 'splits', message: 'plexo needs at least one split destination when splits are given' }];
  }
  const currency = request.amount.currency;
  const errors: FieldError[] = [];
  let residuals = 0;
  let fixedTotal = 0n;
  let percentTotal = 0n;
  splits.forEach((leg, index) => {
    const at = `splits[${index}]`;
    if (
      leg.merchantId !== undefined &&
      (!MERCHANT_ID.test(leg.merchantId) || Number(leg.merchantId) > MAX_INT32)
    ) {
      errors.push({
        field: `${at}.merchantId`,
        message: 'plexo destination merchant ids are positive integers',
      });
    }
    if (leg.reference !== undefined && (typeof leg.reference !== 'string' || leg.reference === '')) {
      errors.push({
        field: `${at}.reference`,
        message: 'plexo sub-merchant references are non-empty strings',
      });
    }
    const amountErrors = ruleProblems(leg.amount, `${at}.amount`, currency);
    errors.push(...amountErrors);
    if (leg.vat !== undefined) errors.push(...ruleProblems(leg.vat, `${at}.vat`, currency));
    if (amountErrors.length) return;
    if (leg.amount.type === 'residual') residuals += 1;
    if (leg.amount.type === 'fixed') fixedTotal += toMinorUnits({ value: leg.amount.value!, currency });
    if (leg.amount.type === 'percentage') percentTotal += percentUnits(leg.amount.value!);
  });
  if (residuals > 1)
    errors.push({ field: 'splits', message: 'plexo allows at most one residual split destination' });
  if (percentTotal > 1_000_000n) {
    errors.push({ field: 'splits', message: 'plexo split percentages add up to more than 100' });
  }
  const total = request.amount.value;
  if ((request.amountMode ?? 'fixed') === 'fixed' && total && !amountProblem(total, currency)) {
    if (fixedTotal > toMinorUnits({ value: total, currency })) {
      errors.push({
        field: 'splits',
        message: 'plexo fixed split amounts add up to more than the link total',
      });
    }
  }
  return errors;
}

function amountProblems(request: CreateLinkRequest): FieldError[] {
  const { currency, value } = request.amount;
  const errors: FieldError[] = [];
  const mode = request.amountMode ?? 'fixed';
  const check = (field: string, text: string | undefined) => {
    if (text === undefined) return null;
    const problem = amountProblem(text, currency);
    if (problem) errors.push({ field, message: `plexo needs a valid amount: ${problem}` });
    else if (toMinorUnits({ value: text, currency }) <= 0n) {
      errors.push({ field, message: 'plexo amounts must be greater than 0' });
    } else return toMinorUnits({ value: text, currency });
    return null;
  };
  if (mode === 'fixed') {
    if (value === undefined)
      errors.push({ field: 'amount.value', message: 'plexo needs an amount for fixed links' });
    else check('amount.value', value);
    if (request.flexibleAmount !== undefined) {
      errors.push({
        field: 'flexibleAmount',
        message: 'plexo uses flexibleAmount only with amountMode "flexible"',
      });
    }
    return errors;
  }
  if (mode !== 'flexible')
    return [{ field: 'amountMode', message: 'plexo amount modes are "fixed" and "flexible"' }];
  const suggested = check('amount.value', value);
  const min = check('flexibleAmount.min', request.flexibleAmount?.min);
  const max = check('flexibleAmount.max', request.flexibleAmount?.max);
  if (min !== null && max !== null && min > max) {
    errors.push({
      field: 'flexibleAmount.min',
      message: 'plexo needs the minimum amount not above the maximum',
    });
  }
  if (suggested !== null && ((min !== null && suggested < min) || (max !== null && suggested > max))) {
    errors.push({
      field: 'amount.value',
      message: 'plexo needs the suggested amount within the flexible bounds',
    });
  }
  return errors;
}

function methodProblems(request: CreateLinkRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (request.paymentMethods !== undefined) {
    if (!Array.isArray(request.paymentMethods) || request.paymentMethods.length === 0) {
      errors.push({
        field: 'paymentMethods',
        message: 'plexo needs at least one payment method when the list is given',
      });
    } else {
      const { types, codes } = splitPaymentMethods(request.paymentMethods);
      if (types.some((t) => !METHOD_TYPE.test(t)) || codes.some((c) => !METHOD_CODE.test(c))) {
        errors.push({
          field: 'paymentMethods',
          message:
            'plexo payment methods are codes such as "VISA" or types such as "card" (letters, digits, _)',
        });
      }
    }
  }
  if (request.installments !== undefined) {
    const entries =
      request.installments && typeof request.installments === 'object' ? request.installments : null;
    const keys = entries ? Object.keys(entries) : [];
    if (!entries || Array.isArray(entries) || keys.length === 0) {
      errors.push({
        field: 'installments',
        message: 'plexo needs installments as a map of method to counts',
      });
    }
    for (const key of keys) {
      const counts = entries![key];
      if (key !== '*' && !METHOD_CODE.test(installmentKey(key))) {
        errors.push({
          field: `installments.${key}`,
          message: 'plexo installment keys are method codes or "*"',
        });
      } else if (
        !Array.isArray(counts) ||
        counts.length === 0 ||
        counts.some((n) => !Number.isInteger(n) || n < 1 || n > 99)
      ) {
        errors.push({
          field: `installments.${key}`,
          message: 'plexo installment counts are whole numbers from 1 to 99',
        });
      }
    }
  }
  return errors;
}

/** What Plexo cannot honour in our create request (field names as in the request). */
export function validateForPlexo(request: CreateLinkRequest): FieldError[] {
  const errors: FieldError[] = [];
  // §4: only `one-time` (single use) and `regular` (unlimited) exist; there is no usage counter.
  if (request.usageLimit !== undefined && request.usageLimit !== null && request.usageLimit !== 1) {
    errors.push({ field: 'usageLimit', message: 'plexo links are single-use (1) or unlimited (null)' });
  }
  if (request.capture === 'authorize') {
    errors.push({ field: 'capture', message: 'plexo payment links cannot pre-authorize; only "sale"' });
  }
  if (request.slug !== undefined) {
    errors.push({ field: 'slug', message: 'plexo chooses the link URL itself (externalId); no custom slug' });
  }
  if (request.customerRequired !== undefined) {
    errors.push({ field: 'customerRequired', message: 'plexo has no setting for asking customer details' });
  }
  // §6: "No locale field."
  if (request.locale !== undefined) {
    errors.push({ field: 'locale', message: 'plexo has no locale setting for its checkout' });
  }
  errors.push(...amountProblems(request));
  if (
    request.startsAt &&
    request.expiresAt &&
    Date.parse(request.startsAt) >= Date.parse(request.expiresAt)
  ) {
    errors.push({
      field: 'startsAt',
      message: 'plexo needs startsAt (validFrom) before expiresAt (validUntil)',
    });
  }
  request.items?.forEach((item, index) => {
    const problem = amountProblem(item.price, request.amount.currency);
    if (problem)
      errors.push({ field: `items[${index}].price`, message: `plexo needs a valid unit price: ${problem}` });
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      errors.push({
        field: `items[${index}].quantity`,
        message: 'plexo item quantities are whole numbers >= 1',
      });
    }
  });
  errors.push(...methodProblems(request));
  errors.push(...splitProblems(request));
  return errors;
}

function toRule(rule: SplitRule): PlexoAmountRule {
  // The documented split example sends a residual rule without `value` (§3.1 "Split Payment Link example").
  return rule.type === 'residual'
    ? { type: 'residual' }
    : { type: rule.type, value: plexoDecimal(rule.value!) };
}

/** Builds Plexo's create body from a request that passed `validateForPlexo`. */
export function toPlexoCreateBody(
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

/** Plexo's link status in our vocabulary (README "Status table"). */
export function toLinkStatus(status: string): LinkStatus {
  switch (status) {
    case PlexoLinkStatus.Active:
      return LinkStatus.Open;
    case PlexoLinkStatus.Expired:
      return LinkStatus.Expired;
    case PlexoLinkStatus.Completed:
      return LinkStatus.Paid;
    case PlexoLinkStatus.Deleted:
      return LinkStatus.Disabled;
    default:
      throw new ProviderError(
        PROVIDER,
        ProviderErrorKind.Unavailable,
        'plexo reported a link status PayLink does not know',
        {
          retryable: false,
        },
      );
  }
}

/**
 * The link's state from a `PaymentLinkDto`. Plexo reports no payments (§4: "no usage counter"), so
 * the only payment we can see is the one that completes a `one-time` link (inferred: "becomes
 * inactive after the first successful payment").
 */
export function toLinkState(dto: PlexoLinkDto): ProviderLinkState {
  const status = toLinkStatus(dto.status);
  const limit = dto.type === PlexoLinkType.OneTime ? 1 : null;
  const completed = dto.status === PlexoLinkStatus.Completed;
  return {
    status,
    payments: { count: completed ? 1 : 0, limit },
    lastPayment: completed ? { outcome: 'approved', at: dto.updatedAt ?? null } : null,
    expiresAt: dto.validUntil ?? null,
  };
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
export function fieldErrorsFromPlexo(body: unknown): FieldError[] {
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
