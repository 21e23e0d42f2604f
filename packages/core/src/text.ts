/**
 * Control characters (other than tab and newline) and the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a reader sees:
 * "Invoice \u202E00.001 DSU" reads as "Invoice USD 100.00".
 */
const UNSAFE_DISPLAY = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Text as it may be shown to a person: the characters above removed, nothing else changed. */
export function displayText(text: string): string {
  return text.replace(UNSAFE_DISPLAY, '');
}
