import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { squeezeLiterals } from './packages/elements/scripts/squeeze-literals.ts';
import { failModuleLoads } from './packages/elements/test/commands.ts';

const chromium = process.env.PAYLINK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * One config: `vite build` makes the script-tag bundle (`packages/elements/dist/paylink.js`, the
 * QR code as a separate lazy chunk); `vitest` runs the node, browser and end-to-end projects.
 */
/** Workspace packages resolve to their TypeScript sources here; consumers get the built `lib/`. */
export const SOURCE_CONDITION = '@paylink/source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  build: {
    outDir: 'packages/elements/dist',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: 'packages/elements/src/paylink.ts', formats: ['es'], fileName: () => 'paylink.js' },
    rolldownOptions: {
      // Lazy chunks (QR code, product checkout, plain polling, languages) import Lit and shared code
      // back from paylink.js instead of splitting it into one more chunk every page would load.
      preserveEntrySignatures: 'allow-extension',
      plugins: [squeezeLiterals()],
      output: { minify: true, chunkFileNames: 'paylink-[name]-[hash].js' },
    },
    reportCompressedSize: false,
  },
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      '@open-wc/testing-helpers',
      'jsqr',
      'axe-core',
    ],
  },
  test: {
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/{core,providers,emulators,proxy}/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/elements/src/**/*.test.ts'],
          // the fake proxy the element tests talk to (its URL reaches them through inject())
          globalSetup: ['packages/elements/test/global-setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { failModuleLoads },
          },
        },
      },
      {
        // The extension's unit tests, with WXT's fake browser and its auto-imports.
        root: 'extension',
        plugins: [WxtVitest({ root: 'extension' })],
        test: {
          name: 'extension',
          include: ['utils/**/*.test.ts', 'entrypoints/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude: ['e2e/frameworks/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The packages as npm consumers get them: tarballs in vanilla, React, Vue, Svelte and Angular
        // apps (frameworks/), built for production and driven in Chromium. Needs `npm run build`.
        extends: true,
        test: {
          name: 'frameworks',
          include: ['e2e/frameworks/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
