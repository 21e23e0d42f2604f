import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, nextCheckAt, retryDelayMs } from './schedule.ts';

const CREATED = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const poll = { read: true, webhooks: 'none' } as const;
const signed = { read: true, webhooks: 'signed' } as const;
const link = (
  fields: { status?: 'open' | 'paid' | 'expired'; provisional?: boolean; expiresAt?: string | null } = {},
) => ({
  status: fields.status ?? 'open',
  provisional: fields.provisional ?? false,
  createdAt: new Date(CREATED).toISOString(),
  expiresAt: fields.expiresAt ?? null,
});
const delay = (l: ReturnType<typeof link>, ageMs: number, caps: typeof poll | typeof signed = poll) => {
  const next = nextCheckAt(l, caps, new Date(CREATED + ageMs), DEFAULT_SCHEDULE);
  return next === null ? null : Date.parse(next) - (CREATED + ageMs);
};

describe('nextCheckAt', () => {
  it('reads an open link every 30 s in its first hour, then less often, capped at an hour', () => {
    expect(delay(link(), 0)).toBe(30_000);
    expect(delay(link(), 59 * MINUTE)).toBe(30_000);
    expect(delay(link(), 90 * MINUTE)).toBe(60_000);
    expect(delay(link(), 3 * HOUR)).toBe(120_000);
    expect(delay(link(), 10 * 24 * HOUR)).toBe(HOUR);
  });

  it('reads providers with signed notifications less often, as a safety net', () => {
    expect(delay(link(), 0, signed)).toBe(5 * MINUTE);
    expect(delay(link(), 0, signed)!).toBeGreaterThan(delay(link(), 0)!);
  });

  it('reads just after the expiry and after the grace window, and stops a week past the expiry', () => {
    const expiresAt = new Date(CREATED + 10 * MINUTE).toISOString();
    expect(delay(link({ expiresAt }), 10 * MINUTE - 5000)).toBe(6000);
    const provisional = link({ status: 'expired', provisional: true, expiresAt });
    expect(delay(provisional, 10 * MINUTE + DEFAULT_SCHEDULE.graceMs - 10_000)).toBe(11_000);
    expect(delay(provisional, 10 * MINUTE + 7 * 24 * HOUR + 1)).toBeNull();
  });

  it('needs no read for a final link, or for a provider that cannot be read', () => {
    expect(delay(link({ status: 'paid' }), 0)).toBeNull();
    expect(delay(link({ status: 'expired' }), 0)).toBeNull();
    expect(
      nextCheckAt(link(), { read: false, webhooks: 'none' }, new Date(CREATED), DEFAULT_SCHEDULE),
    ).toBeNull();
  });
});

describe('retryDelayMs', () => {
  it('doubles from 1 s up to its cap, within ±20 %', () => {
    expect(retryDelayMs(1, 30_000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, 30_000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(10, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, 30_000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 30_000, () => 0.999)).toBeLessThanOrEqual(1200);
  });
});
