// End to end: the demo page, served with the real proxy and the real emulators, paid in the
// emulator's hosted checkout in a real Chromium; the shop fulfils the order when the proxy's signed
// `link.paid` event reaches its webhook endpoint. Nothing of ours is mocked.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '@paylink/emulators';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../demo/server.ts';
import { type Stack, startStack } from '../scripts/stack.ts';
import { launchChromium } from './browser.ts';

const shots = join(process.cwd(), 'test-results');

describe('the demo shop, paid through an emulator checkout', () => {
  let stack: Stack;
  let demo: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-e2e-'));
    mkdirSync(shots, { recursive: true });
    stack = await startStack({
      dataDir,
      ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
      log: { info() {}, warn() {}, error: console.error },
      env: { PAYLINK_REFRESH_INTERVAL_MS: '1000' },
    });
    demo = await startDemo({
      proxyUrl: stack.proxyUrl,
      apiKey: stack.apiKey,
      dataDir,
      providers: Object.keys(stack.emulators),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What a person reads in an element: its shadow DOM's text (whitespace folded). */
  const shownText = (page: Page, selector: string) =>
    page
      .locator(selector)
      .evaluate((el) => (el.shadowRoot?.textContent ?? el.textContent ?? '').replace(/\s+/g, ' ').trim());
  const statusText = (page: Page, provider: string) =>
    shownText(page, `article[data-provider="${provider}"] pay-link-status`);
  /** The shop's own order line on a card (light DOM, updated by the page's script). */
  const orderText = (page: Page, provider: string) =>
    page.locator(`article[data-provider="${provider}"] .order`).textContent();

  /**
   * Pays through whatever the provider's hosted pages ask a person to do: follow "Pay" /
   * "Continue" steps until an approve (or decline) button, or until no step is left.
   */
  async function payInCheckout(page: Page, provider: string, outcome: 'approve' | 'decline') {
    const button = page.locator(`article[data-provider="${provider}"] pay-link-button a`);
    await button.waitFor();
    const [checkout] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
    await checkout.waitForLoadState();
    const decide = outcome === 'approve' ? /approve/i : /decline|reject/i;
    for (let step = 0; step < 4; step++) {
      const final = checkout.getByRole('button', { name: decide }).first();
      if (await final.isVisible()) {
        await final.click();
        break;
      }
      const next = checkout
        .getByRole('button', { name: /^(pay|continue)/i })
        .or(checkout.getByRole('link', { name: /^(pay|continue)/i }));
      if (!(await next.first().isVisible())) break;
      await next.first().click();
      await checkout.waitForLoadState();
    }
    await checkout.waitForLoadState();
    return checkout;
  }

  it('shows the Placetopay invoice with its formatted amount, and turns to Paid after paying', async () => {
    const page = await browser.newPage();
    await page.goto(demo.url);
    await expect
      .poll(() => shownText(page, 'article[data-provider="placetopay"] pay-link-button'), { timeout: 10_000 })
      .toMatch(/COP\s*100\.000/);
    await expect.poll(() => statusText(page, 'placetopay')).toMatch(/open|abierto/i);
    expect(await orderText(page, 'placetopay')).toBe('Awaiting payment');
    expect(await page.locator('article[data-provider="placetopay"] .order').getAttribute('aria-live')).toBe(
      'polite',
    );
    await page.screenshot({ path: join(shots, 'demo-before.png'), fullPage: true });

    const checkout = await payInCheckout(page, 'placetopay', 'approve');
    await checkout.close();
    await expect.poll(() => statusText(page, 'placetopay'), { timeout: 5_000 }).toMatch(/paid|pagado/i);
    // The pay button is no longer a link once the invoice is paid.
    await expect
      .poll(() => page.locator('article[data-provider="placetopay"] pay-link-button a[href]').count())
      .toBe(0);
    // The shop's server got the signed `link.paid` event; the page learns it without a reload.
    await expect.poll(() => orderText(page, 'placetopay'), { timeout: 15_000 }).toBe('Order fulfilled');
    await page.screenshot({ path: join(shots, 'demo-after.png'), fullPage: true });
    await page.close();
  });

  // Midtrans (signed notifications), Plexo (a nudge, then a re-read) and Payroc (no notifications:
  // the proxy polls) reach the page the same way.
  it.each([
    ['midtrans', /IDR\s*150,000/],
    ['plexo', /UYU/],
    ['payroc', /USD\s*25/],
  ])('pays the %s invoice in its checkout and shows Paid', async (provider, amount) => {
    const page = await browser.newPage();
    await page.goto(demo.url);
    const card = `article[data-provider="${provider}"]`;
    await expect.poll(() => shownText(page, `${card} pay-link-button`), { timeout: 10_000 }).toMatch(amount);
    const checkout = await payInCheckout(page, provider, 'approve');
    await page.screenshot({ path: join(shots, `demo-${provider}-checkout.png`) });
    await checkout.screenshot({ path: join(shots, `checkout-${provider}.png`), fullPage: true });
    await checkout.close();
    await expect.poll(() => statusText(page, provider), { timeout: 8_000 }).toMatch(/paid|pagado|dibayar/i);
    await expect.poll(() => orderText(page, provider), { timeout: 15_000 }).toBe('Order fulfilled');
    await page.close();
  });

  it('refuses an event whose signature does not verify, and fulfils nothing', async () => {
    const { orders: before } = await (await fetch(`${demo.url}/orders.json`)).json();
    const [linkId] = Object.keys(before);
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'link.paid',
      createdAt: new Date().toISOString(),
      data: { link: { id: linkId, status: 'paid' } },
    });
    const forged = new Webhook(`whsec_${Buffer.from('not the shop secret').toString('base64')}`);
    const at = new Date();
    const answer = await fetch(`${demo.url}/webhooks/paylink`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': forged.sign('evt_forged', at, body),
      },
      body,
    });
    expect(answer.status).toBe(400);
    const { orders: after } = await (await fetch(`${demo.url}/orders.json`)).json();
    expect(after).toEqual(before);
  });
});
