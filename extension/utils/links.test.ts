import type { MerchantLinkView } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { linksCsv, matchesFilter, paidTotals, reachesBack } from './links.ts';

function link(overrides: Partial<MerchantLinkView> = {}): MerchantLinkView {
  return {
    id: 'pl_aaaaaaaaaaaaaaaa',
    provider: 'placetopay',
    url: 'https://pay.example/c/1',
    status: 'open',
    amount: { value: '10.00', currency: 'USD' },
    amountMode: 'fixed',
    flexibleAmount: null,
    title: null,
    description: 'Workshop seat',
    expiresAt: null,
    payments: { count: 0, limit: 1 },
    lastPayment: null,
    version: 1,
    createdAt: new Date(2026, 5, 15, 12).toISOString(),
    updatedAt: new Date(2026, 5, 15, 12).toISOString(),
    providerRef: 'ref',
    reference: 'order-7',
    customer: null,
    metadata: null,
    ...overrides,
  };
}

describe('matchesFilter', () => {
  it('matches every word of the search in description, reference, id or amount', () => {
    expect(matchesFilter(link(), { text: 'WORKSHOP order-7' })).toBe(true);
    expect(matchesFilter(link(), { text: 'workshop dinner' })).toBe(false);
    expect(matchesFilter(link(), { text: 'usd 10.00' })).toBe(true);
  });

  it('filters by status, provider and local calendar days, both ends included', () => {
    expect(matchesFilter(link(), { status: 'paid' })).toBe(false);
    expect(matchesFilter(link(), { provider: 'plexo' })).toBe(false);
    expect(matchesFilter(link(), { from: '2026-06-15', to: '2026-06-15' })).toBe(true);
    expect(matchesFilter(link(), { from: '2026-06-16' })).toBe(false);
    expect(matchesFilter(link(), { to: '2026-06-14' })).toBe(false);
    expect(matchesFilter(link(), { from: 'garbage' })).toBe(true);
  });

  it('knows when the newest-first pages reach back past the first day', () => {
    const links = [link({ createdAt: new Date(2026, 5, 20).toISOString() })];
    expect(reachesBack(links, { from: '2026-06-18' })).toBe(false);
    expect(reachesBack([...links, link()], { from: '2026-06-18' })).toBe(true);
  });
});

describe('paidTotals', () => {
  it('sums amount times approved payments per currency, exactly, and counts flexible links apart', () => {
    const result = paidTotals([
      link({ payments: { count: 1, limit: 1 }, amount: { value: '0.10', currency: 'USD' } }),
      link({ payments: { count: 2, limit: null }, amount: { value: '0.20', currency: 'USD' } }),
      link({ payments: { count: 1, limit: 1 }, amount: { value: '100000', currency: 'COP' } }),
      link({ payments: { count: 0, limit: 1 }, amount: { value: '99.00', currency: 'USD' } }),
      link({
        payments: { count: 1, limit: 1 },
        amountMode: 'flexible',
        amount: { value: null, currency: 'EUR' },
      }),
    ]);
    expect(result.totals).toEqual([
      { value: '100000.00', currency: 'COP' },
      { value: '0.50', currency: 'USD' },
    ]);
    expect(result.uncounted).toBe(1);
  });
});

describe('linksCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    const csv = linksCsv([link({ description: '=HYPERLINK("x"), "quoted"\nline' })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'id,created_at,status,provider,currency,amount,payments,description,reference,expires_at,url',
    );
    expect(row).toContain(`"'=HYPERLINK(""x""), ""quoted""\nline"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
