// Everything this app takes from the package: the three public elements, registered. Also the
// entry of the package-only build (vite.elements.config.ts) that `npm run bench` compares with
// the prebuilt paylink.js.
import '@paylink/elements/define';
