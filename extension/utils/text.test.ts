import { describe, expect, it } from 'vitest';
import { cleanText } from './text.ts';

describe('cleanText', () => {
  it('removes bidi controls, so a description reads as it is stored', () => {
    // "Invoice ‮fdp.exe" shows as "Invoice exe.pdf" with the override in place.
    expect(cleanText('Invoice \u202Efdp.exe')).toBe('Invoice fdp.exe');
    expect(cleanText('\u2066a\u2069\u200Eb\u200F\u061Cc')).toBe('abc');
  });

  it('turns control characters and line breaks into single spaces', () => {
    expect(cleanText('  Order\n\t#7\u0000\u0007 now\u2028 \u0085ok  ')).toBe('Order #7 now ok');
  });

  it('cuts to the length asked for without splitting a surrogate pair', () => {
    expect(cleanText('a'.repeat(300))).toHaveLength(255);
    expect(cleanText('ab😀c', 3)).toBe('ab😀');
  });
});
