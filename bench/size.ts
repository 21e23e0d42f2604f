// Bundle size: the script-tag bundle (paylink.js, what a page loads for <pay-link-button> and
// <pay-link-status> before any lazy chunk) and each lazy chunk, minified and compressed, against
// Shopify's Buy Button browser bundle measured the same way; where the entry's bytes come from; and
// the same elements bundled by a Vite app from the npm package. `node bench/size.ts`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildBundle, moduleBreakdown } from './lib/bundle.ts';
import { buildConsumerBundle } from './lib/consumer-bundle.ts';
import { type BenchOptions, fmt, ROOT, runStandalone, type Section } from './lib/report.ts';

/** The budget from the issue: the script-tag bundle at most 10 KB gzipped (KB = 1024 bytes here). */
export const BUNDLE_BUDGET_GZIP = 10 * 1024;
const REFERENCE = 'node_modules/@shopify/buy-button-js/dist/buybutton.min.js';

interface Measured {
  min: number;
  gzip: number;
  brotli: number;
}

/** Minified bytes, gzip -9 and brotli q11 of one file's text. */
export function measure(bytes: Buffer): Measured {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Lit's own packages, as the source map names them. */
const LIT = ['lit-html', 'lit-element', '@lit/reactive-element', 'lit'];
const gz = (text: string) => gzipSync(text, { level: 9 }).length;

const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;

/** When each lazy chunk is loaded, by its source file's name. */
const LAZY_WHEN: Record<string, string> = {
  'status-source': 'right after the first element is created, in parallel with its first request',
  'poll-group': 'plain polling only',
  extras: 'copy, qr, product or an expiry',
  advice: 'console advice, when something is wrong',
  es: 'Spanish page',
  pt: 'Portuguese page',
  id: 'Indonesian page',
};
const lazyName = (chunk: { src?: string; file: string }) =>
  (chunk.src ?? chunk.file).replace(/^.*\//, '').replace(/\.[jt]s$/, '');

export async function run(_options: BenchOptions): Promise<Section[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'paylink-bench-size-'));
  try {
    const manifest = buildBundle(outDir);
    const chunks = Object.values(manifest);
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) throw new Error('vite build produced no entry chunk');
    // Every lazy chunk, by its source module (the QR code has none: it is the proxy's image).
    const lazy = chunks.filter((c) => c.isDynamicEntry);
    const read = (file: string) => readFileSync(join(outDir, file));

    const main = measure(read(entry.file));
    const reference = measure(readFileSync(join(ROOT, REFERENCE)));

    const row = (name: string, m: Measured, budget = '') => [
      name,
      fmt(m.min),
      fmt(m.gzip),
      fmt(m.brotli),
      `${fmt(reference.gzip / m.gzip, 1)}×`,
      budget,
    ];
    const rows = [
      row(
        'paylink.js (entry: button + status + qr element)',
        main,
        main.gzip <= BUNDLE_BUDGET_GZIP
          ? `ok (≤ ${kb(BUNDLE_BUDGET_GZIP)})`
          : `OVER by ${kb(main.gzip - BUNDLE_BUDGET_GZIP)}`,
      ),
    ];
    for (const chunk of lazy) {
      rows.push(
        row(
          `  lazy: ${chunk.src ?? chunk.file} (${LAZY_WHEN[lazyName(chunk)] ?? 'on first use'})`,
          measure(read(chunk.file)),
        ),
      );
    }
    rows.push([
      '@shopify/buy-button-js 3.0.6 buybutton.min.js',
      fmt(reference.min),
      fmt(reference.gzip),
      fmt(reference.brotli),
      '1.0×',
      '(reference)',
    ]);

    // Where the entry's bytes come from (source map of a second build).
    const mapDir = mkdtempSync(join(tmpdir(), 'paylink-bench-size-map-'));
    let breakdown: Section;
    try {
      buildBundle(mapDir, { sourcemap: true });
      const texts = moduleBreakdown(join(mapDir, entry.file));
      const modules = [...texts].map(([name, text]) => ({
        name,
        min: Buffer.byteLength(text),
        gzip: gz(text),
      }));
      modules.sort((x, y) => y.min - x.min);
      const total = modules.reduce((sum, m) => sum + m.min, 0);
      const lit = [...texts].filter(([name]) => LIT.includes(name)).map(([, text]) => text);
      const litMin = lit.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      breakdown = {
        title: 'Bundle size — paylink.js by source module (bytes)',
        columns: ['module', 'minified', 'gzip alone', 'share (minified)'],
        rows: [
          ...modules.map((m) => [m.name, fmt(m.min), fmt(m.gzip), `${fmt((100 * m.min) / total, 1)} %`]),
          [
            'Lit (lit-html, lit-element, @lit/reactive-element)',
            fmt(litMin),
            fmt(gz(lit.join(''))),
            `${fmt((100 * litMin) / total, 1)} %`,
          ],
        ],
        notes: [
          'From the source map of the same build. "gzip alone" compresses each module\'s bytes by themselves: gzip is not additive (the whole file compresses better than the sum).',
        ],
      };
    } finally {
      rmSync(mapDir, { recursive: true, force: true });
    }

    // The same elements from the npm package, bundled by a consumer (frameworks/vanilla, Vite).
    const consumer = await buildConsumerBundle();
    const fromPackage = measure(consumer.elements);
    const app = measure(consumer.app);
    const library = measure(consumer.library);
    const consumerSection: Section = {
      title: 'Bundle size — the same elements from the npm package, in a Vite app (bytes)',
      columns: ['bundle', 'minified', 'gzip -9', 'brotli 11', 'vs paylink.js (gzip)', 'budget'],
      rows: [
        ['paylink.js (prebuilt, above)', fmt(main.min), fmt(main.gzip), fmt(main.brotli), '', ''],
        [
          'package-only entry (src/elements.ts: defineElements())',
          fmt(fromPackage.min),
          fmt(fromPackage.gzip),
          fmt(fromPackage.brotli),
          `${fromPackage.gzip >= main.gzip ? '+' : ''}${fmt(fromPackage.gzip - main.gzip)}`,
          fromPackage.gzip <= main.gzip
            ? 'ok (≤ paylink.js)'
            : library.gzip <= main.gzip
              ? `+${fmt(fromPackage.gzip - main.gzip)} B: Vite's helper (below); package code ok`
              : `OVER by ${fmt(fromPackage.gzip - main.gzip)} B`,
        ],
        [
          "  of which Vite's preload helper (app − library build)",
          fmt(fromPackage.min - library.min),
          fmt(fromPackage.gzip - library.gzip),
          fmt(fromPackage.brotli - library.brotli),
          '',
          'one per app, shared by all its lazy chunks',
        ],
        [
          'same entry as a library build (no Vite preload helper)',
          fmt(library.min),
          fmt(library.gzip),
          fmt(library.brotli),
          `${library.gzip >= main.gzip ? '+' : ''}${fmt(library.gzip - main.gzip)}`,
          library.gzip <= main.gzip ? 'ok (≤ paylink.js)' : `OVER by ${fmt(library.gzip - main.gzip)} B`,
        ],
        [
          'whole vanilla matrix app (entry chunk)',
          fmt(app.min),
          fmt(app.gzip),
          fmt(app.brotli),
          `${app.gzip >= main.gzip ? '+' : ''}${fmt(app.gzip - main.gzip)}`,
          '(app code included)',
        ],
        ...consumer.lazy.map((chunk) => {
          const m = measure(chunk.bytes);
          return [`  lazy: ${chunk.name}`, fmt(m.min), fmt(m.gzip), fmt(m.brotli), '', ''];
        }),
      ],
      notes: [
        'frameworks/vanilla installs the npm pack tarballs (npm ci) and builds with Vite 8 defaults; the package-only entry is vite.elements.config.ts.',
        "A Vite app build wraps every import() of the app and its dependencies in Vite's __vitePreload (the helper above, plus a few bytes per call); a library build (paylink.js) has none. An app with lazy routes of its own already carries it.",
        'No package shape avoids it short of having no import() at all (which would put every lazy chunk in the entry); it is left to the app (build.modulePreload), not changed here.',
      ],
    };

    return [
      {
        title: 'Bundle size (bytes)',
        columns: ['file', 'minified', 'gzip -9', 'brotli 11', 'reference ÷ this (gzip)', 'budget'],
        rows,
        notes: [
          'Built with `vite build` (the repository config) into a temporary folder; the reference is its published minified browser bundle.',
          `A page with <pay-link-button> and <pay-link-status> loads paylink.js only: ${kb(main.gzip)} gzipped vs ${kb(reference.gzip)} for the Buy Button (${fmt((main.gzip / reference.gzip) * 100, 1)} % of it).`,
        ],
      },
      breakdown,
      consumerSection,
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await runStandalone(import.meta, run);
