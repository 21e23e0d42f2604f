// The framework matrix: each app in frameworks/<name>/ and the commands that prove it. The apps are
// ordinary projects with their own lockfiles; they reach @paylink/* only through `npm pack` tarballs.

/** One command, run in the app's folder with its own node_modules/.bin (Node 22 first on PATH). */
export type Command = readonly [bin: string, ...args: string[]];

export interface MatrixApp {
  name: string;
  /** The app's own type check (passes). */
  typecheck: Command;
  /** The type check of its deliberately wrong usage file (must fail, with exactly this error). */
  wrongCheck: Command;
  /** What the wrong check must report: the file and the error our typings raise. */
  wrongError: RegExp;
  /** How many errors the wrong check reports (only the deliberate ones). */
  errorCount: (output: string) => number;
  expectedErrors?: number;
  /** The production build, and its folder served as a static site; none for a typings-only app. */
  build?: Command;
  outDir?: string;
}

const tscErrors = (output: string) => output.match(/error TS\d+/g)?.length ?? 0;

export const MATRIX_APPS: readonly MatrixApp[] = [
  {
    name: 'vanilla',
    typecheck: ['tsc', '-p', 'tsconfig.json'],
    wrongCheck: ['tsc', '-p', 'tsconfig.wrong.json'],
    wrongError:
      /src\/wrong-usage\.ts\(\d+,\d+\): error TS2322: Type '"sometimes"' is not assignable to type 'StatusMode'/,
    errorCount: tscErrors,
    build: ['vite', 'build'],
    outDir: 'dist',
  },
  {
    name: 'react',
    typecheck: ['tsc', '-p', 'tsconfig.json'],
    wrongCheck: ['tsc', '-p', 'tsconfig.wrong.json'],
    wrongError:
      /src\/WrongUsage\.tsx\(\d+,\d+\): error TS2322: Type '"sometimes"' is not assignable to type '"auto" \| "poll" \| "sse" \| undefined'/,
    errorCount: tscErrors,
    build: ['vite', 'build'],
    outDir: 'dist',
  },
  {
    name: 'vue',
    typecheck: ['vue-tsc', '-p', 'tsconfig.json'],
    wrongCheck: ['vue-tsc', '-p', 'tsconfig.wrong.json'],
    wrongError:
      /wrong\/WrongUsage\.vue\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'boolean \| undefined'/,
    errorCount: tscErrors,
    build: ['vite', 'build'],
    outDir: 'dist',
  },
  {
    name: 'svelte',
    typecheck: ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
    wrongCheck: ['svelte-check', '--tsconfig', './tsconfig.wrong.json'],
    wrongError:
      /wrong\/WrongUsage\.svelte:\d+:\d+\s+Error: Object literal may only specify known properties, and '"show-description"' does not exist/,
    errorCount: (output) => Number(/found (\d+) errors?/.exec(output)?.[1] ?? 0),
    build: ['vite', 'build'],
    outDir: 'dist',
  },
  {
    name: 'angular',
    // `ng build` type-checks the templates too (strictTemplates); ngc alone checks without emitting.
    typecheck: ['ngc', '-p', 'tsconfig.app.json', '--noEmit'],
    wrongCheck: ['ngc', '-p', 'tsconfig.wrong.json', '--noEmit'],
    wrongError:
      /wrong\/wrong-usage\.ts:\d+:\d+ - error TS2322: Type '"sometimes"' is not assignable to type 'StatusMode'/,
    errorCount: tscErrors,
    build: ['ng', 'build'],
    outDir: 'dist/browser',
  },
  {
    // Typings only: Preact and Solid JSX, one usage and one wrong usage file each.
    name: 'typings',
    typecheck: ['tsc', '-p', 'tsconfig.json'],
    wrongCheck: ['tsc', '-p', 'tsconfig.wrong.json'],
    wrongError:
      /preact\/wrong-usage\.tsx\(\d+,\d+\): error TS2322: Type '"sometimes"'[\s\S]*solid\/wrong-usage\.tsx\(\d+,\d+\): error TS2322: Type '"sometimes"'/,
    errorCount: tscErrors,
    expectedErrors: 2,
  },
];
