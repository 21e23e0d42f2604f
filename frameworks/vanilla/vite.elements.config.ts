// The consumer's bundle of the same elements paylink.js holds, with this app's own code left out:
// `vite build -c vite.elements.config.ts` (measured by bench/size.ts). `--mode library` builds the
// same entry as a library, without the preload helper Vite adds to apps with lazy chunks.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => ({
  build: {
    target: 'es2022',
    outDir: mode === 'library' ? 'dist-elements-library' : 'dist-elements',
    manifest: true,
    ...(mode === 'library'
      ? {
          lib: { entry: 'src/elements.ts', formats: ['es' as const], fileName: () => 'elements.js' },
          // As paylink.js: lazy chunks import shared code back from the entry.
          rolldownOptions: { preserveEntrySignatures: 'allow-extension' as const, output: { minify: true } },
        }
      : { rolldownOptions: { input: 'src/elements.ts' } }),
  },
}));
