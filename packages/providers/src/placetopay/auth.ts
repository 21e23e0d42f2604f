import { createHash, randomBytes } from 'node:crypto';

/** The `auth` object every Placetopay Payment Link request carries in its body (provider note §2). */
export interface PlacetopayAuth {
  login: string;
  tranKey: string;
  /** Base64 of the raw nonce. */
  nonce: string;
  /** ISO 8601 date-time; must be within 5 minutes of the server's clock. */
  seed: string;
}

/**
 * `Base64(SHA-256(rawNonce + seed + secretKey))` over the raw binary digest. The digest uses the
 * raw nonce, not its Base64 form (provider note §2, step 3). The Payment Link API takes SHA-256
 * (authentication.mdx); `sha1` exists only to check the formula against the official PHP SDK's
 * published vector (fixtures/auth-vectors.json), whose default algorithm it is.
 */
export function computeTranKey(
  rawNonce: string,
  seed: string,
  secretKey: string,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): string {
  return createHash(algorithm).update(`${rawNonce}${seed}${secretKey}`, 'utf8').digest('base64');
}

/**
 * A fresh `auth` object for one request. The raw nonce is 32 lowercase hex characters, as the
 * official PHP SDK makes it; the seed is `toISOString()` (a `Z` offset is accepted, note §2).
 */
export function createAuth(
  login: string,
  secretKey: string,
  now: Date = new Date(),
  rawNonce: string = randomBytes(16).toString('hex'),
): PlacetopayAuth {
  const seed = now.toISOString();
  return {
    login,
    tranKey: computeTranKey(rawNonce, seed, secretKey),
    nonce: Buffer.from(rawNonce, 'utf8').toString('base64'),
    seed,
  };
}
