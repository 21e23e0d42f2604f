import { termsFor } from '../i18n/i18n.ts';
import { recoveryOf } from './recovery.ts';

/** An outage shorter than this (a dropped stream that comes straight back) is not worth saying. */
const ANNOUNCE_AFTER_MS = 1500;

let region: HTMLElement | null = null;
const watched = new Set<string>();

/**
 * The page's one live region for what concerns every element at once. Visually hidden through the
 * CSSOM (which a Content Security Policy does not govern, unlike a `style` attribute).
 */
function liveRegion(): HTMLElement {
  if (region?.isConnected) return region;
  region = document.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.dataset.paylink = 'announcer';
  Object.assign(region.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  });
  document.body.append(region);
  return region;
}

/**
 * Says politely, once per outage of `proxy` and not once per element, that payment links cannot be
 * reached (in the page's language). The elements themselves show the state without announcing it.
 */
export function announceOutages(proxy: string): void {
  if (watched.has(proxy) || typeof document === 'undefined') return;
  watched.add(proxy);
  const recovery = recoveryOf(proxy);
  // The region exists before anything is said in it, or screen readers may miss the first message.
  liveRegion();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The page's language is loaded already (the elements asked for it when they first rendered); no
  // chunk is fetched now, from a proxy that is down.
  const say = () => {
    if (recovery.down)
      liveRegion().textContent = termsFor(document.documentElement.lang || navigator.language || 'en').outage;
  };
  recovery.onChange((down) => {
    clearTimeout(timer);
    if (down) timer = setTimeout(say, ANNOUNCE_AFTER_MS);
    else liveRegion().textContent = '';
  });
  if (recovery.down) timer = setTimeout(say, ANNOUNCE_AFTER_MS);
}
