// Request validation for the Payroc emulator: the rules of shared/providers/payroc.md §3.1, §3.4 and §3.6,
// reported as Payroc's `errors[]` items ({ parameter, detail, message }, §3.7).
import { isCurrencyCode } from '@paylink/core';

/** One item of a Payroc problem's `errors[]` array. */
export interface PayrocErrorItem {
  parameter: string;
  detail: string;
  message: string;
}

const LINK_TYPES = ['singleUse', 'multiUse'];
const AUTH_TYPES = ['sale', 'preAuthorization'];
const PAYMENT_METHODS = ['card', 'bankTransfer'];
const MIT_AGREEMENTS = ['unscheduled', 'recurring', 'installment'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Fields the merchant may change with PATCH, as JSON pointers (§3.4). */
export const PATCHABLE = {
  multiUse: ['/expiresOn', '/customLabels', '/credentialOnFile'],
  singleUse: [
    '/expiresOn',
    '/customLabels',
    '/credentialOnFile',
    '/authType',
    '/order/charge/amount',
    '/order/charge/currency',
    '/order/description',
  ],
} as const;

const required = (parameter: string): PayrocErrorItem => ({
  parameter,
  detail: 'Required field not populated',
  message: `The '${parameter.split('.').pop()}' field is required`,
});

const invalid = (parameter: string, message: string): PayrocErrorItem => ({
  parameter,
  detail: 'Invalid value',
  message,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The calendar date `YYYY-MM-DD` of an instant in an IANA time zone (en-CA formats dates that way). */
export function dateIn(at: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Validates a create body (§3.1); `today` is the emulator's UTC date. */
export function validateLinkBody(body: unknown, today: string): PayrocErrorItem[] {
  if (!isObject(body)) return [invalid('body', 'The request body must be a JSON object')];
  const errors: PayrocErrorItem[] = [];
  const type = body.type;
  if (type === undefined) errors.push(required('type'));
  else if (!LINK_TYPES.includes(type as string))
    errors.push(invalid('type', "'type' must be 'singleUse' or 'multiUse'"));
  if (!nonEmptyString(body.merchantReference)) errors.push(required('merchantReference'));

  const order = body.order;
  if (!isObject(order)) {
    errors.push(required('order'));
  } else {
    if (type === 'singleUse' && !nonEmptyString(order.orderId)) errors.push(required('order.orderId'));
    if (order.orderId !== undefined && typeof order.orderId !== 'string') {
      errors.push(invalid('order.orderId', "'orderId' must be a string"));
    }
    if (order.description !== undefined && typeof order.description !== 'string') {
      errors.push(invalid('order.description', "'description' must be a string"));
    }
    errors.push(...validateCharge(order.charge));
  }

  const authType = body.authType;
  if (authType === undefined) errors.push(required('authType'));
  else if (!AUTH_TYPES.includes(authType as string)) {
    errors.push(invalid('authType', "'authType' must be 'sale' or 'preAuthorization'"));
  }

  const methods = body.paymentMethods;
  if (methods === undefined) errors.push(required('paymentMethods'));
  else if (!Array.isArray(methods) || methods.length === 0) {
    errors.push(invalid('paymentMethods', "'paymentMethods' must be a non-empty array"));
  } else {
    methods.forEach((method, index) => {
      if (!PAYMENT_METHODS.includes(method as string)) {
        errors.push(invalid(`paymentMethods[${index}]`, "Payment methods are 'card' and 'bankTransfer'"));
      } else if (methods.indexOf(method) !== index) {
        errors.push(invalid(`paymentMethods[${index}]`, `'${method}' is listed more than once`));
      }
    });
    // §3.1: a pre-authorization can only be taken by card.
    if (authType === 'preAuthorization' && methods.includes('bankTransfer')) {
      errors.push(invalid('paymentMethods', "A 'preAuthorization' link accepts only 'card'"));
    }
  }

  if (body.expiresOn === undefined) {
    if (type === 'singleUse') errors.push(required('expiresOn'));
  } else if (!isDateOnly(body.expiresOn)) {
    errors.push(invalid('expiresOn', "'expiresOn' must be a date in the format YYYY-MM-DD"));
  } else if (body.expiresOn < today) {
    errors.push(invalid('expiresOn', "'expiresOn' cannot be in the past"));
  }

  if (body.customLabels !== undefined) {
    if (!Array.isArray(body.customLabels))
      errors.push(invalid('customLabels', "'customLabels' must be an array"));
    else {
      body.customLabels.forEach((label, index) => {
        if (!isObject(label) || label.element !== 'paymentButton') {
          errors.push(
            invalid(`customLabels[${index}].element`, "Only the 'paymentButton' label can be customised"),
          );
        } else if (!nonEmptyString(label.label)) {
          errors.push(required(`customLabels[${index}].label`));
        }
      });
    }
  }

  const cof = body.credentialOnFile;
  if (cof !== undefined) {
    if (!isObject(cof)) errors.push(invalid('credentialOnFile', "'credentialOnFile' must be an object"));
    else {
      if (cof.tokenize !== undefined && typeof cof.tokenize !== 'boolean') {
        errors.push(invalid('credentialOnFile.tokenize', "'tokenize' must be a boolean"));
      }
      if (cof.mitAgreement !== undefined && !MIT_AGREEMENTS.includes(cof.mitAgreement as string)) {
        errors.push(
          invalid(
            'credentialOnFile.mitAgreement',
            "'mitAgreement' must be 'unscheduled', 'recurring' or 'installment'",
          ),
        );
      }
    }
  }
  return errors;
}

function validateCharge(charge: unknown): PayrocErrorItem[] {
  if (!isObject(charge)) return [required('order.charge')];
  // §3.1: the charge is one flat object; the nested `{ preset: {...} }` form is rejected.
  if ('preset' in charge || 'prompt' in charge) {
    return [
      invalid('order.charge', "'charge' is a flat object discriminated by 'type' ('preset' or 'prompt')"),
    ];
  }
  const errors: PayrocErrorItem[] = [];
  if (charge.type === undefined) errors.push(required('order.charge.type'));
  else if (charge.type !== 'preset' && charge.type !== 'prompt') {
    errors.push(invalid('order.charge.type', "'type' must be 'preset' or 'prompt'"));
  }
  if (charge.type === 'preset') {
    if (charge.amount === undefined) errors.push(required('order.charge.amount'));
    else if (!Number.isSafeInteger(charge.amount) || (charge.amount as number) < 1) {
      errors.push(
        invalid('order.charge.amount', "'amount' must be a positive integer in the currency's minor unit"),
      );
    }
  } else if (charge.type === 'prompt' && charge.amount !== undefined) {
    errors.push(
      invalid('order.charge.amount', "A 'prompt' charge takes no 'amount': the customer enters it"),
    );
  }
  if (charge.currency === undefined) errors.push(required('order.charge.currency'));
  else if (typeof charge.currency !== 'string' || !isCurrencyCode(charge.currency)) {
    errors.push(invalid('order.charge.currency', "'currency' must be an ISO 4217 currency code"));
  }
  return errors;
}

/** Validates a sharing-event body (§3.6). */
export function validateShareBody(body: unknown): PayrocErrorItem[] {
  if (!isObject(body)) return [invalid('body', 'The request body must be a JSON object')];
  const errors: PayrocErrorItem[] = [];
  if (body.sharingMethod === undefined) errors.push(required('sharingMethod'));
  else if (body.sharingMethod !== 'email')
    errors.push(invalid('sharingMethod', "'sharingMethod' must be 'email'"));
  const recipients = body.recipients;
  if (recipients === undefined) errors.push(required('recipients'));
  else if (!Array.isArray(recipients) || recipients.length === 0) {
    errors.push(invalid('recipients', "'recipients' must be a non-empty array"));
  } else {
    recipients.forEach((recipient, index) => {
      const item = isObject(recipient) ? recipient : {};
      if (!nonEmptyString(item.name)) errors.push(required(`recipients[${index}].name`));
      if (!nonEmptyString(item.email)) errors.push(required(`recipients[${index}].email`));
      else if (!EMAIL.test(item.email)) {
        errors.push(invalid(`recipients[${index}].email`, "'email' must be a valid e-mail address"));
      }
    });
  }
  if (body.message !== undefined && typeof body.message !== 'string') {
    errors.push(invalid('message', "'message' must be a string"));
  }
  if (body.merchantCopy !== undefined && typeof body.merchantCopy !== 'boolean') {
    errors.push(invalid('merchantCopy', "'merchantCopy' must be a boolean"));
  }
  return errors;
}

/** A JSON Patch operation the emulator refused. */
export class PatchError extends Error {
  readonly item: PayrocErrorItem;
  constructor(item: PayrocErrorItem) {
    super(item.message);
    this.item = item;
  }
}

type Json = unknown;

function parsePointer(pointer: unknown, parameter: string): string[] {
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) {
    throw new PatchError(invalid(parameter, `'${parameter.split('.').pop()}' must be a JSON pointer`));
  }
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(doc: Json, tokens: string[], parameter: string): { parent: Json; key: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else node = undefined;
    if (node === undefined) throw new PatchError(invalid(parameter, 'The path does not exist'));
  }
  return { parent: node, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: Json, tokens: string[], parameter: string): Json {
  if (tokens.length === 0) return doc;
  const { parent, key } = parentOf(doc, tokens, parameter);
  const value = Array.isArray(parent) ? parent[Number(key)] : isObject(parent) ? parent[key] : undefined;
  if (value === undefined) throw new PatchError(invalid(parameter, 'The path does not exist'));
  return value;
}

function removeAt(doc: Json, tokens: string[], parameter: string): Json {
  const value = getAt(doc, tokens, parameter);
  const { parent, key } = parentOf(doc, tokens, parameter);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, unknown>)[key];
  return value;
}

function addAt(doc: Json, tokens: string[], value: Json, parameter: string): void {
  const { parent, key } = parentOf(doc, tokens, parameter);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw new PatchError(invalid(parameter, 'The array index is out of range'));
    }
    parent.splice(index, 0, value);
  } else if (isObject(parent)) parent[key] = value;
  else throw new PatchError(invalid(parameter, 'The path does not exist'));
}

const canonical = (value: Json): string =>
  JSON.stringify(value, (_key, v) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/**
 * Applies an RFC 6902 JSON Patch to a copy of `doc`, allowing only `allowed` pointers (and what lies
 * under them) to be touched (§3.4). Throws `PatchError` for a malformed or refused operation.
 */
export function applyJsonPatch(doc: Record<string, unknown>, ops: unknown, allowed: readonly string[]) {
  if (!Array.isArray(ops)) throw new PatchError(invalid('body', 'The body must be a JSON Patch array'));
  const result = structuredClone(doc);
  const touchable = (pointer: string) => allowed.some((a) => pointer === a || pointer.startsWith(`${a}/`));
  ops.forEach((raw, index) => {
    const at = `[${index}]`;
    if (!isObject(raw)) throw new PatchError(invalid(at, 'Each operation must be an object'));
    const op = raw.op;
    const path = parsePointer(raw.path, `${at}.path`);
    const pointer = raw.path as string;
    if (op !== 'test' && !touchable(pointer)) {
      throw new PatchError(invalid(`${at}.path`, `'${pointer}' cannot be updated on this payment link`));
    }
    switch (op) {
      case 'add':
      case 'replace':
        if (!('value' in raw)) throw new PatchError(required(`${at}.value`));
        if (op === 'replace') removeAt(result, path, `${at}.path`);
        addAt(result, path, structuredClone(raw.value), `${at}.path`);
        break;
      case 'remove':
        removeAt(result, path, `${at}.path`);
        break;
      case 'move':
      case 'copy': {
        const from = parsePointer(raw.from, `${at}.from`);
        if (op === 'move' && !touchable(raw.from as string)) {
          throw new PatchError(invalid(`${at}.from`, `'${raw.from}' cannot be updated on this payment link`));
        }
        const value =
          op === 'move'
            ? removeAt(result, from, `${at}.from`)
            : structuredClone(getAt(result, from, `${at}.from`));
        addAt(result, path, value, `${at}.path`);
        break;
      }
      case 'test':
        if (canonical(getAt(result, path, `${at}.path`)) !== canonical(raw.value)) {
          throw new PatchError(invalid(`${at}.value`, `The test of '${pointer}' failed`));
        }
        break;
      default:
        throw new PatchError(invalid(`${at}.op`, "'op' must be add, remove, replace, move, copy or test"));
    }
  });
  return result;
}

/** A JSON value with object keys sorted, so equal bodies compare equal (idempotency, §6). */
export function canonicalJson(text: string): string {
  try {
    return canonical(JSON.parse(text));
  } catch {
    return text;
  }
}
