import { describe, expect, it } from 'vitest';
import { basicAuthorization, plexoRoutes } from './client.ts';

describe('plexo Basic auth', () => {
  it('matches the test vector in the provider note (§2)', () => {
    expect(basicAuthorization('test_12345', 'sk_test_abcdef123456789')).toBe(
      'Basic dGVzdF8xMjM0NTpza190ZXN0X2FiY2RlZjEyMzQ1Njc4OQ==',
    );
  });

  it('keeps the inferred routes in one place', () => {
    expect(plexoRoutes.create()).toBe('/v1/payment-links');
    expect(plexoRoutes.payment('6305dd2d000d6ed5d1ecf79b')).toBe('/v1/payments/6305dd2d000d6ed5d1ecf79b');
    expect(plexoRoutes.inferred.link('a1b2/c3')).toBe('/v1/payment-links/a1b2%2Fc3');
  });
});
