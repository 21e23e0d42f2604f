// A merchant page with 200 buttons, against the real proxy: the views come in two batched
// requests (100 ids each), and the statuses are polled in batches, not one request per button.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PayLinkClient } from '@paylink/core';
import { listen, type RunningServer } from '@paylink/emulators';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../scripts/stack.ts';
import { launchChromium } from './browser.ts';

describe('a page with 200 <pay-link-button> elements', () => {
  let stack: Stack;
  let site: RunningServer;
  let browser: Browser;
  let dataDir: string;
  const ids: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-many-'));
    stack = await startStack({
      dataDir,
      ports: { proxy: 0, placetopay: 0 },
      providers: ['placetopay'],
      log: { info() {}, warn() {}, error: console.error },
    });
    const client = new PayLinkClient({ baseUrl: stack.proxyUrl, apiKey: stack.apiKey });
    for (let i = 0; i < 200; i++) {
      const link = await client.createLink({
        provider: 'placetopay',
        amount: { value: `${1000 + i}`, currency: 'COP' },
        description: `Item ${i}`,
        usageLimit: 1,
      });
      ids.push(link.id);
    }
    const app = new Hono();
    app.get('/', (c) =>
      c.html(
        `<!doctype html><html lang="en"><script type="module" src="${stack.proxyUrl}/paylink.js"></script>` +
          ids.map((id) => `<pay-link-button link="${id}"></pay-link-button>`).join(''),
      ),
    );
    site = await listen(app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the views in two requests and polls statuses in batches', async () => {
    const page = await browser.newPage();
    const requests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v1/')) requests.push(url);
    });
    await page.goto(site.url);
    await expect
      .poll(
        () =>
          page
            .locator('pay-link-button')
            .evaluateAll((els) => els.filter((el) => el.getAttribute('status') === 'open').length),
        { timeout: 15_000 },
      )
      .toBe(200);
    await page.waitForTimeout(4000); // one polling interval
    const views = requests.filter((u) => u.pathname === '/v1/views');
    const singleViews = requests.filter((u) => /^\/v1\/links\/pl_\w+$/.test(u.pathname));
    const batches = requests.filter((u) => u.pathname === '/v1/status');
    const perLinkStatus = requests.filter(
      (u) => /\/status$|\/events$/.test(u.pathname) && u.pathname !== '/v1/status',
    );
    expect(singleViews).toHaveLength(0);
    expect(views).toHaveLength(2);
    expect(new Set(views.flatMap((u) => u.searchParams.get('links')!.split(','))).size).toBe(200);
    // A few links get a push stream (browsers allow ~6 connections per origin); the rest are batched.
    expect(perLinkStatus.length).toBeLessThanOrEqual(8);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.every((u) => u.searchParams.get('links')!.split(',').length <= 100)).toBe(true);
    console.log(
      `200 buttons: ${views.length} view requests, ${perLinkStatus.length} per-link status/stream requests, ` +
        `${batches.length} batched status requests over the first polling interval`,
    );
    await page.close();
  });
});
