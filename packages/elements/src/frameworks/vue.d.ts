/**
 * Vue 3 typings for the PayLink elements in templates (checked by `vue-tsc`). Once in your app,
 * e.g. in `src/paylink.d.ts`:
 * ```ts
 * /// <reference types="@paylink/elements/vue" />
 * ```
 * Tell Vue's compiler the tags are custom elements (`vite.config.ts`):
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('pay-link-') } } })`.
 * Bind by the property's own name, `:showDescription="false"`: Vue sets a DOM property only when
 * the element has one by exactly that name, and `:show-description="false"` would write the
 * attribute "false", which turns it on (an HTML boolean attribute is on when present). A plain
 * `show-description="false"` is refused here (a string, not a boolean). Events:
 * `@paylink-paid="handler"`.
 */
import type { LinkStatusView, MerchantLinkView } from '@paylink/core';
import type { DefineComponent, HTMLAttributes } from 'vue';
import type { PayLinkErrorDetail } from '../events.js';
import type {
  PayLinkButtonProperties,
  PayLinkFormProperties,
  PayLinkQrProperties,
  PayLinkStatusProperties,
} from '../jsx.js';

interface StatusEvents {
  onPaylinkStatusChange?: (event: CustomEvent<LinkStatusView>) => void;
  onPaylinkPaid?: (event: CustomEvent<LinkStatusView>) => void;
  onPaylinkError?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}
interface FormEvents {
  onPaylinkCreated?: (event: CustomEvent<MerchantLinkView>) => void;
  onPaylinkError?: (event: CustomEvent<PayLinkErrorDetail>) => void;
}
/** A custom element as Vue's template checker sees a component: its props plus HTML attributes. */
type Element<Props> = DefineComponent<Props & Omit<HTMLAttributes, keyof Props>>;

declare module 'vue' {
  interface GlobalComponents {
    'pay-link-button': Element<PayLinkButtonProperties & StatusEvents>;
    'pay-link-status': Element<PayLinkStatusProperties & StatusEvents>;
    'pay-link-qr': Element<PayLinkQrProperties>;
    'pay-link-form': Element<PayLinkFormProperties & FormEvents>;
  }
}
