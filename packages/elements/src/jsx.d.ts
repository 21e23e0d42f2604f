/**
 * Framework-neutral typings of the PayLink elements' attributes, properties and events. The
 * per-framework files build on these: `@paylink/elements/react` (React 19), `/preact`, `/solid`
 * (JSX `IntrinsicElements`), `/vue` (`GlobalComponents` for templates) and `/svelte`
 * (`SvelteHTMLElements`). Each framework's matrix app in `frameworks/` proves its file.
 *
 * `PayLinkIntrinsicElements<Base>` is for any other JSX flavour: merge it into that framework's
 * `IntrinsicElements`, passing its own HTML attributes type so `class`, `id`, `ref` and `key` keep
 * working. Attributes are spelt as in HTML (`show-description`, `api-key`), booleans take
 * `true`/`false`, events are `on` + the event name (`onpaylink-paid`). Kept in step with
 * custom-elements.json by src/manifest.test.ts.
 */
import type { LinkStatusView, MerchantLinkView } from '@paylink/core';
import type { PayLinkErrorDetail } from './events.ts';

/** What every PayLink element accepts. */
export interface PayLinkCommonAttributes {
  /** Base URL of the PayLink proxy; default: the origin that served `paylink.js`. */
  proxy?: string;
  /** BCP 47 locale for text and amounts; default: the closest `[lang]`, then the browser's. */
  locale?: string;
}

/** `<pay-link-button>`. */
export interface PayLinkButtonAttributes extends PayLinkCommonAttributes {
  link?: string;
  product?: string;
  target?: '_self' | '_blank' | '';
  label?: string;
  qr?: boolean;
  copy?: boolean;
  'show-description'?: boolean;
  theme?: '' | 'light' | 'dark';
  'onpaylink-status-change'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-paid'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}

/** `<pay-link-status>`. */
export interface PayLinkStatusAttributes extends PayLinkCommonAttributes {
  link?: string;
  interval?: number;
  mode?: 'auto' | 'poll' | 'sse';
  detailed?: boolean;
  theme?: '' | 'light' | 'dark';
  'onpaylink-status-change'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-paid'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}

/** `<pay-link-qr>`. */
export interface PayLinkQrAttributes extends PayLinkCommonAttributes {
  link?: string;
  label?: string;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}

/** `<pay-link-form>` (set `apiKey` as a property where you can: attributes are visible in the DOM). */
export interface PayLinkFormAttributes extends PayLinkCommonAttributes {
  'api-key'?: string;
  provider?: string;
  theme?: '' | 'light' | 'dark';
  'onpaylink-created'?: (event: CustomEvent<MerchantLinkView>) => void;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}

/** The four tags, each with `Base` (your framework's HTML attributes) added. */
export interface PayLinkIntrinsicElements<Base = { [attribute: string]: unknown }> {
  'pay-link-button': Base & PayLinkButtonAttributes;
  'pay-link-status': Base & PayLinkStatusAttributes;
  'pay-link-qr': Base & PayLinkQrAttributes;
  'pay-link-form': Base & PayLinkFormAttributes;
}

/**
 * The elements' reactive properties, camelCase, as frameworks that set DOM properties use them
 * (Vue, Svelte, Solid's `prop:`, Angular's `[property]`). Setting a boolean property to `false`
 * clears it; an attribute written `show-description="false"` would instead turn it on (in HTML
 * any present boolean attribute is true).
 */
export interface PayLinkButtonProperties {
  proxy?: string;
  locale?: string;
  link?: string;
  product?: string;
  target?: '_self' | '_blank' | '';
  label?: string;
  qr?: boolean;
  copy?: boolean;
  showDescription?: boolean;
  theme?: '' | 'light' | 'dark';
}

/** `<pay-link-status>`'s properties. */
export interface PayLinkStatusProperties {
  proxy?: string;
  locale?: string;
  link?: string;
  interval?: number;
  mode?: 'auto' | 'poll' | 'sse';
  detailed?: boolean;
  theme?: '' | 'light' | 'dark';
}

/** `<pay-link-qr>`'s properties. */
export interface PayLinkQrProperties {
  proxy?: string;
  locale?: string;
  value?: string;
  link?: string;
  label?: string;
}

/** `<pay-link-form>`'s properties (`values` is property-only). */
export interface PayLinkFormProperties {
  proxy?: string;
  locale?: string;
  apiKey?: string;
  provider?: string;
  theme?: '' | 'light' | 'dark';
}
