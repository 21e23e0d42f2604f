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
    demo = await listen(createDemoApp({ proxyUrl: stack.proxyUrl, apiKey: stack.apiKey, dataDir, providers: Object.keys(stack.emulators) }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const statusText = (page: Page, provider: string) =>
    page.locator(`article[data-provider="${provider}"] pay-link-status`).innerText();

  async function payInCheckout(page: Page, provider: string, outcome: 'approve' | 'decline') {
    const button = page.locator(`article[data-provider="${provider}"] pay-link-button a`);
    await button.waitFor();
    const [checkout] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
    await checkout.waitForLoadState();
    // The provider's landing page (if any) leads to its checkout, where the payer decides.
    const decide = checkout.getByRole('button', { name: outcome === 'approve' ? /approve|pay now|confirm/i : /decline|reject/i });
    if (!(await decide.isVisible().catch(() => false))) {
      await checkout.getByRole('button', { name: /^pay|continue|proceed/i }).first().click();
    }
    await decide.first().click();
    await checkout.waitForLoadState();
    return checkout;
  }

  it('shows the Placetopay invoice with its formatted amount, and turns to Paid after paying', async () => {
    const page = await browser.newPage();
    await page.goto(demo.url);
    const button = page.locator('article[data-provider="placetopay"] pay-link-button');
    await expect.poll(() => button.innerText(), { timeout: 10_000 }).toMatch(/COP\s*100\.000/);
    await expect.poll(() => statusText(page, 'placetopay')).toMatch(/open|abierto/i);
    await page.screenshot({ path: join(shots, 'demo-before.png'), fullPage: true });

    const checkout = await payInCheckout(page, 'placetopay', 'approve');
    await checkout.close();
    await expect.poll(() => statusText(page, 'placetopay'), { timeout: 5_000 }).toMatch(/paid|pagado/i);
    // The pay button is no longer a link once the invoice is paid.
    await expect.poll(() => page.locator('article[data-provider="placetopay"] pay-link-button a').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'demo-after.png'), fullPage: true });
    await page.close();
  });
});
