// End to end in Firefox ESR (Debian's, driven by puppeteer-core over WebDriver BiDi): the built
// Firefox extension installed for real, against the real proxy and emulators. The same journey as
// the Chromium test (options saved, a link created in the popup, paid in the emulator's checkout,
// Paid shown), then inserting into a textarea and a contenteditable field, sharing, and the links
// page. TOOLCHAIN.md has the recipe and why each launch option is there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type EvaluateFunc, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../scripts/stack.ts';
import { insertMenuInfo, plain, startTestPage, type TestPage } from './extension-fixtures.ts';

const firefox = process.env.PAYLINK_FIREFOX ?? '/usr/bin/firefox-esr';
const extensionDir = resolve('extension/.output/firefox-mv2');
/** Any fixed UUID: the `extensions.webextensions.uuids` preference gives the extension this one. */
const uuid = '00000000-0000-4000-8000-0000000a11c3';
const base = `moz-extension://${uuid}`;

/** The extension APIs the test calls inside extension pages (the functions run there). */
declare const browser: {
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } };
  tabs: { query(query: object): Promise<{ id: number; title: string; url: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown>; getBackgroundPage(): Promise<Window> };
  browserAction: { getBadgeText(details: object): Promise<string> };
};
interface TestHook {
  menuClicked(info: object, tab: object): Promise<void>;
  notificationClicked(id: string): Promise<void>;
}

/**
 * Polls a condition in a page until it holds. Unlike `waitForFunction`, an evaluation that fails
 * while the page is still being swapped from about:blank to the extension page (Firefox's BiDi
 * answers "right-hand side of 'in' should be an object" then) is retried, not fatal.
 */
async function until<A>(page: Page, condition: EvaluateFunc<[A]>, arg: A, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(condition, arg).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What a person reads in an element: its shadow DOM's text (whitespace folded). */
const shownText = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector);
    return (element?.shadowRoot?.textContent ?? element?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }, selector);

const hasFirefox = existsSync(firefox);
describe.skipIf(!hasFirefox)(
  `the browser extension in Firefox ESR${hasFirefox ? '' : ` (skipped: no ${firefox}; apt-get install -y firefox-esr)`}`,
  () => {
    let stack: Stack;
    let firefoxBrowser: Browser;
    let shop: TestPage;
    let dataDir: string;
    let downloads: string;

    beforeAll(async () => {
      // `npm test` builds first; a lone run of this file builds what is missing.
      if (!existsSync(join(extensionDir, 'manifest.json'))) {
        const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], {
          cwd: 'extension',
          stdio: 'inherit',
        });
        if (build.status !== 0) throw new Error('wxt build -b firefox failed');
      }
      dataDir = mkdtempSync(join(tmpdir(), 'paylink-fx-e2e-'));
      downloads = mkdtempSync(join(tmpdir(), 'paylink-fx-downloads-'));
      [stack, shop] = await Promise.all([
        startStack({
          dataDir,
          ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
          log: { info() {}, warn() {}, error: console.error },
          env: { PAYLINK_REFRESH_INTERVAL_MS: '1000' },
        }),
        startTestPage(),
      ]);
      firefoxBrowser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: firefox,
        headless: true,
        // Firefox 153+ refuses navigation to extension pages from the remote protocol without it.
        args: ['--remote-allow-system-access'],
        extraPrefsFirefox: {
          'extensions.webextensions.uuids': JSON.stringify({ 'extension@paylink.dev': uuid }),
          // The CSV export lands in a folder the test reads, without a dialog.
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
        },
      });
      await firefoxBrowser.installExtension(extensionDir);
    });

    afterAll(async () => {
      await firefoxBrowser?.close();
      await stack?.close();
      await shop?.close();
      for (const dir of [dataDir, downloads]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /**
     * An extension page in a fresh tab. The load event never fires for moz-extension: pages over
     * BiDi, so the navigation is not awaited; the document being parsed is.
     */
    const open = async (path: string): Promise<Page> => {
      const page = await firefoxBrowser.newPage();
      void page.goto(`${base}/${path}`, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => {});
      await until(page, (origin) => location.origin === origin && document.readyState !== 'loading', base);
      return page;
    };

    it('saves the options and connects', async () => {
      // Installing opened the options page by itself.
      const paths = async () =>
        Promise.all(
          (await firefoxBrowser.pages()).map((tab) => tab.evaluate(() => location.href).catch(() => '')),
        );
      await expect.poll(paths, { timeout: 10_000 }).toContain(`${base}/options.html`);
      const options = await open('options.html');
      // A first visit: the guide is there until the extension is set up.
      await expect.poll(() => options.$eval('#guide', (el) => (el as HTMLElement).hidden)).toBe(false);
      await options.type('#proxy-url', stack.proxyUrl);
      await options.type('#api-key', stack.apiKey);
      await options.click('#save'); // a real click: permissions.request needs the gesture
      await expect
        .poll(() => options.$eval('#result', (el) => el.textContent), { timeout: 10_000 })
        .toMatch(/^Saved\. Connected\. Providers: .*Placetopay/);
      await options.select('#default-provider', 'placetopay');
      await options.type('#default-currency', 'cop');
      await options.click('#save');
      await expect
        .poll(() => options.$eval('#result', (el) => el.textContent), { timeout: 10_000 })
        .toMatch(/^Saved\. Connected/);
      expect(
        await options.evaluate(() => browser.storage.local.get(['proxyUrl', 'apiKey', 'defaultCurrency'])),
      ).toEqual({
        proxyUrl: stack.proxyUrl,
        apiKey: stack.apiKey,
        defaultCurrency: 'COP',
      });
      expect(await options.$eval('#guide', (el) => (el as HTMLElement).hidden)).toBe(true);
      await options.close();
    });

    it('creates a link in the popup and shows Paid once it is paid in the emulator checkout', async () => {
      const query = new URLSearchParams({
        from: 'selection',
        amount: '100000.00',
        currency: 'COP',
        description: 'Consulting session',
        reference: 'shop.example/orders/7',
      });
      const popup = await open(`popup.html?${query}`);
      const amount = 'pay-link-form >>> input[name="amount"]';
      await popup.waitForSelector(amount, { timeout: 10_000 });
      await expect.poll(() => popup.$eval(amount, (el) => (el as HTMLInputElement).value)).toBe('100000');
      await popup.click('pay-link-form >>> button[type="submit"]');
      await popup.waitForSelector('#details', { timeout: 10_000 });
      const linkId = await popup.$eval('#details', (el) => el.getAttribute('data-link'));
      expect(linkId).toMatch(/^pl_/);
      await expect
        .poll(() => shownText(popup, '#details pay-link-status'), { timeout: 10_000 })
        .toMatch(/open/i);
      const checkoutUrl = await popup
        .waitForSelector('#details pay-link-button >>> a[href]', { timeout: 10_000 })
        .then((a) => a!.evaluate((el) => el.getAttribute('href')));
      expect(checkoutUrl).toMatch(/^http:\/\/localhost:\d+\//);

      // Pay the way a customer does, in the emulator's hosted checkout.
      const checkout = await firefoxBrowser.newPage();
      await checkout.goto(checkoutUrl!, { waitUntil: 'load' });
      for (let step = 0; step < 4; step++) {
        const approve = await checkout.$('button[value="approved"]');
        const next = approve ?? (await checkout.$('form button[type="submit"], a.button'));
        if (!next) break;
        await Promise.all([checkout.waitForNavigation({ waitUntil: 'load' }).catch(() => {}), next.click()]);
        if (approve) break;
      }
      await checkout.close();

      await expect
        .poll(() => shownText(popup, '#details pay-link-status'), { timeout: 15_000 })
        .toMatch(/paid/i);
      // The background's check (the alarm's) finds it paid: the badge counts it.
      expect(
        await popup.evaluate(() => browser.runtime.sendMessage({ type: 'checkNow', data: null })),
      ).toEqual({
        ok: true,
        value: 1,
      });
      await expect.poll(() => popup.evaluate(() => browser.browserAction.getBadgeText({}))).toBe('1');

      // The notification's click (its handler, through the test hook) opens the link's details on
      // the links page, which clears the badge.
      const before = new Set(firefoxBrowser.targets());
      const opened = firefoxBrowser.waitForTarget((t) => t.type() === 'page' && !before.has(t), {
        timeout: 10_000,
      });
      await popup.evaluate(async (id) => {
        const background = (await browser.runtime.getBackgroundPage()) as unknown as {
          paylinkTest: TestHook;
        };
        await background.paylinkTest.notificationClicked(`paid:${id}`);
      }, linkId);
      const details = (await (await opened).asPage())!;
      await until(
        details,
        (id) => document.querySelector('dialog#details')?.getAttribute('data-link') === id,
        linkId,
      );
      expect(await details.evaluate(() => location.pathname)).toBe('/links.html');
      await expect
        .poll(() => shownText(details, 'dialog#details pay-link-status'), { timeout: 10_000 })
        .toMatch(/paid/i);
      await expect.poll(() => popup.evaluate(() => browser.browserAction.getBadgeText({}))).toBe('');
      await details.close();
      await popup.close();
    });

    /** "Insert a payment link…" in a field of the shop page, through the click's own handler. */
    async function insertFrom(shopPage: Page, field: string): Promise<Page> {
      await shopPage.bringToFront();
      await shopPage.click(field);
      await shopPage.keyboard.type('Hello Ana, ');
      const helper = await open('options.html');
      // Extension pages show as about:blank among the targets: the create window is the new one.
      const before = new Set(firefoxBrowser.targets());
      const target = firefoxBrowser.waitForTarget((t) => t.type() === 'page' && !before.has(t), {
        timeout: 10_000,
      });
      await helper.evaluate(
        async (info, url) => {
          const tab = (await browser.tabs.query({})).find((item) => item.url === url)!;
          const background = (await browser.runtime.getBackgroundPage()) as unknown as {
            paylinkTest: TestHook;
          };
          await background.paylinkTest.menuClicked(info, { id: tab.id, title: tab.title, url: tab.url });
        },
        insertMenuInfo,
        shop.url,
      );
      const popup = (await (await target).asPage())!;
      await until(
        popup,
        () => location.search.includes('insertTab=') && document.readyState !== 'loading',
        null,
      );
      await helper.close();
      return popup;
    }

    async function create(popup: Page, amount: string, description: string): Promise<string> {
      const field = (name: string) => `pay-link-form >>> [name="${name}"]`;
      await popup.waitForSelector(field('amount'), { timeout: 10_000 });
      for (const [name, value] of [
        ['amount', amount],
        ['currency', 'USD'],
        ['description', description],
      ] as const) {
        await popup.$eval(field(name), (el) => ((el as HTMLInputElement).value = ''));
        await popup.type(field(name), value);
      }
      await popup.click('pay-link-form >>> button[type="submit"]');
      await popup.waitForSelector('#details', { timeout: 10_000 });
      return (await popup.$eval('#details', (el) => el.getAttribute('data-link')))!;
    }

    const inputEvents = (page: Page) =>
      page.evaluate(() => (window as unknown as { inputEvents: { id: string; type: string }[] }).inputEvents);

    it('inserts the link as a message into a textarea and a contenteditable field', async () => {
      const shopPage = await firefoxBrowser.newPage();
      await shopPage.goto(shop.url, { waitUntil: 'load' });

      const reply = await insertFrom(shopPage, '#reply');
      expect(
        await reply.$eval(
          'pay-link-form >>> input[name="description"]',
          (el) => (el as HTMLInputElement).value,
        ),
      ).toBe('Chat with Ana — Help desk');
      await create(reply, '25', 'Workshop');
      await expect
        .poll(() => reply.$eval('#insert-result', (el) => el.textContent), { timeout: 10_000 })
        .toBe('Inserted into the page.');
      const url = await reply.$eval('#details pay-link-button >>> a[href]', (el) => el.getAttribute('href'));
      expect(plain(await shopPage.$eval('#reply', (el) => (el as HTMLTextAreaElement).value))).toBe(
        `Hello Ana, Pay USD 25 — Workshop: ${url}`,
      );
      expect((await inputEvents(shopPage)).at(-1)).toMatchObject({ id: 'reply', type: 'insertText' });
      await reply.close();

      const compose = await insertFrom(shopPage, '#compose');
      await create(compose, '40', 'Second seat');
      await expect
        .poll(() => compose.$eval('#insert-result', (el) => el.getAttribute('data-inserted')), {
          timeout: 10_000,
        })
        .toBe('true');
      expect(plain(await shopPage.$eval('#compose', (el) => el.textContent))).toMatch(
        /^Hello Ana, Pay USD 40 — Second seat: http:\/\/localhost:\d+\/\S+$/,
      );
      expect((await inputEvents(shopPage)).at(-1)).toMatchObject({ id: 'compose', type: 'insertText' });
      await compose.close();
      await shopPage.close();
    });

    it('shares in one click: the copied message pastes into a page, WhatsApp and e-mail carry it', async () => {
      const popup = await open('popup.html?from=selection&amount=12&currency=USD&description=Lesson');
      await popup.waitForSelector('pay-link-form >>> input[name="amount"]', { timeout: 10_000 });
      await popup.click('pay-link-form >>> button[type="submit"]');
      await popup.waitForSelector('#details .share-bar', { timeout: 10_000 });
      const url = await popup.$eval('#details pay-link-button >>> a[href]', (el) => el.getAttribute('href'));
      const message = `Pay USD 12 — Lesson: ${url}`;
      await popup.click('[data-share="copy-message"]');
      await expect.poll(() => popup.$eval('.share-result', (el) => el.textContent)).toBe('Copied.');
      const whatsapp = await popup.$eval('[data-share="whatsapp"]', (el) => el.getAttribute('href'));
      expect(plain(new URL(whatsapp!).searchParams.get('text'))).toBe(message);
      expect(whatsapp!.startsWith('https://wa.me/?text=')).toBe(true);
      const mailto = await popup.$eval('[data-share="mailto"]', (el) => el.getAttribute('href'));
      expect(plain(decodeURIComponent(mailto!.split('body=')[1]!))).toBe(message);
      await popup.close();
      // What was copied is what a merchant pastes into a chat.
      const shopPage = await firefoxBrowser.newPage();
      await shopPage.goto(shop.url, { waitUntil: 'load' });
      await shopPage.click('#reply');
      await shopPage.keyboard.down('Control');
      await shopPage.keyboard.press('v');
      await shopPage.keyboard.up('Control');
      await expect
        .poll(async () => plain(await shopPage.$eval('#reply', (el) => (el as HTMLTextAreaElement).value)))
        .toBe(message);
      await shopPage.close();
    });

    it('lists the links with filters, totals paid and a CSV export', async () => {
      const links = await open('links.html?limit=2');
      const rows = () => links.$$eval('#links tbody tr', (items) => items.length);
      await expect.poll(rows, { timeout: 10_000 }).toBe(2);
      await links.click('#load-all');
      await expect.poll(() => links.$eval('#load-all', (el) => (el as HTMLElement).hidden)).toBe(true);
      const total = await rows();
      expect(total).toBe(4);
      expect(await links.$eval('#totals', (el) => el.getAttribute('data-totals'))).toBe('COP 100000.00');
      await links.type('#filter-text', 'seat');
      await expect.poll(rows).toBe(1);
      await links.$eval('#filter-text', (el) => ((el as HTMLInputElement).value = ''));
      await links.select('#filter-status', 'paid');
      await expect.poll(rows).toBe(1);
      await links.select('#filter-status', '');
      await expect.poll(rows).toBe(2);
      await links.click('#load-all');
      await expect.poll(rows).toBe(total);

      await links.click('#export');
      await expect
        .poll(() => readdirSync(downloads).filter((name) => name.endsWith('.csv')), { timeout: 10_000 })
        .toHaveLength(1);
      const file = readdirSync(downloads).find((name) => name.endsWith('.csv'))!;
      await expect
        .poll(() => readFileSync(join(downloads, file), 'utf8').trim().split('\r\n').length)
        .toBe(total + 1);
      expect(readFileSync(join(downloads, file), 'utf8')).toMatch(
        /,paid,placetopay,COP,100000\.00,1,Consulting session,/,
      );

      // The paid link's details, with its events.
      await links.evaluate(() =>
        [...document.querySelectorAll<HTMLButtonElement>('button.open')]
          .find((b) => b.textContent === 'Consulting session')!
          .click(),
      );
      await expect
        .poll(() => links.$eval('dialog#details', (el) => (el as HTMLDialogElement).open))
        .toBe(true);
      await expect
        .poll(() => links.$$eval('#events li', (items) => items.map((li) => li.getAttribute('data-type'))), {
          timeout: 10_000,
        })
        .toContain('link.paid');
      await links.close();
    });
  },
);
