import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './http.ts';

describe('retryAfterMs', () => {
  const headers = (value: string) => new Headers({ 'retry-after': value });
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(retryAfterMs(headers('3'), now)).toBe(3000);
    expect(retryAfterMs(headers('Wed, 02 Dec 2026 10:00:30 GMT'), now)).toBe(30_000);
    expect(retryAfterMs(headers('soon'), now)).toBeNull();
    expect(retryAfterMs(headers('Wed, 02 Dec 2026 09:00:00 GMT'), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
    expect(retryAfterMs(headers('999999'), now)).toBe(3_600_000);
  });
});
