import { storage } from 'wxt/utils/storage';

// Every value the extension keeps, one item each, all in `local` storage: it survives browser
// restarts and is readable only by the extension's own pages and background, never by web pages.

/** Base URL of the PayLink proxy, e.g. `https://pay.example.com` (no trailing slash). */
export const proxyUrlItem = storage.defineItem<string>('local:proxyUrl', { fallback: '' });

/** The merchant API key sent as `Authorization: Bearer …`. */
export const apiKeyItem = storage.defineItem<string>('local:apiKey', { fallback: '' });

/** Provider preselected in the create form ('' = the first the proxy lists). */
export const defaultProviderItem = storage.defineItem<string>('local:defaultProvider', { fallback: '' });

/** Currency preselected in the create form ('' = the form's own default). */
export const defaultCurrencyItem = storage.defineItem<string>('local:defaultCurrency', { fallback: '' });

/** Hours from now the create form's expiry starts at (0 = no expiry). */
export const defaultExpiryHoursItem = storage.defineItem<number>('local:defaultExpiryHours', { fallback: 0 });

/** A link the background watches until it is paid or can no longer be paid. */
export interface WatchedLink {
  id: string;
  description: string;
  amount: { value: string | null; currency: string };
}

/** Open links the alarm checks through `GET /v1/status?links=…`. */
export const watchedLinksItem = storage.defineItem<WatchedLink[]>('local:watchedLinks', { fallback: [] });

/** Links paid since the popup was last opened: the badge shows how many. */
export const unseenPaidItem = storage.defineItem<string[]>('local:unseenPaid', { fallback: [] });

/** How a link is written into a chat or e-mail ('' = the language's own `Pay {amount} — {description}: {url}`). */
export const messageFormatItem = storage.defineItem<string>('local:messageFormat', { fallback: '' });
