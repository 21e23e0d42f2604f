import { define } from './define.ts';
import { PayLinkForm } from './pay-link-form/pay-link-form.ts';

/**
 * Registers `<pay-link-form>`. Kept out of `defineElements()` and the script-tag bundle: the form
 * needs an API key and belongs in the extension or a back office, never on a public page.
 */
export function defineForm(): void {
  define('pay-link-form', PayLinkForm);
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-link-form': PayLinkForm;
  }
}
