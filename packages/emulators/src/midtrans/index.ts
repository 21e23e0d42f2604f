// A local, faithful stand-in for Midtrans's Payment Link API and its hosted page
// (shared/providers/midtrans.md). Dev: http://localhost:8793, server key SB-Mid-server-paylink-emulator.
import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { EmulatorControl, readJson, type SettleOutcome } from '../common/control.ts';
import type { Emulator, EmulatorOptions } from '../common/emulator.ts';
import { linkPage, messagePage, resultPage } from './page.ts';
import {
  buildLink,
  linkDetails,
  MidtransRefusal,
  NotPayable,
  newTransaction,
  notificationBody,
  notPayableReason,
  PAYMENT_METHODS,
  type PaymentLink,
  type PaymentMethod,
  paymentAmount,
  paymentUrl,
  statusBody,
  type Transaction,
} from './store.ts';

/** Development server key: fixed and public, for the emulator only. */
export const MIDTRANS_DEV_SERVER_KEY = 'SB-Mid-server-paylink-emulator';
export const MIDTRANS_DEV_MERCHANT_ID = 'G000PAYLINK';

export interface MidtransEmulatorOptions extends EmulatorOptions {
  serverKey?: string;
  /** Every notification is sent a second time this long after the first (Midtrans re-sends; §5). */
  duplicateDelayMs?: number;
  /**
   * Waits before each retry of a failed delivery. Midtrans waits ~2, 10, 30, 90, 210 minutes (§5);
   * the emulator waits that many seconds by default.
   */
  retryDelaysMs?: readonly number[];
}

/** How many times Midtrans retries a delivery that got this answer (§5 "Delivery rules"). */
export function retriesFor(status: number | null): number {
  if (status !== null && status >= 200 && status < 300) return 0;
  switch (status) {
    case 500:
      return 1;
    case 503:
      return 4;
    case 400:
    case 404:
      return 2;
    case 301:
    case 302:
    case 303:
      return 0;
    default:
      return 5;
  }
}

const UNAUTHORIZED = { error_messages: 'Access denied due to unauthorized request' };

/** Builds the Midtrans emulator. */
export function createMidtransEmulator(options: MidtransEmulatorOptions): Emulator {
  const serverKey = options.serverKey ?? MIDTRANS_DEV_SERVER_KEY;
  const duplicateDelayMs = options.duplicateDelayMs ?? 300;
  const retryDelaysMs = options.retryDelaysMs ?? [2_000, 10_000, 30_000, 90_000, 210_000];
  const now = () => options.now?.() ?? new Date();
  const control = new EmulatorControl();
  const app = new Hono();
  const links = new Map<string, PaymentLink>();
  const bySlug = new Map<string, PaymentLink>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let nextId = 1;
  let closed = false;

  const later = (ms: number, run: () => void) => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, ms);
    timer.unref?.();
    timers.add(timer);
  };

  const deliver = async (url: string, body: unknown, attempt: number): Promise<void> => {
    const status = await control.deliver(url, body, {
      accept: 'application/json',
      'user-agent': 'Veritrans',
    });
    const delay = retryDelaysMs[attempt];
    if (attempt < retriesFor(status) && delay !== undefined)
      later(delay, () => void deliver(url, body, attempt + 1));
  };

  /** Sends the transaction's current state: now, and once more shortly after, as Midtrans does. */
  const notify = (link: PaymentLink, tx: Transaction) => {
    const url = options.notificationUrl;
    if (!url) return;
    const body = notificationBody(link, tx, MIDTRANS_DEV_MERCHANT_ID, serverKey);
    void deliver(url, body, 0);
    later(
      duplicateDelayMs,
      () => void control.deliver(url, body, { accept: 'application/json', 'user-agent': 'Veritrans' }),
    );
  };

  const setStatus = (link: PaymentLink, tx: Transaction, status: Transaction['transactionStatus']) => {
    const at = now();
    tx.transactionStatus = status;
    tx.updatedAt = at;
    if (status === 'settlement') tx.settledAt = at;
    if (status === 'capture' || status === 'authorize' || status === 'settlement') tx.fraudStatus = 'accept';
    if (status === 'deny') tx.fraudStatus = 'accept';
    notify(link, tx);
  };

  /** Starts a payment: what the page's buttons and `/_emulator/links/:ref/pay` both do. */
  const startPayment = (
    link: PaymentLink,
    outcome: SettleOutcome,
    input: Record<string, unknown>,
  ): Transaction => {
    const at = now();
    const blocked = notPayableReason(link, at);
    if (blocked) throw new NotPayable(blocked);
    const method = (input.method ??
      (outcome === 'pending' ? firstOffline(link) : 'credit_card')) as PaymentMethod;
    if (!(PAYMENT_METHODS as readonly string[]).includes(method) || !link.enabledPayments.includes(method)) {
      throw new NotPayable(`The payment method ${String(method)} is not available for this link.`);
    }
    if (method === 'credit_card' && outcome === 'pending') {
      throw new NotPayable(
        'Card payments are answered at once; choose a transfer, e-wallet or store for a pending payment.',
      );
    }
    if (link.customerRequired) {
      const given = input.first_name ?? input.email ?? input.phone;
      const known = link.customer && (link.customer.first_name || link.customer.email || link.customer.phone);
      if (!given && !known) throw new NotPayable('Enter your name, e-mail and phone to continue.');
    }
    const tx = newTransaction(link, method, paymentAmount(link, input.amount), at);
    link.transactions.push(tx);
    if (method === 'credit_card') {
      // Cards answer at once: captured (or only authorized when the link pre-authorizes) or denied.
      if (outcome === 'rejected') setStatus(link, tx, 'deny');
      else setStatus(link, tx, link.cardType === 'authorize' ? 'authorize' : 'capture');
      return tx;
    }
    // Everything else starts pending (waiting for the transfer, scan or approval).
    notify(link, tx);
    if (outcome !== 'pending') finishPending(link, tx, outcome);
    return tx;
  };

  /** A pending payment is paid (settlement) or abandoned (expire, which frees its unit). */
  const finishPending = (link: PaymentLink, tx: Transaction, outcome: 'approved' | 'rejected') => {
    if (tx.transactionStatus !== 'pending')
      throw new NotPayable(`Payment ${tx.orderId} is already ${tx.transactionStatus}.`);
    setStatus(link, tx, outcome === 'approved' ? 'settlement' : 'expire');
  };

  const settle = (ref: string, outcome: SettleOutcome, input: Record<string, unknown>) => {
    const link = links.get(ref);
    if (!link) throw new Error(`no payment link with order_id ${ref}`);
    // Without a method, approving or rejecting settles the oldest pending payment first.
    const pending = link.transactions.find((t) => t.transactionStatus === 'pending');
    let tx: Transaction;
    if (outcome !== 'pending' && input.method === undefined && pending) {
      finishPending(link, pending, outcome);
      tx = pending;
    } else {
      tx = startPayment(link, outcome, input);
    }
    return {
      order_id: tx.orderId,
      transaction_id: tx.transactionId,
      transaction_status: tx.transactionStatus,
    };
  };

  // --- Provider API (§3), behind the control middleware (records requests, applies faults).
  app.use('/v1/*', control.api());
  app.use('/v1/*', async (c, next) => {
    if (!authorized(c.req.header('authorization'), serverKey)) return c.json(UNAUTHORIZED, 401);
    await next();
  });

  app.post('/v1/payment-links', async (c) => {
    const input = await readJson(c);
    try {
      const link = buildLink(input, nextId, now());
      if (links.has(link.orderId))
        throw new MidtransRefusal(409, [`The Order ID '${link.orderId}' has been taken`]);
      if (bySlug.has(link.paymentLinkId)) {
        throw new MidtransRefusal(400, [`This Payment Link ID '${link.paymentLinkId}' has been taken`]);
      }
      nextId += 1;
      links.set(link.orderId, link);
      bySlug.set(link.paymentLinkId, link);
      return c.json({ order_id: link.orderId, payment_url: paymentUrl(link, options.publicUrl) });
    } catch (error) {
      if (error instanceof MidtransRefusal) return c.json({ error_messages: error.messages }, error.status);
      throw error;
    }
  });

  app.get('/v1/payment-links/:orderId', (c) => {
    const link = links.get(c.req.param('orderId'));
    if (!link) return notFound(c);
    return c.json(linkDetails(link, options.publicUrl, MIDTRANS_DEV_MERCHANT_ID));
  });

  app.delete('/v1/payment-links/:orderId', (c) => {
    const link = links.get(c.req.param('orderId'));
    // A second DELETE is undocumented; the emulator answers it as not found.
    if (!link || link.deletedAt) return notFound(c);
    link.deletedAt = now();
    return c.json({ message: `Payment Link with Order ID ${link.orderId} deleted` });
  });

  // --- Core API status (get-status.md): one payment, by its own order id or its transaction id.
  // This is what midtrans-client's `transaction.status()` and `transaction.notification()` call.
  app.use('/v2/*', control.api());
  app.use('/v2/*', async (c, next) => {
    // The Core API answers in its own envelope (get-status.md "Status Codes and Errors": 401).
    if (!authorized(c.req.header('authorization'), serverKey))
      return c.json({ status_code: '401', status_message: 'Authentication error' }, 401);
    await next();
  });

  app.get('/v2/:id/status', (c) => {
    const id = c.req.param('id');
    for (const link of links.values()) {
      const tx = link.transactions.find((t) => t.orderId === id || t.transactionId === id);
      if (tx) return c.json(statusBody(link, tx, MIDTRANS_DEV_MERCHANT_ID, serverKey));
    }
    // A link's own order id names no payment (a Snap order before a method is chosen answers 404
    // too: http-notification.md "Notes When Using Snap API").
    return c.json({ status_code: '404', status_message: 'The requested resource is not found' }, 404);
  });

  // --- Hosted page (the `app.*` host in the real service).
  app.get('/payment-links/:slug', (c) => {
    const link = bySlug.get(c.req.param('slug'));
    if (!link) return c.html(messagePage('Payment link not found', 'This payment link does not exist.'), 404);
    const blocked = notPayableReason(link, now());
    return c.html(linkPage(link, blocked), blocked ? 410 : 200);
  });

  app.post('/payment-links/:slug/pay', async (c) => {
    const link = bySlug.get(c.req.param('slug'));
    if (!link) return c.html(messagePage('Payment link not found', 'This payment link does not exist.'), 404);
    const form = await c.req.parseBody();
    const outcome = form.outcome;
    if (outcome !== 'approved' && outcome !== 'rejected' && outcome !== 'pending') {
      return c.html(messagePage('Payment', 'Choose how to pay.'), 400);
    }
    try {
      const tx = startPayment(link, outcome, formInput(form));
      return c.html(resultPage(link, tx));
    } catch (error) {
      if (error instanceof NotPayable) return c.html(messagePage('Payment not possible', error.message), 409);
      throw error;
    }
  });

  app.post('/payment-links/:slug/transactions/:orderId', async (c) => {
    const link = bySlug.get(c.req.param('slug'));
    const tx = link?.transactions.find((t) => t.orderId === c.req.param('orderId'));
    if (!link || !tx) return c.html(messagePage('Payment not found', 'This payment does not exist.'), 404);
    const outcome = (await c.req.parseBody()).outcome;
    if (outcome !== 'approved' && outcome !== 'rejected')
      return c.html(messagePage('Payment', 'Choose an outcome.'), 400);
    try {
      finishPending(link, tx, outcome);
      return c.html(resultPage(link, tx));
    } catch (error) {
      if (error instanceof NotPayable) return c.html(messagePage('Payment not possible', error.message), 409);
      throw error;
    }
  });

  control.mount(app, { settle });

  return {
    name: 'midtrans',
    app,
    control,
    adapterSettings: { baseUrl: options.publicUrl, serverKey },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function firstOffline(link: PaymentLink): PaymentMethod {
  return link.enabledPayments.find((m) => m !== 'credit_card') ?? 'bca_va';
}

function formInput(form: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of ['method', 'amount', 'first_name', 'email', 'phone']) {
    const value = form[key];
    if (typeof value === 'string' && value !== '') input[key] = value;
  }
  return input;
}

function notFound(c: Context) {
  return c.json(
    { error_messages: [`Payment Link with Order ID '${c.req.param('orderId')}' not found`] },
    404,
  );
}

/** Basic auth with the server key as user name; the password part is ignored (§2). */
function authorized(header: string | undefined, serverKey: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  const a = Buffer.from(user);
  const b = Buffer.from(serverKey);
  return a.length === b.length && timingSafeEqual(a, b);
}
