// A consumer's bundle of the elements: the vanilla matrix app (frameworks/vanilla) installs the
// `npm pack` tarballs and builds with Vite as any app would. Measures the package-only entry
// (vite.elements.config.ts: the three public elements, registered) and the app's own main chunk.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyApp, installApp, packTarballs, runInApp } from '../../e2e/frameworks/prepare.ts';
import type { ManifestChunk } from './bundle.ts';

export interface ConsumerBundle {
  /** The package-only entry's initial chunks (what the package adds to a page for the same elements). */
  elements: Buffer;
  /** The same entry built as a library (no Vite preload helper), as paylink.js is built. */
  library: Buffer;
  /** The whole app's entry chunk (the package plus the app's code and Vite's module preload polyfill). */
  app: Buffer;
  /** Lazy chunks of the package-only build, by source name. */
  lazy: { name: string; bytes: Buffer }[];
}

function entryOf(manifest: Record<string, ManifestChunk>): ManifestChunk {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  return entry;
}

/** The entry and every chunk it imports statically (what a page loads before anything lazy). */
function initialFiles(manifest: Record<string, ManifestChunk>): string[] {
  const files = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const key of chunk.imports ?? []) if (manifest[key]) visit(manifest[key]);
  };
  visit(entryOf(manifest));
  return [...files];
}

/** Packs, installs (npm ci) and builds the vanilla app three ways in a temporary folder. */
export async function buildConsumerBundle(): Promise<ConsumerBundle> {
  const work = mkdtempSync(join(tmpdir(), 'paylink-bench-consumer-'));
  try {
    const app = copyApp('vanilla', work, await packTarballs(work));
    const steps = [
      await installApp(app),
      await runInApp(app, ['vite', 'build', '--manifest', '--logLevel', 'warn']),
      await runInApp(app, ['vite', 'build', '-c', 'vite.elements.config.ts', '--logLevel', 'warn']),
      await runInApp(app, [
        'vite',
        'build',
        '-c',
        'vite.elements.config.ts',
        '--mode',
        'library',
        '--logLevel',
        'warn',
      ]),
    ];
    const failed = steps.find((step) => step.code !== 0);
    if (failed) throw new Error(`building frameworks/vanilla failed:\n${failed.output}`);
    const read = (dir: string) => JSON.parse(readFileSync(join(app, dir, '.vite/manifest.json'), 'utf8'));
    const elementsManifest: Record<string, ManifestChunk> = read('dist-elements');
    // Initial chunks joined: a single figure comparable with paylink.js (one file).
    const initial = (dir: string) =>
      Buffer.concat(initialFiles(read(dir)).map((file) => readFileSync(join(app, dir, file))));
    return {
      elements: initial('dist-elements'),
      library: initial('dist-elements-library'),
      app: initial('dist'),
      lazy: Object.values(elementsManifest)
        .filter((chunk) => chunk.isDynamicEntry)
        .map((chunk) => ({
          name: chunk.src ?? chunk.file,
          bytes: readFileSync(join(app, 'dist-elements', chunk.file)),
        })),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
