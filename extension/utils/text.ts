/** Bidi embeddings, overrides, isolates and marks: they can make text read differently than it is stored. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 control characters (tabs and line breaks too: a description is one line). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * Text from a page (a selection, a tab title) made fit to be a link description: bidi and control
 * characters removed (a control becomes a space), runs of spaces folded, ends trimmed, and cut to
 * `max` characters without splitting a surrogate pair.
 */
export function cleanText(text: string, max = 255): string {
  const clean = text.replace(BIDI_CONTROLS, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return [...clean].slice(0, max).join('').trim();
}
