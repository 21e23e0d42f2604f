// Everything this app takes from the package: the three public elements, registered from the
// package's main entry (whose `sideEffects` list lets the bundler drop the form and keep the lazy
// chunks lazy). Also the entry of the package-only build (vite.elements.config.ts) that
// `npm run bench` compares with the prebuilt paylink.js.
import { defineElements } from '@paylink/elements';

defineElements();
