import { describe, expect, it } from 'vitest';
import { displayText, hasUnsafeText } from './text.ts';

describe('displayText', () => {
  it('drops bidi overrides, isolates and control characters, and keeps everything else', () => {
    expect(displayText('Invoice \u202E00.001 DSU')).toBe('Invoice 00.001 DSU');
    expect(displayText('a\u2066b\u2069c\u0000d\u001Be')).toBe('abcde');
    expect(displayText('Café — menú\n\tnext line, עברית, ١٢٣')).toBe('Café — menú\n\tnext line, עברית, ١٢٣');
  });

  it('finds them, tab and newline only in one-line text', () => {
    expect(hasUnsafeText('Invoice \u202E00.001 DSU')).toBe(true);
    expect(hasUnsafeText('a\nb')).toBe(true);
    expect(hasUnsafeText('a\nb', { multiline: true })).toBe(false);
    expect(hasUnsafeText('a\u0000b', { multiline: true })).toBe(true);
    expect(hasUnsafeText('Café — menú')).toBe(false);
  });
});
