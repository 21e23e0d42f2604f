// What Plexo cannot honour in a create request, refused before any call (shared/providers/plexo.md §3.1, §4, §6).
import {
  amountProblem,
  type CreateLinkRequest,
  type FieldError,
  type SplitRule,
  toMinorUnits,
} from '@paylink/core';
import { installmentKey, METHOD_CODE, METHOD_TYPE, splitPaymentMethods } from './wire.ts';

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
export function validateRequest(request: CreateLinkRequest): FieldError[] {
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
