import { describe, expect, it } from 'vitest';
import { expiresAtFor, expiresOnFor } from './dates.ts';

describe('payroc', () => {
  describe('expiry days', () => {
    it('keeps the link through the UTC day holding the last usable instant', () => {
      expect(expiresOnFor('2026-04-01T00:00:00Z')).toBe('2026-03-31');
      expect(expiresOnFor('2026-04-01T00:00:00.001Z')).toBe('2026-04-01');
      expect(expiresOnFor('2026-04-01T10:00:00-05:00')).toBe('2026-04-01');
      expect(expiresAtFor('2026-03-31')).toBe('2026-04-01T00:00:00.000Z');
    });

    it('uses the terminal time zone, across daylight-saving changes', () => {
      // Chicago: UTC-6 in winter, UTC-5 in summer (clocks changed on 8 March 2026).
      expect(expiresAtFor('2026-03-07', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z');
      expect(expiresAtFor('2026-03-08', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
      expect(expiresOnFor('2026-03-09T05:00:00Z', 'America/Chicago')).toBe('2026-03-08');
      expect(expiresOnFor('2026-03-09T05:00:00.001Z', 'America/Chicago')).toBe('2026-03-09');
      expect(expiresAtFor('2024-08-02', 'Pacific/Midway')).toBe('2024-08-03T11:00:00.000Z');
      expect(expiresAtFor('2026-06-30', 'Asia/Kolkata')).toBe('2026-06-30T18:30:00.000Z');
    });
  });
});
