import { describe, expect, it } from 'vitest';
import { computeTranKey, createAuth } from './auth.ts';

// Test vector of provider note §2 (inputs from the official SDK test suites).
const VECTOR = {
  secretKey: 'ABCD1234',
  seed: '2016-10-26T21:37:00+00:00',
  rawNonce: 'ifYEPnAcJbpDVR1t',
  nonce: 'aWZZRVBuQWNKYnBEVlIxdA==',
  tranKey: 'NDlpEEAIe8sbKZ6mGWQrZwbyBB62J1LcyP/a/o7LRqY=',
};

describe('placetopay auth', () => {
  it('computes the SHA-256 tranKey of the test vector from the raw nonce', () => {
    expect(computeTranKey(VECTOR.rawNonce, VECTOR.seed, VECTOR.secretKey)).toBe(VECTOR.tranKey);
  });

  it('builds the auth object with the Base64 nonce and the seed it hashed', () => {
    const auth = createAuth(
      'site-login',
      VECTOR.secretKey,
      new Date('2016-10-26T21:37:00Z'),
      VECTOR.rawNonce,
    );
    expect(auth).toEqual({
      login: 'site-login',
      nonce: VECTOR.nonce,
      seed: '2016-10-26T21:37:00.000Z',
      tranKey: computeTranKey(VECTOR.rawNonce, '2016-10-26T21:37:00.000Z', VECTOR.secretKey),
    });
  });

  it('uses a fresh 32-hex-character nonce per request', () => {
    const a = createAuth('l', 's');
    const b = createAuth('l', 's');
    expect(a.nonce).not.toBe(b.nonce);
    expect(Buffer.from(a.nonce, 'base64').toString()).toMatch(/^[0-9a-f]{32}$/);
  });
});
