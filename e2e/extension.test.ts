// End to end: the built extension loaded unpacked into Chromium, against the real proxy and the
// emulators: settings saved in the options page, a link created in the popup, paid in the
// emulator's hosted checkout, and the popup (and the background's badge) showing Paid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PayLinkClient } from '@paylink/core';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../scripts/stack.ts';
import { insertMenuInfo, plain, startTestPage, type TestPage } from './extension-fixtures.ts';

/** The few extension APIs the test calls inside the extension (the functions run there, not here). */
declare const chrome: {
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } };
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  runtime: { sendMessage(message: unknown): Promise<unknown>; getManifest(): { commands?: unknown } };
  tabs: {
    query(query: object): Promise<{ id: number; title: string; url: string }[]>;
    getCurrent(): Promise<{ id: number }>;
  };
  commands: { getAll(): Promise<{ name: string; shortcut: string }[]> };
};

/** The background's test hook: the handlers a context-menu and a notification click call. */
interface TestHook {
  menuClicked(info: object, tab: object): Promise<void>;
  notificationClicked(id: string): Promise<void>;
}
declare const paylinkTest: TestHook;

const extensionDir = resolve('extension/.output/chrome-mv3');
const shots = join(process.cwd(), 'test-results');

const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG A/AA violations on an extension page (evaluated, so the page's CSP allows it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const results = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

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
  let shop: TestPage;

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
    shop = await startTestPage();
    // The test reads what the extension copied.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    await shop?.close();
    for (const dir of [profileDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = async (path: string) => {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/${path}`);
    return tab;
  };

  it('opens the options with the guide on install, and registers the popup shortcut', async () => {
    await expect
      .poll(() => context.pages().map((tab) => tab.url()), { timeout: 10_000 })
      .toContain(`chrome-extension://${extensionId}/options.html`);
    const options = context.pages().find((tab) => tab.url().endsWith('/options.html'))!;
    await expect.poll(() => options.locator('#guide').isVisible()).toBe(true);
    expect(await options.locator('#guide li').allTextContents()).toHaveLength(3);
    // (It stays open: closing the browser's only window would leave no window for the rest.)
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands.map((command) => command.name)).toContain('_execute_action');
    // The browser may leave a suggested key unassigned where it clashes; the manifest suggests it.
    expect(await worker.evaluate(() => chrome.runtime.getManifest().commands)).toEqual({
      _execute_action: { suggested_key: { default: 'Alt+Shift+P' } },
    });
  });

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

  it('refuses a plain-http proxy and names the exact connection problem', async () => {
    const options = await page('options.html');
    const url = options.getByLabel('Proxy URL');
    const result = options.locator('#result');
    await expect.poll(() => url.inputValue()).toBe(stack.proxyUrl);
    // The guide is for a first visit; this extension is set up.
    expect(await options.locator('#guide').isHidden()).toBe(true);
    await url.fill('http://pay.example.com');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => result.textContent()).toMatch(/https:\/\/.*in clear/);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    // A server that is not a PayLink proxy, a wrong key, nothing listening: each named.
    const cases: [string, string, RegExp][] = [
      [shop.url.replace(/\/chat\/ana$/, ''), stack.apiKey, /not as a PayLink proxy/],
      [stack.proxyUrl, 'pk_wrong', /does not know this API key/],
      ['http://127.0.0.1:9', stack.apiKey, /Could not reach the proxy/],
    ];
    for (const [proxy, key, expected] of cases) {
      await url.fill(proxy);
      await options.getByLabel('API key').fill(key);
      await options.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => result.textContent(), { timeout: 10_000 }).toMatch(expected);
      expect(await result.getAttribute('data-state')).toBe('error');
    }
    expect(await axeViolations(options)).toEqual([]);
    // Nothing of that was saved.
    expect(await worker.evaluate(() => chrome.storage.local.get(['proxyUrl', 'apiKey']))).toEqual({
      proxyUrl: stack.proxyUrl,
      apiKey: stack.apiKey,
    });
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
    // The QR code of the checkout address shows (the proxy's image).
    await expect
      .poll(
        () =>
          popup
            .locator('#details pay-link-button pay-link-qr img')
            .first()
            .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)
            .catch(() => false),
        { timeout: 10_000 },
      )
      .toBe(true);
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

    // Clicking the notification opens the link's details on the links page (the click's own
    // handler, called through the test hook); seeing them clears the badge.
    const opened = context.waitForEvent('page');
    await worker.evaluate((id) => paylinkTest.notificationClicked(`paid:${id}`), linkId);
    const linksPage = await opened;
    expect(linksPage.url()).toBe(`chrome-extension://${extensionId}/links.html?link=${linkId}`);
    await expect
      .poll(() => linksPage.locator('dialog#details').getAttribute('data-link'), { timeout: 10_000 })
      .toBe(linkId);
    await expect
      .poll(() => shownText(linksPage, 'dialog#details pay-link-status'), { timeout: 10_000 })
      .toMatch(/paid/i);
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    expect(await worker.evaluate(() => chrome.notifications.getAll())).toEqual({});
    await linksPage.close();
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

  /** Right-click "Insert a payment link…" in a field of the shop page, through the click's own handler. */
  async function insertFrom(shopPage: Page, fieldSelector: string): Promise<Page> {
    await shopPage.bringToFront();
    await shopPage.locator(fieldSelector).click();
    await shopPage.keyboard.type('Hello Ana, ');
    const [tab] = await worker.evaluate((url) => chrome.tabs.query({ url }), shop.url);
    const opened = context.waitForEvent('page');
    await worker.evaluate(([info, tab]) => paylinkTest.menuClicked(info, tab), [
      insertMenuInfo,
      { id: tab!.id, title: tab!.title, url: tab!.url },
    ] as const);
    const popup = await opened;
    await popup.waitForLoadState();
    return popup;
  }

  async function createIn(popup: Page, amount: string, description: string): Promise<string> {
    const form = popup.locator('pay-link-form');
    await form.locator('input[name="amount"]').waitFor({ timeout: 10_000 });
    await form.locator('input[name="amount"]').fill(amount);
    await form.locator('[name="currency"]').fill('USD');
    await form.locator('input[name="description"]').fill(description);
    await form.locator('button[type="submit"]').click();
    return (await popup.locator('#details').getAttribute('data-link', { timeout: 10_000 }))!;
  }

  it('inserts a new link as a message into a textarea and a contenteditable field, firing input', async () => {
    const shopPage = await context.newPage();
    await shopPage.goto(shop.url);

    const popup = await insertFrom(shopPage, '#reply');
    expect(new URL(popup.url()).searchParams.get('insertTab')).toMatch(/^\d+$/);
    // Prefilled from the page: its title (cleaned) and address.
    expect(await popup.locator('pay-link-form input[name="description"]').inputValue()).toBe(
      'Chat with Ana — Help desk',
    );
    expect(await popup.locator('pay-link-form input[name="reference"]').inputValue()).toBe(
      `127.0.0.1:${new URL(shop.url).port}/chat/ana`,
    );
    expect(await popup.locator('#insert-hint').textContent()).toMatch(/field you right-clicked/);
    const linkId = await createIn(popup, '25', 'Workshop');
    await expect
      .poll(() => popup.locator('#insert-result').textContent(), { timeout: 10_000 })
      .toBe('Inserted into the page.');
    const url = await popup.locator('#details pay-link-button a[href]').first().getAttribute('href');
    expect(plain(await shopPage.locator('#reply').inputValue())).toBe(
      `Hello Ana, Pay USD 25 — Workshop: ${url}`,
    );
    const events = await shopPage.evaluate(
      () => (window as unknown as { inputEvents: { id: string; type: string }[] }).inputEvents,
    );
    expect(events.at(-1)).toMatchObject({ id: 'reply', type: 'insertText' });
    expect(linkId).toMatch(/^pl_/);
    await popup.close();

    // A contenteditable compose box (WhatsApp Web's and Gmail's are), with the caret mid-text.
    const compose = await insertFrom(shopPage, '#compose');
    await createIn(compose, '40', 'Second seat');
    await expect
      .poll(() => compose.locator('#insert-result').getAttribute('data-inserted'), { timeout: 10_000 })
      .toBe('true');
    const text = plain(await shopPage.locator('#compose').textContent());
    expect(text).toMatch(/^Hello Ana, Pay USD 40 — Second seat: http:\/\/localhost:\d+\/\S+$/);
    const composeEvents = await shopPage.evaluate(
      () => (window as unknown as { inputEvents: { id: string; type: string }[] }).inputEvents,
    );
    expect(composeEvents.at(-1)).toMatchObject({ id: 'compose', type: 'insertText' });
    await compose.close();

    // An amount selected in the field is read into the form, and stays: the message goes after it.
    await shopPage.locator('#reply').fill('Your seat is USD 25.00');
    await shopPage.locator('#reply').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(13, 22));
    const [shopTab] = await worker.evaluate((url) => chrome.tabs.query({ url }), shop.url);
    const selected = context.waitForEvent('page');
    await worker.evaluate(([info, tab]) => paylinkTest.menuClicked(info, tab), [
      insertMenuInfo,
      { id: shopTab!.id, title: shopTab!.title, url: shopTab!.url },
    ] as const);
    const fromSelection = await selected;
    const amountField = fromSelection.locator('pay-link-form input[name="amount"]');
    await expect.poll(() => amountField.inputValue(), { timeout: 10_000 }).toBe('25');
    expect(await fromSelection.locator('pay-link-form [name="currency"]').inputValue()).toBe('USD');
    await fromSelection.locator('pay-link-form button[type="submit"]').click();
    await expect
      .poll(() => fromSelection.locator('#insert-result').getAttribute('data-inserted'), { timeout: 10_000 })
      .toBe('true');
    expect(plain(await shopPage.locator('#reply').inputValue())).toMatch(
      /^Your seat is USD 25\.00 Pay USD 25 — Chat with Ana — Help desk: http:\/\/localhost:\d+\/\S+$/,
    );
    await fromSelection.close();

    // A page that refuses extensions' scripts (here the extension's own options page, as the
    // browser's pages and the stores do): said up front, and the message goes to the clipboard.
    const refusing = await page('options.html');
    const refusingTab = await refusing.evaluate(() => chrome.tabs.getCurrent());
    const blocked = context.waitForEvent('page');
    await worker.evaluate(([info, tab]) => paylinkTest.menuClicked(info, tab), [
      insertMenuInfo,
      { id: refusingTab.id, title: 'PayLink', url: refusing.url() },
    ] as const);
    const blockedPopup = await blocked;
    await expect
      .poll(() => blockedPopup.locator('#insert-hint').textContent(), { timeout: 10_000 })
      .toMatch(/does not let extensions write/);
    await createIn(blockedPopup, '7', 'Refused');
    await expect
      .poll(() => blockedPopup.locator('#insert-result').textContent(), { timeout: 10_000 })
      .toMatch(/did not take the text.*clipboard/);
    expect(plain(await blockedPopup.evaluate(() => navigator.clipboard.readText()))).toMatch(
      /^Pay USD 7 — Refused: http:/,
    );
    await blockedPopup.close();
    await refusing.close();

    // The field is gone by the time the link exists: the message waits on the clipboard instead.
    const gone = await insertFrom(shopPage, '#subject');
    await shopPage.evaluate(() => document.getElementById('subject')!.remove());
    await gone.bringToFront();
    await createIn(gone, '5', 'Late reply');
    await expect
      .poll(() => gone.locator('#insert-result').textContent(), { timeout: 10_000 })
      .toMatch(/did not take the text.*clipboard/);
    expect(plain(await gone.evaluate(() => navigator.clipboard.readText()))).toMatch(
      /^Pay USD 5 — Late reply: http:/,
    );
    await gone.close();
    await shopPage.close();
  });

  it('shares a link in one click: copy, copy as message, WhatsApp, e-mail', async () => {
    const popup = await page(
      'popup.html?from=selection&amount=12&currency=USD&description=Lesson%20%2B%20book',
    );
    await popup.locator('pay-link-form input[name="amount"]').waitFor({ timeout: 10_000 });
    await popup.locator('pay-link-form button[type="submit"]').click();
    const bar = popup.locator('#details .share-bar');
    await bar.waitFor({ timeout: 10_000 });
    const url = (await popup.locator('#details pay-link-button a[href]').first().getAttribute('href'))!;
    const message = `Pay USD 12 — Lesson + book: ${url}`;
    await bar.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Copied.');
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await bar.getByRole('button', { name: 'Copy as message' }).click();
    await expect
      .poll(async () => plain(await popup.evaluate(() => navigator.clipboard.readText())))
      .toBe(message);
    const whatsapp = (await bar.getByRole('link', { name: 'WhatsApp' }).getAttribute('href'))!;
    expect(whatsapp.startsWith('https://wa.me/?text=')).toBe(true);
    expect(plain(new URL(whatsapp).searchParams.get('text'))).toBe(message);
    const mailto = (await bar.getByRole('link', { name: 'E-mail' }).getAttribute('href'))!;
    expect(mailto).toMatch(/^mailto:\?subject=Payment%20link&body=/);
    expect(plain(decodeURIComponent(mailto.split('body=')[1]!))).toBe(message);
    // Placetopay cannot e-mail an existing link; Payroc can (its own e-mail, through the proxy).
    expect(await bar.locator('form.share').count()).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('wraps a 1,000-character word instead of widening the details', async () => {
    // The proxy takes descriptions of 1,000 characters (Payroc passes them on; Placetopay's
    // checkout stops at 250); one without a break point.
    const word = 'x'.repeat(1000);
    const client = new PayLinkClient({ baseUrl: stack.proxyUrl, apiKey: stack.apiKey });
    const link = await client.createLink({
      provider: 'payroc',
      amount: { value: '1.00', currency: 'USD' },
      description: word,
    });
    const popup = await page(`popup.html?link=${link.id}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.locator('#details pay-link-button a[href]').first().waitFor({ timeout: 10_000 });
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await popup.close();

    const links = await page(`links.html?link=${link.id}`);
    await links.setViewportSize({ width: 1280, height: 800 });
    await expect
      .poll(() => links.locator('dialog#details').getAttribute('data-link'), { timeout: 10_000 })
      .toBe(link.id);
    expect(await links.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const dialogWidth = await links.locator('dialog#details').evaluate((d) => d.scrollWidth);
    expect(dialogWidth).toBeLessThanOrEqual(36 * 15);
    await links.close();
  });

  it('lists every link with paging, search, filters, totals paid, CSV and details with events', async () => {
    // "All payment links" in the toolbar button's menu opens the links page in a tab.
    const opened = context.waitForEvent('page');
    await worker.evaluate(() => paylinkTest.menuClicked({ menuItemId: 'open-links' }, {}));
    const fromMenu = await opened;
    expect(fromMenu.url()).toBe(`chrome-extension://${extensionId}/links.html`);
    await fromMenu.close();

    const links = await page('links.html?limit=2');
    const rows = links.locator('#links tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await links.locator('#summary').textContent()).toBe(
      '2 of 2 loaded links (older ones not loaded yet).',
    );
    await links.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    await links.getByRole('button', { name: 'Load all' }).click();
    await expect.poll(() => links.getByRole('button', { name: 'Load all' }).isHidden()).toBe(true);
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(7);
    expect(await links.locator('#summary').textContent()).toBe(`${total} of ${total} loaded links.`);
    // Only the Consulting session was paid: COP 100,000.
    expect(await links.locator('#totals').getAttribute('data-totals')).toBe('COP 100000.00');

    await links.getByLabel('Search').fill('seat');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await links.locator('#totals').textContent()).toBe('Paid: nothing yet');
    await links.getByLabel('Search').fill('');
    // Status goes to the proxy (and starts the paging over).
    await links.getByLabel('Status').selectOption('paid');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Consulting session');
    await links.getByLabel('Status').selectOption('');
    await links.getByLabel('Provider').selectOption('plexo');
    await expect.poll(() => links.locator('#summary').textContent()).toBe('0 of 0 loaded links.');
    await links.getByLabel('Provider').selectOption('');
    await expect.poll(() => links.locator('#summary').textContent()).toMatch(/^2 of 2 loaded/);
    // A day in the future: nothing; today: everything, with the pages it takes loaded.
    const day = (offset: number) => {
      const date = new Date(Date.now() + offset * 86_400_000);
      return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    };
    await links.getByLabel('From').fill(day(1));
    await expect.poll(() => rows.count()).toBe(0);
    await links.getByLabel('From').fill(day(0));
    await links.getByLabel('To').fill(day(0));
    await expect
      .poll(() => links.locator('#summary').textContent())
      .toBe(`${total} of ${total} loaded links.`);

    const download = links.waitForEvent('download');
    await links.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += chunk;
      return text;
    });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,created_at,status,provider,currency,amount,payments,description,reference,expires_at,url',
    );
    expect(lines).toHaveLength(total + 1);
    expect(lines.some((line) => /,paid,placetopay,COP,100000\.00,1,Consulting session,/.test(line))).toBe(
      true,
    );

    // Details of the paid link: live status, payments, share bar, its events; Escape closes.
    await links.getByRole('button', { name: 'Consulting session' }).click();
    const dialog = links.locator('dialog#details');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await expect
      .poll(() => shownText(links, 'dialog#details pay-link-status'), { timeout: 10_000 })
      .toMatch(/paid/i);
    expect(await dialog.locator('dl').textContent()).toMatch(
      /Payments1 of 1.*Referenceshop\.example\/orders\/7.*Last paymentapproved/,
    );
    await expect
      .poll(() =>
        dialog.locator('#events li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type'))),
      )
      .toContain('link.paid');
    expect(await dialog.locator('.share-bar [data-share]').count()).toBe(4);
    await links.screenshot({ path: join(shots, 'extension-links-details.png') });
    expect(await axeViolations(links)).toEqual([]);
    await links.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    // By keyboard alone: focus a row's link, Enter opens its details, Escape gives the focus back.
    const open = links.getByRole('button', { name: 'Consulting session' });
    await open.focus();
    await links.keyboard.press('Enter');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await links.evaluate(() => document.activeElement?.id)).toBe('close');
    await links.keyboard.press('Escape');
    await expect
      .poll(() => links.evaluate(() => document.activeElement?.textContent))
      .toBe('Consulting session');
    expect(await axeViolations(links)).toEqual([]);
    await links.close();
  });
});
