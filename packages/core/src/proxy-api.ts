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
   * The checkout languages the provider takes (BCP 47, as `locale` must be sent), or null when it
   * takes none or any. A form maps the page's language onto one of these (`es` → `es-CO`).
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
