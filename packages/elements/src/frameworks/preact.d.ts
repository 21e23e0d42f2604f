/**
 * Preact typings for the PayLink elements. Once in your app, e.g. in `src/paylink.d.ts`:
 * ```ts
 * /// <reference types="@paylink/elements/preact" />
 * ```
 * Preact sets a prop as a DOM property when the element has it, and passes `on` + event name
 * (`onpaylink-paid`) to `addEventListener`.
 */
import type { HTMLAttributes } from 'preact';
import type { PayLinkIntrinsicElements } from '../jsx.js';

type PreactHtml = HTMLAttributes<HTMLElement>;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends PayLinkIntrinsicElements<PreactHtml> {}
  }
}
