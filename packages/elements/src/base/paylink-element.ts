import { LitElement, type PropertyDeclarations } from 'lit';
import { getDefaultProxy, hasDefaultProxy } from '../config.ts';
import { type FailureKind, failureKind, warnAbout } from '../diagnose.ts';
import type { PayLinkEventMap } from '../events.ts';
import { type Terms, termsFor } from '../i18n/i18n.ts';

const connected = new Set<PayLinkElement>();
let pageLangObserver: MutationObserver | undefined;

/**
 * What every PayLink element shares: `locale` and `proxy`, a typed `emit()`, and re-rendering
 * when its own `lang` or the page's `<html lang>` changes.
 */
export abstract class PayLinkElement extends LitElement {
  static override properties: PropertyDeclarations = {
    locale: {},
    proxy: {},
  };

  /** Language and region (BCP 47) for text and amounts; defaults to the closest `[lang]`, then the browser's. */
  locale = '';

  /** Base URL of the PayLink proxy; defaults to the origin that served the script. */
  proxy = '';

  // `lang` stays the native HTMLElement property (so setting it sets the attribute); we only observe it.
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: `super` here must be the subclass's chain (Lit finalizes per class)
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    // One observer for the whole page: a change of <html lang> re-renders every element.
    pageLangObserver ??= new MutationObserver(() => {
      for (const element of connected) element.requestUpdate();
    });
    pageLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** The locale in effect: `locale`, else the closest `[lang]` (crossing shadow roots), else the browser's. */
  get resolvedLocale(): string {
    if (this.locale) return this.locale;
    let node: Element | null = this;
    while (node) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    }
    return globalThis.navigator?.language || 'en';
  }

  /** The dictionary for `resolvedLocale`. */
  protected get terms(): Terms {
    return termsFor(this.resolvedLocale, () => this.requestUpdate());
  }

  /** The proxy in effect: `proxy`, else the default. */
  get proxyUrl(): string {
    return (this.proxy || getDefaultProxy()).replace(/\/+$/, '');
  }

  /**
   * Sorts a failed request and, when the page's author has something to fix (a wrong or missing
   * `proxy`, a refused key), says what in the console, once per page.
   */
  protected diagnose(error: unknown): FailureKind {
    const kind = failureKind(error, !this.proxy && !hasDefaultProxy());
    warnAbout(kind, this.localName, this.proxyUrl);
    return kind;
  }

  /** Dispatches a typed PayLink event that bubbles and crosses shadow roots. */
  protected emit<K extends keyof PayLinkEventMap>(
    type: K,
    detail: PayLinkEventMap[K]['detail'],
    init: EventInit = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, ...init, detail }));
  }
}
