// Bundle size: the script-tag bundle (paylink.js, what a page loads for <pay-link-button> and
// <pay-link-status>) and its lazy QR chunk, minified and compressed, against Shopify's Buy Button
// browser bundle measured the same way. `node bench/size.ts`
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

const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;

export async function run(_options: BenchOptions): Promise<Section[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'paylink-bench-size-'));
  try {
    const manifest = buildBundle(outDir);
    const chunks = Object.values(manifest);
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) throw new Error('vite build produced no entry chunk');
    const qr = chunks.find((c) => c.isDynamicEntry && /uqr|pay-link-qr|qr/i.test(c.src ?? c.file));
    const i18n = chunks.filter((c) => c.isDynamicEntry && /i18n/.test(c.src ?? ''));
    const read = (file: string) => readFileSync(join(outDir, file));

    const main = measure(read(entry.file));
    const qrSize = qr ? measure(read(qr.file)) : null;
    const withQr = qrSize ? measure(Buffer.concat([read(entry.file), read(qr!.file)])) : null;
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
        `paylink.js (entry: button + status + qr element)`,
        main,
        main.gzip <= BUNDLE_BUDGET_GZIP
          ? `ok (≤ ${kb(BUNDLE_BUDGET_GZIP)})`
          : `OVER by ${kb(main.gzip - BUNDLE_BUDGET_GZIP)}`,
      ),
    ];
    if (qrSize && withQr) {
      rows.push(row(`QR chunk ${qr!.file} (lazy, only with qr)`, qrSize));
      rows.push(row('paylink.js + QR chunk', withQr));
    } else {
      rows.push(['QR chunk', 'missing', '', '', '', 'no lazy QR chunk in the build']);
    }
    for (const chunk of i18n) rows.push(row(`${chunk.file} (lazy translations)`, measure(read(chunk.file))));
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
      const modules = [...moduleBreakdown(join(mapDir, entry.file))].sort((a, b) => b[1] - a[1]);
      const total = modules.reduce((sum, [, n]) => sum + n, 0);
      breakdown = {
        title: 'Bundle size — paylink.js by source (minified bytes)',
        columns: ['module', 'bytes', 'share'],
        rows: modules.slice(0, 14).map(([name, n]) => [name, fmt(n), `${fmt((100 * n) / total, 1)} %`]),
        notes: [
          'From the source map of the same build; gzip is not additive, so shares are of minified bytes.',
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
            : `OVER by ${fmt(fromPackage.gzip - main.gzip)} B`,
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
        "A Vite app build adds Vite's own dynamic-import preload helper (about 0.8 KB minified) to any entry with lazy chunks; paylink.js, a library build, has none.",
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
