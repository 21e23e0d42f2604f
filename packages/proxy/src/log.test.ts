import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log.ts';

describe('LogThrottle', () => {
  it('writes one line per key per interval and counts the ones held back into the next', () => {
    const throttle = new LogThrottle(1000);
    const written: Array<[string, number]> = [];
    const log = (key: string, now: number) =>
      throttle.run(key, (suppressed) => written.push([key, suppressed]), now);
    for (let i = 0; i < 50; i++) log('midtrans', i * 10);
    log('plexo', 100);
    log('midtrans', 1200);
    expect(written).toEqual([
      ['midtrans', 0],
      ['plexo', 0],
      ['midtrans', 49],
    ]);
  });
});
