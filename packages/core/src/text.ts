// Text that would mislead whoever reads it: control characters, and the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a reader sees
// ("Invoice \u202E00.001 DSU" reads as "Invoice USD 100.00"). Tab and newline are allowed where
// text may span lines.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE_LINE = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Whether text holds such characters (tab and newline count only when it must be one line). */
export function hasUnsafeText(text: string, { multiline = false } = {}): boolean {
  UNSAFE_MULTILINE.lastIndex = 0;
  return multiline ? UNSAFE_MULTILINE.test(text) : UNSAFE_LINE.test(text);
}

/** Text as it may be shown to a person: such characters removed, nothing else changed. */
export function displayText(text: string): string {
  return text.replace(UNSAFE_MULTILINE, '');
}
