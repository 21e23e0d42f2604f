/**
 * `import '@paylink/elements/define'`: registers `<pay-link-button>`, `<pay-link-status>` and
 * `<pay-link-qr>` on import, for bundler setups that want no code. Set the proxy on each element
 * (`proxy="https://pay.example.com"`) or once with `setDefaultProxy()` from `@paylink/elements`.
 */
import { defineElements } from './define.ts';

defineElements();

// Re-exported so this entry's declarations carry the tag-name and event typings.
export { defineElements };
