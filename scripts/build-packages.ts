// Compiles the published packages (@paylink/core, @paylink/elements) from TypeScript to ES modules
// with declarations in each package's `lib/`, the form npm consumers get (TOOLCHAIN.md, "Publishing
// the elements"): our tsconfig's `useDefineForClassFields: false` is applied here, so no consumer's
// compiler ever sees a Lit class field. Part of `npm run build`.
//
//   node scripts/build-packages.ts
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAst } from 'vite';
import { squeezeTemplates } from '../packages/elements/scripts/squeeze-literals.ts';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Hand-written declaration files (typings for frameworks) copied beside the compiled modules. */
const DECLARATIONS: Record<string, string[]> = {
  core: [],
  elements: ['jsx.d.ts', ...['react', 'preact', 'solid', 'svelte', 'vue'].map((f) => `frameworks/${f}.d.ts`)],
};

/** Relative module specifiers ending in `.ts`, in `from '…'`, `import '…'` and `import('…')`. */
const TS_SPECIFIER = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.\.?\/[^'"\n]*?)\.ts\2/g;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
}

/**
 * TypeScript rewrites `.ts` specifiers in the JavaScript it emits but keeps them in declarations;
 * a consumer's checker must see `.js` there too, and only packages we depend on.
 */
function rewriteDeclarationSpecifiers(lib: string): void {
  for (const file of files(lib).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    // tsc names Lit's template type through lit-html, which is Lit's dependency, not ours: under a
    // strict installer (pnpm) a consumer could not resolve it. `lit` re-exports the same types.
    const rewritten = text
      .replace(TS_SPECIFIER, '$1$2$3.js$2')
      .replaceAll('import("lit-html")', 'import("lit")');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/** Fails the build if any emitted module or declaration still names a `.ts` file. */
function assertNoTsSpecifiers(lib: string): void {
  const offenders = files(lib)
    .filter((name) => /\.(js|d\.ts)$/.test(name))
    .filter((name) => new RegExp(TS_SPECIFIER.source).test(readFileSync(name, 'utf8')));
  if (offenders.length > 0) {
    throw new Error(`.ts import specifiers left in: ${offenders.map((f) => relative(ROOT, f)).join(', ')}`);
  }
}

/** The script-tag build's template squeeze, applied to the published modules too. */
function squeezeModules(lib: string): void {
  for (const file of files(lib).filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(file, 'utf8');
    const squeezed = squeezeTemplates(text, (code) => parseAst(code));
    if (squeezed !== text) writeFileSync(file, squeezed);
  }
}

/**
 * Fails the build if a compiled module declares a public instance class field: with standard
 * class fields one would shadow Lit's reactive accessor in every consumer's bundle (our tsconfig's
 * `useDefineForClassFields: false` turns them into constructor assignments).
 */
function assertNoInstanceFields(lib: string): void {
  const offenders: string[] = [];
  const walk = (node: unknown, file: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const {
      type,
      static: isStatic,
      key,
    } = node as { type?: string; static?: boolean; key?: { type?: string } };
    // `#private` fields cannot shadow an accessor.
    if (type === 'PropertyDefinition' && !isStatic && key?.type !== 'PrivateIdentifier') {
      offenders.push(relative(ROOT, file));
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) walk(child, file);
    }
  };
  for (const file of files(lib).filter((name) => name.endsWith('.js'))) {
    walk(parseAst(readFileSync(file, 'utf8')), file);
  }
  if (offenders.length > 0) {
    throw new Error(`instance class fields in compiled modules: ${[...new Set(offenders)].join(', ')}`);
  }
}

export function buildPackage(name: keyof typeof DECLARATIONS): void {
  const dir = join(ROOT, 'packages', name);
  const lib = join(dir, 'lib');
  rmSync(lib, { recursive: true, force: true });
  execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const declaration of DECLARATIONS[name] ?? []) {
    mkdirSync(dirname(join(lib, declaration)), { recursive: true });
    copyFileSync(join(dir, 'src', declaration), join(lib, declaration));
  }
  rewriteDeclarationSpecifiers(lib);
  if (name === 'elements') squeezeModules(lib);
  assertNoInstanceFields(lib);
  assertNoTsSpecifiers(lib);
}

// core first: the elements' declarations refer to core's.
buildPackage('core');
buildPackage('elements');
