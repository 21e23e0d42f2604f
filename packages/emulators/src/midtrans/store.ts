// In-memory model of Midtrans payment links and the transactions made through them
// (shared/providers/midtrans.md §3-5). Pure rules, no HTTP.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** `enabled_payments` values Midtrans lists (§3.1); all are offered when a link names none. */
export const PAYMENT_METHODS = [
  'credit_card',
  'echannel',
  'permata_va',
  'bca_va',
  'bni_va',
  'bri_va',
  'cimb_va',
  'danamon_va',
  'bsi_va',
  'gopay',
  'shopeepay',
  'other_qris',
  'alfamart',
  'indomaret',
  'akulaku',
  'kredivo',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const ORDER_ID = /^[A-Za-z0-9\-_~.]{1,50}$/;
const PAYMENT_LINK_ID = /^[a-z0-9-]+$/;
const START_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-])(\d{2})(\d{2})$/;
const MINUTE_MS = 60_000;

export interface ItemDetail {
  id?: string;
  name: string;
  price: number;
  quantity: number;
  brand?: string;
  category?: string;
  merchant_name?: string;
}

/** One payment made through a link: a Snap transaction with its own, suffixed order id (§4). */
export interface Transaction {
  transactionId: string;
  orderId: string;
  method: PaymentMethod;
  grossAmount: number;
  transactionStatus: 'capture' | 'authorize' | 'settlement' | 'pending' | 'deny' | 'expire';
  fraudStatus: 'accept' | null;
  createdAt: Date;
  updatedAt: Date;
  settledAt: Date | null;
  vaNumber: string | null;
  snapToken: string;
}

export interface PaymentLink {
  id: number;
  orderId: string;
  paymentLinkId: string;
  type: 'FIXED_AMOUNT' | 'DYNAMIC_AMOUNT';
  grossAmount: number | null;
  dynamicAmount: { min_amount?: number; max_amount?: number; preset_amount?: number } | null;
  title: string | null;
  usageLimit: number;
  enabledPayments: PaymentMethod[];
  expiry: { startText: string; start: number; duration: number; unit: string; end: number } | null;
  items: ItemDetail[];
  customer: Record<string, unknown> | null;
  customerRequired: boolean;
  secure: boolean;
  cardType: 'authorize' | 'authorize_capture';
  whitelistBins: string[];
  installment: unknown;
  customFields: { custom_field1?: string; custom_field2?: string; custom_field3?: string };
  createdAt: Date;
  deletedAt: Date | null;
  transactions: Transaction[];
}

/** A refusal in Midtrans's shape: `{ "error_messages": [...] }` with its HTTP status. */
export class MidtransRefusal extends Error {
  readonly status: 400 | 404 | 409;
  readonly messages: string[];
  constructor(status: 400 | 404 | 409, messages: string[]) {
    super(messages.join('; '));
    this.status = status;
    this.messages = messages;
  }
}

/** Why a payment cannot start now (shown on the hosted page and answered by the control API). */
export class NotPayable extends Error {}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalText = (v: unknown, max: number) =>
  v === undefined || (typeof v === 'string' && v.length <= max);

/** Minutes per expiry unit; the reference documents `day|hour|minute`, its examples send `days` (§3.1). */
export function unitMinutes(unit: unknown): number | null {
  switch (unit) {
    case 'day':
    case 'days':
      return 1440;
    case 'hour':
    case 'hours':
      return 60;
    case 'minute':
    case 'minutes':
      return 1;
    default:
      return null;
  }
}

/** Parses `yyyy-MM-dd HH:mm[:ss] Z` (the doc's examples omit the seconds). */
export function parseStartTime(text: string): number | null {
  const m = START_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(local)) return null;
  return local - (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * MINUTE_MS;
}

/** Jakarta local time (UTC+7), as notifications carry it: `YYYY-MM-DD HH:MM:SS`. */
export function jakartaTime(date: Date): string {
  const iso = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `signature_key` of a notification (§5). */
export function signatureKey(
  orderId: string,
  statusCode: string,
  grossAmount: string,
  serverKey: string,
): string {
  return createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey)
    .digest('hex');
}

/** Checks a create body the way Midtrans documents it and builds the link; throws `MidtransRefusal`. */
export function buildLink(input: unknown, id: number, now: Date): PaymentLink {
  if (!isObject(input)) throw new MidtransRefusal(400, ['Invalid JSON data provided.']);
  const errors: string[] = [];
  const td = input.transaction_details;
  if (!isObject(td)) throw new MidtransRefusal(400, ['transaction_details is required']);

  if (typeof td.order_id !== 'string' || td.order_id === '')
    errors.push('transaction_details.order_id is required');
  else if (!ORDER_ID.test(td.order_id)) {
    errors.push(
      'transaction_details.order_id must be at most 50 characters of alphanumerics, dash (-), underscore (_), tilde (~) and dot (.)',
    );
  }

  const type = input.payment_link_type ?? 'FIXED_AMOUNT';
  if (type !== 'FIXED_AMOUNT' && type !== 'DYNAMIC_AMOUNT') {
    errors.push('payment_link_type must be FIXED_AMOUNT or DYNAMIC_AMOUNT');
  }
  const fixed = type !== 'DYNAMIC_AMOUNT';
  if (fixed) {
    if (td.gross_amount === undefined) errors.push('transaction_details.gross_amount is required');
    else if (!isInt(td.gross_amount) || td.gross_amount < 1) {
      errors.push('transaction_details.gross_amount must be an integer greater than 0 (no decimals)');
    }
  }

  if (td.payment_link_id !== undefined) {
    if (typeof td.payment_link_id !== 'string' || !PAYMENT_LINK_ID.test(td.payment_link_id)) {
      errors.push('payment_link_id must only contain alphanumeric characters [a-z, 0-9] and hyphens [-]');
    } else if (td.payment_link_id.length > 50) errors.push('payment_link_id must be at most 50 characters');
  }

  let dynamicAmount: PaymentLink['dynamicAmount'] = null;
  if (!fixed) {
    const dyn = input.dynamic_amount ?? {};
    if (!isObject(dyn)) errors.push('dynamic_amount must be an object');
    else {
      const { min_amount: min, max_amount: max, preset_amount: preset } = dyn;
      for (const [name, v] of Object.entries({ min_amount: min, max_amount: max, preset_amount: preset })) {
        if (v !== undefined && (!isInt(v) || v < 1))
          errors.push(`dynamic_amount.${name} must be an integer greater than 0`);
      }
      if (isInt(min) && isInt(max) && min > max)
        errors.push('dynamic_amount.min_amount must not exceed max_amount');
      if (isInt(preset) && ((isInt(min) && preset < min) || (isInt(max) && preset > max))) {
        errors.push('dynamic_amount.preset_amount must be between min_amount and max_amount');
      }
      dynamicAmount = {
        ...(isInt(min) ? { min_amount: min } : {}),
        ...(isInt(max) ? { max_amount: max } : {}),
        ...(isInt(preset) ? { preset_amount: preset } : {}),
      };
    }
  }

  // Documented maximum 1,000,000; when omitted the emulator makes the link single-use (undocumented).
  const usageLimit = input.usage_limit ?? 1;
  if (!isInt(usageLimit) || usageLimit < 1 || usageLimit > 1_000_000) {
    errors.push('usage_limit must be an integer between 1 and 1000000');
  }

  let expiry: PaymentLink['expiry'] = null;
  if (input.expiry !== undefined) {
    const e = input.expiry;
    if (!isObject(e)) errors.push('expiry must be an object');
    else {
      const minutes = unitMinutes(e.unit);
      if (minutes === null) errors.push('expiry.unit must be one of day, hour, minute');
      if (!isInt(e.duration) || e.duration < 1)
        errors.push('expiry.duration must be an integer greater than 0');
      let start = now.getTime();
      let startText = '';
      if (e.start_time !== undefined) {
        const parsed = typeof e.start_time === 'string' ? parseStartTime(e.start_time) : null;
        if (parsed === null) errors.push('expiry.start_time must be in yyyy-MM-dd HH:mm:ss Z format');
        else {
          start = parsed;
          startText = e.start_time as string;
        }
      } else {
        // Default start = creation time (§3.1); echoed with seconds so the window is exact.
        startText = `${jakartaTime(now)} +0700`;
      }
      if (minutes !== null && isInt(e.duration) && e.duration >= 1) {
        expiry = {
          startText,
          start,
          duration: e.duration,
          unit: e.unit as string,
          end: start + e.duration * minutes * MINUTE_MS,
        };
      }
    }
  }

  let enabledPayments: PaymentMethod[] = [...PAYMENT_METHODS];
  if (input.enabled_payments !== undefined) {
    if (!Array.isArray(input.enabled_payments)) errors.push('enabled_payments must be an array');
    else {
      for (const method of input.enabled_payments) {
        if (!(PAYMENT_METHODS as readonly unknown[]).includes(method)) {
          errors.push(`enabled_payments contains an unsupported payment type: ${String(method)}`);
        }
      }
      if (input.enabled_payments.length > 0) enabledPayments = input.enabled_payments as PaymentMethod[];
    }
  }

  const items: ItemDetail[] = [];
  if (input.item_details !== undefined) {
    if (!Array.isArray(input.item_details)) errors.push('item_details must be an array');
    else {
      input.item_details.forEach((raw: unknown, i: number) => {
        if (!isObject(raw)) {
          errors.push(`item_details[${i}] must be an object`);
          return;
        }
        const at = `item_details[${i}]`;
        if (typeof raw.name !== 'string' || raw.name === '' || raw.name.length > 50) {
          errors.push(`${at}.name is required and must be at most 50 characters`);
        }
        if (!isInt(raw.price)) errors.push(`${at}.price must be an integer (no decimals)`);
        if (!isInt(raw.quantity) || raw.quantity < 1)
          errors.push(`${at}.quantity must be greater than or equal 1`);
        for (const key of ['brand', 'category', 'merchant_name'] as const) {
          if (!optionalText(raw[key], 50)) errors.push(`${at}.${key} must be at most 50 characters`);
        }
        const itemId = raw.id ?? raw.item_id;
        items.push({
          ...(typeof itemId === 'string' ? { id: itemId } : {}),
          name: String(raw.name ?? ''),
          price: Number(raw.price),
          quantity: Number(raw.quantity),
          ...(typeof raw.brand === 'string' ? { brand: raw.brand } : {}),
          ...(typeof raw.category === 'string' ? { category: raw.category } : {}),
          ...(typeof raw.merchant_name === 'string' ? { merchant_name: raw.merchant_name } : {}),
        });
      });
      // Midtrans checks the total against the items for a fixed amount; DYNAMIC_AMOUNT ignores items (§3.1).
      const summable = items.every((it) => isInt(it.price) && isInt(it.quantity));
      if (fixed && summable && isInt(td.gross_amount) && items.length > 0) {
        const sum = items.reduce((total, it) => total + it.price * it.quantity, 0);
        if (sum !== td.gross_amount)
          errors.push('transaction_details.gross_amount is not equal to the sum of item_details');
      }
    }
  }

  let customer: Record<string, unknown> | null = null;
  if (input.customer_details !== undefined) {
    const c = input.customer_details;
    if (!isObject(c)) errors.push('customer_details must be an object');
    else {
      if (!c.first_name && !c.email && !c.phone) {
        errors.push('customer_details must contain at least one of first_name, email or phone');
      }
      if (!optionalText(c.first_name, 50) || !optionalText(c.last_name, 50)) {
        errors.push('customer_details names must be at most 50 characters');
      }
      if (!optionalText(c.email, 50) || (typeof c.email === 'string' && !/^[^\s@]+@[^\s@]+$/.test(c.email))) {
        errors.push('customer_details.email must be a valid e-mail address');
      }
      if (!optionalText(c.phone, 20)) errors.push('customer_details.phone must be at most 20 characters');
      if (!optionalText(c.notes, 255)) errors.push('customer_details.notes must be at most 255 characters');
      customer = { ...c };
    }
  }

  for (const key of ['custom_field1', 'custom_field2', 'custom_field3', 'title'] as const) {
    if (!optionalText(input[key], 255)) errors.push(`${key} must be a string of at most 255 characters`);
  }

  const card = input.credit_card ?? {};
  if (!isObject(card)) errors.push('credit_card must be an object');
  const cardType = isObject(card) ? (card.type ?? 'authorize_capture') : 'authorize_capture';
  if (cardType !== 'authorize' && cardType !== 'authorize_capture') {
    errors.push('credit_card.type must be authorize or authorize_capture');
  }
  if (input.customer_required !== undefined && typeof input.customer_required !== 'boolean') {
    errors.push('customer_required must be a boolean');
  }

  if (errors.length) throw new MidtransRefusal(400, errors);

  const orderId = td.order_id as string;
  return {
    id,
    orderId,
    paymentLinkId: (td.payment_link_id as string | undefined) ?? randomBytes(8).toString('hex'),
    type: fixed ? 'FIXED_AMOUNT' : 'DYNAMIC_AMOUNT',
    grossAmount: fixed ? (td.gross_amount as number) : null,
    dynamicAmount,
    title: typeof input.title === 'string' ? input.title : null,
    usageLimit: usageLimit as number,
    enabledPayments,
    expiry,
    items: fixed ? items : [],
    customer,
    customerRequired: input.customer_required === true,
    secure: isObject(card) && card.secure === true,
    cardType: cardType as PaymentLink['cardType'],
    whitelistBins:
      isObject(card) && Array.isArray(card.whitelist_bins) ? (card.whitelist_bins as string[]) : [],
    installment: isObject(card) ? (card.installment ?? null) : null,
    customFields: {
      ...(typeof input.custom_field1 === 'string' ? { custom_field1: input.custom_field1 } : {}),
      ...(typeof input.custom_field2 === 'string' ? { custom_field2: input.custom_field2 } : {}),
      ...(typeof input.custom_field3 === 'string' ? { custom_field3: input.custom_field3 } : {}),
    },
    createdAt: now,
    deletedAt: null,
    transactions: [],
  };
}

/** Approved payments: each consumes one unit of `usage_limit` (§4 "Usage accounting"). */
export function usage(link: PaymentLink): number {
  return link.transactions.filter(
    (t) =>
      t.transactionStatus === 'capture' ||
      t.transactionStatus === 'settlement' ||
      t.transactionStatus === 'authorize',
  ).length;
}

/** Units held: approved payments plus pending ones, which hold a unit until they expire. */
function unitsTaken(link: PaymentLink): number {
  return usage(link) + link.transactions.filter((t) => t.transactionStatus === 'pending').length;
}

/** Why the link cannot take a new payment now, or null when it can. */
export function notPayableReason(link: PaymentLink, now: Date): string | null {
  if (link.deletedAt) return 'This payment link is no longer active.';
  if (link.expiry && now.getTime() < link.expiry.start) return 'This payment link is not active yet.';
  if (link.expiry && now.getTime() >= link.expiry.end) return 'This payment link has expired.';
  if (usage(link) >= link.usageLimit) return 'This payment link has reached its usage limit.';
  if (unitsTaken(link) >= link.usageLimit)
    return 'A pending payment holds the last use of this payment link.';
  return null;
}

/** The amount a new payment takes: the fixed gross amount, or the payer's choice within bounds. */
export function paymentAmount(link: PaymentLink, requested: unknown): number {
  if (link.type === 'FIXED_AMOUNT') return link.grossAmount ?? 0;
  const dyn = link.dynamicAmount ?? {};
  const text =
    typeof requested === 'number' ? String(requested) : typeof requested === 'string' ? requested.trim() : '';
  const amount =
    text === ''
      ? (dyn.preset_amount ?? dyn.min_amount ?? null)
      : /^\d+$/.test(text)
        ? Number(text)
        : Number.NaN;
  if (amount === null) throw new NotPayable('Enter the amount to pay.');
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw new NotPayable('The amount must be a whole number of rupiah.');
  if (dyn.min_amount !== undefined && amount < dyn.min_amount)
    throw new NotPayable(`The amount must be at least ${dyn.min_amount}.`);
  if (dyn.max_amount !== undefined && amount > dyn.max_amount)
    throw new NotPayable(`The amount must be at most ${dyn.max_amount}.`);
  return amount;
}

/** `payment_type` Midtrans reports for a method chosen on the page. */
export function paymentType(method: PaymentMethod): string {
  switch (method) {
    case 'credit_card':
      return 'credit_card';
    case 'echannel':
      return 'echannel';
    case 'gopay':
    case 'shopeepay':
    case 'akulaku':
    case 'kredivo':
      return method;
    case 'other_qris':
      return 'qris';
    case 'alfamart':
    case 'indomaret':
      return 'cstore';
    default:
      return 'bank_transfer';
  }
}

/** `status_code` sent with each transaction status (§4: 200 success, 201 pending, 202 denied, 407 expired). */
export function statusCode(status: Transaction['transactionStatus']): string {
  switch (status) {
    case 'capture':
    case 'authorize':
    case 'settlement':
      return '200';
    case 'pending':
      return '201';
    case 'deny':
      return '202';
    case 'expire':
      return '407';
    default:
      return '500';
  }
}

let lastSuffix = 0;

/** A new transaction on a link; its order id is the link's plus `-<epoch ms>` (§4). */
export function newTransaction(
  link: PaymentLink,
  method: PaymentMethod,
  amount: number,
  now: Date,
): Transaction {
  lastSuffix = Math.max(now.getTime(), lastSuffix + 1);
  return {
    transactionId: randomUUID(),
    orderId: `${link.orderId}-${lastSuffix}`,
    method,
    grossAmount: amount,
    transactionStatus: 'pending',
    // Transfers carry fraud_status "accept" from the start (the pending sample of payment-link-api.md
    // and the VA samples of http-notification.md); store payments may carry none.
    fraudStatus: paymentType(method) === 'bank_transfer' ? 'accept' : null,
    createdAt: now,
    updatedAt: now,
    settledAt: null,
    vaNumber: method === 'credit_card' ? null : String(Math.floor(Math.random() * 1e11)).padStart(11, '0'),
    snapToken: randomUUID(),
  };
}

/** The HTTP notification for a transaction's current state, signed with the server key (§5). */
export function notificationBody(
  link: PaymentLink,
  tx: Transaction,
  merchantId: string,
  serverKey: string,
): Record<string, unknown> {
  const code = statusCode(tx.transactionStatus);
  const gross = `${tx.grossAmount}.00`;
  const body: Record<string, unknown> = {
    transaction_time: jakartaTime(tx.createdAt),
    transaction_status: tx.transactionStatus,
    transaction_id: tx.transactionId,
    status_message: 'midtrans payment notification',
    status_code: code,
    signature_key: signatureKey(tx.orderId, code, gross, serverKey),
    payment_type: paymentType(tx.method),
    order_id: tx.orderId,
    merchant_id: merchantId,
    gross_amount: gross,
    currency: 'IDR',
  };
  if (tx.fraudStatus) body.fraud_status = tx.fraudStatus;
  if (tx.settledAt) body.settlement_time = jakartaTime(tx.settledAt);
  // Per-method fields as in http-notification.md "Sample for Various Payment Methods".
  if (tx.method === 'credit_card') {
    body.masked_card = '48111111-1114';
    body.card_type = 'credit';
    body.bank = 'bni';
    body.eci = '05';
    body.channel_response_code = tx.transactionStatus === 'deny' ? '05' : '00';
    body.channel_response_message = tx.transactionStatus === 'deny' ? 'Denied' : 'Approved';
    if (tx.transactionStatus !== 'deny') body.approval_code = String(tx.createdAt.getTime());
  } else if (tx.vaNumber && body.payment_type === 'bank_transfer') {
    body.va_numbers = [{ bank: tx.method.replace(/_va$/, ''), va_number: tx.vaNumber }];
    body.payment_amounts = [];
  }
  Object.assign(body, link.customFields);
  return body;
}

/**
 * `GET /v2/{order_id | transaction_id}/status` body for one payment (get-status.md "Sample
 * Response": "The JSON response will be the same as the notification status", http-notification.md).
 */
export function statusBody(
  link: PaymentLink,
  tx: Transaction,
  merchantId: string,
  serverKey: string,
): Record<string, unknown> {
  return {
    ...notificationBody(link, tx, merchantId, serverKey),
    status_message: 'Success, transaction is found',
  };
}

/** `GET /v1/payment-links/{order_id}` body (§3.2). */
export function linkDetails(
  link: PaymentLink,
  publicUrl: string,
  merchantId: string,
): Record<string, unknown> {
  const stamp = link.createdAt.toISOString();
  return {
    id: String(link.id),
    payment_link_url: paymentUrl(link, publicUrl),
    order_id: link.orderId,
    merchant_id: merchantId,
    payment_link_id: link.paymentLinkId,
    payment_link_type: link.type,
    title: link.title,
    enabled_payments: link.enabledPayments,
    usage_limit: link.usageLimit,
    usage: usage(link),
    gross_amount: link.grossAmount,
    dynamic_amount: link.dynamicAmount,
    credit_card_3d_secure: link.secure,
    whitelist_bins: link.whitelistBins,
    expiry_start: link.expiry?.startText ?? null,
    expiry_duration: link.expiry?.duration ?? null,
    expiry_unit: link.expiry?.unit ?? null,
    customer_required: link.customerRequired,
    // As the documented sample: `id` is Midtrans's row id, `item_id` the merchant's item id, and
    // `payment_link_id` inside rows is the link's internal `id` (not the URL slug).
    item_details: link.items.map(({ id: itemId, ...item }, i) => ({
      id: String(i + 1),
      ...item,
      item_id: itemId ?? String(i + 1),
      payment_link_id: String(link.id),
      created_at: stamp,
      updated_at: stamp,
    })),
    customer_details: link.customer
      ? {
          id: String(link.id),
          ...link.customer,
          payment_link_id: String(link.id),
          created_at: stamp,
          updated_at: stamp,
        }
      : null,
    purchases: link.transactions.map((tx) => ({
      id: tx.transactionId,
      snap_token: tx.snapToken,
      order_id: tx.orderId,
      payment_status: tx.transactionStatus,
      payment_method: tx.method,
      created_at: tx.createdAt.toISOString(),
      updated_at: tx.updatedAt.toISOString(),
      payment_link_id: link.paymentLinkId,
    })),
    created_at: stamp,
    deleted_at: link.deletedAt?.toISOString() ?? null,
  };
}

export function paymentUrl(link: PaymentLink, publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/payment-links/${link.paymentLinkId}`;
}
