/**
 * React 19 typings for the PayLink elements. Once in your app, e.g. in `src/paylink.d.ts`:
 * ```ts
 * /// <reference types="@paylink/elements/react" />
 * ```
 * Then `<pay-link-button link={id} show-description={false} onpaylink-paid={(e) => e.detail.id} />`
 * type-checks (and a wrong value does not). React 19 passes `on` + event name to
 * `addEventListener` on custom elements, and removes a boolean attribute set to `false`.
 */
import type { HTMLAttributes, RefAttributes } from 'react';
import type { PayLinkIntrinsicElements } from '../jsx.js';

type ReactHtml = HTMLAttributes<HTMLElement> & RefAttributes<HTMLElement>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends PayLinkIntrinsicElements<ReactHtml> {}
  }
}
