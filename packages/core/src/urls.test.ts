import { describe, expect, it } from 'vitest';
import { safeCheckoutUrl } from './urls.ts';

describe('safeCheckoutUrl', () => {
  it.each([
    'https://checkout.example/pay/1',
    'http://localhost:8791/link/show?genid=1',
    'http://127.0.0.1:9/x',
    'http://[::1]:9/x',
  ])('accepts %s', (url) => expect(safeCheckoutUrl(url)?.href).toBeTruthy());

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://checkout.example/pay',
    'http://localhost.evil.example/pay',
    'https://user:pass@checkout.example/',
    'ftp://checkout.example/',
    '/relative',
    '',
    42,
    null,
  ])('refuses %j', (url) => expect(safeCheckoutUrl(url)).toBeNull());
});
