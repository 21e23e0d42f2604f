import { describe, expect, it } from 'vitest';
import { parseSelection } from './amount.ts';

describe('parseSelection', () => {
  describe('finds the amount and currency in real-world prices', () => {
    // [selected text, value, currency] — prices as shops in each locale print them.
    it.each([
      // en-US / en-GB
      ['$25', '25.00', 'USD'],
      ['USD 1,250.50', '1250.50', 'USD'],
      ['US$ 99.99', '99.99', 'USD'],
      ['£1,299.99', '1299.99', 'GBP'],
      ['25 USD', '25.00', 'USD'],
      ['Total: $1,299.00 (tax incl.)', '1299.00', 'USD'],
      // de / es-ES / fr: comma decimals, dot or space groups, symbol after
      ['1.500,00 €', '1500.00', 'EUR'],
      ['12,99 €', '12.99', 'EUR'],
      ['€12.99', '12.99', 'EUR'],
      ['1\u202f234,56\u00a0€', '1234.56', 'EUR'],
      ['EUR 2.500', '2500.00', 'EUR'],
      // id-ID: rupiah with dot groups, with and without decimals
      ['Rp 150.000', '150000.00', 'IDR'],
      ['Rp150.000,00', '150000.00', 'IDR'],
      ['IDR 1.500.000', '1500000.00', 'IDR'],
      ['Harga: Rp 75.000 / orang', '75000.00', 'IDR'],
      // es-CO, es-UY, pt-BR, es-PE, es-MX
      ['COP 100.000', '100000.00', 'COP'],
      ['1.500 COP', '1500.00', 'COP'],
      ['UYU 1.500', '1500.00', 'UYU'],
      ['$U 1.500', '1500.00', 'UYU'],
      ['R$ 1.234,56', '1234.56', 'BRL'],
      ['S/ 45.90', '45.90', 'PEN'],
      ['MX$1,500', '1500.00', 'MXN'],
      // zero- and three-decimal currencies, Swiss and Indian grouping
      ['¥1,000', '1000', 'JPY'],
      ['JPY 12,000', '12000', 'JPY'],
      ['KWD 1.250', '1.250', 'KWD'],
      ["CHF 1'234.50", '1234.50', 'CHF'],
      ['₹1,23,456.78', '123456.78', 'INR'],
    ])('%s → %s %s', (text, value, currency) => {
      expect(parseSelection(text).amount).toEqual({ value, currency });
    });
  });

  it('reads a bare $ as the configured dollar currency', () => {
    expect(parseSelection('$ 100.000', { dollarCurrency: 'COP' }).amount).toEqual({
      value: '100000.00',
      currency: 'COP',
    });
  });

  it('keeps a selection with words as the description, and drops one that is only the price', () => {
    expect(parseSelection('Consulting session — USD 1,250.50').description).toBe(
      'Consulting session — USD 1,250.50',
    );
    expect(parseSelection('  1.500,00 €  ').description).toBe('');
  });

  it('takes a lone number as an amount without a currency', () => {
    expect(parseSelection('1500').amount).toEqual({ value: '1500', currency: null });
    expect(parseSelection('1.500,50').amount).toEqual({ value: '1500.50', currency: null });
  });

  describe('finds no amount', () => {
    it.each([
      ['Consulting session, two hours'],
      ['Order #12345'],
      ['3 shirts, size M'],
      ['$0.00'],
      ['USD 1,2345'],
      ['10% off everything'],
    ])('in %j, which becomes the description', (text) => {
      const parsed = parseSelection(text);
      expect(parsed.amount).toBeNull();
      expect(parsed.description).toBe(text);
    });
  });

  it('cuts a long selection to the 255 characters a description may hold', () => {
    expect(parseSelection('word '.repeat(100)).description).toHaveLength(255);
  });
});
