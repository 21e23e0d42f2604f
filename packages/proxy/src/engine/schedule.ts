// When the reconciler reads a link next: often while it is young, then less often, until it is
// final or long past its expiry (DESIGN.md, "Converge").
import { isFinalStatus } from '@paylink/core';
import type { ProviderCapabilities } from '@paylink/providers';
import type { StoredLink } from '../store/store.ts';

export interface ScheduleSettings {
  /** Interval during a link's first hour, for providers the proxy learns from only by asking. */
  pollIntervalMs: number;
  /** The same for providers with signed notifications (the reads are a safety net). */
  signedIntervalMs: number;
  /** The interval never grows past this. */
  maxIntervalMs: number;
  /** How long after its expiry a link is still read before the reconciler gives up on it. */
  giveUpAfterExpiryMs: number;
  /** Provisional expiry's grace window (see `nextState`). */
  graceMs: number;
}

const HOUR_MS = 3_600_000;

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  pollIntervalMs: 30_000,
  signedIntervalMs: 300_000,
  maxIntervalMs: HOUR_MS,
  giveUpAfterExpiryMs: 7 * 24 * HOUR_MS,
  graceMs: 10 * 60_000,
};

/** The next reconciling read of `link` (ISO time), or null when it needs none. */
export function nextCheckAt(
  link: Pick<StoredLink, 'status' | 'provisional' | 'createdAt' | 'expiresAt'>,
  capabilities: Pick<ProviderCapabilities, 'read' | 'webhooks'>,
  now: Date,
  settings: ScheduleSettings,
): string | null {
  if (!capabilities.read || (isFinalStatus(link.status) && !link.provisional)) return null;
  const t = now.getTime();
  const expiry = link.expiresAt === null ? null : Date.parse(link.expiresAt);
  if (expiry !== null && t > expiry + settings.giveUpAfterExpiryMs) return null;
  const base = Math.min(
    capabilities.webhooks === 'signed' ? settings.signedIntervalMs : settings.pollIntervalMs,
    settings.maxIntervalMs,
  );
  const age = t - Date.parse(link.createdAt);
  // Doubles with each doubling of age past the first hour: 1–2 h ×2, 2–4 h ×4, … capped.
  let delay =
    age <= HOUR_MS ? base : Math.min(settings.maxIntervalMs, base * 2 ** Math.ceil(Math.log2(age / HOUR_MS)));
  // Read again just after the expiry and after the grace window, so an expiry is confirmed promptly.
  if (expiry !== null) {
    for (const moment of [expiry + 1000, expiry + settings.graceMs + 1000]) {
      if (moment > t && moment - t < delay) delay = moment - t;
    }
  }
  return new Date(t + delay).toISOString();
}

/** Backoff after failed reads: 1 s, 2 s, 4 s … up to `capMs`, with ±20 % jitter. */
export function retryDelayMs(failures: number, capMs: number, random = Math.random): number {
  const delay = Math.min(capMs, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(delay * (0.8 + random() * 0.4));
}
