import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Which reverse proxies in front of the proxy may speak for the client in `X-Forwarded-For`:
 * a number of hops (each appends the address it received the request from), or a list of
 * addresses and CIDR ranges. Null: none; the socket's address is the client's.
 */
export type TrustedProxies = { hops: number } | { ranges: string[] } | null;

/** Parses `PAYLINK_TRUSTED_PROXIES`: `1`, or `127.0.0.1,10.0.0.0/8,::1`. Returns a problem text when invalid. */
export function parseTrustedProxies(text: string | undefined): TrustedProxies | string {
  const value = text?.trim();
  if (!value) return null;
  if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? null : { hops: Number(value) };
  const ranges = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = ranges.filter((range) => {
    const [address, prefix] = range.split('/');
    const family = isIP(address ?? '');
    if (!family) return true;
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    return !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128);
  });
  if (bad.length) return `has entries that are not addresses or CIDR ranges: ${bad.join(', ')}`;
  return { ranges };
}

const blockLists = new WeakMap<object, BlockList>();

function blockList(trusted: { ranges: string[] }): BlockList {
  let list = blockLists.get(trusted);
  if (!list) {
    list = new BlockList();
    for (const range of trusted.ranges) {
      const [address, prefix] = range.split('/') as [string, string?];
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, family);
      else list.addSubnet(address, Number(prefix), family);
    }
    blockLists.set(trusted, list);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (mapped) return list.check(mapped, 'ipv4');
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address as the deployment says: the socket's, or — when it is a trusted proxy —
 * the rightmost `X-Forwarded-For` hop that is not one (hops a client wrote itself stand to the
 * left of those the proxies appended, so they are never taken). Null when unknown (in-process
 * requests), which callers treat as a client of its own, limited like any other.
 */
export function clientIp(c: Context, trusted: TrustedProxies): string | null {
  let peer: string | null;
  try {
    peer = getConnInfo(c).remote.address ?? null;
  } catch {
    peer = null;
  }
  if (!trusted || peer === null) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  if ('hops' in trusted) return chain[Math.max(0, chain.length - 1 - trusted.hops)] ?? peer;
  const list = blockList(trusted);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!isTrusted(list, chain[i]!)) return chain[i]!;
  }
  return chain[0]!;
}

/** Loopback clients are the merchant's own machine (its server, health checks, benchmarks). */
export function isLoopbackIp(ip: string | null): boolean {
  return ip !== null && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

/** The key a client is counted under: its address, or `unknown` (never exempt). */
export function clientKey(ip: string | null): string {
  return ip ?? 'unknown';
}

/**
 * The key a request's client is counted under for limits and caps, or null for the merchant's
 * own machine (a loopback client), which is not counted.
 */
export function countedClient(c: Context, trusted: TrustedProxies): string | null {
  const ip = clientIp(c, trusted);
  return isLoopbackIp(ip) ? null : clientKey(ip);
}
