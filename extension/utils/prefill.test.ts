import { describe, expect, it } from 'vitest';
import { formValues, referenceFromUrl, selectionQuery } from './prefill.ts';

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

describe('formValues', () => {
  it('passes the draft through and turns the expiry hours into an instant', () => {
    const now = new Date('2026-01-31T23:05:42Z');
    expect(
      formValues(
        {
          amount: '1250.50',
          currency: 'COP',
          description: 'Invoice 7',
          reference: 'shop/7',
          expiryHours: 24,
        },
        now,
      ),
    ).toEqual({
      amount: '1250.50',
      currency: 'COP',
      description: 'Invoice 7',
      reference: 'shop/7',
      expiresAt: '2026-02-01T23:05:42.000Z',
    });
    expect(formValues({ description: 'x'.repeat(300) }, now)).toMatchObject({
      description: 'x'.repeat(255),
      expiresAt: undefined,
    });
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

describe('text from pages', () => {
  it('cleans the selection and the tab title of bidi and control characters', () => {
    const query = selectionQuery('Invoice \u202Efdp.exe\n\tnow', { title: 'x' });
    expect(query.get('description')).toBe('Invoice fdp.exe now');
    const fromTitle = selectionQuery('$25', { title: '\u2066Order\u2069 #7\u0000 — Shop' });
    expect(fromTitle.get('description')).toBe('Order #7 — Shop');
    expect(formValues({ description: 'A\u200Fb\r\nc' }, new Date()).description).toBe('Ab c');
  });
});
