// The emulator's memory: links, WebCheckout sessions and payments, with the rules of provider note
// §4 (quota of approved payments, isGeneric, expiry) and the notifications of §5.
import { createHash, randomBytes } from 'node:crypto';
import type { Site } from './auth.ts';
import type { SiteClock } from './dates.ts';
import { SITE_PAYMENT_METHODS } from './validation.ts';

export type LinkState = 'ACTIVE' | 'INACTIVE' | 'EXPIRED';
export type PaymentState = 'APPROVED' | 'REJECTED' | 'PENDING';

/** The WebCheckout payer (note §3.2, `payments[].payer`). */
export interface Payer {
  name: string;
  surname: string;
  email: string;
  phone: string;
  document: string;
  documentType: string;
}

/** Who pays when the control API names nobody. */
export const DEFAULT_PAYER: Payer = {
  name: 'Ana',
  surname: 'Pérez',
  email: 'ana.perez@example.com',
  phone: '+573001234567',
  document: '1000000001',
  documentType: 'CC',
};

/** One entry of `payments[]`, with the documented fields (note §3.2). */
export interface PaymentRecord {
  id: number;
  requestId: number;
  status: PaymentState;
  message: string;
  processUrl: string;
  amount: { currency: string; total: string };
  receipt: string;
  authorization: string;
  franchise: string;
  paymentMethod: string;
  issuerName: string;
  merchantCode: string;
  terminalNumber: string;
  lastDigits: string;
  paymentDate: string;
  internalReference: number;
  installments: number;
  payer: Payer;
}

export interface Tax {
  kind: string;
  amount: number;
  base?: number;
}

export interface LinkRecord {
  id: number;
  code: string;
  site: Site;
  name: string;
  reference: string;
  description: string;
  expiresAt: Date;
  /** `expiresAt` on the site's wall clock, as sent (`YYYY-MM-DD HH:mm:ss`). */
  expirationDate: string;
  paymentExpiration: number;
  /** null: unlimited (`paymentsAllowed` omitted). */
  paymentsAllowed: number | null;
  isGeneric: boolean;
  skipResult: boolean;
  notificationUrl: string | null;
  locale: string;
  allowedPaymentMethods: string[];
  amount: { currency: string; total: number; taxes: Tax[] };
  metadata: Record<string, unknown>;
  recipients: unknown[];
  additional: unknown[];
  status: LinkState;
  payments: PaymentRecord[];
}

/** A WebCheckout session opened by the link page's Pay button (or the control API). */
export interface CheckoutSession {
  requestId: number;
  key: string;
  linkId: number;
  expiresAt: Date;
  paymentId: number | null;
}

/** A payment the link cannot take; the message is shown on the page or returned by the control API. */
export class PaymentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentRefused';
  }
}

export interface StoreOptions {
  publicUrl: string;
  now: () => Date;
  /** The site's zone: expirationDate, paymentDate and status.date are its wall-clock time. */
  clock: SiteClock;
  /** Sends one notification (single attempt, note §5). */
  notify(url: string, body: unknown): void;
}

const SITE_LOCALE = 'es_CO';
const LOCALE = /^(es|en|pt|it)_[A-Z]{2}$/;
const FRANCHISES: Record<string, string> = {
  visa: 'CR_VS',
  master: 'RM_MC',
  amex: 'CR_AM',
  diners: 'CR_DN',
  pse: '_PSE_',
};
const MESSAGES: Record<PaymentState, string> = {
  APPROVED: 'La petición ha sido aprobada exitosamente',
  REJECTED: 'La petición ha sido rechazada',
  PENDING: 'La petición se encuentra pendiente',
};

/** Links, sessions and payments of one emulator. */
export class PlacetopayStore {
  readonly #options: StoreOptions;
  readonly #links = new Map<number, LinkRecord>();
  readonly #sessions = new Map<number, CheckoutSession>();
  #nextLinkId = 1;
  #nextPaymentId = 1;
  #nextRequestId = 84_000;
  #nextInternalReference = 430_000;

  constructor(options: StoreOptions) {
    this.#options = options;
  }

  get now(): Date {
    return this.#options.now();
  }

  /** `status.date`: ISO 8601 with the site's offset (documented examples are `-05:00`). */
  statusDate(at: Date): string {
    return this.#options.clock.isoDate(at);
  }

  /** `expirationDate`/`paymentDate`: `YYYY-MM-DD HH:mm:ss` on the site's wall clock. */
  wallClock(at: Date): string {
    return this.#options.clock.wallClock(at);
  }

  /** Stores a link from a validated create body. */
  createLink(site: Site, body: Record<string, unknown>): LinkRecord {
    const payment = body.payment as {
      amount: { currency: string; total: number; taxes?: Tax[] };
      modifiers?: unknown[];
    };
    const recipients = Array.isArray(body.recipients)
      ? body.recipients
      : Array.isArray(body.receiverEmails)
        ? body.receiverEmails.map((email) => ({ email }))
        : [];
    const link: LinkRecord = {
      // Sequential ids, as Placetopay's (note §3.1).
      id: this.#nextLinkId++,
      code: randomBytes(20).toString('hex'),
      site,
      name: body.name as string,
      reference: body.reference as string,
      description: body.description as string,
      expiresAt: this.#options.clock.parseWallClock(body.expirationDate as string)!,
      expirationDate: body.expirationDate as string,
      paymentExpiration: body.paymentExpiration as number,
      paymentsAllowed: typeof body.paymentsAllowed === 'number' ? body.paymentsAllowed : null,
      isGeneric: body.isGeneric === true,
      skipResult: body.skipResult === true,
      notificationUrl: typeof body.notificationUrl === 'string' ? body.notificationUrl : null,
      // A missing or invalid locale falls back to the site's default (note §6).
      locale: typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : SITE_LOCALE,
      allowedPaymentMethods: Array.isArray(body.paymentMethod)
        ? [...(body.paymentMethod as string[])]
        : [...SITE_PAYMENT_METHODS],
      amount: {
        currency: payment.amount.currency,
        total: payment.amount.total,
        taxes: payment.amount.taxes ?? [],
      },
      metadata: payment.modifiers ? { discount: payment.modifiers } : {},
      recipients,
      additional: Array.isArray(body.additional) ? body.additional : [],
      status: 'ACTIVE',
      payments: [],
    };
    this.#links.set(link.id, link);
    return link;
  }

  get(linkId: number): LinkRecord | undefined {
    this.expireDue();
    return this.#links.get(linkId);
  }

  /** The link page's URL (`GET /link/show?genid=..&code=..`, note §1). */
  urlOf(link: LinkRecord): string {
    return `${this.#options.publicUrl}/link/show?genid=${link.id}&code=${link.code}`;
  }

  approvedCount(link: LinkRecord): number {
    return link.payments.filter((p) => p.status === 'APPROVED').length;
  }

  /** `availablePayments`; null when unlimited. */
  available(link: LinkRecord): number | null {
    return link.paymentsAllowed === null
      ? null
      : Math.max(0, link.paymentsAllowed - this.approvedCount(link));
  }

  /** Why the link cannot take a payment now, or null when it can. */
  refusal(link: LinkRecord): string | null {
    if (link.status === 'INACTIVE') return 'This payment link has been disabled.';
    if (link.status === 'EXPIRED') return 'This payment link has expired.';
    // Once the quota is used up the link stays ACTIVE with availablePayments 0 (inferred, note §4).
    if (this.available(link) === 0) return 'This payment link has no payments available.';
    return null;
  }

  /** Marks ACTIVE links past their expirationDate EXPIRED and notifies each once. */
  expireDue(): void {
    const now = this.now;
    for (const link of this.#links.values()) {
      if (link.status !== 'ACTIVE' || link.expiresAt.getTime() > now.getTime()) continue;
      link.status = 'EXPIRED';
      // The documented EXPIRED message (notification.mdx).
      this.#notify(link, 'EXPIRED', 'The link has expired.', now);
    }
  }

  /** `POST /api/payment-link/disable/{id}`: null when done, else the 400 message (note §3.3). */
  disable(link: LinkRecord): string | null {
    if (link.status === 'INACTIVE') {
      return `El link de pago con ID ${link.id} está desactivado. No se puede realizar ninguna operación.`;
    }
    if (link.status === 'EXPIRED') {
      return `El link de pago con ID ${link.id} está expirado. No se puede realizar ninguna operación.`;
    }
    link.status = 'INACTIVE';
    return null;
  }

  /** Opens a WebCheckout session for the link (the Pay button). */
  openSession(link: LinkRecord): CheckoutSession {
    this.expireDue();
    const refused = this.refusal(link);
    if (refused) throw new PaymentRefused(refused);
    const session: CheckoutSession = {
      requestId: this.#nextRequestId++,
      key: randomBytes(16).toString('hex'),
      linkId: link.id,
      expiresAt: new Date(this.now.getTime() + link.paymentExpiration * 60_000),
      paymentId: null,
    };
    this.#sessions.set(session.requestId, session);
    return session;
  }

  session(requestId: number, key: string): CheckoutSession | undefined {
    const session = this.#sessions.get(requestId);
    return session && session.key === key ? session : undefined;
  }

  /** The session of the link's latest PENDING payment, which a later outcome settles. */
  pendingSession(link: LinkRecord): CheckoutSession | undefined {
    const pending = link.payments.findLast((p) => p.status === 'PENDING');
    return pending ? this.#sessions.get(pending.requestId) : undefined;
  }

  paymentOf(session: CheckoutSession): PaymentRecord | undefined {
    return this.#links.get(session.linkId)?.payments.find((p) => p.id === session.paymentId);
  }

  processUrl(session: CheckoutSession): string {
    return `${this.#options.publicUrl}/spa/session/${session.requestId}/${session.key}`;
  }

  /**
   * Ends a checkout session with an outcome: the one code path behind the checkout page's buttons
   * and `POST /_emulator/links/:ref/pay`. Approval consumes the quota and sends `PAID`; a decline is
   * a REJECTED payment that leaves the link usable (note §4).
   */
  completeSession(
    session: CheckoutSession,
    outcome: 'approved' | 'rejected' | 'pending',
    payer: Payer = DEFAULT_PAYER,
    method?: string,
  ): PaymentRecord {
    this.expireDue();
    const link = this.#links.get(session.linkId);
    if (!link) throw new PaymentRefused('Unknown payment link.');
    const existing = this.paymentOf(session);
    if (existing && existing.status !== 'PENDING') {
      throw new PaymentRefused(`This payment is already ${existing.status}.`);
    }
    const now = this.now;
    if (!existing && now.getTime() > session.expiresAt.getTime()) {
      throw new PaymentRefused('This checkout session has expired.');
    }
    if (link.status !== 'ACTIVE') throw new PaymentRefused(this.refusal(link)!);
    const who = existing?.payer ?? payer;
    if (outcome === 'approved') {
      if (this.available(link) === 0) throw new PaymentRefused(this.refusal(link)!);
      // Without isGeneric one payer may not pay the link twice (note §3.1); payers are told apart by document.
      const paidBefore = link.payments.some(
        (p) =>
          p.status === 'APPROVED' &&
          p.payer.document === who.document &&
          p.payer.documentType === who.documentType,
      );
      if (!link.isGeneric && paidBefore) throw new PaymentRefused('This payer has already paid this link.');
    }
    const status: PaymentState =
      outcome === 'approved' ? 'APPROVED' : outcome === 'rejected' ? 'REJECTED' : 'PENDING';
    const paymentMethod =
      method && link.allowedPaymentMethods.includes(method) ? method : defaultMethod(link);
    const approved = status === 'APPROVED';
    const payment: PaymentRecord = existing ?? {
      id: this.#nextPaymentId++,
      requestId: session.requestId,
      status,
      message: '',
      processUrl: this.processUrl(session),
      // `total` is a string in payments (note §3.2).
      amount: { currency: link.amount.currency, total: String(link.amount.total) },
      receipt: '',
      authorization: '',
      franchise: FRANCHISES[paymentMethod] ?? paymentMethod.toUpperCase(),
      paymentMethod,
      issuerName: 'EMULATOR BANK',
      merchantCode: '012988341',
      terminalNumber: '00022645',
      lastDigits: paymentMethod === 'pse' ? '' : '1111',
      paymentDate: '',
      internalReference: this.#nextInternalReference++,
      installments: 1,
      payer,
    };
    payment.status = status;
    payment.message = MESSAGES[status];
    payment.paymentDate = this.wallClock(now);
    if (approved) {
      payment.receipt = digits(payment.requestId, 8);
      payment.authorization = digits(payment.internalReference, 6);
    }
    if (!existing) {
      link.payments.push(payment);
      session.paymentId = payment.id;
    }
    if (approved) this.#notify(link, 'PAID', 'You have a transaction in approved status', now);
    return payment;
  }

  /** The query answer (note §3.2). */
  view(link: LinkRecord): Record<string, unknown> {
    return {
      id: link.id,
      status: link.status,
      url: this.urlOf(link),
      expirationDate: link.expirationDate,
      name: link.name,
      reference: link.reference,
      description: link.description,
      // Unlimited links answer null for both (undocumented; inferred).
      totalPayments: link.paymentsAllowed,
      availablePayments: this.available(link),
      paymentExpiration: link.paymentExpiration,
      amount: link.amount,
      site: { id: link.site.id, name: link.site.name },
      notificationUrl: link.notificationUrl,
      locale: link.locale,
      allowedPaymentMethods: link.allowedPaymentMethods,
      metadata: link.metadata,
      payments: link.payments,
      isGeneric: link.isGeneric,
      skipResult: link.skipResult,
      recipients: link.recipients,
    };
  }

  #notify(link: LinkRecord, event: 'PAID' | 'EXPIRED', message: string, at: Date): void {
    if (!link.notificationUrl) return;
    const date = this.statusDate(at);
    // signature = hex SHA-256(linkId + status.status + status.date + secretKey) (note §5).
    const signature = createHash('sha256')
      .update(`${link.id}${event}${date}${link.site.secretKey}`)
      .digest('hex');
    this.#options.notify(link.notificationUrl, {
      status: { status: event, reason: 200, message, date },
      linkId: link.id,
      reference: link.reference,
      signature,
    });
  }
}

function defaultMethod(link: LinkRecord): string {
  return link.allowedPaymentMethods.find((m) => m !== 'pse') ?? link.allowedPaymentMethods[0] ?? 'visa';
}

function digits(seed: number, length: number): string {
  return String(seed).padStart(length, '0').slice(-length);
}
