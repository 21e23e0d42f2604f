// Placetopay's settings, read and checked once at start (README.md, "Settings").
import { configurationError, type ProviderSetting } from '../adapter.ts';
import { assertTimeZone, DEFAULT_TIME_ZONE } from './dates.ts';

export const PROVIDER = 'placetopay';

/** The settings Placetopay needs, as `PAYLINK_PLACETOPAY_<NAME>` or in the config file. */
export const settings: readonly ProviderSetting[] = [
  {
    name: 'baseUrl',
    secret: false,
    required: true,
    description:
      'Sites host: https://sites-test.placetopay.com (testing) or https://sites.placetopay.com (production)',
  },
  {
    name: 'login',
    secret: false,
    required: true,
    description: 'Site identifier (login) for that environment',
  },
  {
    name: 'secretKey',
    secret: true,
    required: true,
    description: 'Site secret key: signs every request (tranKey) and verifies notifications',
  },
  {
    name: 'timeZone',
    secret: false,
    required: false,
    description:
      "IANA time zone of the site's wall clock, in which Placetopay reads and writes expirationDate and paymentDate (per site; default America/Bogota)",
  },
];

/** Placetopay's settings once checked. */
export interface PlacetopaySettings {
  baseUrl: string;
  login: string;
  secretKey: string;
  /**
   * IANA zone of the site's wall clock (`expirationDate`, `paymentDate`); default `America/Bogota`,
   * the zone of every documented example (README, "Settings").
   */
  timeZone: string;
}

/** Reads Placetopay's settings; throws a configuration error on an unknown `timeZone`. */
export function readSettings(raw: Record<string, string>): PlacetopaySettings {
  const timeZone = raw.timeZone || DEFAULT_TIME_ZONE;
  try {
    assertTimeZone(timeZone);
  } catch {
    throw configurationError(PROVIDER, `timeZone "${timeZone}" is not an IANA time zone`);
  }
  return { baseUrl: raw.baseUrl ?? '', login: raw.login ?? '', secretKey: raw.secretKey ?? '', timeZone };
}
