// End to end: the built extension loaded unpacked into Chromium, against the real proxy and the
// emulators: settings saved in the options page, a link created in the popup, paid in the
// emulator's hosted checkout, and the popup (and the background's badge) showing Paid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../scripts/stack.ts';

/** The few extension APIs the test calls inside the extension (the functions run there, not here). */
declare const chrome: {
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } };
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const extensionDir = resolve('extension/.output/chrome-mv3');
const shots = join(process.cwd(), 'test-results');

/** What a person reads in an element: its shadow DOM's text (whitespace folded). */
const shownText = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => (el.shadowRoot?.textContent ?? el.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('the browser extension', () => {
  let stack: Stack;
  let context: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  let profileDir: string;
  let dataDir: string;

  beforeAll(async () => {
    // `npm test` builds first; a lone run of this file builds what is missing.
    if (!existsSync(join(extensionDir, 'manifest.json'))) {
      const build = spawnSync('npx', ['wxt', 'build'], { cwd: 'extension', stdio: 'inherit' });
      if (build.status !== 0) throw new Error('wxt build failed');
    }
    mkdirSync(shots, { recursive: true });
    profileDir = mkdtempSync(join(tmpdir(), 'paylink-ext-profile-'));
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-ext-e2e-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.PAYLINK_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-gpu',
      ],
    });
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
    stack = await startStack({
      dataDir,
      ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
      log: { info() {}, warn() {}, error: console.error },
      env: { PAYLINK_REFRESH_INTERVAL_MS: '1000' },
    });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    for (const dir of [profileDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = async (path: string) => {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/${path}`);
    return tab;
  };

  it('saves the proxy URL and API key in the options page and connects', async () => {
    const options = await page('options.html');
    await options.getByLabel('Proxy URL').fill(stack.proxyUrl);
    await options.getByLabel('API key').fill(stack.apiKey);
    await options.getByRole('button', { name: 'Save' }).click();
    // Chromium sends `Origin: chrome-extension://<id>` with the extension's POSTs; the proxy
    // accepts extension origins for any key (a web page cannot forge them).
    await expect
      .poll(() => options.locator('#result').textContent(), { timeout: 10_000 })
      .toMatch(/^Saved\. Connected\. Providers: .*Placetopay/);
    // The defaults: the proxy's providers to choose from, any currency code.
    await options.getByLabel('Provider').selectOption('placetopay');
    await options.getByLabel('Currency').fill('cop');
    await options.getByLabel('Expires after').selectOption({ label: '1 day' });
    await options.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => options.locator('#result').textContent(), { timeout: 10_000 })
      .toMatch(/^Saved\. Connected/);
    const stored = await worker.evaluate(() =>
      chrome.storage.local.get([
        'proxyUrl',
        'apiKey',
        'defaultProvider',
        'defaultCurrency',
        'defaultExpiryHours',
      ]),
    );
    expect(stored).toEqual({
      proxyUrl: stack.proxyUrl,
      apiKey: stack.apiKey,
      defaultProvider: 'placetopay',
      defaultCurrency: 'COP',
      defaultExpiryHours: 24,
    });
    await options.screenshot({ path: join(shots, 'extension-options.png'), fullPage: true });
    await options.close();
  });

  it('creates a link from the popup, and shows Paid once it is paid in the emulator checkout', async () => {
    // The address the context menu opens for the selection "COP 100.000" on a shop page.
    const query = new URLSearchParams({
      from: 'selection',
      amount: '100000.00',
      currency: 'COP',
      description: 'Consulting session',
      reference: 'shop.example/orders/7',
    });
    const popup = await page(`popup.html?${query}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    const amount = popup.locator('pay-link-form input[name="amount"]');
    await expect.poll(() => amount.inputValue(), { timeout: 10_000 }).toBe('100000');
    expect(await popup.locator('pay-link-form [name="currency"]').inputValue()).toBe('COP');
    expect(await popup.locator('pay-link-form input[name="description"]').inputValue()).toBe(
      'Consulting session',
    );
    expect(await popup.locator('pay-link-form input[name="reference"]').inputValue()).toBe(
      'shop.example/orders/7',
    );
    await popup.screenshot({ path: join(shots, 'extension-popup-form.png'), fullPage: true });
    await popup.locator('pay-link-form button[type="submit"]').click();

    const details = popup.locator('#details');
    await details.waitFor({ timeout: 10_000 });
    const linkId = (await details.getAttribute('data-link'))!;
    expect(linkId).toMatch(/^pl_/);
    await expect
      .poll(() => shownText(popup, '#details pay-link-status'), { timeout: 10_000 })
      .toMatch(/open/i);
    const checkoutUrl = await popup.locator('#details pay-link-button a[href]').first().getAttribute('href');
    expect(checkoutUrl).toMatch(/^http:\/\/localhost:\d+\//);
    // The QR code of the checkout address is drawn.
    await expect
      .poll(() => popup.locator('#details pay-link-button svg').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // The new link heads the recent list.
    await expect.poll(() => popup.locator('#recent-list li').first().getAttribute('data-link')).toBe(linkId);
    await popup.screenshot({ path: join(shots, 'extension-popup-open.png'), fullPage: true });

    // Pay it the way a customer does, in the emulator's hosted checkout.
    const checkout = await context.newPage();
    await checkout.goto(checkoutUrl!);
    for (let step = 0; step < 4; step++) {
      const approve = checkout.getByRole('button', { name: /approve/i }).first();
      if (await approve.isVisible()) {
        await approve.click();
        break;
      }
      const next = checkout
        .getByRole('button', { name: /^(pay|continue)/i })
        .or(checkout.getByRole('link', { name: /^(pay|continue)/i }));
      await next.first().click();
      await checkout.waitForLoadState();
    }
    await checkout.close();

    await expect
      .poll(() => shownText(popup, '#details pay-link-status'), { timeout: 15_000 })
      .toMatch(/paid/i);
    await expect
      .poll(() => shownText(popup, `#recent-list li[data-link="${linkId}"] pay-link-status`), {
        timeout: 15_000,
      })
      .toMatch(/paid/i);
    await popup.screenshot({ path: join(shots, 'extension-popup.png'), fullPage: true });

    // The background's check (what the alarm runs) finds it paid: a notification and a badge.
    const paidCount = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'checkNow', data: null }),
    );
    expect(paidCount).toEqual({ ok: true, value: 1 });
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    expect(Object.keys(await worker.evaluate(() => chrome.notifications.getAll()))).toEqual([
      `paid:${linkId}`,
    ]);
    await popup.close();

    // Clicking the notification opens the link's details (this address); seeing them clears the badge.
    const again = await page(`popup.html?link=${linkId}`);
    await expect
      .poll(() => shownText(again, '#details pay-link-status'), { timeout: 10_000 })
      .toMatch(/paid/i);
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    await again.close();
  });

  it('disables an open link from the recent list, and filters the list', async () => {
    const popup = await page('popup.html');
    const form = popup.locator('pay-link-form');
    await form.locator('input[name="amount"]').waitFor({ timeout: 10_000 });
    await form.locator('input[name="amount"]').fill('25000');
    await form.locator('input[name="description"]').fill('Second order');
    await form.locator('button[type="submit"]').click();
    const linkId = (await popup.locator('#details').getAttribute('data-link', { timeout: 10_000 }))!;
    const row = popup.locator(`#recent-list li[data-link="${linkId}"]`);
    await expect
      .poll(() => shownText(popup, `#recent-list li[data-link="${linkId}"] pay-link-status`), {
        timeout: 10_000,
      })
      .toMatch(/open/i);
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect
      .poll(() => shownText(popup, `#recent-list li[data-link="${linkId}"] pay-link-status`), {
        timeout: 10_000,
      })
      .toMatch(/unavailable|disabled/i);

    await popup.locator('#filter-status').selectOption('paid');
    await expect.poll(() => row.isHidden()).toBe(true);
    expect(await popup.locator('#recent-list li:not([hidden])').count()).toBe(1);
    await popup.locator('#filter-status').selectOption('');
    await popup.locator('#filter-text').fill('second');
    await expect.poll(() => popup.locator('#recent-list li:not([hidden])').count()).toBe(1);
    expect(await row.isVisible()).toBe(true);
    await popup.close();
  });
});
