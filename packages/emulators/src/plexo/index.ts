// A local stand-in for Plexo's Payment Links REST API v1 and its hosted checkout
// (shared/providers/plexo.md, seed shared/seeds/002 "Create a Payment Link").
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { EmulatorControl, type SettleOutcome } from '../common/control.ts';
import type { Emulator, EmulatorOptions } from '../common/emulator.ts';
import { buildCallback, paymentDtoOf } from './callback.ts';
import {
  compare,
  decimalOf,
  decimalText,
  isJsonNumber,
  type JsonNumber,
  jsonNumber,
  parseExact,
  type Scaled,
  ZERO,
} from './json.ts';
import { checkoutPage, type PageLink, preCheckoutPage, resultPage, unavailablePage } from './pages.ts';
import { type MerchantConfig, type ValidationParams, validateCreate } from './validation.ts';

/** Development credentials (README): Basic `paylink-dev:plexo-emulator-key`, merchant 4321. */
export const PLEXO_DEV_CREDENTIALS = {
  clientId: 'paylink-dev',
  apiKey: 'plexo-emulator-key',
  merchantId: '4321',
} as const;

/** What the dev merchant has enabled (inferred: Plexo's card brands in Uruguay). */
const MERCHANT: MerchantConfig = {
  methods: ['VISA', 'MASTERCARD', 'OCA', 'CREDITEL', 'CABAL', 'DINERS', 'AMEX', 'LIDER'],
  methodTypes: ['card'],
  quickPay: false,
};
const OWNED_MERCHANTS: ReadonlySet<number> = new Set([Number(PLEXO_DEV_CREDENTIALS.merchantId)]);
const EXTERNAL_ID = 'pl_[A-Za-z0-9]{8,32}';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

type Json = Record<string, unknown>;
type PlexoStatus = 'active' | 'expired' | 'completed' | 'deleted';

interface Payment {
  /** 24 hex digits, like the payment ids in the public examples. */
  id: string;
  transactionId: string;
  status: 'approved' | 'declined' | 'pending';
  currency: string;
  total: JsonNumber;
  paymentMethod: string;
  installments: number;
  createdAt: string;
}

interface StoredLink {
  id: string;
  externalId: string;
  merchantId: number;
  type: string;
  status: PlexoStatus;
  /** The create body as received (numbers kept as their source text). */
  body: Json;
  settings: Json;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
  updatedAt: string | null;
  payments: Payment[];
}

interface PayInput {
  amount?: unknown;
  currency?: unknown;
  method?: unknown;
  installments?: unknown;
}

/** A payment that cannot go through; the page shows the message, the control API answers 409. */
class PaymentRefused extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

/** ISO 8601 in UTC as the seed's examples write it (`2025-08-01T00:00:00Z`). */
function isoUtc(value: string | Date): string {
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

function randomExternalId(): string {
  const bytes = randomBytes(8);
  return `pl_${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** A 24-hex id, the shape of payment and transaction ids in the public examples. */
function hexId(): string {
  return randomBytes(12).toString('hex');
}

function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Creates the Plexo emulator (served at http://localhost:8792 in development). */
export function createPlexoEmulator(options: EmulatorOptions): Emulator {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const now = () => options.now?.() ?? new Date();
  const control = new EmulatorControl();
  const links = new Map<string, StoredLink>();
  const byExternalId = new Map<string, StoredLink>();
  const payments = new Map<string, { link: StoredLink; payment: Payment }>();
  let traceCounter = 0;
  const tracePrefix = `0HM${randomBytes(5).toString('hex').toUpperCase()}`;

  /** Plexo's error envelope (§3.1 "Error (400)"; 401/403/404 assumed to share it, plexo.md §3.1). */
  const envelope = (
    c: Context,
    status: 400 | 401 | 403 | 404,
    code: string,
    message: string,
    params?: ValidationParams,
  ) => {
    traceCounter += 1;
    const type =
      status === 401 ? 'authentication-error' : status === 403 ? 'permission-error' : 'invalid-request-error';
    return c.json(
      {
        code,
        message,
        type,
        status,
        traceId: `${tracePrefix}:${String(traceCounter).padStart(8, '0')}`,
        ...(params ? { params } : {}),
      },
      status,
    );
  };

  const shareUrlOf = (link: StoredLink) => `${publicUrl}/${link.externalId}`;
  const qrCodeUrlOf = (link: StoredLink) => `${publicUrl}/v1/public/payment-links/${link.externalId}/qr.svg`;

  /** Moves an active link past `validUntil` to `expired` (§4). */
  const refresh = (link: StoredLink): StoredLink => {
    if (link.status === 'active' && link.validUntil && Date.parse(link.validUntil) <= now().getTime()) {
      link.status = 'expired';
      link.updatedAt = link.validUntil;
    }
    return link;
  };

  const flexibleOf = (link: StoredLink) => {
    if (link.settings.amountMode !== 'flexible') return null;
    const f = isObject(link.settings.flexibleAmount) ? link.settings.flexibleAmount : {};
    const currencies = Array.isArray(f.allowedCurrencies) ? (f.allowedCurrencies as string[]) : [];
    return {
      min: decimalOf(f.minAmount),
      max: decimalOf(f.maxAmount),
      suggested: decimalOf(f.suggestedAmount),
      currencies: currencies.length ? currencies : ['UYU'],
    };
  };

  const methodsOf = (link: StoredLink): readonly string[] =>
    Array.isArray(link.settings.paymentMethods)
      ? (link.settings.paymentMethods as string[])
      : MERCHANT.methods;

  const installmentsOf = (link: StoredLink): Record<string, number[]> | null => {
    if (!isObject(link.settings.installments)) return null;
    return Object.fromEntries(
      Object.entries(link.settings.installments).map(([key, counts]) => [
        key,
        (counts as JsonNumber[]).map((n) => Number(n.rawJSON)),
      ]),
    );
  };

  const fixedAmountOf = (link: StoredLink) =>
    link.settings.amountMode === 'fixed' && isObject(link.body.amount)
      ? { currency: link.body.amount.currency as string, total: link.body.amount.total as JsonNumber }
      : null;

  const pageLink = (link: StoredLink): PageLink => ({
    externalId: link.externalId,
    shareUrl: shareUrlOf(link),
    displayName: typeof link.body.displayName === 'string' ? link.body.displayName : null,
    description: typeof link.body.description === 'string' ? link.body.description : null,
    amount: fixedAmountOf(link),
    flexible: flexibleOf(link),
    items: (Array.isArray(link.body.items) ? (link.body.items as Json[]) : []).map((item) => ({
      name: String(item.name),
      quantity: (item.quantity as JsonNumber).rawJSON,
      price: (item.price as JsonNumber).rawJSON,
    })),
    methods: methodsOf(link),
    installments: installmentsOf(link),
  });

  /** `PaymentLinkDto` with every key present, `null` where unset (§3.1 "Response"). */
  const dtoOf = (link: StoredLink) => {
    const s = link.settings;
    const flexible = isObject(s.flexibleAmount) ? s.flexibleAmount : null;
    const amount = fixedAmountOf(link);
    const rule = (r: unknown) => (isObject(r) ? { type: r.type, value: orNull(r.value) } : null);
    return {
      id: link.id,
      externalId: link.externalId,
      shareUrl: shareUrlOf(link),
      qrCodeUrl: qrCodeUrlOf(link),
      merchantId: link.merchantId,
      type: link.type,
      amount: amount ? { ...amount, details: orNull((link.body.amount as Json).details) } : null,
      settings: {
        amountMode: s.amountMode,
        paymentMethodTypes: orNull(s.paymentMethodTypes),
        paymentMethods: orNull(s.paymentMethods),
        installments: orNull(s.installments),
        callbackUrl: orNull(s.callbackUrl),
        flexibleAmount: flexible
          ? {
              minAmount: orNull(flexible.minAmount),
              maxAmount: orNull(flexible.maxAmount),
              suggestedAmount: orNull(flexible.suggestedAmount),
              allowedCurrencies: orNull(flexible.allowedCurrencies),
            }
          : null,
        skipPreCheckout: s.skipPreCheckout ?? false,
      },
      validFrom: link.validFrom,
      validUntil: link.validUntil,
      displayName: orNull(link.body.displayName),
      description: orNull(link.body.description),
      items: Array.isArray(link.body.items)
        ? (link.body.items as Json[]).map((item) => ({
            referenceId: orNull(item.referenceId),
            name: item.name,
            description: orNull(item.description),
            quantity: item.quantity,
            price: item.price,
            discount: orNull(item.discount),
            tax: orNull(item.tax),
            metadata: orNull(item.metadata),
          }))
        : null,
      status: link.status,
      createdAt: link.createdAt,
      updatedAt: link.updatedAt,
      splitDestinations: Array.isArray(link.body.splitDestinations)
        ? (link.body.splitDestinations as Json[]).map((leg) => ({
            destinationMerchantId: orNull(leg.destinationMerchantId),
            subMerchantReference: orNull(leg.subMerchantReference),
            amountRule: rule(leg.amountRule),
            vatRule: rule(leg.vatRule),
            routingMetadata: orNull(leg.routingMetadata),
          }))
        : null,
    };
  };

  /** Why a link cannot take a payment now, or null. */
  const unpayable = (link: StoredLink): { message: string; status: number } | null => {
    refresh(link);
    if (link.status === 'deleted')
      return { message: 'This payment link is no longer available.', status: 410 };
    if (link.status === 'expired') return { message: 'This payment link has expired.', status: 410 };
    if (link.status === 'completed')
      return { message: 'This payment link has already been paid.', status: 200 };
    if (link.validFrom && Date.parse(link.validFrom) > now().getTime()) {
      return { message: `This payment link can be paid from ${link.validFrom}.`, status: 200 };
    }
    return null;
  };

  /** The amount being paid: the fixed total, or the payer's amount within the flexible bounds. */
  const amountToPay = (link: StoredLink, input: PayInput): { currency: string; total: JsonNumber } => {
    const fixed = fixedAmountOf(link);
    if (fixed) return fixed;
    const f = flexibleOf(link)!;
    const currency = typeof input.currency === 'string' && input.currency ? input.currency : f.currencies[0]!;
    if (!f.currencies.includes(currency))
      throw new PaymentRefused(`Currency ${currency} is not accepted by this link.`);
    let amount: Scaled | null;
    if (input.amount === undefined || input.amount === '') amount = f.suggested ?? f.min;
    else
      amount = typeof input.amount === 'number' ? decimalOf(String(input.amount)) : decimalOf(input.amount);
    if (!amount) throw new PaymentRefused('Enter the amount to pay, e.g. 1500.00.');
    if (amount.scale > 2 && amount.units % 10n ** BigInt(amount.scale - 2) !== 0n) {
      throw new PaymentRefused('The amount can have at most 2 decimals.');
    }
    if (compare(amount, ZERO) <= 0) throw new PaymentRefused('The amount must be greater than 0.');
    if (f.min && compare(amount, f.min) < 0)
      throw new PaymentRefused(`The amount must be at least ${decimalText(f.min)}.`);
    if (f.max && compare(amount, f.max) > 0)
      throw new PaymentRefused(`The amount must be at most ${decimalText(f.max)}.`);
    return { currency, total: jsonNumber(decimalText(amount)) };
  };

  /** One payment attempt: the hosted page's buttons and `/_emulator/links/:ref/pay` both land here. */
  const pay = (link: StoredLink, outcome: SettleOutcome, input: PayInput): Payment => {
    const blocked = unpayable(link);
    if (blocked) throw new PaymentRefused(blocked.message, 409);
    const { currency, total } = amountToPay(link, input);
    const methods = methodsOf(link);
    const method = typeof input.method === 'string' && input.method ? input.method : methods[0]!;
    if (!methods.includes(method))
      throw new PaymentRefused(`Payment method ${method} is not accepted by this link.`);
    const installments =
      input.installments === undefined || input.installments === '' ? 1 : Number(input.installments);
    const map = installmentsOf(link);
    const allowed = map?.[method] ?? map?.['*'] ?? [1];
    if (!allowed.includes(installments)) {
      throw new PaymentRefused(`${method} allows ${allowed.join(', ')} installments on this link.`);
    }
    const at = isoUtc(now());
    const payment: Payment = {
      id: hexId(),
      transactionId: hexId(),
      status: outcome === 'approved' ? 'approved' : outcome === 'rejected' ? 'declined' : 'pending',
      currency,
      total,
      paymentMethod: method,
      installments,
      createdAt: at,
    };
    link.payments.push(payment);
    payments.set(payment.id, { link, payment });
    // §4: a one-time link "becomes inactive after the first successful payment".
    if (payment.status === 'approved' && link.type === 'one-time') {
      link.status = 'completed';
      link.updatedAt = at;
    }
    const url =
      typeof link.settings.callbackUrl === 'string' ? link.settings.callbackUrl : options.notificationUrl;
    if (url) {
      const callback = buildCallback(link, payment);
      void control.deliver(url, callback.body, callback.headers);
    }
    return payment;
  };

  const app = new Hono();
  app.use('/v1/*', control.api());

  // §2: HTTP Basic on every authenticated request; 401 for missing or wrong credentials.
  const authenticate = async (c: Context, next: () => Promise<void>) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const ok =
      colon > 0 &&
      sameSecret(decoded.slice(0, colon), PLEXO_DEV_CREDENTIALS.clientId) &&
      sameSecret(decoded.slice(colon + 1), PLEXO_DEV_CREDENTIALS.apiKey);
    if (!ok) {
      c.header('www-authenticate', 'Basic realm="Plexo"');
      return envelope(c, 401, 'unauthorized', 'Authentication required or credentials invalid.');
    }
    await next();
  };
  app.use('/v1/payment-links', authenticate);
  app.use('/v1/payment-links/*', authenticate);
  app.use('/v1/payments/*', authenticate);

  app.post('/v1/payment-links', async (c) => {
    let body: unknown;
    try {
      body = parseExact(await c.req.text());
    } catch {
      return envelope(c, 400, 'request-validation-errors', 'One or more validation errors occurred.', {
        $: ['The request body is not valid JSON.'],
      });
    }
    const params = validateCreate(body, MERCHANT, now());
    if (Object.keys(params).length) {
      return envelope(c, 400, 'request-validation-errors', 'One or more validation errors occurred.', params);
    }
    const fields = body as Json;
    const merchantId = Number((fields.merchantId as JsonNumber).rawJSON);
    if (!OWNED_MERCHANTS.has(merchantId)) {
      return envelope(
        c,
        403,
        'forbidden',
        'The authenticated client does not have access to the specified merchant.',
      );
    }
    let externalId = randomExternalId();
    while (byExternalId.has(externalId)) externalId = randomExternalId();
    const link: StoredLink = {
      id: randomUUID(),
      externalId,
      merchantId,
      type: fields.type as string,
      status: 'active',
      body: fields,
      settings: fields.settings as Json,
      validFrom: typeof fields.validFrom === 'string' ? isoUtc(fields.validFrom) : null,
      validUntil: typeof fields.validUntil === 'string' ? isoUtc(fields.validUntil) : null,
      createdAt: isoUtc(now()),
      updatedAt: null,
      payments: [],
    };
    links.set(link.id, link);
    byExternalId.set(link.externalId, link);
    return c.json(dtoOf(link), 201);
  });

  // Inferred (plexo.md §3): read and delete by the internal GUID `id`.
  app.get('/v1/payment-links/:id', (c) => {
    const link = links.get(c.req.param('id'));
    if (!link) return envelope(c, 404, 'not-found', 'Payment link not found.');
    return c.json(dtoOf(refresh(link)));
  });

  app.delete('/v1/payment-links/:id', (c) => {
    const link = links.get(c.req.param('id'));
    if (!link) return envelope(c, 404, 'not-found', 'Payment link not found.');
    if (link.status !== 'deleted') {
      link.status = 'deleted';
      link.updatedAt = isoUtc(now());
    }
    return c.body(null, 204);
  });

  // Documented (Callbacks Guide): the canonical `PaymentDto` after a callback.
  app.get('/v1/payments/:paymentId', (c) => {
    const found = payments.get(c.req.param('paymentId'));
    if (!found) return envelope(c, 404, 'not-found', 'Payment not found.');
    return c.json(paymentDtoOf(found.link, found.payment));
  });

  // Public, no authentication (the `/public/` segment, plexo.md §1).
  app.get(`/v1/public/payment-links/:externalId{${EXTERNAL_ID}}/qr.svg`, async (c) => {
    const link = byExternalId.get(c.req.param('externalId'));
    if (!link) return envelope(c, 404, 'not-found', 'Payment link not found.');
    // The same library and settings as the proxy's own QR images (packages/proxy/src/qr.ts).
    const svg = await QRCode.toString(shareUrlOf(link), {
      type: 'svg',
      margin: 4,
      errorCorrectionLevel: 'M',
    });
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
  });

  // Hosted pages at the share URL.
  const pageHtml = (c: Context, view: { html: string; status: number }) =>
    c.html(view.html, view.status as 200);

  app.get(`/:externalId{${EXTERNAL_ID}}`, (c) => {
    const link = byExternalId.get(c.req.param('externalId'));
    if (!link) return pageHtml(c, unavailablePage(null, 'This payment link does not exist.', 404));
    const blocked = unpayable(link);
    if (blocked) return pageHtml(c, unavailablePage(pageLink(link), blocked.message, blocked.status));
    // §3.1 skipPreCheckout: "skips the pre-checkout landing and redirects the payer directly to checkout".
    if (link.settings.skipPreCheckout === true) return c.redirect(`${shareUrlOf(link)}/checkout`, 302);
    return pageHtml(c, preCheckoutPage(pageLink(link)));
  });

  app.get(`/:externalId{${EXTERNAL_ID}}/checkout`, (c) => {
    const link = byExternalId.get(c.req.param('externalId'));
    if (!link) return pageHtml(c, unavailablePage(null, 'This payment link does not exist.', 404));
    const blocked = unpayable(link);
    if (blocked) return pageHtml(c, unavailablePage(pageLink(link), blocked.message, blocked.status));
    return pageHtml(c, checkoutPage(pageLink(link)));
  });

  app.post(`/:externalId{${EXTERNAL_ID}}/checkout`, async (c) => {
    const link = byExternalId.get(c.req.param('externalId'));
    if (!link) return pageHtml(c, unavailablePage(null, 'This payment link does not exist.', 404));
    const form = await c.req.parseBody();
    const input: Record<string, string> = {};
    for (const key of ['outcome', 'amount', 'currency', 'method', 'installments']) {
      if (typeof form[key] === 'string') input[key] = form[key] as string;
    }
    const outcome = input.outcome === 'approved' || input.outcome === 'rejected' ? input.outcome : null;
    if (!outcome) return pageHtml(c, checkoutPage(pageLink(link), 'Choose approve or decline.', input));
    try {
      const payment = pay(link, outcome, input);
      return pageHtml(c, resultPage(pageLink(link), payment.status, link.status === 'active'));
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      const blocked = unpayable(link);
      if (blocked) return pageHtml(c, unavailablePage(pageLink(link), blocked.message, blocked.status));
      return pageHtml(c, checkoutPage(pageLink(link), error.message, input));
    }
  });

  const find = (ref: string) => links.get(ref) ?? byExternalId.get(ref);
  control.mount(app, {
    settle(ref, outcome, input) {
      const link = find(ref);
      if (!link) throw new Error(`no Plexo payment link ${ref}`);
      const payment = pay(link, outcome, input as PayInput);
      return {
        paymentId: payment.id,
        transactionId: payment.transactionId,
        status: payment.status,
        linkStatus: link.status,
      };
    },
    extend(control) {
      // The link with the payments made through it (Plexo's DTO has no payments).
      control.get('/_emulator/links/:ref', (c) => {
        const link = find(c.req.param('ref'));
        if (!link) return c.json({ error: 'no such link' }, 404);
        return c.json({ link: dtoOf(refresh(link)), payments: link.payments });
      });
    },
  });

  return {
    name: 'plexo',
    app,
    control,
    adapterSettings: {
      baseUrl: publicUrl,
      clientId: PLEXO_DEV_CREDENTIALS.clientId,
      apiKey: PLEXO_DEV_CREDENTIALS.apiKey,
      merchantId: PLEXO_DEV_CREDENTIALS.merchantId,
    },
    close() {},
  };
}
