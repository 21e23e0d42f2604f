/**
 * Svelte 5 typings for the PayLink elements. Once in your app, e.g. in `src/paylink.d.ts`:
 * ```ts
 * /// <reference types="@paylink/elements/svelte" />
 * ```
 * Svelte sets a name the element has as a property and anything else as an attribute, so the
 * typings offer the camelCase properties: `showDescription={false}` clears the flag, while
 * `show-description={false}` would write the attribute `"false"` and turn it on (refused here).
 * Events are `on` + event name: `onpaylink-paid={handler}`.
 */

import type { LinkStatusView, MerchantLinkView } from '@paylink/core';
import type { HTMLAttributes } from 'svelte/elements';
import type { PayLinkErrorDetail } from '../events.js';
import type {
  PayLinkButtonProperties,
  PayLinkFormProperties,
  PayLinkQrProperties,
  PayLinkStatusProperties,
} from '../jsx.js';

interface StatusEvents {
  'onpaylink-status-change'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-paid'?: (event: CustomEvent<LinkStatusView>) => void;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}
interface FormEvents {
  'onpaylink-created'?: (event: CustomEvent<MerchantLinkView>) => void;
  'onpaylink-error'?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}
type SvelteHtml = HTMLAttributes<HTMLElement>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'pay-link-button': SvelteHtml & PayLinkButtonProperties & StatusEvents;
    'pay-link-status': SvelteHtml & PayLinkStatusProperties & StatusEvents;
    'pay-link-qr': SvelteHtml & PayLinkQrProperties;
    'pay-link-form': SvelteHtml & PayLinkFormProperties & FormEvents;
  }
}
