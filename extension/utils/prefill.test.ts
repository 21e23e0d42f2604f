import { describe, expect, it } from 'vitest';
import { amountForInput, expiryInputValue, referenceFromUrl, selectionQuery } from './prefill.ts';

describe('referenceFromUrl', () => {
  it.each([
    ['https://shop.example/orders/1234?utm=x#top', 'shop.example/orders/1234'],
    ['http://localhost:5173/', 'localhost:5173'],
    ['https://tienda.example/pedido/ñandú 7', 'tienda.example/pedido/-and-7'],
    ['chrome://settings', ''],
    ['not a url', ''],
  ])('%s → %j', (url, reference) => {
    expect(referenceFromUrl(url)).toBe(reference);
  });

  it('keeps only what the proxy accepts, at most 64 characters', () => {
    const result = referenceFromUrl(`https://shop.example/${'a/'.repeat(50)}?q=1`);
    expect(result.length).toBeLessThanOrEqual(64);
    expect(result).toMatch(/^shop\.example\/a\/a/);
    expect(result).not.toMatch(/[-/]$/);
  });
});

describe('amountForInput', () => {
  it.each([
    ['100000.00', 'en', '100000'],
    ['1250.50', 'en', '1250.50'],
    ['1250.50', 'es-CO', '1250,50'],
    ['1250.50', 'pt-BR', '1250,50'],
    ['150000.00', 'id', '150000'],
    ['1.250', 'en', '1.250'],
  ])('%s in %s → %s', (value, locale, text) => {
    expect(amountForInput(value, locale)).toBe(text);
  });
});

describe('expiryInputValue', () => {
  it('is a local datetime-local value the given hours later', () => {
    const now = new Date(2026, 0, 31, 23, 5, 42);
    expect(expiryInputValue(24, now)).toBe('2026-02-01T23:05');
    expect(expiryInputValue(1, now)).toBe('2026-02-01T00:05');
  });
});

describe('selectionQuery', () => {
  const tab = { title: 'Invoice 7 — Shop', url: 'https://shop.example/invoices/7?print=1' };

  it('carries the amount, the page title for a bare price, and the page as reference', () => {
    expect(Object.fromEntries(selectionQuery('COP 100.000', tab))).toEqual({
      from: 'selection',
      amount: '100000.00',
      currency: 'COP',
      description: 'Invoice 7 — Shop',
      reference: 'shop.example/invoices/7',
    });
  });

  it('keeps a selection with words as the description', () => {
    const query = selectionQuery('Annual plan: $99', tab, { dollarCurrency: 'MXN' });
    expect(query.get('amount')).toBe('99.00');
    expect(query.get('currency')).toBe('MXN');
    expect(query.get('description')).toBe('Annual plan: $99');
  });

  it('opens the form with the text as description when there is no amount', () => {
    expect(Object.fromEntries(selectionQuery('Two hours of consulting', {}))).toEqual({
      from: 'selection',
      description: 'Two hours of consulting',
    });
  });
});
