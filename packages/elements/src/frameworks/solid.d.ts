/**
 * Solid typings for the PayLink elements. Once in your app, e.g. in `src/paylink.d.ts`:
 * ```ts
 * /// <reference types="@paylink/elements/solid" />
 * ```
 * Listen with `on:paylink-paid={handler}` (a native listener) and set booleans as properties,
 * `prop:showDescription={false}`.
 */
import type { JSX as SolidJSX } from 'solid-js';
import type { PayLinkEventMap } from '../events.js';
import type {
  PayLinkButtonAttributes,
  PayLinkButtonProperties,
  PayLinkFormAttributes,
  PayLinkFormProperties,
  PayLinkQrAttributes,
  PayLinkStatusAttributes,
  PayLinkStatusProperties,
} from '../jsx.js';

type SolidHtml = SolidJSX.HTMLAttributes<HTMLElement>;
/** Solid's `prop:` namespace for a property set. */
type Props<T> = { [K in keyof T & string as `prop:${K}`]?: T[K] };
/** Attributes without the React-style `on…` handlers (Solid spells them `on:…`). */
type Attrs<T> = Omit<T, `on${string}`>;

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'pay-link-button': SolidHtml & Attrs<PayLinkButtonAttributes> & Props<PayLinkButtonProperties>;
      'pay-link-status': SolidHtml & Attrs<PayLinkStatusAttributes> & Props<PayLinkStatusProperties>;
      'pay-link-qr': SolidHtml & PayLinkQrAttributes;
      'pay-link-form': SolidHtml & Attrs<PayLinkFormAttributes> & Props<PayLinkFormProperties>;
    }
    interface CustomEvents extends Pick<PayLinkEventMap, keyof PayLinkEventMap> {}
  }
}
