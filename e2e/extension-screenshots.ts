// The extension's screenshots, for the store listings and for looking at: the popup's form and
// created view, the links page (list and details) and the options, each in light and dark, from
// the built Chrome extension against the real proxy and emulators.
//
//   npm run build && npm run screenshots:extension     → extension/store/screenshots/*.png
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startStack } from '../scripts/stack.ts';
import { insertMenuInfo, startTestPage } from './extension-fixtures.ts';

const extensionDir = resolve('extension/.output/chrome-mv3');
const out = resolve(process.argv[2] ?? 'extension/store/screenshots');
mkdirSync(out, { recursive: true });
const profileDir = mkdtempSync(join(tmpdir(), 'paylink-shots-profile-'));
const dataDir = mkdtempSync(join(tmpdir(), 'paylink-shots-data-'));

const stack = await startStack({
  dataDir,
  ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
  log: { info() {}, warn() {}, error: console.error },
  env: { PAYLINK_REFRESH_INTERVAL_MS: '1000' },
});
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.PAYLINK_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  locale: 'en-US',
  args: [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-gpu',
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const shop = await startTestPage();
const base = `chrome-extension://${new URL(worker.url()).host}`;

async function open(path: string, width: number, height: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${base}/${path}`);
  return page;
}

/** Light and dark of what the page shows now. */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(out, `${name}-${colorScheme}.png`), fullPage });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function pay(url: string): Promise<void> {
  const checkout = await context.newPage();
  await checkout.goto(url);
  for (let step = 0; step < 4; step++) {
    const approve = checkout.locator('button[value="approved"]');
    if (await approve.count()) {
      await approve.click();
      break;
    }
    await checkout.locator('form button[type="submit"], a.button').first().click();
    await checkout.waitForLoadState();
  }
  await checkout.close();
}

try {
  // Options, as on first install (the guide), then filled in and saved.
  const options = await open('options.html', 1280, 800);
  await options.getByLabel('Proxy URL').fill(stack.proxyUrl);
  await options.getByLabel('API key').fill(stack.apiKey);
  await shoot(options, 'options-first-run');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.locator('#result[data-state="ok"]').waitFor();
  await options.getByLabel('Provider').selectOption('placetopay');
  await options.getByLabel('Currency').fill('USD');
  await options.getByRole('button', { name: 'Save' }).click();
  await options.locator('#result[data-state="ok"]').waitFor();
  await shoot(options, 'options');
  await options.close();

  // A few links of a small workshop business, one paid.
  const made: { id: string; url: string }[] = [];
  for (const [amount, description] of [
    ['120', 'Pottery workshop — Saturday 10:00'],
    ['45', 'Glaze kit, delivered'],
    ['300', 'Private lesson ×3'],
  ] as const) {
    const popup = await open(
      `popup.html?${new URLSearchParams({ from: 'selection', amount, currency: 'USD', description })}`,
      400,
      640,
    );
    await popup.locator('pay-link-form input[name="amount"]').waitFor();
    if (made.length === 0) await shoot(popup, 'popup-form');
    await popup.locator('pay-link-form button[type="submit"]').click();
    await popup.locator('#details pay-link-button a[href]').first().waitFor();
    await popup.locator('#details pay-link-button pay-link-qr img').first().waitFor();
    const id = (await popup.locator('#details').getAttribute('data-link'))!;
    const url = (await popup.locator('#details pay-link-button a[href]').first().getAttribute('href'))!;
    made.push({ id, url });
    if (made.length === 3) await shoot(popup, 'popup-created', true);
    await popup.close();
  }
  await pay(made[0]!.url);

  // "Insert a payment link…" in a help desk's reply box: the create window, then the reply.
  const chat = await context.newPage();
  await chat.setViewportSize({ width: 900, height: 400 });
  await chat.goto(shop.url);
  await chat.locator('#reply').click();
  await chat.keyboard.type('Hi Ana! Here is the link for your seat: ');
  const tab = await worker.evaluate(
    (url) =>
      (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
      ).chrome.tabs.query({ url }),
    shop.url,
  );
  const opened = context.waitForEvent('page');
  await worker.evaluate(
    ([info, tab]) =>
      (
        globalThis as unknown as { paylinkTest: { menuClicked(i: object, t: object): Promise<void> } }
      ).paylinkTest.menuClicked(info, tab),
    [insertMenuInfo, { id: tab[0]!.id, title: 'Chat with Ana — Help desk', url: shop.url }] as const,
  );
  const insert = await opened;
  await insert.setViewportSize({ width: 400, height: 640 });
  const form = insert.locator('pay-link-form');
  await form.locator('input[name="amount"]').waitFor();
  await form.locator('input[name="amount"]').fill('25');
  await form.locator('input[name="description"]').fill('Workshop seat');
  await shoot(insert, 'popup-insert');
  await form.locator('button[type="submit"]').click();
  await insert.locator('#insert-result[data-inserted="true"]').waitFor();
  await shoot(insert, 'popup-inserted');
  await insert.close();
  await shoot(chat, 'page-inserted');
  await chat.close();

  const links = await open('links.html', 1280, 800);
  await links.locator('#links tbody tr').nth(2).waitFor();
  await links.waitForTimeout(1500); // the paid status reaches the list
  await links.reload();
  await links.locator('#links tbody tr').nth(2).waitFor();
  await shoot(links, 'links');
  await links.getByRole('button', { name: 'Pottery workshop — Saturday 10:00' }).click();
  await links
    .locator('#events li')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {});
  await shoot(links, 'links-details');
  await links.close();
  console.log(`screenshots in ${out}`);
} finally {
  await context.close();
  await stack.close();
  await shop.close();
  for (const dir of [profileDir, dataDir]) rmSync(dir, { recursive: true, force: true });
}
