import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's IP: the socket's address, or the first `X-Forwarded-For` hop when the proxy is
 * configured to trust the reverse proxy in front of it. Null when unknown (in-process requests).
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** Loopback clients are the merchant's own machine (its server, health checks, benchmarks). */
export function isLoopbackIp(ip: string | null): boolean {
  return ip === null || ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}
