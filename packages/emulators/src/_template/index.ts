// The worked example's emulator (step 8 of "Adding a provider", packages/providers/README.md): the
// provider's API as documented (here: packages/providers/src/_template/fixtures), a hosted checkout
// page, signed notifications and the shared control API. Not in `emulatorFactories`: it stands in for
// no real provider, only for the template's contract test.
import { createHmac, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { EmulatorControl, readJson, type SettleOutcome } from '../common/control.ts';
import type { Emulator, EmulatorOptions } from '../common/emulator.ts';
import { html } from '../common/html.ts';

interface Payment {
  id: string;
  status: 'approved' | 'declined' | 'pending';
  amount_minor: number;
  currency: string;
  at: string;
}

interface Link {
  id: string;
  url: string;
  status: 'active' | 'paid' | 'expired' | 'disabled';
  single_use: boolean;
  expires_at: string | null;
  payments: Payment[];
  amount_minor: number;
  currency: string;
  description: string;
  notify_url: string;
}

const API_KEY = 'tmpl_test_key';
const WEBHOOK_SECRET = 'whsec_template_emulator';

/** The public answer for a link (fixtures/create-response.json). */
const view = ({ id, url, status, single_use, expires_at, payments }: Link) => ({
  id,
  url,
  status,
  single_use,
  expires_at,
  payments,
});

/** Field errors of a create body, in the provider's names (fixtures/error-422.json). */
function problems(body: Record<string, unknown>): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  if (!Number.isSafeInteger(body.amount_minor) || (body.amount_minor as number) <= 0)
    errors.push({ field: 'amount_minor', message: 'must be greater than 0' });
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency))
    errors.push({ field: 'currency', message: 'must be an ISO 4217 code' });
  if (typeof body.description !== 'string' || body.description === '' || body.description.length > 200)
    errors.push({ field: 'description', message: 'must be 1 to 200 characters' });
  if (typeof body.single_use !== 'boolean')
    errors.push({ field: 'single_use', message: 'must be a boolean' });
  if (typeof body.notify_url !== 'string') errors.push({ field: 'notify_url', message: 'is required' });
  if (body.expires_at !== undefined && Number.isNaN(Date.parse(String(body.expires_at))))
    errors.push({ field: 'expires_at', message: 'must be an ISO 8601 date-time' });
  return errors;
}

/** A small payment-link provider, as the template's fixtures describe it. */
export function createTemplateEmulator(options: EmulatorOptions): Emulator {
  const app = new Hono();
  const control = new EmulatorControl();
  const links = new Map<string, Link>();
  const now = () => options.now?.() ?? new Date();

  const settle = (ref: string, outcome: SettleOutcome) => {
    const link = links.get(ref);
    if (!link) throw new Error(`no link ${ref}`);
    if (link.status !== 'active') throw new Error(`link ${ref} is ${link.status}`);
    const payment: Payment = {
      id: `pay_${randomBytes(6).toString('hex')}`,
      status: outcome === 'rejected' ? 'declined' : outcome,
      amount_minor: link.amount_minor,
      currency: link.currency,
      at: now().toISOString(),
    };
    link.payments.push(payment);
    if (payment.status === 'approved' && link.single_use) link.status = 'paid';
    const body = JSON.stringify({ id: `evt_${randomBytes(6).toString('hex')}`, link_id: link.id, payment });
    const signature = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
    void control.deliver(link.notify_url || options.notificationUrl || '', JSON.parse(body), {
      'x-template-signature': signature,
    });
    return payment;
  };
  control.mount(app, { settle });

  app.use('/v1/*', control.api());
  app.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${API_KEY}`) return c.json({ error: 'unauthorized' }, 401);
    await next();
  });
  app.post('/v1/links', async (c) => {
    const body = ((await readJson(c)) ?? {}) as Record<string, unknown>;
    const errors = problems(body);
    if (errors.length) return c.json({ errors }, 422);
    const id = `lnk_${randomBytes(6).toString('hex')}`;
    const link: Link = {
      id,
      url: `${options.publicUrl}/l/${id}`,
      status: 'active',
      single_use: body.single_use as boolean,
      expires_at: typeof body.expires_at === 'string' ? new Date(body.expires_at).toISOString() : null,
      payments: [],
      amount_minor: body.amount_minor as number,
      currency: body.currency as string,
      description: body.description as string,
      notify_url: body.notify_url as string,
    };
    links.set(id, link);
    return c.json(view(link), 201);
  });
  const found = (id: string) => {
    const link = links.get(id);
    if (link?.status === 'active' && link.expires_at && Date.parse(link.expires_at) <= now().getTime())
      link.status = 'expired';
    return link;
  };
  app.get('/v1/links/:id', (c) => {
    const link = found(c.req.param('id'));
    return link ? c.json(view(link)) : c.json({ error: 'not_found' }, 404);
  });
  app.post('/v1/links/:id/disable', (c) => {
    const link = found(c.req.param('id'));
    if (!link) return c.json({ error: 'not_found' }, 404);
    if (link.status === 'active') link.status = 'disabled';
    return c.json(view(link));
  });

  // The hosted checkout: a form with no script, every merchant text escaped.
  app.get('/l/:id', (c) => {
    const link = found(c.req.param('id'));
    if (!link) return c.html('<!doctype html><title>Not found</title><p>No such link.</p>', 404);
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: link.currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    const amount = `${(link.amount_minor / 10 ** digits).toFixed(digits)} ${link.currency}`;
    return c.html(
      html`<!doctype html><html lang="en"><meta charset="utf-8"><title>Pay ${link.description}</title>
        <main><h1>${link.description}</h1><p>${amount}</p><p>Status: ${link.status}</p>
        ${
          link.status === 'active'
            ? html`<form method="post"><button name="outcome" value="approved">Pay</button>
        <button name="outcome" value="rejected">Decline</button></form>`
            : ''
        }</main></html>`.toString(),
    );
  });
  app.post('/l/:id', async (c) => {
    const outcome = (await c.req.parseBody()).outcome === 'approved' ? 'approved' : 'rejected';
    try {
      settle(c.req.param('id'), outcome);
    } catch {
      // Shown by the page itself.
    }
    return c.redirect(`/l/${encodeURIComponent(c.req.param('id'))}`, 303);
  });

  return {
    name: 'template',
    app,
    control,
    adapterSettings: { baseUrl: options.publicUrl, apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET },
    close() {},
  };
}
