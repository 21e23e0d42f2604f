import { describe, expect, it } from 'vitest';
import { amountInputText, parseAmount } from './amount.ts';

describe('parseAmount', () => {
  it.each([
    ['1.500,00', 'es-CO', '1500.00'],
    ['1500,5', 'es', '1500.5'],
    ['100.000', 'es-CO', '100000'],
    ['1.500,00', 'pt-BR', '1500.00'],
    ['1,500.00', 'en', '1500.00'],
    ['1500', 'en-US', '1500'],
    ['150.000', 'id-ID', '150000'],
    [' 007.50 ', 'en', '7.50'],
  ])('reads %s in %s as %s', (text, locale, expected) => {
    expect(parseAmount(text, locale)).toBe(expected);
  });

  it.each([
    ['1.500,00', 'en'],
    ['1,500.00', 'es'],
    ['-5', 'en'],
    ['1e3', 'en'],
    ['12,34', 'en'],
    ['', 'en'],
    ['abc', 'es'],
    ['1,2,3', 'es'],
  ])('refuses %s in %s', (text, locale) => {
    expect(parseAmount(text, locale)).toBeNull();
  });
});

describe('amountInputText', () => {
  it.each([
    ['100000.00', 'en', '100000'],
    ['1250.50', 'en', '1250.50'],
    ['1250.50', 'es-CO', '1250,50'],
    ['1250.50', 'pt-BR', '1250,50'],
    ['150000.00', 'id', '150000'],
    ['1.250', 'en', '1.250'],
  ])('%s in %s → %s, which parseAmount reads back', (value, locale, text) => {
    expect(amountInputText(value, locale)).toBe(text);
    expect(Number(parseAmount(text, locale))).toBe(Number(value));
  });
});
