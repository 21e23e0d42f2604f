// Checks the `auth` object the way Placetopay documents it (provider note §2): decode the nonce,
// recompute Base64(SHA-256(rawNonce + seed + secretKey)), and allow a seed at most 5 minutes off.
import { createHash, timingSafeEqual } from 'node:crypto';

/** A Placetopay "site": the owner of credentials and links. */
export interface Site {
  id: number;
  name: string;
  login: string;
  secretKey: string;
  active: boolean;
}

/** Documented development credentials (README.md); not secret, this is a local stand-in. */
export const DEV_LOGIN = 'paylink-dev';
export const DEV_SECRET_KEY = 'placetopay-emulator-secret';

/** The emulator's sites: the development site, a second site (for "link of another site") and an inactive one (104). */
export function defaultSites(): Site[] {
  return [
    { id: 1469, name: 'PayLink development site', login: DEV_LOGIN, secretKey: DEV_SECRET_KEY, active: true },
    {
      id: 1470,
      name: 'PayLink other site',
      login: 'paylink-other',
      secretKey: 'placetopay-emulator-other-secret',
      active: true,
    },
    {
      id: 1471,
      name: 'PayLink inactive site',
      login: 'paylink-inactive',
      secretKey: 'placetopay-emulator-inactive-secret',
      active: false,
    },
  ];
}

export const SEED_WINDOW_MS = 5 * 60_000;

export type AuthResult = { ok: true; site: Site } | { ok: false; message: string };

const SEED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `Base64(SHA-256(rawNonce + seed + secretKey))`, the raw binary digest. */
export function expectedTranKey(rawNonce: string, seed: string, secretKey: string): string {
  return createHash('sha256').update(`${rawNonce}${seed}${secretKey}`, 'utf8').digest('base64');
}

const failed = (code: number): AuthResult => ({ ok: false, message: `${code} (Authentication Failed)` });

/** Checks one request's `auth`; the failure message carries the documented code (101–104). */
export function verifyAuth(auth: unknown, sites: readonly Site[], now: Date): AuthResult {
  if (!auth || typeof auth !== 'object') return { ok: false, message: 'Malformed authentication' };
  const { login, tranKey, nonce, seed } = auth as Record<string, unknown>;
  if (
    typeof login !== 'string' ||
    typeof tranKey !== 'string' ||
    typeof nonce !== 'string' ||
    typeof seed !== 'string'
  ) {
    return { ok: false, message: 'Malformed authentication' };
  }
  const site = sites.find((s) => s.login === login);
  if (!site) return failed(101);
  const seedMs = SEED.test(seed) ? Date.parse(seed) : Number.NaN;
  if (Number.isNaN(seedMs) || Math.abs(now.getTime() - seedMs) > SEED_WINDOW_MS) return failed(103);
  if (!BASE64.test(nonce) || !BASE64.test(tranKey)) return failed(102);
  // The digest covers the decoded nonce, not the Base64 text that was sent (note §2, step 3).
  const rawNonce = Buffer.from(nonce, 'base64').toString('utf8');
  const expected = Buffer.from(expectedTranKey(rawNonce, seed, site.secretKey), 'base64');
  const given = Buffer.from(tranKey, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return failed(102);
  if (!site.active) return failed(104);
  return { ok: true, site };
}
