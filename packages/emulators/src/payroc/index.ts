// A local, faithful stand-in for Payroc's identity service, Payment Links API (`/v1`) and hosted
// pay-by-link page, as described in shared/providers/payroc.md. Section numbers below refer to that note.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { amountProblem, toMinorUnits } from '@paylink/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { EmulatorControl, readJson, type SettleOutcome } from '../common/control.ts';
import type { Emulator, EmulatorOptions } from '../common/emulator.ts';
import { checkoutPage, notFoundPage, resultPage } from './page.ts';
import {
  applyJsonPatch,
  canonicalJson,
  dateIn,
  isDateOnly,
  PATCHABLE,
  PatchError,
  type PayrocErrorItem,
  validateLinkBody,
  validateShareBody,
} from './validation.ts';

/** The development API key the emulator's identity service accepts. */
export const PAYROC_EMULATOR_API_KEY = 'payroc-emulator-key';
/** The one processing terminal the emulator knows. */
export const PAYROC_EMULATOR_TERMINAL_ID = '1234001';
/** Where merchant copies of shared links are "sent" (recorded in the outbox). */
export const PAYROC_EMULATOR_MERCHANT_EMAIL = 'merchant@example.com';

export interface PayrocEmulatorOptions extends EmulatorOptions {
  /** `expires_in` of issued bearer tokens, in seconds (Payroc: 3600, §2). */
  tokenLifetimeSeconds?: number;
  /**
   * The processing terminal's `timezone` (IANA), served at `GET /v1/processing-terminals/1234001` and
   * the zone whose calendar day `expiresOn` names (default UTC).
   */
  timeZone?: string;
}

type LinkType = 'singleUse' | 'multiUse';
type LinkStatus = 'active' | 'completed' | 'deactivated' | 'expired';

interface Charge {
  type: 'preset' | 'prompt';
  amount?: number;
  currency: string;
}

interface Payment {
  /** 10 characters, like Payroc's `paymentId` (payroc-sdk-js `RetrievedPayment.ts`). */
  paymentId: string;
  outcome: SettleOutcome;
  amount: number | null;
  currency: string;
  paymentMethod: string;
  at: string;
}

interface Recipient {
  name: string;
  email: string;
}

interface SharingEvent {
  sharingMethod: 'email';
  sharingEventId: string;
  dateTime: string;
  merchantCopy: boolean;
  message?: string;
  recipients: Recipient[];
}

interface StoredLink {
  paymentLinkId: string;
  terminalId: string;
  type: LinkType;
  merchantReference: string;
  order: { orderId?: string; description?: string; charge: Charge };
  authType: string;
  paymentMethods: string[];
  customLabels?: Array<{ element: string; label: string }>;
  credentialOnFile?: Record<string, unknown>;
  expiresOn?: string;
  createdOn: string;
  status: LinkStatus;
  /** The pay-by-link URL token; rotated when a single-use link is patched (§3.4). */
  token: string;
  payments: Payment[];
  shares: SharingEvent[];
}

/** One e-mail the emulator "sent" for a sharing event; listed at `GET /_emulator/outbox`. */
export interface OutboxEmail {
  at: string;
  sharingEventId: string;
  paymentLinkId: string;
  to: Recipient;
  merchantCopy: boolean;
  subject: string;
  message: string | null;
  paymentUrl: string;
}

interface StoredResponse {
  fingerprint: string;
  at: number;
  response: { status: number; body: string; headers: Record<string, string> } | null;
}

const ERRORS = 'https://docs.payroc.com/api/errors';
const DAY_MS = 86_400_000;
const IDEMPOTENCY_TTL_MS = 7 * DAY_MS; // §6: keys are remembered for 7 days
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LIST_STATUSES = ['active', 'completed', 'deactivated', 'expired'];

/** A 10-character id like Payroc's `paymentLinkId` and `sharingEventId` (§3). */
function newId(): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** An RFC 7807 problem in Payroc's envelope (§3.7). */
function problem(
  c: Context,
  status: number,
  fragment: string,
  title: string,
  detail: string,
  extra: { errors?: PayrocErrorItem[]; resource?: string } = {},
): Response {
  const body = { type: `${ERRORS}#${fragment}`, title, status, detail, instance: c.req.url, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

const badRequest = (c: Context, errors: PayrocErrorItem[]) =>
  problem(
    c,
    400,
    'bad-request',
    'Bad request',
    'One or more validation errors occurred, see error section for more info',
    {
      errors,
    },
  );

const notFound = (c: Context, resource: string) =>
  problem(c, 404, 'not-found', 'Resource not found', `The requested ${resource} was not found`, { resource });

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Creates the Payroc emulator (dev: http://localhost:8794). */
export function createPayrocEmulator(options: PayrocEmulatorOptions): Emulator {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const now = () => options.now?.() ?? new Date();
  const control = new EmulatorControl();
  const app = new Hono();
  const links = new Map<string, StoredLink>();
  const tokens = new Map<string, number>();
  const idempotency = new Map<string, StoredResponse>();
  let idempotencySweptAt = 0;
  const outbox: OutboxEmail[] = [];
  let tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;

  const timeZone = options.timeZone ?? 'UTC';
  /** Today's date on the terminal's wall clock. */
  const today = () => dateIn(now(), timeZone);

  const paymentUrl = (link: StoredLink) => `${publicUrl}/merchant/pay-by-link?token=${link.token}`;

  /** §4: an active link past its `expiresOn` day is expired (at the end of that day, terminal time: inferred). */
  const refresh = (link: StoredLink): StoredLink => {
    if (link.status === 'active' && link.expiresOn && link.expiresOn < today()) link.status = 'expired';
    return link;
  };

  /** The link object as the API returns it (§3.1 response), fields in the documented order. */
  const toWire = (link: StoredLink) => {
    refresh(link);
    const url = paymentUrl(link);
    const label = link.customLabels?.find((l) => l.element === 'paymentButton')?.label ?? 'Pay Now';
    const escapedLabel = label.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    return {
      type: link.type,
      paymentLinkId: link.paymentLinkId,
      merchantReference: link.merchantReference,
      order: link.order,
      authType: link.authType,
      paymentMethods: link.paymentMethods,
      ...(link.customLabels ? { customLabels: link.customLabels } : {}),
      assets: {
        paymentUrl: url,
        paymentButton: `<a href="${url}" \ntarget="_blank" style="color: #ffffff; background-color: #6C7A89; font-size: 18px; font-family: Helvetica, Arial, sans-serif; \ntext-decoration: none; border-radius: 30px; padding: 14px 28px; display: inline-block;">${escapedLabel}</a>\n`,
      },
      status: link.status,
      createdOn: link.createdOn,
      ...(link.expiresOn ? { expiresOn: link.expiresOn } : {}),
      ...(link.credentialOnFile ? { credentialOnFile: link.credentialOnFile } : {}),
    };
  };

  /** Settles one payment: the hosted page and `POST /_emulator/links/:ref/pay` both come here. */
  const settle = (
    link: StoredLink,
    outcome: SettleOutcome,
    input: { amount?: string | undefined; paymentMethod?: string | undefined },
  ): Payment => {
    refresh(link);
    if (link.status !== 'active') throw new Error(`payment link ${link.paymentLinkId} is ${link.status}`);
    const { charge } = link.order;
    let amount = charge.type === 'preset' ? (charge.amount ?? null) : null;
    if (charge.type === 'prompt' && input.amount !== undefined && input.amount !== '') {
      const why = amountProblem(input.amount, charge.currency);
      if (why) throw new Error(`amount ${why}`);
      amount = Number(toMinorUnits({ value: input.amount, currency: charge.currency }));
      if (amount < 1) throw new Error('amount must be greater than zero');
    }
    const paymentMethod =
      input.paymentMethod && link.paymentMethods.includes(input.paymentMethod)
        ? input.paymentMethod
        : (link.paymentMethods[0] ?? 'card');
    const payment: Payment = {
      paymentId: newId(),
      outcome,
      amount,
      currency: charge.currency,
      paymentMethod,
      at: now().toISOString(),
    };
    link.payments.push(payment);
    // §4: a single-use link is completed by one successful payment; a multi-use one stays active.
    if (outcome === 'approved' && link.type === 'singleUse') link.status = 'completed';
    return payment;
  };

  const findLink = (c: Context): StoredLink | undefined => links.get(c.req.param('paymentLinkId') ?? '');

  // --- Identity service (§2) -----------------------------------------------------------------
  app.use('/authorize', control.api());
  app.post('/authorize', (c) => {
    const key = c.req.header('x-api-key');
    if (!key || !safeEqual(key, PAYROC_EMULATOR_API_KEY)) {
      return problem(c, 401, 'not-authorized', 'Not authorized', 'The API key is missing or not valid');
    }
    const at = now().getTime();
    for (const [token, expiresAt] of tokens) if (expiresAt <= at) tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, at + tokenLifetimeSeconds * 1000);
    return c.json({
      access_token: token,
      expires_in: tokenLifetimeSeconds,
      scope: 'payments',
      token_type: 'Bearer',
    });
  });

  // --- API (/v1) ----------------------------------------------------------------------------
  app.use('/v1/*', control.api());

  const bearer: MiddlewareHandler = async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const expiresAt = match ? tokens.get(match[1]!) : undefined;
    if (expiresAt === undefined || expiresAt <= now().getTime()) {
      return problem(
        c,
        401,
        'not-authorized',
        'Not authorized',
        'The bearer token is missing, not valid or expired',
      );
    }
    await next();
  };
  app.use('/v1/*', bearer);

  // §2: JSON bodies only.
  const mediaType: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH') return next();
    const text = await c.req.raw.clone().text();
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (text && type !== 'application/json' && type !== 'application/json-patch+json') {
      return problem(
        c,
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send the body as application/json',
      );
    }
    if (text && readBodyOrNull(text) === undefined) {
      return badRequest(c, [
        { parameter: 'body', detail: 'Invalid JSON', message: 'The request body is not valid JSON' },
      ]);
    }
    await next();
  };
  app.use('/v1/*', mediaType);

  // §6: Idempotency-Key on every POST and PATCH; same key + URI + body replays; otherwise 409.
  const idempotent: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PATCH') return next();
    const key = c.req.header('idempotency-key');
    if (!key) {
      // §3 note: the SDK and the guide send no key on deactivate; the emulator tolerates its absence there.
      if (c.req.path.endsWith('/deactivate')) return next();
      return problem(
        c,
        400,
        'idempotency-key-missing',
        'Idempotency key missing',
        'The Idempotency-Key header is required for this request',
      );
    }
    if (!UUID.test(key)) {
      return badRequest(c, [
        {
          parameter: 'Idempotency-Key',
          detail: 'Invalid value',
          message: 'The Idempotency-Key must be a UUID v4',
        },
      ]);
    }
    const at = now().getTime();
    // With many keys, expired ones are swept at most once a second: sweeping on every request made
    // n creates cost n² (a benchmark creates 100,000).
    if (idempotency.size < 1000 || at - idempotencySweptAt >= 1000) {
      idempotencySweptAt = at;
      for (const [k, stored] of idempotency) if (at - stored.at > IDEMPOTENCY_TTL_MS) idempotency.delete(k);
    }
    const fingerprint = `${c.req.method} ${c.req.path}\n${canonicalJson(await c.req.raw.clone().text())}`;
    const stored = idempotency.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint || !stored.response) {
        return problem(
          c,
          409,
          'idempotency-key-in-use',
          'Idempotency key in use',
          'This Idempotency-Key was already used with a different request',
        );
      }
      const { status, body, headers } = stored.response;
      return new Response(body, { status, headers });
    }
    const entry: StoredResponse = { fingerprint, at, response: null };
    idempotency.set(key, entry);
    await next();
    if (c.res.status >= 200 && c.res.status < 300) {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'location']) {
        const value = c.res.headers.get(name);
        if (value) headers[name] = value;
      }
      entry.response = { status: c.res.status, body: await c.res.clone().text(), headers };
    } else {
      // Only completed requests are stored (inferred): a refused one may be corrected and resent.
      idempotency.delete(key);
    }
  };
  app.use('/v1/*', idempotent);

  // §3.1 Create.
  app.post('/v1/processing-terminals/:terminalId/payment-links', async (c) => {
    const terminalId = c.req.param('terminalId');
    if (terminalId !== PAYROC_EMULATOR_TERMINAL_ID) return notFound(c, 'processingTerminal');
    const body = (await readJson(c)) as Record<string, unknown> | null;
    const errors = validateLinkBody(body, today());
    if (errors.length > 0 || !body) return badRequest(c, errors);
    const order = body.order as StoredLink['order'];
    const link: StoredLink = {
      paymentLinkId: newId(),
      terminalId,
      type: body.type as LinkType,
      merchantReference: body.merchantReference as string,
      order: {
        ...(order.orderId !== undefined ? { orderId: order.orderId } : {}),
        ...(order.description !== undefined ? { description: order.description } : {}),
        charge: {
          type: order.charge.type,
          ...(order.charge.type === 'preset' ? { amount: order.charge.amount } : {}),
          currency: order.charge.currency,
        },
      },
      authType: body.authType as string,
      paymentMethods: body.paymentMethods as string[],
      ...(body.customLabels ? { customLabels: body.customLabels as StoredLink['customLabels'] } : {}),
      ...(body.credentialOnFile
        ? { credentialOnFile: body.credentialOnFile as Record<string, unknown> }
        : {}),
      ...(body.expiresOn ? { expiresOn: body.expiresOn as string } : {}),
      createdOn: today(),
      status: 'active',
      token: crypto.randomUUID(),
      payments: [],
      shares: [],
    };
    links.set(link.paymentLinkId, link);
    c.header('location', `${publicUrl}/v1/payment-links/${link.paymentLinkId}`);
    return c.json(toWire(link), 201);
  });

  // §3.2 List.
  app.get('/v1/processing-terminals/:terminalId/payment-links', (c) => {
    if (c.req.param('terminalId') !== PAYROC_EMULATOR_TERMINAL_ID) return notFound(c, 'processingTerminal');
    const q = c.req.query();
    const errors: PayrocErrorItem[] = [];
    if (q.status && !LIST_STATUSES.includes(q.status)) {
      errors.push({
        parameter: 'status',
        detail: 'Invalid value',
        message: `'status' must be one of ${LIST_STATUSES.join(', ')}`,
      });
    }
    for (const name of ['createdOn', 'expiresOn'] as const) {
      if (q[name] && !isDateOnly(q[name])) {
        errors.push({
          parameter: name,
          detail: 'Invalid value',
          message: `'${name}' must be a date in the format YYYY-MM-DD`,
        });
      }
    }
    const all = [...links.values()]
      .filter((l) => l.terminalId === c.req.param('terminalId'))
      .map(refresh)
      .filter(
        (l) =>
          (!q.merchantReference || l.merchantReference === q.merchantReference) &&
          (!q.linkType || l.type === q.linkType) &&
          (!q.chargeType || l.order.charge.type === q.chargeType) &&
          (!q.status || l.status === q.status) &&
          (!q.createdOn || l.createdOn === q.createdOn) &&
          (!q.expiresOn || l.expiresOn === q.expiresOn) &&
          (!q.recipientName ||
            l.shares.some((s) => s.recipients.some((r) => same(r.name, q.recipientName)))) &&
          (!q.recipientEmail ||
            l.shares.some((s) => s.recipients.some((r) => same(r.email, q.recipientEmail)))),
      );
    return paginate(c, all, (l) => l.paymentLinkId, toWire, errors);
  });

  // §3.3 Retrieve.
  app.get('/v1/payment-links/:paymentLinkId', (c) => {
    const link = findLink(c);
    return link ? c.json(toWire(link)) : notFound(c, 'paymentLink');
  });

  // §3.4 Partially update (JSON Patch).
  app.patch('/v1/payment-links/:paymentLinkId', async (c) => {
    const link = findLink(c);
    if (!link) return notFound(c, 'paymentLink');
    refresh(link);
    if (link.status === 'completed' || link.status === 'deactivated') {
      return problem(
        c,
        409,
        'attribute-conflict',
        'Conflict',
        `A ${link.status} payment link cannot be updated`,
      );
    }
    const {
      paymentLinkId: _id,
      assets: _assets,
      status: _status,
      createdOn: _created,
      ...doc
    } = toWire(link);
    let patched: Record<string, unknown>;
    try {
      patched = applyJsonPatch(doc, await readJson(c), PATCHABLE[link.type]);
    } catch (error) {
      if (error instanceof PatchError) return badRequest(c, [error.item]);
      throw error;
    }
    const errors = validateLinkBody(patched, today());
    if (errors.length > 0) return badRequest(c, errors);
    const order = patched.order as StoredLink['order'];
    link.order = order;
    link.authType = patched.authType as string;
    link.customLabels = patched.customLabels as StoredLink['customLabels'];
    link.credentialOnFile = patched.credentialOnFile as StoredLink['credentialOnFile'];
    link.expiresOn = patched.expiresOn as string | undefined;
    // §3.4/§4: a link can be revived by moving `expiresOn` forward; a single-use update rotates its URL.
    if (link.status === 'expired' && (!link.expiresOn || link.expiresOn >= today())) link.status = 'active';
    if (link.type === 'singleUse') link.token = crypto.randomUUID();
    return c.json(toWire(link));
  });

  // §3.5 Deactivate (irreversible).
  app.post('/v1/payment-links/:paymentLinkId/deactivate', (c) => {
    const link = findLink(c);
    if (!link) return notFound(c, 'paymentLink');
    refresh(link);
    // Inferred: deactivating an active or expired link ends it; a completed link keeps its state.
    if (link.status === 'active' || link.status === 'expired') link.status = 'deactivated';
    return c.json(toWire(link));
  });

  // §3.6 Share by e-mail.
  app.post('/v1/payment-links/:paymentLinkId/sharing-events', async (c) => {
    const link = findLink(c);
    if (!link) return notFound(c, 'paymentLink');
    const body = (await readJson(c)) as Record<string, unknown> | null;
    const errors = validateShareBody(body);
    if (errors.length > 0 || !body) return badRequest(c, errors);
    refresh(link);
    if (link.status !== 'active') {
      // Inferred: only a usable link can be shared.
      return problem(
        c,
        409,
        'attribute-conflict',
        'Conflict',
        `A ${link.status} payment link cannot be shared`,
      );
    }
    const recipients = (body.recipients as Recipient[]).map((r) => ({ name: r.name, email: r.email }));
    const event: SharingEvent = {
      sharingMethod: 'email',
      sharingEventId: newId(),
      dateTime: now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      merchantCopy: body.merchantCopy === true,
      ...(typeof body.message === 'string' ? { message: body.message } : {}),
      recipients,
    };
    link.shares.push(event);
    const to = event.merchantCopy
      ? [...recipients, { name: 'Merchant copy', email: PAYROC_EMULATOR_MERCHANT_EMAIL }]
      : recipients;
    for (const recipient of to) {
      outbox.push({
        at: event.dateTime,
        sharingEventId: event.sharingEventId,
        paymentLinkId: link.paymentLinkId,
        to: recipient,
        merchantCopy: recipient.email === PAYROC_EMULATOR_MERCHANT_EMAIL && event.merchantCopy,
        subject: `Payment request: ${link.order.description ?? link.merchantReference}`,
        message: event.message ?? null,
        paymentUrl: paymentUrl(link),
      });
    }
    return c.json(event, 201);
  });

  // §3.6 List sharing events.
  app.get('/v1/payment-links/:paymentLinkId/sharing-events', (c) => {
    const link = findLink(c);
    if (!link) return notFound(c, 'paymentLink');
    const q = c.req.query();
    const events = link.shares.filter(
      (s) =>
        (!q.recipientName || s.recipients.some((r) => same(r.name, q.recipientName))) &&
        (!q.recipientEmail || s.recipients.some((r) => same(r.email, q.recipientEmail))),
    );
    return paginate(
      c,
      events,
      (s) => s.sharingEventId,
      (s) => s,
      [],
    );
  });

  // Processing terminal (payroc-sdk-js `boarding.processingTerminals.retrieve`): only what the adapter reads.
  app.get('/v1/processing-terminals/:terminalId', (c) => {
    if (c.req.param('terminalId') !== PAYROC_EMULATOR_TERMINAL_ID) return notFound(c, 'processingTerminal');
    return c.json({
      processingTerminalId: PAYROC_EMULATOR_TERMINAL_ID,
      status: 'active',
      timezone: timeZone,
      program: 'Payroc Cloud',
      features: { paymentLinks: { enabled: true }, preAuthorizations: true },
    });
  });

  /** Every payment taken through the terminal's links, with its link, by payment method. */
  const paymentsBy = (method: 'card' | 'bankTransfer') =>
    [...links.values()].flatMap((link) =>
      link.payments.filter((p) => p.paymentMethod === method).map((payment) => ({ link, payment })),
    );
  const paymentFilter = (q: Record<string, string>) => (entry: { link: StoredLink; payment: Payment }) =>
    (!q.paymentLinkId || entry.link.paymentLinkId === q.paymentLinkId) &&
    (!q.processingTerminalId || entry.link.terminalId === q.processingTerminalId) &&
    (!q.orderId || orderIdOf(entry.link) === q.orderId) &&
    (!q.dateFrom || entry.payment.at >= new Date(q.dateFrom).toISOString()) &&
    (!q.dateTo || entry.payment.at <= new Date(q.dateTo).toISOString());
  const dateErrors = (q: Record<string, string>): PayrocErrorItem[] =>
    (['dateFrom', 'dateTo'] as const)
      .filter((name) => q[name] !== undefined && Number.isNaN(Date.parse(q[name]!)))
      .map((name) => ({
        parameter: name,
        detail: 'Invalid value',
        message: `'${name}' must be an ISO 8601 date-time`,
      }));

  // Card payments (payroc-sdk-js `cardPayments.payments.list`: GET /payments, `paymentLinkId` filter).
  app.get('/v1/payments', (c) => {
    const q = c.req.query();
    return paginate(
      c,
      paymentsBy('card').filter(paymentFilter(q)),
      (e) => e.payment.paymentId,
      (e) => cardPaymentWire(e.link, e.payment),
      dateErrors(q),
    );
  });

  // Bank-transfer payments (`bankTransferPayments.payments.list`: GET /bank-transfer-payments; the
  // terminal is required there).
  app.get('/v1/bank-transfer-payments', (c) => {
    const q = c.req.query();
    const errors = dateErrors(q);
    if (!q.processingTerminalId) {
      errors.push({
        parameter: 'processingTerminalId',
        detail: 'Required field not populated',
        message: "The 'processingTerminalId' field is required",
      });
    }
    return paginate(
      c,
      paymentsBy('bankTransfer').filter(paymentFilter(q)),
      (e) => e.payment.paymentId,
      (e) => bankTransferPaymentWire(e.link, e.payment),
      errors,
    );
  });

  // --- Hosted pay-by-link page --------------------------------------------------------------
  const byToken = (c: Context) => [...links.values()].find((l) => l.token === c.req.query('token'));
  const pageLink = (link: StoredLink) => ({
    paymentLinkId: link.paymentLinkId,
    status: refresh(link).status,
    description: link.order.description ?? null,
    charge: link.order.charge,
    paymentMethods: link.paymentMethods,
    buttonLabel: link.customLabels?.find((l) => l.element === 'paymentButton')?.label ?? 'Pay Now',
  });
  app.get('/merchant/pay-by-link', (c) => {
    const link = byToken(c);
    if (!link) return c.html(notFoundPage(), 404);
    return c.html(checkoutPage(pageLink(link), `/merchant/pay-by-link?token=${link.token}`));
  });
  app.post('/merchant/pay-by-link', async (c) => {
    const link = byToken(c);
    if (!link) return c.html(notFoundPage(), 404);
    const form = await c.req.parseBody();
    const outcome = form.outcome === 'approved' ? 'approved' : 'rejected';
    const amount = typeof form.amount === 'string' ? form.amount.trim() : undefined;
    const action = `/merchant/pay-by-link?token=${link.token}`;
    if (outcome === 'approved' && link.order.charge.type === 'prompt' && !amount) {
      return c.html(checkoutPage(pageLink(link), action, 'Enter the amount to pay.'), 400);
    }
    try {
      settle(link, outcome, {
        amount,
        paymentMethod: typeof form.paymentMethod === 'string' ? form.paymentMethod : undefined,
      });
    } catch (error) {
      return c.html(
        checkoutPage(pageLink(link), action, error instanceof Error ? error.message : String(error)),
        409,
      );
    }
    return c.html(resultPage(outcome, link.order.description ?? null));
  });

  // --- Control API ----------------------------------------------------------------------------
  control.mount(app, {
    settle(ref, outcome, input) {
      const link = links.get(ref);
      if (!link) throw new Error(`unknown payment link ${ref}`);
      return settle(link, outcome, {
        amount: typeof input.amount === 'string' ? input.amount : undefined,
        paymentMethod: typeof input.paymentMethod === 'string' ? input.paymentMethod : undefined,
      });
    },
    extend(control) {
      control.get('/_emulator/links', (c) =>
        c.json({ links: [...links.values()].map((l) => ({ ...toWire(l), payments: l.payments })) }),
      );
      control.get('/_emulator/outbox', (c) => c.json({ emails: outbox }));
      control.delete('/_emulator/outbox', (c) => {
        outbox.length = 0;
        return c.json({ emails: [] });
      });
      // Token lifetime for tokens issued from now on, so tests can exercise expiry.
      control.put('/_emulator/tokens', async (c) => {
        const input = (await readJson(c)) as { lifetimeSeconds?: unknown } | null;
        const seconds = input?.lifetimeSeconds;
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
          return c.json({ error: 'lifetimeSeconds must be a non-negative integer' }, 400);
        }
        tokenLifetimeSeconds = seconds;
        return c.json({ lifetimeSeconds: seconds });
      });
      // Expires every token issued so far (as if their lifetime had run out).
      control.post('/_emulator/tokens/expire', (c) => {
        const expired = tokens.size;
        for (const token of tokens.keys()) tokens.set(token, 0);
        return c.json({ expired });
      });
    },
  });

  return {
    name: 'payroc',
    app,
    control,
    adapterSettings: {
      baseUrl: publicUrl,
      identityUrl: publicUrl,
      apiKey: PAYROC_EMULATOR_API_KEY,
      terminalId: PAYROC_EMULATOR_TERMINAL_ID,
    },
    close() {},
  };
}

function readBodyOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The order id a link's payments carry: the single-use `order.orderId`, else the merchant reference (inferred). */
const orderIdOf = (link: StoredLink) => link.order.orderId ?? link.merchantReference;

/** `order` of a listed payment (payroc-sdk-js `PaymentOrderBase.ts` / `BankTransferPaymentOrderBase.ts`). */
const paymentOrder = (link: StoredLink, payment: Payment) => ({
  orderId: orderIdOf(link),
  dateTime: payment.at.replace(/\.\d{3}Z$/, 'Z'),
  ...(link.order.description !== undefined ? { description: link.order.description } : {}),
  // A prompt payment settled through the control API without an amount has none: 0.
  amount: payment.amount ?? 0,
  currency: payment.currency,
});

/**
 * A card payment as `GET /payments` lists it (payroc-sdk-js `RetrievedPayment.ts`, `RetrievedCard.ts`,
 * `TransactionResult.ts`). Approved: `ready` (not yet settled) with response `A`; declined: `declined`
 * with `D`; pending: `pending` with `E` ("will process the transaction later").
 */
function cardPaymentWire(link: StoredLink, payment: Payment) {
  const order = paymentOrder(link, payment);
  const result = {
    approved: { status: 'ready', responseCode: 'A', responseMessage: 'APPROVAL' },
    rejected: { status: 'declined', responseCode: 'D', responseMessage: 'DECLINED' },
    pending: { status: 'pending', responseCode: 'E', responseMessage: 'PENDING' },
  }[payment.outcome];
  return {
    paymentId: payment.paymentId,
    processingTerminalId: link.terminalId,
    order,
    card: {
      type: 'Visa Credit',
      entryMethod: 'keyed',
      cardNumber: '453985******7062',
      expiryDate: '1230',
    },
    transactionResult: {
      type: link.authType === 'preAuthorization' ? 'preAuthorization' : 'sale',
      status: result.status,
      ...(payment.outcome === 'approved' ? { approvalCode: 'OK3', authorizedAmount: order.amount } : {}),
      currency: order.currency,
      responseCode: result.responseCode,
      responseMessage: result.responseMessage,
    },
  };
}

/**
 * A bank-transfer payment as `GET /bank-transfer-payments` lists it (payroc-sdk-js
 * `BankTransferPayment.ts`, `AchBankAccount.ts`, `BankTransferResult.ts`).
 */
function bankTransferPaymentWire(link: StoredLink, payment: Payment) {
  const order = paymentOrder(link, payment);
  const result = {
    approved: { status: 'ready', responseCode: 'A' },
    rejected: { status: 'declined', responseCode: 'D' },
    pending: { status: 'pending', responseCode: 'A' },
  }[payment.outcome];
  return {
    paymentId: payment.paymentId,
    processingTerminalId: link.terminalId,
    order,
    bankAccount: {
      type: 'ach',
      secCode: 'web',
      nameOnAccount: 'Sarah Hazel Hopper',
      accountNumber: '****7890',
      routingNumber: '*****0001',
    },
    transactionResult: {
      type: 'payment',
      status: result.status,
      ...(payment.outcome === 'rejected' ? {} : { authorizedAmount: order.amount }),
      currency: order.currency,
      responseCode: result.responseCode,
    },
  };
}

const same = (a: string, b: string | undefined) => a.toLowerCase() === (b ?? '').toLowerCase();

/** Cursor pagination (§3.2, §6): `before`/`after` ids, `limit`, `hasMore` and HATEOAS `links`. */
function paginate<T, W>(
  c: Context,
  items: T[],
  idOf: (item: T) => string,
  toWire: (item: T) => W,
  errors: PayrocErrorItem[],
): Response {
  const { before, after } = c.req.query();
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    errors.push({
      parameter: 'limit',
      detail: 'Invalid value',
      message: "'limit' must be an integer from 1 to 100",
    });
  }
  if (before && after) {
    errors.push({
      parameter: 'before',
      detail: 'Invalid value',
      message: "'before' and 'after' cannot be used together",
    });
  }
  if (errors.length > 0) return badRequest(c, errors);
  let start = 0;
  let end = items.length;
  if (after) start = items.findIndex((item) => idOf(item) === after) + 1;
  if (before) {
    const index = items.findIndex((item) => idOf(item) === before);
    end = Math.max(index, 0);
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(items.length, start + limit);
  }
  const page = items.slice(start, end);
  const hasMore = before ? start > 0 : end < items.length;
  const self = new URL(c.req.url);
  const link = (rel: string, key: 'before' | 'after', id: string) => {
    const url = new URL(self);
    url.searchParams.delete('before');
    url.searchParams.delete('after');
    url.searchParams.set(key, id);
    return { rel, method: 'get', href: url.toString() };
  };
  const links = [];
  if (page.length > 0 && start > 0) links.push(link('previous', 'before', idOf(page[0]!)));
  if (page.length > 0 && end < items.length) links.push(link('next', 'after', idOf(page[page.length - 1]!)));
  return c.json({ limit, count: page.length, hasMore, links, data: page.map(toWire) });
}
