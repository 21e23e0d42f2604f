import { describe, expect, it } from 'vitest';
import { linkMessage, mailtoUrl, whatsappUrl } from './share.ts';

/** Intl puts a no-break space between the currency code and the number. */
const message = (...args: Parameters<typeof linkMessage>) =>
  linkMessage(...args)?.replace(/\u00a0/g, ' ') ?? null;

const link = {
  url: 'https://pay.example/c/1',
  amount: { value: '25.00', currency: 'USD' },
  description: 'Workshop',
  reference: 'order-7',
};

describe('linkMessage', () => {
  it('fills the format in', () => {
    expect(message('Pay {amount} — {description}: {url}', link, 'en')).toBe(
      'Pay USD 25 — Workshop: https://pay.example/c/1',
    );
    expect(message('{reference}: {url}', link, 'en')).toBe('order-7: https://pay.example/c/1');
    expect(
      message('Paga {amount}: {url}', { ...link, amount: { value: '25.50', currency: 'USD' } }, 'es'),
    ).toMatch(/^Paga 25,50\sUSD: https:/);
  });

  it('drops the description with its dash when there is none, and always carries the URL', () => {
    expect(message('Pay {amount} — {description}: {url}', { ...link, description: ' ' }, 'en')).toBe(
      'Pay USD 25: https://pay.example/c/1',
    );
    expect(message('Thanks!', link, 'en')).toBe('Thanks! https://pay.example/c/1');
  });

  it('refuses a checkout URL that may not be shared', () => {
    expect(message('{url}', { ...link, url: 'javascript:alert(1)' }, 'en')).toBeNull();
    expect(message('{url}', { ...link, url: 'http://pay.example/c/1' }, 'en')).toBeNull();
    expect(message('{url}', { ...link, url: 'http://localhost:8791/c/1' }, 'en')).toBe(
      'http://localhost:8791/c/1',
    );
  });

  it('does not expand placeholders found inside the values', () => {
    expect(message('{description} {url}', { ...link, description: '{url}{amount}' }, 'en')).toBe(
      '{url}{amount} https://pay.example/c/1',
    );
  });
});

describe('share addresses', () => {
  it('encodes the message for WhatsApp and mailto', () => {
    expect(whatsappUrl('Pay & go: https://x/?a=1')).toBe(
      'https://wa.me/?text=Pay%20%26%20go%3A%20https%3A%2F%2Fx%2F%3Fa%3D1',
    );
    expect(mailtoUrl('Payment link', 'a b\nc')).toBe('mailto:?subject=Payment%20link&body=a%20b%0Ac');
  });
});
