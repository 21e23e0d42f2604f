/**
 * JSX typings for the PayLink elements, for any JSX flavour (React 19, Preact, …) without depending
 * on one: merge `PayLinkIntrinsicElements` into your framework's `IntrinsicElements`, passing its
 * own HTML attributes type so `class`, `id`, `ref`, `key` and the rest keep working.
 *
 * React 19 (in any `.d.ts` or `.ts` file of your app):
 * ```ts
 * declare module 'react' { namespace JSX { interface IntrinsicElements extends import('@paylink/elements/jsx').PayLinkIntrinsicElements<React.HTMLAttributes<HTMLElement> & React.RefAttributes<HTMLElement>> {} } }
 * ```
 * Preact:
 * ```ts
 * declare module 'preact' { namespace JSX { interface IntrinsicElements extends import('@paylink/elements/jsx').PayLinkIntrinsicElements<JSX.HTMLAttributes<HTMLElement>> {} } }
 * ```
 * Attributes are spelt as in HTML (`show-description`, `api-key`); booleans take `true`/`false`.
 * Events are `on` + the event name (`onpaylink-paid`), which React 19 and Preact both pass to
 * `addEventListener` for custom elements. Kept in step with custom-elements.json by src/manifest.test.ts.
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
