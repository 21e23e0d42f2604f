import { describe, expect, it } from 'vitest';
import { UpstreamBudget } from './upstream-budget.ts';

describe('UpstreamBudget', () => {
  it('allows a second of reads at once, then refills at its rate and never beyond', () => {
    let now = 0;
    const budget = new UpstreamBudget(5, () => now);
    const takeAll = () => {
      let n = 0;
      while (budget.tryTake()) n++;
      return n;
    };
    expect(takeAll()).toBe(5);
    now += 400;
    expect(takeAll()).toBe(2);
    now += 60_000;
    expect(takeAll()).toBe(5);
    expect(budget.taken).toBe(12);
  });

  it('over any window takes at most rate × seconds plus one burst', () => {
    let now = 0;
    const budget = new UpstreamBudget(2, () => now);
    let taken = 0;
    for (let step = 0; step < 1000; step++) {
      now += 7;
      if (budget.tryTake()) taken++;
    }
    expect(taken).toBeLessThanOrEqual(2 * 7 + 2);
    expect(taken).toBeGreaterThanOrEqual(2 * 7);
  });

  it('waits for a token, or gives up when none comes in time', async () => {
    const budget = new UpstreamBudget(20);
    while (budget.tryTake());
    expect(await budget.take(500)).toBe(true);
    while (budget.tryTake());
    expect(await budget.take(1)).toBe(false);
  });

  it('charges the further requests of a read after it, into debt that later reads wait out', () => {
    let now = 0;
    const budget = new UpstreamBudget(2, () => now);
    expect(budget.tryTake()).toBe(true);
    budget.charge(2); // that read took three HTTP requests
    expect(budget.available()).toBe(-1);
    expect(budget.tryTake()).toBe(false);
    now += 500; // one token back: the debt is repaid, none to spend yet
    expect(budget.tryTake()).toBe(false);
    now += 500;
    expect(budget.tryTake()).toBe(true);
    expect(budget.taken).toBe(4);
    budget.charge(0);
    expect(budget.taken).toBe(4);
  });
});
