// Builds the script-tag bundle into a temporary folder (never the shared packages/elements/dist)
// and attributes its bytes to source modules through the source map.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './report.ts';

/** One chunk of the build, as Vite's manifest describes it. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  dynamicImports?: string[];
  imports?: string[];
}

/** Runs `vite build` (the repository's vite.config.ts) into `outDir`; returns the manifest. */
export function buildBundle(
  outDir: string,
  options: { sourcemap?: boolean } = {},
): Record<string, ManifestChunk> {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--manifest',
      ...(options.sourcemap ? ['--sourcemap'] : []),
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map `mappings` segment (base64 VLQ) into its fields. */
function decodeSegment(text: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

/**
 * The minified text of `file` per source module (by package or file), from its source map: each
 * mapped segment's characters go to the source it maps to; unmapped ones to `(unmapped)`.
 */
export function moduleBreakdown(file: string): Map<string, string> {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const texts = new Map<string, string>();
  const add = (key: string, text: string) => texts.set(key, (texts.get(key) ?? '') + text);
  const lines = code.split('\n');
  // Source indexes are relative to the previous segment across lines, and a segment's span runs
  // on past a line end (multi-line template literals: CSS, HTML), so both carry over.
  let source = 0;
  let owner = '(unmapped)';
  map.mappings.split(';').forEach((line, lineIndex) => {
    const text = `${lines[lineIndex] ?? ''}\n`;
    let column = 0;
    let start = 0;
    for (const segment of line ? line.split(',').map(decodeSegment) : []) {
      column += segment[0]!;
      add(owner, text.slice(start, column));
      if (segment.length >= 4) {
        source += segment[1]!;
        owner = groupOf(map.sources[source] ?? '?');
      } else owner = '(unmapped)';
      start = column;
    }
    add(owner, text.slice(start));
  });
  return texts;
}

/** `../../node_modules/lit-html/lit-html.js` → `lit-html`; `../src/status/recovery.ts` → `@paylink/elements/status/recovery`. */
function groupOf(path: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (nm) return nm[1]!;
  const pkg = /packages\/([^/]+)\/src\/(.*)\.ts$/.exec(path);
  if (pkg) return `@paylink/${pkg[1]}/${pkg[2]}`;
  return path.replace(/^(\.\.\/)+/, '');
}
