import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` and 22 random base-62 characters (~131 bits). */
export function newId(prefix: string): string {
  let id = prefix;
  const length = prefix.length + 22;
  while (id.length < length) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: reject the top bytes so every character is equally likely.
      if (byte < 248 && id.length < length) id += ALPHABET[byte % 62];
    }
  }
  return id;
}

/** A new public link id: `pl_` and 22 random base-62 characters, never the provider's id. */
export function newPublicLinkId(): string {
  return newId('pl_');
}

/** A merchant event id, `evt_…`: the `webhook-id` of every delivery of that event. */
export const newEventId = (): string => newId('evt_');

/** A webhook endpoint id, `we_…`. */
export const newEndpointId = (): string => newId('we_');

export const EVENT_ID = /^evt_[A-Za-z0-9]{22}$/;
export const ENDPOINT_ID = /^we_[A-Za-z0-9_]{1,64}$/;
