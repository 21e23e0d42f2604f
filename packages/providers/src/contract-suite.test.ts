import { describe, expect, it } from 'vitest';
import { shapeProblems } from './contract-suite.ts';

describe('shapeProblems (the contract suite’s outgoing payload check)', () => {
  const published = [{ amount: { total: 100, currency: 'COP' }, items: [{ name: 'x', qty: 1 }] }];

  it('accepts a body that uses only published fields with published types', () => {
    expect(shapeProblems({ amount: { total: 5, currency: 'UYU' }, items: [] }, published)).toEqual([]);
  });

  it('names a field no published example has, at any depth and inside arrays', () => {
    expect(shapeProblems({ title: 'x', items: [{ name: 'a', price: 2 }] }, published)).toEqual([
      'title: no published example has this field',
      'items[].price: no published example has this field',
    ]);
  });

  it('names a field sent with another JSON type than published', () => {
    expect(shapeProblems({ amount: { total: '100' } }, published)).toEqual([
      'amount.total: sent as string, published as number',
    ]);
  });

  it('names a required field that was not sent, and accepts documented extras', () => {
    expect(shapeProblems({ amount: { total: 1 } }, published, ['amount.currency'])).toEqual([
      'amount.currency: required, not sent',
    ]);
    expect(shapeProblems({ isGeneric: true }, published, [], { isGeneric: 'boolean' })).toEqual([]);
  });
});
