// Validation of `POST /v1/payment-links` as Plexo documents it (shared/seeds/002 "Create a Payment
// Link": field tables and the 400 example). The two messages of the seed's 400 example are copied
// verbatim; the others follow their wording for each documented constraint.
import { compare, decimalOf, isJsonNumber, type Scaled, sum, ZERO } from './json.ts';

/** `params` of a `request-validation-errors` answer: dotted field path → messages. */
export type ValidationParams = Record<string, string[]>;

export const LINK_TYPES = ['regular', 'one-time', 'quick-pay'] as const;
const RULE_TYPES = ['percentage', 'fixed', 'residual'] as const;
const CURRENCY = /^[A-Z]{3}$/;
const HUNDRED: Scaled = { units: 100n, scale: 0 };

export interface MerchantConfig {
  /** Payment method codes the merchant has enabled (for `settings.paymentMethods`). */
  methods: readonly string[];
  /** Payment method types the merchant has enabled (for `settings.paymentMethodTypes`). */
  methodTypes: readonly string[];
  /** Whether quick-pay is configured (§3.1 `type`: "needs merchant quick-pay settings"). */
  quickPay: boolean;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}

function isInteger(value: unknown): boolean {
  return isJsonNumber(value) && /^-?\d+$/.test(value.rawJSON);
}

function isDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Validates a create body; returns the `params` of a 400, empty when the body is acceptable. */
export function validateCreate(body: unknown, merchant: MerchantConfig, now: Date): ValidationParams {
  const params: ValidationParams = {};
  const add = (path: string, message: string) => {
    params[path] = [...(params[path] ?? []), message];
  };
  if (!isObject(body)) {
    add('$', 'The request body must be a JSON object.');
    return params;
  }

  if (body.merchantId === undefined || body.merchantId === null) add('merchantId', 'MerchantId is required.');
  else if (!isInteger(body.merchantId)) add('merchantId', 'MerchantId must be an integer.');

  if (body.type === undefined || body.type === null) add('type', 'Type is required.');
  else if (!LINK_TYPES.includes(body.type as (typeof LINK_TYPES)[number])) {
    add('type', "Type must be one of 'regular', 'one-time' or 'quick-pay'.");
  } else if (body.type === 'quick-pay' && !merchant.quickPay) {
    add('type', 'Quick-pay is not configured for this merchant.');
  }

  const settings = body.settings;
  let mode: unknown;
  if (settings === undefined || settings === null) add('settings', 'Settings is required.');
  else if (!isObject(settings)) add('settings', 'Settings must be an object.');
  else {
    mode = settings.amountMode;
    if (mode === undefined || mode === null) add('settings.amountMode', 'AmountMode is required.');
    else if (mode !== 'fixed' && mode !== 'flexible')
      add('settings.amountMode', "AmountMode must be 'fixed' or 'flexible'.");
    validateSettings(settings, mode, merchant, add);
  }

  let total: Scaled | null = null;
  const amount = body.amount;
  if (amount !== undefined && amount !== null && !isObject(amount))
    add('amount', 'Amount must be an object.');
  const amountFields = isObject(amount) ? amount : {};
  if (mode === 'fixed' || isObject(amount)) {
    const { currency, total: totalValue, details } = amountFields;
    if (currency === undefined || currency === null) {
      if (mode === 'fixed') add('amount.currency', "Currency is required when amountMode is 'fixed'.");
    } else if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
      add('amount.currency', 'Currency must be an ISO 4217 code.');
    }
    if (totalValue === undefined || totalValue === null) {
      if (mode === 'fixed') add('amount.total', "Total is required when amountMode is 'fixed'.");
    } else if (!isJsonNumber(totalValue)) add('amount.total', 'Total must be a number.');
    else {
      total = decimalOf(totalValue);
      if (!total || compare(total, ZERO) <= 0) add('amount.total', 'Total must be greater than 0.');
    }
    if (details !== undefined && details !== null && !isObject(details))
      add('amount.details', 'Details must be an object.');
  }

  const validFrom = body.validFrom;
  const validUntil = body.validUntil;
  if (validFrom !== undefined && validFrom !== null && !isDateTime(validFrom)) {
    add('validFrom', 'ValidFrom must be an ISO 8601 date-time.');
  }
  if (validUntil !== undefined && validUntil !== null) {
    if (!isDateTime(validUntil)) add('validUntil', 'ValidUntil must be an ISO 8601 date-time.');
    else if (Date.parse(validUntil) <= now.getTime()) add('validUntil', 'ValidUntil must be in the future.');
    else if (isDateTime(validFrom) && Date.parse(validFrom) >= Date.parse(validUntil)) {
      add('validUntil', 'ValidUntil must be later than ValidFrom.');
    }
  }
  for (const key of ['displayName', 'description'] as const) {
    const value = body[key];
    if (value !== undefined && value !== null && typeof value !== 'string')
      add(key, `${capital(key)} must be a string.`);
  }

  if (body.items !== undefined && body.items !== null) {
    if (!Array.isArray(body.items)) add('items', 'Items must be an array.');
    else
      body.items.forEach((item, index) => {
        validateItem(item, `items[${index}]`, add);
      });
  }

  if (body.splitDestinations !== undefined && body.splitDestinations !== null) {
    if (!Array.isArray(body.splitDestinations))
      add('splitDestinations', 'SplitDestinations must be an array.');
    else validateSplits(body.splitDestinations, mode === 'fixed' ? total : null, add);
  }
  return params;
}

type Add = (path: string, message: string) => void;

function capital(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function validateSettings(settings: Json, mode: unknown, merchant: MerchantConfig, add: Add): void {
  const { paymentMethodTypes, paymentMethods, installments, callbackUrl, flexibleAmount, skipPreCheckout } =
    settings;
  if (paymentMethodTypes !== undefined && paymentMethodTypes !== null) {
    if (!Array.isArray(paymentMethodTypes))
      add('settings.paymentMethodTypes', 'PaymentMethodTypes must be an array.');
    else
      paymentMethodTypes.forEach((type, index) => {
        if (typeof type !== 'string' || !merchant.methodTypes.includes(type)) {
          add(
            `settings.paymentMethodTypes[${index}]`,
            `Payment method type '${String(type)}' is not enabled for this merchant.`,
          );
        }
      });
  }
  if (paymentMethods !== undefined && paymentMethods !== null) {
    if (!Array.isArray(paymentMethods)) add('settings.paymentMethods', 'PaymentMethods must be an array.');
    else
      paymentMethods.forEach((method, index) => {
        if (typeof method !== 'string' || !merchant.methods.includes(method)) {
          add(
            `settings.paymentMethods[${index}]`,
            `Payment method '${String(method)}' is not enabled for this merchant.`,
          );
        }
      });
  }
  if (installments !== undefined && installments !== null) {
    if (!isObject(installments)) add('settings.installments', 'Installments must be an object.');
    else
      for (const [key, counts] of Object.entries(installments)) {
        if (key !== '*' && !merchant.methods.includes(key)) {
          add(
            `settings.installments.${key}`,
            `Installments key '${key}' must be '*' or an enabled payment method.`,
          );
        } else if (
          !Array.isArray(counts) ||
          counts.length === 0 ||
          counts.some((n) => !isInteger(n) || Number((n as { rawJSON: string }).rawJSON) < 1)
        ) {
          add(
            `settings.installments.${key}`,
            'Installment counts must be integers greater than or equal to 1.',
          );
        }
      }
  }
  if (callbackUrl !== undefined && callbackUrl !== null && !isHttpUrl(callbackUrl)) {
    add('settings.callbackUrl', 'CallbackUrl must be an absolute http or https URL.');
  }
  if (skipPreCheckout !== undefined && skipPreCheckout !== null && typeof skipPreCheckout !== 'boolean') {
    add('settings.skipPreCheckout', 'SkipPreCheckout must be a boolean.');
  }
  if (flexibleAmount === undefined || flexibleAmount === null) return;
  if (!isObject(flexibleAmount)) {
    add('settings.flexibleAmount', 'FlexibleAmount must be an object.');
    return;
  }
  // §3.1: flexibleAmount is "only used when amountMode is flexible"; it is not checked otherwise.
  if (mode !== 'flexible') return;
  const bound = (key: 'minAmount' | 'maxAmount' | 'suggestedAmount'): Scaled | null => {
    const value = flexibleAmount[key];
    if (value === undefined || value === null) return null;
    const exact = isJsonNumber(value) ? decimalOf(value) : null;
    if (!exact) add(`settings.flexibleAmount.${key}`, `${capital(key)} must be a number.`);
    else if (compare(exact, ZERO) <= 0)
      add(`settings.flexibleAmount.${key}`, `${capital(key)} must be greater than 0.`);
    else return exact;
    return null;
  };
  const min = bound('minAmount');
  const max = bound('maxAmount');
  const suggested = bound('suggestedAmount');
  if (min && max && compare(min, max) > 0) {
    add('settings.flexibleAmount.minAmount', 'MinAmount must be less than or equal to MaxAmount.');
  }
  if (suggested && ((min && compare(suggested, min) < 0) || (max && compare(suggested, max) > 0))) {
    add(
      'settings.flexibleAmount.suggestedAmount',
      'SuggestedAmount must be between MinAmount and MaxAmount.',
    );
  }
  const currencies = flexibleAmount.allowedCurrencies;
  if (currencies !== undefined && currencies !== null) {
    if (!Array.isArray(currencies) || currencies.some((c) => typeof c !== 'string' || !CURRENCY.test(c))) {
      add('settings.flexibleAmount.allowedCurrencies', 'AllowedCurrencies must contain ISO 4217 codes.');
    }
  }
}

function validateItem(item: unknown, at: string, add: Add): void {
  if (!isObject(item)) {
    add(at, 'Item must be an object.');
    return;
  }
  if (typeof item.name !== 'string' || item.name.trim() === '') add(`${at}.name`, 'Name is required.');
  if (item.quantity === undefined || item.quantity === null) add(`${at}.quantity`, 'Quantity is required.');
  else if (!isInteger(item.quantity) || Number((item.quantity as { rawJSON: string }).rawJSON) < 1) {
    add(`${at}.quantity`, 'Quantity must be greater than or equal to 1.');
  }
  if (item.price === undefined || item.price === null) add(`${at}.price`, 'Price is required.');
  else if (!decimalOf(item.price) || !isJsonNumber(item.price)) add(`${at}.price`, 'Price must be a number.');
  else if (compare(decimalOf(item.price)!, ZERO) < 0) add(`${at}.price`, 'Price must not be negative.');
  if (item.discount !== undefined && item.discount !== null && !isJsonNumber(item.discount)) {
    add(`${at}.discount`, 'Discount must be a number.');
  }
  for (const key of ['referenceId', 'description'] as const) {
    if (item[key] !== undefined && item[key] !== null && typeof item[key] !== 'string') {
      add(`${at}.${key}`, `${capital(key)} must be a string.`);
    }
  }
  if (item.tax !== undefined && item.tax !== null) {
    const tax = isObject(item.tax) ? item.tax : null;
    if (!tax || !isJsonNumber(tax.amount)) add(`${at}.tax.amount`, 'Tax amount must be a number.');
    if (!tax || typeof tax.currency !== 'string' || !CURRENCY.test(tax.currency)) {
      add(`${at}.tax.currency`, 'Tax currency must be an ISO 4217 code.');
    }
  }
  if (item.metadata !== undefined && item.metadata !== null && !isObject(item.metadata)) {
    add(`${at}.metadata`, 'Metadata must be an object.');
  }
}

/** Checks one SplitAmountRule; returns its type and exact value when valid. */
function validateRule(rule: unknown, at: string, add: Add): { type: string; value: Scaled | null } | null {
  if (!isObject(rule)) {
    add(at, `${at.endsWith('vatRule') ? 'VatRule' : 'AmountRule'} must be an object.`);
    return null;
  }
  if (!RULE_TYPES.includes(rule.type as (typeof RULE_TYPES)[number])) {
    add(`${at}.type`, "Type must be one of 'percentage', 'fixed' or 'residual'.");
    return null;
  }
  const present = rule.value !== undefined && rule.value !== null;
  const value = present && isJsonNumber(rule.value) ? decimalOf(rule.value) : null;
  switch (rule.type) {
    case 'residual':
      if (present) {
        add(`${at}.value`, 'Value must be null for residual rules.');
        return null;
      }
      return { type: 'residual', value: null };
    case 'percentage':
      if (!value || compare(value, ZERO) < 0 || compare(value, HUNDRED) > 0) {
        add(`${at}.value`, 'Value must be between 0 and 100 for percentage rules.');
        return null;
      }
      return { type: 'percentage', value };
    default:
      if (!value || compare(value, ZERO) <= 0) {
        add(`${at}.value`, 'Value must be greater than 0 for fixed rules.');
        return null;
      }
      return { type: 'fixed', value };
  }
}

function validateSplits(legs: unknown[], total: Scaled | null, add: Add): void {
  const fixed: Scaled[] = [];
  const percentages: Scaled[] = [];
  let residuals = 0;
  legs.forEach((leg, index) => {
    const at = `splitDestinations[${index}]`;
    if (!isObject(leg)) {
      add(at, 'SplitDestination must be an object.');
      return;
    }
    if (
      leg.destinationMerchantId !== undefined &&
      leg.destinationMerchantId !== null &&
      !isInteger(leg.destinationMerchantId)
    ) {
      add(`${at}.destinationMerchantId`, 'DestinationMerchantId must be an integer.');
    }
    const reference = leg.subMerchantReference;
    if (reference !== undefined && reference !== null && typeof reference !== 'string') {
      add(`${at}.subMerchantReference`, 'SubMerchantReference must be a string.');
    }
    if (leg.routingMetadata !== undefined && leg.routingMetadata !== null && !isObject(leg.routingMetadata)) {
      add(`${at}.routingMetadata`, 'RoutingMetadata must be an object.');
    }
    if (leg.vatRule !== undefined && leg.vatRule !== null) validateRule(leg.vatRule, `${at}.vatRule`, add);
    if (leg.amountRule === undefined || leg.amountRule === null) {
      add(`${at}.amountRule`, 'AmountRule is required.');
      return;
    }
    const rule = validateRule(leg.amountRule, `${at}.amountRule`, add);
    if (rule?.type === 'residual') residuals += 1;
    if (rule?.type === 'fixed') fixed.push(rule.value!);
    if (rule?.type === 'percentage') percentages.push(rule.value!);
  });
  if (residuals > 1)
    add('splitDestinations', 'At most one split destination may use a residual amount rule.');
  if (compare(sum(percentages), HUNDRED) > 0)
    add('splitDestinations', 'Split percentages must not add up to more than 100.');
  if (total && compare(sum(fixed), total) > 0) {
    add('splitDestinations', 'Fixed split amounts must not add up to more than the amount total.');
  }
}
