import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new public link id: `pl_` and 22 random base-62 characters (~131 bits), never the provider's id. */
export function newPublicLinkId(): string {
  let id = 'pl_';
  while (id.length < 25) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: reject the top bytes so every character is equally likely.
      if (byte < 248 && id.length < 25) id += ALPHABET[byte % 62];
    }
  }
  return id;
}
