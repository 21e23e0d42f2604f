import { describe, expect, it } from 'vitest';
import { countingFetch, withCallCounter } from './upstream-calls.ts';

describe('countingFetch', () => {
  const answer = (async () => new Response('{}')) as typeof fetch;

  it('counts each request against the call it was made for, concurrent calls apart', async () => {
    const send = countingFetch(answer);
    const a = { calls: 0 };
    const b = { calls: 0 };
    await Promise.all([
      withCallCounter(a, async () => {
        await send('http://provider.test/link');
        await new Promise((r) => setTimeout(r, 5));
        await Promise.all([send('http://provider.test/payments'), send('http://provider.test/bank')]);
      }),
      withCallCounter(b, () => send('http://provider.test/other')),
    ]);
    expect(a.calls).toBe(3);
    expect(b.calls).toBe(1);
  });

  it('counts nothing outside a counted call', async () => {
    const send = countingFetch(answer);
    const counter = { calls: 0 };
    await send('http://provider.test/create');
    await withCallCounter(counter, async () => undefined);
    expect(counter.calls).toBe(0);
  });
});
