// The proxy API's wire shapes that are not a link view: batches, pages and providers. The proxy
// answers them, `client.ts` reads them; nobody keeps a copy.
import type { LinkStatusView, MerchantLinkView, PublicLinkView } from './link.ts';
import type { LinkStatus } from './status.ts';

/** What a provider's adapter can do, as `GET /v1/providers` reports it. */
export interface ProviderCapabilities {
  /** How notifications arrive: `signed` (trust after verification), `nudge` (re-read the link), `none` (poll). */
  webhooks: 'signed' | 'nudge' | 'none';
  /** `api`: `POST /v1/links/{id}/share` works; `at-create`: only via `customer.email` at creation; `none`. */
  share: 'api' | 'at-create' | 'none';
  /** Whether a link can be disabled through the API. */
  disable: boolean;
  /** Whether the link's status can be read back from the API. */
  read: boolean;
  /** `usageLimit` values the provider accepts: any positive integer, only 1, or unlimited/1 (`single-or-unlimited`). */
  usageLimit: 'any' | 'single-or-unlimited' | 'single';
  /** Whether a link may have no usage limit. */
  unlimitedUsage: boolean;
  /** Whether `expiresAt` is required (some providers reject links without expiry). */
  expiryRequired: boolean;
  /** Whether line items are sent to the provider. */
  items: boolean;
  /** Whether `locale` is passed to the provider's checkout. */
  locale: boolean;
  /**
   * The checkout languages the provider shows, one locale each (BCP 47) in the form to send when the
   * page names only the language; null or absent when it takes any. `checkoutLocale` maps a page's
   * locale onto them (`es` → `es-CO`).
   */
  locales?: readonly string[] | null;
  /** ISO 4217 codes accepted, or null for any the merchant account has enabled. */
  currencies: readonly string[] | null;
  /**
   * The capabilities above (by name) that rest on inference rather than on the provider's public
   * documents; `GET /v1/providers` reports them as such. Absent or empty: all documented.
   */
  inferred?: readonly (keyof Omit<ProviderCapabilities, 'inferred'>)[];
}

const localeParts = (locale: string) => {
  const [language = '', region = ''] = locale.trim().split(/[-_]/);
  return { language: language.toLowerCase(), region: region.toUpperCase() };
};

/**
 * The checkout language to send a provider for a page's locale, or undefined to send none (the
 * provider's own default). A page's bare language is completed from the provider's list (`es` →
 * `es-CO`); a language the provider cannot show is left out rather than refused.
 */
export function checkoutLocale(pageLocale: string, capabilities: ProviderCapabilities): string | undefined {
  if (!capabilities.locale || !pageLocale) return undefined;
  const locales = capabilities.locales;
  if (!locales?.length) return pageLocale;
  const page = localeParts(pageLocale);
  const sameLanguage = locales.filter((locale) => localeParts(locale).language === page.language);
  if (sameLanguage.length === 0) return undefined;
  const exact = sameLanguage.find((locale) => localeParts(locale).region === page.region);
  // The provider takes the language in any region (Placetopay): keep the page's region when it has one.
  return exact ?? (page.region ? `${page.language}-${page.region}` : sameLanguage[0]);
}

/** One configured provider: `GET /v1/providers` answers `{ providers: ProviderInfo[] }`. */
export interface ProviderInfo {
  name: string;
  title: string;
  capabilities: ProviderCapabilities;
}

/**
 * `GET /v1/views?links=…`: many public views in one answer, per id. `notFound` are well-formed ids
 * the proxy does not know; `invalid` are ids that are not link ids at all.
 */
export interface ViewBatch {
  links: PublicLinkView[];
  notFound: string[];
  invalid: string[];
}

/** `GET /v1/status?links=…`: many statuses in one answer. */
export interface StatusBatch {
  statuses: LinkStatusView[];
  notFound: string[];
}

/** `GET /v1/links` parameters. */
export interface LinkQuery {
  /** 1 to 100 (default 20). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  status?: LinkStatus;
  provider?: string;
}

/** One page of `GET /v1/links`, newest first. */
export interface LinkPage {
  links: MerchantLinkView[];
  nextCursor: string | null;
}

/** Body of `POST /v1/links/{id}/share`. */
export interface ShareRequest {
  recipients: string[];
  message?: string;
  merchantCopy?: boolean;
}

/** The answer of `POST /v1/links/{id}/share`. */
export interface ShareResult {
  shareId: string;
  recipients: string[];
  sharedAt: string;
}
