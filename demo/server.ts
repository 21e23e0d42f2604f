// The demo merchant site: a tiny "shop back end" that creates its invoices through the proxy
// (with the API key, server-side) and renders a page that shows them with the script tag.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PayLinkClient, ProxyRequestError } from '@paylink/core';
import { escapeHtml } from '@paylink/emulators';
import { Hono } from 'hono';
import { demoLinkRequests } from './links.ts';

export interface DemoOptions {
  proxyUrl: string;
  apiKey: string;
  dataDir: string;
  providers: string[];
}

const template = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const css = readFileSync(new URL('./demo.css', import.meta.url), 'utf8');

/** The demo site's app; invoices are created on first visit and kept in `<dataDir>/demo-links.json`. */
export function createDemoApp(options: DemoOptions): Hono {
  const client = new PayLinkClient({ baseUrl: options.proxyUrl, apiKey: options.apiKey });
  const file = join(options.dataDir, 'demo-links.json');
  const invoices: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};

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
        return `      <article class="invoice" data-provider="${escapeHtml(provider)}">
        <span class="provider">${escapeHtml(provider)}</span>
        ${request.title ? `<h2>${escapeHtml(request.title)}</h2>` : ''}
        <p>${escapeHtml(request.description)}</p>
        <pay-link-status link="${escapeHtml(id)}" locale="${locale}" detailed></pay-link-status>
        <pay-link-button link="${escapeHtml(id)}" locale="${locale}" target="_blank"></pay-link-button>
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
  return app;
}

/** Forgets stored invoices (e.g. when the proxy's data folder was wiped). */
export function resetDemo(dataDir: string): void {
  writeFileSync(join(dataDir, 'demo-links.json'), '{}');
}
