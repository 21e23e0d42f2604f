// The framework matrix (issue 14): the packages as outsiders get them. `npm pack` of @paylink/core
// and @paylink/elements; each installs alone into an empty folder and imports in plain Node; then
// vanilla Vite, React 19, Vue 3, Svelte 5 and Angular apps (frameworks/<name>, lockfiles committed)
// install the tarballs with `npm ci`, pass their own type check while a deliberately wrong usage
// fails it, build for production, and are driven in Chromium against the real proxy and emulator:
// the elements render, attribute and property bindings (boolean false included) take effect, and
// paylink-status-change, paylink-paid and paylink-error reach each framework's own handler syntax.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack.ts';
import { launchChromium } from '../browser.ts';
import { MATRIX_APPS, type MatrixApp } from './apps.ts';
import {
  copyApp,
  installApp,
  limited,
  packTarballs,
  ROOT,
  type Run,
  run,
  runInApp,
  type Tarballs,
  tarballFiles,
} from './prepare.ts';
import { type StaticSite, serveDirectory } from './static-server.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Prepared {
  dir: string;
  install: Run;
  typecheck?: Run;
  wrongCheck?: Run;
  build?: Run;
}

describe('the packages in a framework matrix', () => {
  let work: string;
  let tarballs: Tarballs;
  const prepared = new Map<string, Prepared>();
  let stack: Stack;
  let browser: Browser;
  const sites = new Map<string, StaticSite>();

  beforeAll(async () => {
    const started = Date.now();
    for (const built of [
      'packages/core/lib/index.js',
      'packages/elements/lib/index.js',
      'packages/elements/dist/paylink.js',
    ]) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    work = mkdtempSync(join(tmpdir(), 'paylink-frameworks-'));
    tarballs = await packTarballs(work);
    // Installs are mostly I/O: all at once. Type checks and builds are CPU: two at a time.
    const installs = await Promise.all(
      MATRIX_APPS.map(async (app) => {
        const dir = copyApp(app.name, work, tarballs);
        return { app, dir, install: await installApp(dir) };
      }),
    );
    await limited(
      2,
      installs.map(({ app, dir, install }) => async () => {
        const result: Prepared = { dir, install };
        prepared.set(app.name, result);
        if (install.code !== 0) return;
        result.typecheck = await runInApp(dir, app.typecheck);
        result.wrongCheck = await runInApp(dir, app.wrongCheck);
        if (app.build) result.build = await runInApp(dir, app.build);
      }),
    );
    stack = await startStack({
      dataDir: join(work, 'data'),
      ports: { proxy: 0, placetopay: 0 },
      providers: ['placetopay'],
      log: { info() {}, warn() {}, error: console.error },
    });
    for (const app of MATRIX_APPS) {
      const result = prepared.get(app.name);
      if (result?.build?.code === 0 && app.outDir) {
        sites.set(app.name, await serveDirectory(join(result.dir, app.outDir)));
      }
    }
    browser = await launchChromium();
    const timings = MATRIX_APPS.map((app) => {
      const r = prepared.get(app.name);
      return `${app.name}: npm ci ${seconds(r?.install.ms ?? 0)}, type check ${seconds(r?.typecheck?.ms ?? 0)}, wrong usage ${seconds(r?.wrongCheck?.ms ?? 0)}, build ${seconds(r?.build?.ms ?? 0)}`;
    });
    console.log(`framework matrix prepared in ${seconds(Date.now() - started)}\n  ${timings.join('\n  ')}`);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const site of sites.values()) await site.close();
    await stack?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('the tarballs', () => {
    it('hold compiled modules, declarations, the bundle and the manifest: no TypeScript sources or tests', async () => {
      const core = await tarballFiles(tarballs.core);
      const elements = await tarballFiles(tarballs.elements);
      for (const files of [core, elements]) {
        expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
        expect(files.filter((f) => f.startsWith('src/') || /\.test\./.test(f))).toEqual([]);
        expect(files).toContain('lib/index.js');
        expect(files).toContain('lib/index.d.ts');
      }
      expect(elements).toEqual(
        expect.arrayContaining([
          'dist/paylink.js',
          'custom-elements.json',
          'lib/register.js',
          'lib/jsx.d.ts',
          'lib/frameworks/react.d.ts',
          'lib/frameworks/vue.d.ts',
          'lib/frameworks/svelte.d.ts',
          'lib/frameworks/preact.d.ts',
          'lib/frameworks/solid.d.ts',
        ]),
      );
    });

    it('have a file behind every export and the manifest named by customElements', async () => {
      for (const [name, tarball] of [
        ['core', tarballs.core],
        ['elements', tarballs.elements],
      ] as const) {
        const files = await tarballFiles(tarball);
        const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
          private?: boolean;
          exports: Record<string, string | Record<string, string>>;
          customElements?: string;
          license?: string;
          repository?: unknown;
        };
        expect(manifest.private).toBeUndefined();
        expect(manifest.license).toBe('MIT');
        expect(manifest.repository).toBeDefined();
        for (const [subpath, target] of Object.entries(manifest.exports)) {
          const targets = typeof target === 'string' ? { default: target } : target;
          for (const [condition, path] of Object.entries(targets)) {
            if (condition === '@paylink/source') continue; // the workspace's own, never shipped
            expect(files, `${name} ${subpath} (${condition})`).toContain(path.replace(/^\.\//, ''));
          }
        }
        if (manifest.customElements) expect(files).toContain(manifest.customElements);
      }
    });

    it('each install alone into an empty folder and import in plain Node', async () => {
      const importAll = [
        'const core = await import("@paylink/core");',
        'if (typeof core.formatMoney !== "function") throw new Error("core has no formatMoney");',
        'if (process.argv[1] === "elements") {',
        '  const elements = await import("@paylink/elements");',
        '  await import("@paylink/elements/define");',
        '  await import("@paylink/elements/define-form");',
        '  for (const tag of ["pay-link-button", "pay-link-status", "pay-link-qr", "pay-link-form"])',
        '    if (!customElements.get(tag)) throw new Error(tag + " not registered");',
        '  if (typeof elements.defineElements !== "function") throw new Error("no defineElements");',
        '}',
        'console.log("imported");',
      ].join('\n');
      for (const [name, files] of [
        ['core', [tarballs.core]],
        ['elements', [tarballs.core, tarballs.elements]],
      ] as const) {
        const dir = join(work, `alone-${name}`);
        mkdirSync(dir);
        const install = await run(
          ['npm', 'install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...files],
          dir,
        );
        expect(install.code, install.output).toBe(0);
        const imported = await run(['node', '--input-type=module', '-e', importAll, name], dir);
        expect(imported.code, imported.output).toBe(0);
        expect(imported.output).toContain('imported');
      }
    });
  });

  describe.each(MATRIX_APPS)('frameworks/$name', (app: MatrixApp) => {
    const result = () => {
      const r = prepared.get(app.name);
      if (!r) throw new Error(`${app.name} was not prepared`);
      return r;
    };

    it('installs the tarballs with npm ci from its lockfile', () => {
      expect(result().install.code, result().install.output).toBe(0);
    });

    it('passes its type check with our typings, which refuse the wrong usage file', () => {
      const { typecheck, wrongCheck } = result();
      expect(typecheck?.code, typecheck?.output).toBe(0);
      const wrong = stripVTControlCharacters(wrongCheck?.output ?? '');
      expect(wrongCheck?.code, wrong).not.toBe(0);
      expect(wrong).toMatch(app.wrongError);
      expect(app.errorCount(wrong), wrong).toBe(app.expectedErrors ?? 1);
    });

    // The typings-only app (Preact, Solid) has no page to build or drive.
    if (!app.build) return;

    it('builds for production', () => {
      expect(result().build?.code, result().build?.output).toBe(0);
    });

    it('renders the elements, applies its bindings and hears their events in Chromium', async () => {
      const site = sites.get(app.name);
      expect(site, 'no production build to serve').toBeDefined();
      const link = await createLink(stack, `Matrix ${app.name}`);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        const query = new URLSearchParams({
          proxy: stack.proxyUrl,
          link: link.id,
          broken: 'pl_doesNotExist0000000000',
        });
        await page.goto(`${site!.url}/?${query}`);
        await expectMatrixPage(page, link, stack);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });

  it("keeps what a page does not use out of the vanilla app's entry chunk (sideEffects, lazy chunks)", () => {
    // The app imports the package's main entry, which also exports the form; only the public
    // elements may reach the entry chunk, and the languages stay in their own lazy chunks.
    const assets = join(prepared.get('vanilla')!.dir, 'dist/assets');
    const chunks = readdirSync(assets).filter((file) => file.endsWith('.js'));
    const entry = chunks.find((file) => file.startsWith('index-'));
    expect(entry, chunks.join(', ')).toBeDefined();
    const text = (file: string) => readFileSync(join(assets, file), 'utf8');
    expect(text(entry!)).toContain('show-description');
    expect(text(entry!), "Lit's development build: not a production build").not.toContain(
      'litIssuedWarnings',
    );
    expect(text(entry!)).not.toContain('api-key');
    expect(text(entry!)).not.toContain('Paga lo que quieras');
    expect(
      chunks.filter((file) => file !== entry && text(file).includes('Paga lo que quieras')),
    ).toHaveLength(1);
  });

  it('renders React to a string on the server (renderToString) without crashing', async () => {
    const dir = prepared.get('react')?.dir;
    expect(dir).toBeDefined();
    const build = await runInApp(dir!, ['vite', 'build', '--ssr', 'src/ssr.tsx', '--outDir', 'dist-ssr']);
    expect(build.code, build.output).toBe(0);
    const rendered = await run(['node', 'dist-ssr/ssr.js'], dir!);
    expect(rendered.code, rendered.output).toBe(0);
    expect(rendered.output).toContain(
      '<pay-link-button id="without-description" proxy="https://pay.example.com" link="pl_ssr">',
    );
    expect(rendered.output).toContain('show-description=""');
  });
});

interface CreatedLink {
  id: string;
  providerRef: string;
  description: string;
}

/** A fresh open Placetopay link through the proxy's API (each app pays its own). */
async function createLink(stack: Stack, description: string): Promise<CreatedLink> {
  const response = await fetch(`${stack.proxyUrl}/v1/links`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      provider: 'placetopay',
      amount: { value: '25000', currency: 'COP' },
      description,
      usageLimit: 1,
    }),
  });
  expect(response.status).toBe(201);
  const link = (await response.json()) as { id: string; providerRef: string };
  return { id: link.id, providerRef: link.providerRef, description };
}

/** What every matrix page shows and does (the same markup and handlers in each framework's syntax). */
async function expectMatrixPage(page: Page, link: CreatedLink, stack: Stack): Promise<void> {
  const withDescription = page.locator('#with-description');
  const withoutDescription = page.locator('#without-description');
  // Attribute/property bindings: proxy and link load the link; the boolean true shows the
  // description, the boolean false leaves it out.
  await expect.poll(() => withDescription.getAttribute('status'), { timeout: 15_000 }).toBe('open');
  await expect.poll(() => withoutDescription.getAttribute('status'), { timeout: 15_000 }).toBe('open');
  await expect
    .poll(() => withDescription.locator('[part~="description"]').textContent())
    .toBe(link.description);
  expect(await withoutDescription.locator('[part~="description"]').count()).toBe(0);
  expect(
    await withoutDescription.evaluate(
      (el) => (el as HTMLElement & { showDescription: boolean }).showDescription,
    ),
  ).toBe(false);
  // A binding that changes: the framework's state sets locale, the label follows.
  await expect.poll(() => withDescription.locator('[part~="label"]').textContent()).toMatch(/^\s*Pay\s*$/);
  await page.locator('#spanish').click();
  await expect.poll(() => withDescription.locator('[part~="label"]').textContent()).toMatch(/^\s*Pagar\s*$/);
  // Events through the framework's handlers.
  await expect.poll(() => page.locator('#log-status').textContent(), { timeout: 15_000 }).toBe('open');
  await expect.poll(() => page.locator('#log-error').textContent(), { timeout: 15_000 }).not.toBe('');
  const paid = await fetch(
    `${stack.emulators.placetopay!.url}/_emulator/links/${encodeURIComponent(link.providerRef)}/pay`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'approved' }),
    },
  );
  expect(paid.ok).toBe(true);
  await expect.poll(() => page.locator('#log-paid').textContent(), { timeout: 15_000 }).toBe(link.id);
  await expect.poll(() => page.locator('#log-status').textContent()).toBe('paid');
  await expect.poll(() => page.locator('#status').getAttribute('status')).toBe('paid');
}
