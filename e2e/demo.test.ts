// End to end: the demo page, served with the real proxy and the real emulators, paid in the
// emulator's hosted checkout in a real Chromium. Nothing of ours is mocked.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, type RunningServer } from '@paylink/emulators';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from '../demo/server.ts';
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
    demo = await listen(
      createDemoApp({
        proxyUrl: stack.proxyUrl,
        apiKey: stack.apiKey,
        dataDir,
        providers: Object.keys(stack.emulators),
      }),
    );
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
    await page.screenshot({ path: join(shots, 'demo-before.png'), fullPage: true });

    const checkout = await payInCheckout(page, 'placetopay', 'approve');
    await checkout.close();
    await expect.poll(() => statusText(page, 'placetopay'), { timeout: 5_000 }).toMatch(/paid|pagado/i);
    // The pay button is no longer a link once the invoice is paid.
    await expect
      .poll(() => page.locator('article[data-provider="placetopay"] pay-link-button a').count())
      .toBe(0);
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
    await page.close();
  });
});
