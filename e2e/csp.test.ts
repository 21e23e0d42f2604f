// The built bundle under a strict Content Security Policy: no inline script, no inline style, no
// eval. The page is served by a tiny server of our own with the CSP header; the elements talk to the
// real proxy (and its emulators) in a real Chromium, and every CSP violation the page reports is
// collected. Inline controls on the page prove the policy is enforced and the collection works.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PayLinkClient } from '@paylink/core';
import { escapeHtml, listen, type RunningServer } from '@paylink/emulators';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLinkRequests } from '../demo/links.ts';
import { type Stack, startStack } from '../scripts/stack.ts';
import { launchChromium } from './browser.ts';

const dist = join(process.cwd(), 'packages/elements/dist');

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Whether the button's QR code (a lazy chunk, and the proxy's image: img-src) has loaded. */
const qrDrawn = (tab: Page) =>
  tab.locator('#button').evaluate((el) => {
    const image = el.shadowRoot?.querySelector('pay-link-qr')?.shadowRoot?.querySelector('img');
    return !!image?.complete && image.naturalWidth > 0;
  });

describe('the elements under a strict CSP', () => {
  let stack: Stack;
  let site: RunningServer;
  let browser: Browser;
  let dataDir: string;
  /** Two fresh links (one per test), with the reference their emulator knows them by. */
  const links: { id: string; providerRef: string }[] = [];
  /** What the next page load gets: its CSP header and its body. */
  let next = { csp: '', html: '' };

  beforeAll(async () => {
    if (!existsSync(join(dist, 'paylink.js'))) throw new Error('build the bundle first: npx vite build');
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-csp-'));
    stack = await startStack({
      dataDir,
      providers: ['placetopay'],
      ports: { proxy: 0, placetopay: 0 },
      log: { info() {}, warn() {}, error: console.error },
    });
    const client = new PayLinkClient({ baseUrl: stack.proxyUrl, apiKey: stack.apiKey });
    for (let i = 0; i < 2; i++) {
      const link = await client.createLink(demoLinkRequests.placetopay!(new Date()));
      links.push({ id: link.id, providerRef: link.providerRef });
    }

    const app = new Hono();
    app.get('/', (c) => c.html(next.html, 200, { 'content-security-policy': next.csp }));
    // The built bundle and its lazy chunks, as a merchant could host them on its own origin.
    app.get('/:file{paylink[\\w-]*\\.js}', (c) => {
      const file = join(dist, c.req.param('file'));
      if (!existsSync(file)) return c.notFound();
      return c.body(readFileSync(file, 'utf8'), 200, { 'content-type': 'text/javascript; charset=utf-8' });
    });
    site = await listen(app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await stack?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The page: a button (with the lazy QR code and copy action), a status, a Spanish button, and the controls. */
  function page(scriptSrc: string, proxyAttribute: string, linkId: string): string {
    const id = escapeHtml(linkId);
    const proxy = proxyAttribute ? ` proxy="${escapeHtml(proxyAttribute)}"` : '';
    return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CSP</title><script type="module" src="${escapeHtml(scriptSrc)}"></script></head>
<body>
  <pay-link-button id="button" link="${id}"${proxy} locale="en" qr copy></pay-link-button>
  <pay-link-status id="status" link="${id}"${proxy} locale="en" detailed></pay-link-status>
  <pay-link-button id="spanish" link="${id}"${proxy} locale="es-CO"></pay-link-button>
  <p id="control" style="color: rgb(255, 0, 0)">inline style: must be blocked</p>
  <script>window.inlineScriptRan = true;</script>
</body>
</html>`;
  }

  /** Opens the page, collecting `securitypolicyviolation` events and CSP console errors from the start. */
  async function open(
    csp: string,
    html: string,
  ): Promise<{ tab: Page; violations: () => Promise<Violation[]>; console: string[] }> {
    next = { csp, html };
    const tab = await browser.newPage();
    const console: string[] = [];
    tab.on('console', (message) => {
      if (/content security policy/i.test(message.text())) console.push(message.text());
    });
    // Injected by the browser's debugging protocol, so the page's own CSP does not apply to it.
    await tab.addInitScript(() => {
      const seen: Violation[] = [];
      (window as unknown as { cspViolations: Violation[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
        }),
      );
    });
    await tab.goto(site.url);
    const violations = () =>
      tab.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
    return { tab, violations, console };
  }

  const shown = (tab: Page, selector: string) =>
    tab.locator(selector).evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());

  /** The controls' violations: the inline script and the inline style attribute, and nothing else. */
  const onlyControls = (violations: Violation[]) =>
    violations.map((violation) => `${violation.directive} ${violation.blocked}`).sort();

  it('loads as one file: paylink.js imports no chunk statically (lazy chunks only)', () => {
    // A static import would be a second request on every page (rolldown splits shared code into a
    // chunk when, e.g., a lazy module and the entry import each other).
    const bundle = readFileSync(join(dist, 'paylink.js'), 'utf8');
    expect(bundle.match(/(?:^|[;}\s])import\s*[{*\w][^(]*?from\s*["'`][^"'`]+["'`]/g) ?? []).toEqual([]);
    expect(bundle).toMatch(/import\(`\.\/paylink-[\w-]+\.js`\)/);
  });

  it("renders and updates with script-src 'self'; style-src 'self' (bundle on the page's origin)", async () => {
    const { tab, violations, console } = await open(
      `script-src 'self'; style-src 'self'`,
      page('/paylink.js', stack.proxyUrl, links[0]!.id),
    );
    await expect.poll(() => shown(tab, '#button'), { timeout: 10_000 }).toMatch(/^Pay COP\s100,000/);
    await expect.poll(() => shown(tab, '#spanish')).toMatch(/^Pagar COP\s100\.000/); // the Spanish chunk
    await expect.poll(() => shown(tab, '#status')).toMatch(/^Open/);
    // The lazy chunks (copy action, QR code) load, and the proxy's QR image shows.
    await expect.poll(() => qrDrawn(tab)).toBe(true);
    expect(await shown(tab, '#button')).toMatch(/Copy link/);
    // Styles apply (constructable stylesheets): the button has its accent background.
    const background = await tab
      .locator('#button')
      .evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part~="button"]')!).backgroundColor);
    expect(background).toBe('rgb(11, 87, 208)');

    // Paid in the provider's emulator: the notification reaches the proxy, the stream reaches the page.
    const paid = await fetch(
      `${stack.emulators.placetopay!.url}/_emulator/links/${encodeURIComponent(links[0]!.providerRef)}/pay`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'approved' }),
      },
    );
    expect(paid.ok).toBe(true);
    await expect.poll(() => shown(tab, '#status'), { timeout: 10_000 }).toMatch(/^Paid/);
    await expect.poll(() => shown(tab, '#button')).toMatch(/^Paid COP\s100,000/);

    // The policy is enforced (the page's own inline script and style were refused) and the elements
    // caused no violation at all.
    expect(
      await tab.evaluate(() => (window as { inlineScriptRan?: boolean }).inlineScriptRan),
    ).toBeUndefined();
    expect(await tab.locator('#control').evaluate((el) => getComputedStyle(el).color)).not.toBe(
      'rgb(255, 0, 0)',
    );
    expect(onlyControls(await violations())).toEqual(['script-src-elem inline', 'style-src-attr inline']);
    expect(console.filter((text) => !/inline/i.test(text))).toEqual([]);
    await tab.close();
  });

  it('works with exactly the policy the README gives merchants (bundle served by the proxy)', async () => {
    const proxy = stack.proxyUrl;
    // README "Content Security Policy": script-src, connect-src and img-src for the proxy; nothing else.
    const csp = `default-src 'none'; script-src ${proxy}; connect-src ${proxy}; img-src ${proxy}`;
    const { tab, violations } = await open(csp, page(`${proxy}/paylink.js`, '', links[1]!.id));
    await expect.poll(() => shown(tab, '#button'), { timeout: 10_000 }).toMatch(/^Pay COP\s100,000/);
    await expect.poll(() => shown(tab, '#spanish')).toMatch(/^Pagar COP\s100\.000/);
    await expect.poll(() => shown(tab, '#status')).toMatch(/^Open/);
    await expect.poll(() => qrDrawn(tab)).toBe(true);
    expect(onlyControls(await violations())).toEqual(['script-src-elem inline', 'style-src-attr inline']);
    await tab.close();
  });
});
