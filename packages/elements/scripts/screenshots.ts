// Screenshots of the demo shop with the real stack (proxy, emulators, demo site), light and dark,
// English and Spanish, into test-results/ (gitignored), for a person to look at:
//   node packages/elements/scripts/screenshots.ts
// Build the bundle first (npx vite build): the demo page loads paylink.js from the proxy.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '@paylink/emulators';
import { createDemoApp } from '../../../demo/server.ts';
import { launchChromium } from '../../../e2e/browser.ts';
import { startStack } from '../../../scripts/stack.ts';

const out = join(process.cwd(), 'test-results');
mkdirSync(out, { recursive: true });
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
const browser = await launchChromium();
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
      await page.waitForFunction(() =>
        [...document.querySelectorAll('pay-link-button, pay-link-status')].every(
          (element) => !['loading', null].includes(element.getAttribute('status')),
        ),
      );
      await page.waitForTimeout(300);
      const file = join(out, `elements-${scheme}-${lang}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await demo.close();
  await stack.close();
  rmSync(dataDir, { recursive: true, force: true });
}
