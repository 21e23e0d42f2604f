// The console's words for what a page's author must fix, loaded only when something is wrong
// (diagnose.ts).
import type { FailureKind } from './diagnose.ts';

/** For the console: the cause and the fix, by kind (the page's author reads these, in English). */
export function advice(kind: FailureKind, tag: string, proxy: string): string {
  switch (kind) {
    case 'not-a-proxy':
      return `<${tag}>: ${proxy} is not a PayLink proxy (it answered, but not with the PayLink API). Set proxy="…" to your proxy's origin, the one that serves /paylink.js.`;
    case 'no-proxy':
      return `<${tag}>: no PayLink proxy is set, and this page's origin (${proxy}) is not one. When the elements come from a bundler rather than your proxy's /paylink.js, call setDefaultProxy('https://pay.example.com') from '@paylink/elements' once, or give each element proxy="…".`;
    case 'bad-key':
      return `<${tag}>: the PayLink proxy at ${proxy} refused the API key (401). Check the key (PAYLINK_API_KEYS or the development key \`npm start\` prints) and that it has not been revoked.`;
    case 'origin':
      return `<${tag}>: the PayLink proxy at ${proxy} does not accept this API key from ${globalThis.location?.origin} (403). Add the origin to the key's allowed origins (PAYLINK_ALLOWED_ORIGINS).`;
    default:
      return `<${tag}>: ${kind}`;
  }
}
