// A local stand-in for Placetopay's Payment Link API and its hosted pages (provider note
// /work/shared/providers/placetopay.md, §8 "Emulator notes").
import { type Context, Hono } from 'hono';
import { EmulatorControl } from '../common/control.ts';
import type { Emulator, EmulatorOptions } from '../common/emulator.ts';
import { DEV_LOGIN, DEV_SECRET_KEY, defaultSites, verifyAuth } from './auth.ts';
import { DEFAULT_SITE_TIME_ZONE, SiteClock } from './dates.ts';
import { checkoutPage, linkPage, messagePage, resultPage } from './pages.ts';
import { DEFAULT_PAYER, type LinkRecord, type Payer, PaymentRefused, PlacetopayStore } from './store.ts';
import { validateCreate } from './validation.ts';

export { DEV_LOGIN, DEV_SECRET_KEY } from './auth.ts';
export { DEFAULT_SITE_TIME_ZONE } from './dates.ts';

export interface PlacetopayEmulatorOptions extends EmulatorOptions {
  /** How often expired links are swept (and `EXPIRED` sent); default 1000 ms. */
  sweepIntervalMs?: number;
  /**
   * IANA zone of the site's wall clock (`expirationDate`, `paymentDate`, `status.date`); default
   * `America/Bogota`, the zone of every documented example.
   */
  timeZone?: string;
}

type Failure = 400 | 401 | 404 | 422;

/**
 * Placetopay's Payment Link API (`POST /api/payment-link`, `/api/payment-link/{id}`,
 * `/api/payment-link/disable/{id}`), the link page `GET /link/show`, a WebCheckout stand-in under
 * `/spa/session/…`, signed `PAID`/`EXPIRED` notifications and the `/_emulator` control API.
 */
export function createPlacetopayEmulator(options: PlacetopayEmulatorOptions): Emulator {
  const now = () => options.now?.() ?? new Date();
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const control = new EmulatorControl();
  const sites = defaultSites();
  const clock = new SiteClock(options.timeZone ?? DEFAULT_SITE_TIME_ZONE);
  const store = new PlacetopayStore({
    publicUrl,
    now,
    clock,
    notify: (url, body) => void control.deliver(url, body),
  });
  const app = new Hono();

  const failed = (c: Context, reason: Failure, message: string, extra: Record<string, unknown> = {}) =>
    c.json(
      { status: { status: 'FAILED', reason, message, date: store.statusDate(now()) }, ...extra },
      reason,
    );

  /** Parses the JSON body and checks `auth`; answers the refusal itself when it fails. */
  const authenticate = async (c: Context) => {
    // Without `Content-Type: application/json` the body is not parsed: "Malformed authentication" (note §1).
    let body: Record<string, unknown> | null = null;
    if ((c.req.header('content-type') ?? '').toLowerCase().includes('application/json')) {
      try {
        const parsed: unknown = JSON.parse(await c.req.text());
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
      } catch {
        body = null;
      }
    }
    const result = verifyAuth(body?.auth, sites, now());
    if (!result.ok) return { response: failed(c, 401, result.message) } as const;
    return { body: body!, site: result.site } as const;
  };

  /** The link named in the path, if it exists and belongs to the caller's site. */
  const findLink = (c: Context, siteId: number) => {
    const id = c.req.param('id') ?? '';
    const link = /^\d{1,15}$/.test(id) ? store.get(Number(id)) : undefined;
    if (!link) return { response: failed(c, 404, 'Resource not found') } as const;
    if (link.site.id !== siteId)
      return { response: failed(c, 401, 'No tienes permisos para acceder a este sitio') } as const;
    return { link } as const;
  };

  app.use('/api/*', control.api());

  app.post('/api/payment-link', async (c) => {
    const auth = await authenticate(c);
    if ('response' in auth) return auth.response;
    const errors = validateCreate(auth.body, now(), clock);
    if (Object.keys(errors).length > 0) return failed(c, 422, 'Validation error.', { errors });
    const link = store.createLink(auth.site, auth.body);
    return c.json(
      {
        status: {
          status: 'OK',
          reason: 201,
          message: 'Payment link created and notifications sent successfully.',
          date: store.statusDate(now()),
        },
        id: link.id,
        url: store.urlOf(link),
      },
      201,
    );
  });

  app.post('/api/payment-link/disable/:id', async (c) => {
    const auth = await authenticate(c);
    if ('response' in auth) return auth.response;
    const found = findLink(c, auth.site.id);
    if ('response' in found) return found.response;
    const refused = store.disable(found.link);
    if (refused) return failed(c, 400, refused);
    return c.json({
      status: {
        status: 'OK',
        reason: 200,
        message: 'Link de pago desactivado correctamente.',
        date: store.statusDate(now()),
      },
      id: found.link.id,
    });
  });

  app.post('/api/payment-link/:id', async (c) => {
    const auth = await authenticate(c);
    if ('response' in auth) return auth.response;
    const found = findLink(c, auth.site.id);
    if ('response' in found) return found.response;
    return c.json(store.view(found.link));
  });

  // Only the three POST routes exist (note §8).
  app.all('/api/*', (c) => failed(c, 404, 'Resource not found'));

  const linkFromQuery = (genid: string | undefined, code: string | undefined): LinkRecord | undefined => {
    const link = genid && /^\d{1,15}$/.test(genid) ? store.get(Number(genid)) : undefined;
    return link && link.code === code ? link : undefined;
  };

  app.get('/link/show', (c) => {
    const link = linkFromQuery(c.req.query('genid'), c.req.query('code'));
    if (!link) return c.html(messagePage('Link not found', 'This payment link does not exist.'), 404);
    return c.html(linkPage(link, store.available(link), store.refusal(link)));
  });

  app.post('/link/pay', async (c) => {
    const form = await c.req.parseBody();
    const link = linkFromQuery(String(form.genid ?? ''), String(form.code ?? ''));
    if (!link) return c.html(messagePage('Link not found', 'This payment link does not exist.'), 404);
    try {
      return c.redirect(store.processUrl(store.openSession(link)), 303);
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      return c.html(linkPage(link, store.available(link), error.message), 409);
    }
  });

  const sessionFrom = (c: Context) => {
    const requestId = c.req.param('requestId') ?? '';
    const session = /^\d{1,15}$/.test(requestId)
      ? store.session(Number(requestId), c.req.param('key') ?? '')
      : undefined;
    const link = session ? store.get(session.linkId) : undefined;
    return session && link ? { session, link } : null;
  };

  app.get('/spa/session/:requestId/:key', (c) => {
    const found = sessionFrom(c);
    if (!found) return c.html(messagePage('Session not found', 'This checkout session does not exist.'), 404);
    return c.html(checkoutPage(found.link, found.session, store.paymentOf(found.session)));
  });

  app.post('/spa/session/:requestId/:key', async (c) => {
    const found = sessionFrom(c);
    if (!found) return c.html(messagePage('Session not found', 'This checkout session does not exist.'), 404);
    const form = await c.req.parseBody();
    const outcome = form.outcome;
    if (outcome !== 'approved' && outcome !== 'rejected' && outcome !== 'pending') {
      return c.html(messagePage('Choose an outcome', 'Approve or decline the payment.'), 400);
    }
    try {
      const payment = store.completeSession(
        found.session,
        outcome,
        payerFrom(form),
        stringOr(form.paymentMethod),
      );
      return c.html(resultPage(found.link, payment));
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      return c.html(messagePage('Payment not possible', error.message), 409);
    }
  });

  control.mount(app, {
    // Same path as the checkout page: open a session (or take the pending one) and complete it.
    settle(ref, outcome, input) {
      const link = /^\d{1,15}$/.test(ref) ? store.get(Number(ref)) : undefined;
      if (!link) throw new Error(`unknown link ${ref}`);
      const session = store.pendingSession(link) ?? store.openSession(link);
      const payer =
        input.payer && typeof input.payer === 'object'
          ? payerFrom(input.payer as Record<string, unknown>)
          : undefined;
      const payment = store.completeSession(session, outcome, payer, stringOr(input.paymentMethod));
      return { linkId: link.id, paymentId: payment.id, requestId: payment.requestId, status: payment.status };
    },
  });

  const sweep = setInterval(() => store.expireDue(), options.sweepIntervalMs ?? 1000);
  sweep.unref?.();

  return {
    name: 'placetopay',
    app,
    control,
    adapterSettings: { baseUrl: publicUrl, login: DEV_LOGIN, secretKey: DEV_SECRET_KEY },
    close() {
      clearInterval(sweep);
    },
  };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function payerFrom(input: Record<string, unknown>): Payer {
  const pick = (key: keyof Payer) => stringOr(input[key]) ?? DEFAULT_PAYER[key];
  return {
    name: pick('name'),
    surname: pick('surname'),
    email: pick('email'),
    phone: pick('phone'),
    document: pick('document'),
    documentType: pick('documentType'),
  };
}
