// Screenshots for a person to look at, into test-results/ (gitignored):
//   npm run build && node --conditions=@paylink/source packages/elements/scripts/screenshots.ts
// 1. The demo shop with the real stack, light and dark, English and Spanish.
// 2. A gallery of every element state (scripts/gallery.ts), light and dark, desktop and 375 px, and
//    the same page while its proxy is unreachable.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '@paylink/emulators';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { createDemoApp } from '../../../demo/server.ts';
import { launchChromium } from '../../../e2e/browser.ts';
import { startStack } from '../../../scripts/stack.ts';
import { startRealStack } from '../test/real-stack.ts';
import { prepareGallery } from './gallery.ts';

const out = join(process.cwd(), 'test-results');
mkdirSync(out, { recursive: true });
const browser = await launchChromium();

async function demoShots(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paylink-shots-'));
  const stack = await startStack({
    dataDir,
    ports: { proxy: 0, placetopay: 0, plexo: 0, midtrans: 0, payroc: 0 },
    log: { info() {}, warn() {}, error: console.error },
  });
  const demo = await listen(
    createDemoApp({
      proxyUrl: stack.proxyUrl,
      apiKey: stack.apiKey,
      dataDir,
      providers: Object.keys(stack.emulators),
    }),
  );
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'es'] as const) {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(demo.url);
        if (lang === 'es') {
          // Every element follows `locale`; the page's own copy stays as the demo wrote it.
          await page.evaluate(() => {
            document.documentElement.lang = 'es';
            for (const element of document.querySelectorAll('pay-link-button, pay-link-status'))
              element.setAttribute('locale', 'es');
          });
        }
        await settled(page);
        await shoot(page, `elements-${scheme}-${lang}.png`);
        await page.close();
      }
    }
  } finally {
    await demo.close();
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every button and status shows something other than "loading" (but the one kept loading on purpose). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('pay-link-button:not([data-hold]), pay-link-status')].every(
        (element) => !['loading', null].includes(element.getAttribute('status')),
      ),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(1200); // QR images, the form's providers, lazy chunks
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = join(out, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

async function galleryShots(): Promise<void> {
  // <pay-link-form> is not in paylink.js: build it alone for the page.
  const formDir = mkdtempSync(join(tmpdir(), 'paylink-form-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: formDir,
      emptyOutDir: true,
      lib: {
        entry: join(import.meta.dirname, 'gallery-form.ts'),
        formats: ['es'],
        fileName: () => 'form.js',
      },
    },
  });
  const stack = await startRealStack();
  // A proxy that never answers (the loading state) and a closed port (unreachable).
  const hold = createServer(() => {});
  await new Promise<void>((resolve) => hold.listen(0, '127.0.0.1', resolve));
  const holdUrl = `http://127.0.0.1:${(hold.address() as AddressInfo).port}`;
  const app = new Hono();
  let html = '';
  app.get('/', (c) => c.html(html));
  // The form bundle and its chunks.
  app.get('/:file{[\\w.-]+\\.js}', (c) =>
    c.body(readFileSync(join(formDir, c.req.param('file')), 'utf8'), 200, {
      'content-type': 'text/javascript',
    }),
  );
  const site = await listen(app);
  try {
    const gallery = await prepareGallery(stack, {
      hold: holdUrl,
      unreachable: 'http://127.0.0.1:9',
      notAProxy: site.url,
    });
    const key = (await (
      await fetch(`${stack.controlUrl}/page-key`, { method: 'POST', headers: { origin: site.url } })
    ).json()) as { apiKey: string };
    html = gallery.html(`/form.js?proxy=${encodeURIComponent(stack.proxyUrl)}`, key.apiKey);
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1100, 375]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(site.url);
        await settled(page);
        await shoot(page, `gallery-${scheme}-${width}.png`);
        if (scheme === 'light' && width === 1100) {
          // The same page while its proxy is unreachable: last known states, one notice each.
          await fetch(`${stack.controlUrl}/gate/closed`, { method: 'POST' });
          await page.waitForTimeout(3000);
          await shoot(page, 'gallery-outage-light-1100.png');
          await fetch(`${stack.controlUrl}/gate/open`, { method: 'POST' });
        }
        await page.close();
      }
    }
  } finally {
    hold.closeAllConnections();
    hold.close();
    await site.close();
    await stack.close();
    rmSync(formDir, { recursive: true, force: true });
  }
}

try {
  await demoShots();
  await galleryShots();
} finally {
  await browser.close();
}
