import type { Context, MiddlewareHandler } from 'hono';
import { countedClient, type TrustedProxies } from './client-ip.ts';
import type { AppEnv } from './deps.ts';
import { problems } from './problem.ts';
import { RateLimiter } from './rate-limit.ts';

export interface PublicLimitOptions {
  /** Requests per client IP per minute; 0 turns the limit off. */
  perIpPerMinute: number;
  trustedProxies: TrustedProxies;
}

/**
 * Rate limits for the public routes, per client IP and per link (a link polled from very many
 * addresses). Answers 429 with `Retry-After`. Loopback clients — the merchant's own machine —
 * are not limited; behind a reverse proxy, set `trustedProxies` so the real client IP is used.
 */
export function publicRateLimit(options: PublicLimitOptions): PublicRateLimit {
  const perIp = new RateLimiter({
    capacity: Math.max(1, options.perIpPerMinute / 4),
    refillPerSecond: options.perIpPerMinute / 60,
  });
  const perLink = new RateLimiter({
    capacity: options.perIpPerMinute * 5,
    refillPerSecond: (options.perIpPerMinute * 50) / 60,
  });
  const take = (c: Context): number => {
    if (options.perIpPerMinute <= 0) return 0;
    const client = countedClient(c, options.trustedProxies);
    if (client === null) return 0;
    const waitIp = perIp.take(`ip:${client}`);
    if (waitIp > 0) return waitIp;
    const linkId = c.req.param('id');
    return linkId ? perLink.take(`link:${linkId}`) : 0;
  };
  const rateLimit: PublicRateLimit = async function rateLimit(c, next) {
    const wait = take(c);
    if (wait > 0) throw problems.tooManyRequests(Math.ceil(wait));
    return next();
  };
  rateLimit.take = take;
  return rateLimit;
}

/** The public rate limit as middleware, and its check alone. */
export type PublicRateLimit = MiddlewareHandler<AppEnv> & {
  /** Counts the request; the seconds to wait when it is over the limit, else 0. */
  take(c: Context): number;
};

/** Counts open event streams per client, to cap what one client can hold open. */
export class StreamSlots {
  readonly #open = new Map<string, number>();
  readonly perClient: number;
  constructor(perClient: number) {
    this.perClient = perClient;
  }

  /** Takes a slot; false when the client already holds `perClient` streams. */
  take(client: string): boolean {
    const count = this.#open.get(client) ?? 0;
    if (count >= this.perClient) return false;
    this.#open.set(client, count + 1);
    return true;
  }

  release(client: string): void {
    const left = (this.#open.get(client) ?? 1) - 1;
    if (left <= 0) this.#open.delete(client);
    else this.#open.set(client, left);
  }
}
