import { describe, expect, it } from 'vitest';
import { checkoutLocale, type ProviderCapabilities } from './proxy-api.ts';

const capabilities = (locale: boolean, locales?: string[] | null) =>
  ({ locale, locales }) as unknown as ProviderCapabilities;
const placetopay = capabilities(true, ['es-CO', 'en-US', 'pt-BR', 'it-IT']);

describe('checkoutLocale', () => {
  it.each([
    ['es', 'es-CO'],
    ['ES', 'es-CO'],
    ['pt', 'pt-BR'],
    ['es-MX', 'es-MX'],
    ['es_co', 'es-CO'],
    ['en-GB', 'en-GB'],
  ])('maps the page locale %s to %s, one Placetopay shows', (page, sent) => {
    expect(checkoutLocale(page, placetopay)).toBe(sent);
  });

  it('sends nothing for a language the provider cannot show (its default, not a refusal)', () => {
    expect(checkoutLocale('id-ID', placetopay)).toBeUndefined();
    expect(checkoutLocale('fr', placetopay)).toBeUndefined();
  });

  it('sends nothing to a provider without a locale setting, and the page locale to one that takes any', () => {
    expect(checkoutLocale('es', capabilities(false))).toBeUndefined();
    expect(checkoutLocale('es', capabilities(true, null))).toBe('es');
  });
});
