// Packs @paylink/core and @paylink/elements as npm would publish them and installs them into copies
// of the matrix apps (a temporary folder, so parallel runs never share a node_modules).
import { type SpawnOptions, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Command } from './apps.ts';

export const ROOT = join(import.meta.dirname, '../..');

export interface Run {
  code: number | null;
  output: string;
  ms: number;
}

/**
 * Runs a command with Node 22 first on PATH (the apps' tools need it), without our own
 * NODE_OPTIONS or NODE_ENV (a consumer's tools see neither), never throwing: the caller asserts
 * on the exit code and output.
 */
export function run(command: Command, cwd: string, extraPath: string[] = []): Promise<Run> {
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which would make Vite and Svelte build for development (Lit's
  // development build included): each tool must pick its own production default.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_OPTIONS' && name !== 'NODE_ENV' && !name.startsWith('VITEST'),
    ),
  );
  const options: SpawnOptions = {
    cwd,
    env: {
      ...env,
      PATH: [...extraPath, dirname(process.execPath), env.PATH ?? ''].join(delimiter),
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      NG_CLI_ANALYTICS: 'false',
      NO_UPDATE_NOTIFIER: '1',
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), options);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      resolve({ code: -1, output: `${output}\n${error.message}`, ms: Date.now() - started }),
    );
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}

/** An app's own tools: `node_modules/.bin/<bin>` in its folder. */
export function runInApp(appDir: string, command: Command): Promise<Run> {
  return run(command, appDir, [join(appDir, 'node_modules/.bin')]);
}

export interface Tarballs {
  core: string;
  elements: string;
}

/**
 * `npm pack` of both packages (from their built lib/ and dist/) into `<dir>/.packs`, under the
 * fixed names the apps' package.json files point at.
 */
export async function packTarballs(dir: string): Promise<Tarballs> {
  const packs = join(dir, '.packs');
  mkdirSync(packs, { recursive: true });
  const packed = await run(
    ['npm', 'pack', '--json', '-w', 'packages/core', '-w', 'packages/elements', '--pack-destination', packs],
    ROOT,
  );
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const entries = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as {
    name: string;
    filename: string;
  }[];
  const find = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`npm pack made no ${name}`);
    return join(packs, entry.filename.replace(/^@/, '').replace('/', '-'));
  };
  const core = join(packs, 'paylink-core.tgz');
  const elements = join(packs, 'paylink-elements.tgz');
  renameSync(find('@paylink/core'), core);
  renameSync(find('@paylink/elements'), elements);
  return { core, elements };
}

/** The file list of a tarball (`tar -tzf`), without the leading `package/`. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const listed = await run(['tar', '-tzf', tarball], ROOT);
  if (listed.code !== 0) throw new Error(listed.output);
  return listed.output
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^package\//, ''));
}

const integrity = (file: string) =>
  `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

/**
 * Copies frameworks/<name> (its sources, package.json and lockfile; never its node_modules or
 * builds) beside the tarballs, and points its lockfile at this run's tarballs: their integrity
 * changes whenever the packages do, and npm would otherwise install a cached older copy.
 */
export function copyApp(name: string, dir: string, tarballs: Tarballs): string {
  const source = join(ROOT, 'frameworks', name);
  const target = join(dir, name);
  cpSync(source, target, {
    recursive: true,
    filter: (path) =>
      !/[/\\](node_modules|dist|dist-ssr|out-tsc|\.angular)([/\\]|$)/.test(path.slice(source.length)),
  });
  const lockPath = join(target, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as {
    packages: Record<string, { resolved?: string; integrity?: string }>;
  };
  for (const [key, tarball] of [
    ['node_modules/@paylink/core', tarballs.core],
    ['node_modules/@paylink/elements', tarballs.elements],
  ] as const) {
    const entry = lock.packages[key];
    if (!entry) throw new Error(`frameworks/${name}/package-lock.json has no ${key}`);
    entry.integrity = integrity(tarball);
  }
  writeFileSync(lockPath, JSON.stringify(lock, null, 2));
  return target;
}

/** `npm ci` from the app's lockfile, offline where the cache allows, no install scripts. */
export function installApp(appDir: string): Promise<Run> {
  return run(['npm', 'ci', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], appDir);
}

/** Runs `tasks` at most `limit` at a time (the machine has two cores). */
export async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
