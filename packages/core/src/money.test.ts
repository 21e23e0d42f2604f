import { describe, expect, it } from 'vitest';
import {
  amountProblem,
  formatMoney,
  fromMinorUnits,
  minorUnitDigits,
  normalizeMoney,
  toMinorUnits,
} from './money.ts';

describe('money', () => {
  it('knows the ISO 4217 minor digits, including zero- and three-decimal currencies', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('IDR')).toBe(2); // ISO says 2 even though CLDR shows 0
    expect(minorUnitDigits('COP')).toBe(2);
  });

  it.each([
    ['1500.00', 'UYU', 150000n],
    ['1500', 'UYU', 150000n],
    ['0.01', 'USD', 1n],
    ['1500', 'JPY', 1500n],
    ['1.234', 'KWD', 1234n],
    ['100000.00', 'IDR', 10000000n],
    ['99999999999999999.99', 'USD', 9999999999999999999n],
  ])('converts %s %s to %d minor units exactly', (value, currency, minor) => {
    expect(toMinorUnits({ value, currency })).toBe(minor);
    expect(toMinorUnits(fromMinorUnits(minor, currency))).toBe(minor);
  });

  it('normalizes to the currency digits', () => {
    expect(normalizeMoney({ value: '1500', currency: 'UYU' })).toEqual({ value: '1500.00', currency: 'UYU' });
    expect(normalizeMoney({ value: '1.5', currency: 'KWD' })).toEqual({ value: '1.500', currency: 'KWD' });
    expect(normalizeMoney({ value: '1500.0', currency: 'JPY' })).toEqual({ value: '1500', currency: 'JPY' });
  });

  it.each([
    ['10.5', 'JPY', /no minor unit/],
    ['10.555', 'USD', /at most 2/],
    ['-1', 'USD', /decimal string/],
    ['1e3', 'USD', /decimal string/],
    ['1,000.00', 'USD', /decimal string/],
    [' 1', 'USD', /decimal string/],
    ['01', 'USD', /decimal string/],
    ['1.00', 'usd', /ISO 4217/],
    ['1.00', 'ZZZ', /ISO 4217/],
  ])('refuses %j %s', (value, currency, message) => {
    expect(amountProblem(value, currency)).toMatch(message);
    expect(() => toMinorUnits({ value, currency })).toThrow(RangeError);
  });

  it('formats for people through Intl, without float rounding', () => {
    expect(formatMoney({ value: '100000.00', currency: 'COP' }, 'es-CO')).toMatch(/^COP\s100\.000$/);
    expect(formatMoney({ value: '1500.50', currency: 'UYU' }, 'en')).toMatch(/^UYU\s1,500\.50$/);
    expect(formatMoney({ value: '12345678901234567.89', currency: 'USD' }, 'en')).toContain(
      '12,345,678,901,234,567.89',
    );
    expect(formatMoney({ value: '150000.50', currency: 'IDR' }, 'en')).toMatch(/^IDR\s150,000\.50$/);
  });
});
