let defaultProxy = '';

/**
 * Sets the proxy every element uses when it has no `proxy` attribute. The script-tag entry
 * (`paylink.ts`) sets it to the origin that served the bundle.
 */
export function setDefaultProxy(url: string): void {
  defaultProxy = url.replace(/\/+$/, '');
}

/** The proxy elements use by default: the one set by `setDefaultProxy`, else the page's origin. */
export function getDefaultProxy(): string {
  return defaultProxy || globalThis.location?.origin || '';
}

/** True when `setDefaultProxy` was called (the script tag does it; a bundler setup must). */
export function hasDefaultProxy(): boolean {
  return defaultProxy !== '';
}
