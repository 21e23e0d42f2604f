// The demo merchant site: a tiny "shop back end" that creates its invoices through the proxy
// (with the API key, server-side), renders a page that shows them with the script tag, and fulfils
// an order when the proxy's signed `link.paid` event reaches its webhook endpoint.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWebhookEventType, PayLinkClient, ProxyRequestError } from '@paylink/core';
import { escapeHtml, listenDeferred, type RunningServer } from '@paylink/emulators';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Webhook } from 'standardwebhooks';
import { demoLinkRequests } from './links.ts';
import { isMerchantEvent, OrderBook, OrderState, orderStateLabels } from './orders.ts';
import { ensureWebhookEndpoint } from './webhook.ts';

export interface DemoOptions {
  proxyUrl: string;
  apiKey: string;
  dataDir: string;
  providers: string[];
  /**
   * The signing secret of the shop's endpoint at the proxy (`startDemo` registers it). Without it
   * `POST /webhooks/paylink` refuses every event and no order is fulfilled.
   */
  webhookSecret?: string;
}

/** The path of the shop's event receiver. */
export const WEBHOOK_PATH = '/webhooks/paylink';

const template = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const css = readFileSync(new URL('./demo.css', import.meta.url), 'utf8');
const script = readFileSync(new URL('./demo.js', import.meta.url), 'utf8');

/** The demo site's app; invoices are created on first visit and kept in `<dataDir>/demo-links.json`. */
export function createDemoApp(options: DemoOptions): Hono {
  const client = new PayLinkClient({ baseUrl: options.proxyUrl, apiKey: options.apiKey });
  const file = join(options.dataDir, 'demo-links.json');
  const invoices: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const orders = new OrderBook(options.dataDir);
  const webhook = options.webhookSecret ? new Webhook(options.webhookSecret) : null;
  const orderOf = (linkId: string) => {
    const order = orders.get(linkId);
    const state = order?.state ?? OrderState.AwaitingPayment;
    return { state, label: orderStateLabels[state], fulfilledAt: order?.fulfilledAt ?? null };
  };

  const ensureInvoices = async (fresh: boolean) => {
    const now = new Date();
    for (const provider of options.providers) {
      const request = demoLinkRequests[provider];
      if (!request) continue;
      if (!fresh && invoices[provider]) {
        const known = await client.getLink(invoices[provider]).catch(() => null);
        if (known) continue;
      }
      const link = await client.createLink(request(now));
      invoices[provider] = link.id;
    }
    writeFileSync(file, JSON.stringify(invoices, null, 2));
  };

  const app = new Hono();
  app.get('/demo.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/demo.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/', async (c) => {
    try {
      await ensureInvoices(false);
    } catch (error) {
      const detail = error instanceof ProxyRequestError ? `${error.status}: ${error.message}` : String(error);
      return c.html(
        `<p>Could not create the demo invoices through the proxy (${escapeHtml(detail)}).</p>`,
        502,
      );
    }
    const cards = Object.entries(invoices)
      .filter(([provider]) => options.providers.includes(provider))
      .map(([provider, id]) => {
        const request = demoLinkRequests[provider]!(new Date());
        const locale = escapeHtml(request.locale ?? 'en');
        const order = orderOf(id);
        return `      <article class="invoice" data-provider="${escapeHtml(provider)}">
        <span class="provider">${escapeHtml(provider)}</span>
        ${request.title ? `<h2>${escapeHtml(request.title)}</h2>` : ''}
        <p>${escapeHtml(request.description)}</p>
        <pay-link-status link="${escapeHtml(id)}" locale="${locale}" detailed></pay-link-status>
        <pay-link-button link="${escapeHtml(id)}" locale="${locale}" target="_blank"></pay-link-button>
        <p class="order" data-order-for="${escapeHtml(id)}" data-state="${escapeHtml(order.state)}"
          aria-live="polite">${escapeHtml(order.label)}</p>
      </article>`;
      })
      .join('\n');
    const page = template
      .replaceAll('%PROXY_URL%', escapeHtml(options.proxyUrl))
      .replace('%INVOICES%', cards);
    return c.html(page);
  });
  app.post('/new', async (c) => {
    await ensureInvoices(true);
    return c.redirect('/', 303);
  });
  // What the page's script polls: each current invoice's order state.
  app.get('/orders.json', (c) => {
    const current = Object.entries(invoices).filter(([provider]) => options.providers.includes(provider));
    return c.json(
      { orders: Object.fromEntries(current.map(([, linkId]) => [linkId, orderOf(linkId)])) },
      200,
      { 'cache-control': 'no-store' },
    );
  });
  // Standard Webhooks: verify the raw body and headers first, then parse; the proxy retries
  // anything but a 2xx, and sends a retry with the same `webhook-id`.
  app.post(WEBHOOK_PATH, bodyLimit({ maxSize: 256 * 1024 }), async (c) => {
    if (!webhook) return c.json({ error: 'this shop has no webhook secret yet' }, 503);
    const body = await c.req.text();
    let payload: unknown;
    try {
      payload = webhook.verify(body, Object.fromEntries(c.req.raw.headers));
    } catch {
      return c.json({ error: 'invalid signature' }, 400);
    }
    if (!isMerchantEvent(payload)) return c.json({ error: 'not a PayLink event' }, 400);
    // A type this shop does not know (a newer proxy) is acknowledged and ignored.
    if (isWebhookEventType(payload.type)) orders.apply(payload, c.req.header('webhook-id'));
    return c.body(null, 204);
  });
  return app;
}

export interface DemoServerOptions extends Omit<DemoOptions, 'webhookSecret'> {
  /** Default 0 (a free port). */
  port?: number;
  hostname?: string;
  /** Where the proxy reaches this shop; default the address it listens on. */
  publicUrl?: string;
}

/**
 * Serves the demo shop and registers (or reuses) its webhook endpoint `<publicUrl>/webhooks/paylink`
 * at the proxy, before the first request is answered.
 */
export async function startDemo(options: DemoServerOptions): Promise<RunningServer> {
  const { port = 0, hostname = '127.0.0.1', publicUrl, ...demo } = options;
  const server = await listenDeferred(port, hostname);
  const url = (publicUrl ?? server.url).replace(/\/+$/, '');
  try {
    const client = new PayLinkClient({ baseUrl: demo.proxyUrl, apiKey: demo.apiKey });
    const endpoint = await ensureWebhookEndpoint(client, demo.dataDir, `${url}${WEBHOOK_PATH}`);
    server.setApp(createDemoApp({ ...demo, webhookSecret: endpoint.secret }));
  } catch (error) {
    await server.close();
    throw error;
  }
  return { url, port: server.port, close: server.close };
}

/** Forgets stored invoices (e.g. when the proxy's data folder was wiped). */
export function resetDemo(dataDir: string): void {
  writeFileSync(join(dataDir, 'demo-links.json'), '{}');
}
