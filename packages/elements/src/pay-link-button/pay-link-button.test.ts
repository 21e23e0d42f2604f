import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import type { LinkStatusView, PublicLinkView } from '@paylink/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  createLink,
  newId,
  part,
  proxy,
  requestsFor,
  setLink,
  setProduct,
  shadowText,
  stack,
} from '../../test/helpers.ts';
import { defineElements } from '../define.ts';
import type { PayLinkErrorDetail } from '../events.ts';
import type { PayLinkButton } from './pay-link-button.ts';

beforeAll(() => defineElements());
afterEach(() => {
  fixtureCleanup();
  vi.restoreAllMocks();
});

async function button(id: string, extra: Partial<{ locale: string; target: string; label: string }> = {}) {
  return fixture<PayLinkButton>(
    html`<pay-link-button
      link=${id}
      proxy=${proxy}
      locale=${extra.locale ?? 'en'}
      target=${extra.target ?? ''}
      label=${extra.label ?? ''}
    ></pay-link-button>`,
  );
}

/** The button's QR image (from the real proxy), once loaded. */
async function qrLoaded(element: PayLinkButton): Promise<HTMLImageElement> {
  let image: HTMLImageElement | null | undefined;
  await vi.waitFor(
    () => {
      image = element.shadowRoot!.querySelector('pay-link-qr')?.shadowRoot?.querySelector('img');
      expect(image?.complete && image.naturalWidth > 0).toBe(true);
    },
    { timeout: 5000 },
  );
  return image!;
}

async function ready(element: PayLinkButton): Promise<void> {
  await vi.waitFor(() => expect(['loading', 'idle']).not.toContain(element.status));
  await element.updateComplete;
}

/** The checkout link, when there is one (an `<a>` without `href` is the inert box of a paid link). */
const anchor = (element: PayLinkButton) =>
  element.shadowRoot!.querySelector('a[href]') as HTMLAnchorElement | null;

describe('<pay-link-button>', () => {
  it('has no accessibility violations', async () => {
    const link = await createLink({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${link.id} proxy=${stack.proxyUrl} locale="en" qr copy show-description></pay-link-button>`,
    );
    await ready(element);
    await qrLoaded(element);
    expect(await axeViolations(element)).toEqual([]);
  });

  it('shows a skeleton while loading, then the amount for the locale and a real link', async () => {
    const id = newId();
    await setLink(id, { delayMs: 300 });
    const element = await button(id);
    expect(element.status).toBe('loading');
    const skeleton = part(element, 'skeleton')!;
    expect(skeleton.getAttribute('aria-busy')).toBe('true');
    // What a screen reader gets: "Loading payment link…" (the placeholder's sizing text is hidden).
    expect(skeleton.querySelector('.sr-only')!.textContent).toBe('Loading payment link…');
    expect(skeleton.querySelector('[aria-hidden="true"]')).not.toBeNull();
    // Visible: a filled box, not the page's own background.
    expect(getComputedStyle(skeleton).backgroundColor).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^transparent$/);
    const before = element.getBoundingClientRect();
    await ready(element);
    expect(element.getAttribute('status')).toBe('open');
    expect(shadowText(element)).toBe('Pay COP 100,000');
    // No layout shift worth the name: the same height, and a width within a few pixels' worth.
    const after = element.getBoundingClientRect();
    expect(after.height).toBe(before.height);
    expect(Math.abs(after.width - before.width) / after.width).toBeLessThan(0.15);
    expect(anchor(element)!.href).toBe(`https://checkout.example.com/pay/${id}`);
    expect(anchor(element)!.hasAttribute('target')).toBe(false);
  });

  it('formats the amount and the label per locale', async () => {
    const id = newId();
    await setLink(id, {});
    const es = await button(id, { locale: 'es-CO' });
    await vi.waitFor(() => expect(shadowText(es)).toBe('Pagar COP 100.000'));
    const pt = await button(id, { locale: 'pt-BR' });
    await vi.waitFor(() => expect(shadowText(pt)).toBe('Pagar COP 100.000'));
    const idr = newId();
    await setLink(idr, { amount: { value: '150000.00', currency: 'IDR' } });
    const id_ = await button(idr, { locale: 'id-ID' });
    await vi.waitFor(() => expect(shadowText(id_)).toBe('Bayar IDR 150.000'));
    const usd = newId();
    await setLink(usd, { amount: { value: '1500.50', currency: 'USD' } });
    const en = await button(usd);
    await vi.waitFor(() => expect(shadowText(en)).toBe('Pay USD 1,500.50'));
  });

  it('shows a flexible amount as "pay what you want", with the suggestion and bounds, in every language', async () => {
    const id = newId();
    await setLink(id, {
      amountMode: 'flexible',
      amount: { value: '500.00', currency: 'UYU' },
      flexibleAmount: { min: '100.00', max: '5000.00' },
    });
    const en = await button(id);
    await ready(en);
    expect(part(en, 'label')!.textContent).toBe('Pay what you want');
    expect(part(en, 'amount')).toBeNull();
    expect(part(en, 'range')!.textContent!.replace(/\s/g, ' ')).toBe(
      'Suggested UYU 500 · from UYU 100 to UYU 5,000',
    );
    expect(anchor(en)!.href).toBe(`https://checkout.example.com/pay/${id}`);
    const expected = [
      ['es-UY', 'Paga lo que quieras', 'Sugerido UYU 500 · de UYU 100 a UYU 5.000'],
      ['pt-BR', 'Pague quanto quiser', 'Sugerido UYU 500 · de UYU 100 a UYU 5.000'],
      ['id-ID', 'Bayar seikhlasnya', 'Disarankan UYU 500 · dari UYU 100 sampai UYU 5.000'],
    ];
    for (const [locale, label, range] of expected) {
      const element = await button(id, { locale });
      await vi.waitFor(() => expect(part(element, 'label')?.textContent).toBe(label));
      expect(part(element, 'range')!.textContent!.replace(/\s/g, ' ')).toBe(range);
    }
  });

  it('shows only the bounds a flexible link has, and no amount when there is no suggestion', async () => {
    const cases: [Partial<PublicLinkView>, string][] = [
      [{ amount: { value: null, currency: 'USD' }, flexibleAmount: { min: '5.00' } }, 'from USD 5'],
      [{ amount: { value: null, currency: 'USD' }, flexibleAmount: { max: '99.50' } }, 'up to USD 99.50'],
      [{ amount: { value: '20.00', currency: 'USD' }, flexibleAmount: null }, 'Suggested USD 20'],
    ];
    for (const [patch, range] of cases) {
      const id = newId();
      await setLink(id, { amountMode: 'flexible', ...patch });
      const element = await button(id);
      await ready(element);
      expect(shadowText(element)).toBe(`Pay what you want ${range}`);
    }
    const none = newId();
    await setLink(none, {
      amountMode: 'flexible',
      amount: { value: null, currency: 'USD' },
      flexibleAmount: null,
    });
    const bare = await button(none);
    await ready(bare);
    expect(shadowText(bare)).toBe('Pay what you want');
    expect(part(bare, 'range')).toBeNull();
  });

  it('keeps a paid flexible link free of amounts', async () => {
    const id = newId();
    await setLink(id, {
      status: 'paid',
      amountMode: 'flexible',
      amount: { value: '500.00', currency: 'UYU' },
      flexibleAmount: { min: '100.00' },
    });
    const element = await button(id);
    await ready(element);
    expect(shadowText(element)).toBe('Paid');
  });

  it('reads the views of many buttons on a page in one request', async () => {
    const ids = [newId(), newId(), newId(), newId(), newId()];
    for (const id of ids) await setLink(id, {});
    const container = await fixture<HTMLDivElement>(
      html`<div>${ids.map((id) => html`<pay-link-button link=${id} proxy=${proxy} locale="en"></pay-link-button>`)}</div>`,
    );
    const buttons = [...container.querySelectorAll('pay-link-button')];
    for (const element of buttons) await ready(element);
    const reads = (await requestsFor(ids[0]!)).filter(
      (request) => !request.path.includes('status') && !request.path.includes('events'),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.path).toBe('/v1/views');
    expect(reads[0]!.links).toEqual(expect.arrayContaining(ids));
  });

  it('opens in a new tab with rel="noopener noreferrer" when target is _blank', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await button(id, { target: '_blank' });
    await ready(element);
    expect(anchor(element)!.target).toBe('_blank');
    expect(anchor(element)!.rel).toBe('noopener noreferrer');
  });

  it.each([
    ['paid', 'Paid'],
    ['expired', 'Expired'],
    ['disabled', 'Unavailable'],
  ] as const)('is not clickable when %s', async (status, text) => {
    const id = newId();
    await setLink(id, { status });
    const element = await button(id);
    await ready(element);
    expect(element.getAttribute('status')).toBe(status);
    expect(anchor(element)).toBeNull();
    expect(shadowText(element)).toBe(`${text} COP 100,000`);
    // a final status needs no watching
    expect((await requestsFor(id)).map((request) => request.path)).toEqual([`/v1/links/${id}`]);
  });

  it('shows expired once expiresAt passes, even before the proxy says so', async () => {
    const id = newId();
    await setLink(id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const element = await button(id);
    await ready(element);
    expect(element.status).toBe('expired');
    expect(anchor(element)).toBeNull();
  });

  it('flips to Paid by itself, following the shared status source', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await button(id);
    const paid: LinkStatusView[] = [];
    element.addEventListener('paylink-paid', (event) => paid.push(event.detail));
    await ready(element);
    expect(anchor(element)).not.toBeNull();
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(element.status).toBe('paid'));
    expect(anchor(element)).toBeNull();
    expect(shadowText(element)).toBe('Paid COP 100,000');
    expect(paid).toHaveLength(1);
  });

  describe('errors that say what is wrong', () => {
    it('a proxy address that is not a PayLink proxy: its own message, and the fix in the console', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      // The stack's control server answers, but not as a PayLink proxy.
      const element = await fixture<PayLinkButton>(
        html`<pay-link-button link=${newId()} proxy=${stack.controlUrl} locale="en"></pay-link-button>`,
      );
      await vi.waitFor(() =>
        expect(part(element, 'error')?.textContent).toBe(
          'This page points to an address that is not a payment-link service.',
        ),
      );
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(new RegExp(`${stack.controlUrl} is not a PayLink proxy.*Set proxy=`)),
        ),
      );
    });

    it('no proxy in a bundler setup: its own message, and setDefaultProxy in the console', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      // No proxy attribute and no setDefaultProxy (as an app that imports the package): the page's
      // own origin (here the test server) is tried.
      const element = await fixture<PayLinkButton>(
        html`<pay-link-button link=${newId()} locale="en"></pay-link-button>`,
      );
      await vi.waitFor(() =>
        expect(part(element, 'error')?.textContent).toBe('No payment-link service is set up for this page.'),
      );
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(/no PayLink proxy is set.*setDefaultProxy\('https:/),
        ),
      );
    });
  });

  it('says so, and sends paylink-error, when the clipboard refuses the link', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en" copy></pay-link-button>`,
    );
    await ready(element);
    await vi.waitFor(() => expect(part(element, 'copy')).not.toBeNull());
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('Write permission denied.', 'NotAllowedError'),
    );
    const errors: PayLinkErrorDetail[] = [];
    element.addEventListener('paylink-error', (event) => errors.push(event.detail));
    part(element, 'copy')!.click();
    await vi.waitFor(() => expect(part(element, 'copy')!.textContent!.trim()).toBe('Could not copy'));
    expect(errors).toEqual([
      { message: 'The link could not be copied to the clipboard: Write permission denied.', status: null },
    ]);
    // The button itself is untouched: still the payable link.
    expect(element.status).toBe('open');
    expect(anchor(element)).not.toBeNull();
  });

  it('keeps focus on a Pay link that becomes paid, and says "Paid"', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await button(id);
    await ready(element);
    anchor(element)!.focus();
    const focused = element.shadowRoot!.activeElement;
    expect(focused).toBe(anchor(element));
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(element.status).toBe('paid'));
    await element.updateComplete;
    // The same element, still focused, no longer a link.
    expect(element.shadowRoot!.activeElement).toBe(focused);
    expect(document.activeElement).toBe(element);
    expect(anchor(element)).toBeNull();
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe('Paid');
  });

  it('says nothing when a button nobody is on becomes paid', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await button(id);
    await ready(element);
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(element.status).toBe('paid'));
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe('');
  });

  it('fails alone: a malformed and an unknown id among good ones on the same page', async () => {
    const [a, b] = [await createLink(), await createLink()];
    const ids = [a.id, 'pl_not a link!', b.id, 'pl_AAAAAAAAAAAAAAAAAAAAAA'];
    const page = await fixture<HTMLElement>(
      html`<div>${ids.map((id) => html`<pay-link-button link=${id} proxy=${stack.proxyUrl}></pay-link-button>`)}</div>`,
    );
    const buttons = [...page.querySelectorAll('pay-link-button')];
    await vi.waitFor(() =>
      expect(buttons.map((el) => el.status)).toEqual(['open', 'error', 'open', 'error']),
    );
    expect(part(buttons[1]!, 'error')!.textContent).toBe('Payment link not found.');
    expect(part(buttons[3]!, 'error')!.textContent).toBe('Payment link not found.');
  });

  it('wraps a 1,000-character word inside a phone-width box, and isolates merchant text', async () => {
    const id = newId();
    await setLink(id, { description: `${'W'.repeat(1000)} \u05e9\u05dc\u05dd 42` });
    const frame = await fixture<HTMLElement>(
      html`<div style="width: 375px"><pay-link-button link=${id} proxy=${proxy} locale="en" show-description label="Pay now"></pay-link-button></div>`,
    );
    const element = frame.querySelector('pay-link-button')!;
    await ready(element);
    const description = part(element, 'description')!;
    expect(description.getBoundingClientRect().width).toBeLessThanOrEqual(375);
    expect(element.getBoundingClientRect().width).toBeLessThanOrEqual(375);
    expect(frame.scrollWidth).toBeLessThanOrEqual(375);
    // Merchant text is its own bidi island: right-to-left text cannot reorder the label or amount.
    for (const name of ['description', 'label']) {
      expect(part(element, name)!.getAttribute('dir')).toBe('auto');
      expect(getComputedStyle(part(element, name)!).unicodeBidi).toBe('isolate');
    }
    expect(getComputedStyle(part(element, 'amount')!).unicodeBidi).toBe('isolate');
    // Words stay whole: the label and the amount each keep to one line at 375 px.
    const lineHeight = Number.parseFloat(getComputedStyle(part(element, 'label')!).lineHeight) || 24;
    expect(part(element, 'label')!.getBoundingClientRect().height).toBeLessThan(lineHeight * 1.5);
    expect(part(element, 'amount')!.getBoundingClientRect().height).toBeLessThan(lineHeight * 1.5);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://checkout.example.com/pay',
    'https://user:pass@checkout.example.com/pay',
    'vbscript:msgbox(1)',
  ])('never links to %s', async (url) => {
    const id = newId();
    await setLink(id, { url });
    const element = await button(id);
    await ready(element);
    expect(element.shadowRoot!.querySelector('[href]')).toBeNull();
    expect(element.shadowRoot!.innerHTML).not.toContain(url.slice(0, 12));
    expect(part(element, 'note')?.textContent).toBe('This payment link cannot be opened.');
  });

  it('links to http: on loopback (local emulators)', async () => {
    const id = newId();
    await setLink(id, { url: 'http://localhost:8791/checkout/27' });
    const element = await button(id);
    await ready(element);
    expect(anchor(element)!.href).toBe('http://localhost:8791/checkout/27');
  });

  it('renders an XSS payload in the description as text', async () => {
    const id = newId();
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
    await setLink(id, { description: payload, title: null });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en" show-description></pay-link-button>`,
    );
    await ready(element);
    expect(part(element, 'description')!.textContent).toBe(payload);
    expect(element.shadowRoot!.querySelector('img, script')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('drops bidi overrides from a stored description, so it reads as written', async () => {
    const id = newId();
    await setLink(id, { description: 'Invoice \u202E00.001 DSU', title: null });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en" show-description></pay-link-button>`,
    );
    await ready(element);
    expect(part(element, 'description')!.textContent).toBe('Invoice 00.001 DSU');
  });

  it('shows an error with a retry when the proxy is down, and recovers', async () => {
    const id = newId();
    await setLink(id, { fault: 503 });
    const errors: PayLinkErrorDetail[] = [];
    document.addEventListener('paylink-error', (event) => errors.push(event.detail), { once: true });
    const element = await button(id);
    await vi.waitFor(() => expect(element.status).toBe('error'));
    expect(part(element, 'error')!.textContent).toBe('Could not load the payment link.');
    expect(errors).toEqual([{ message: 'Injected fault', status: 503 }]);
    await setLink(id, { fault: null });
    part(element, 'retry')!.click();
    await vi.waitFor(() => expect(element.status).toBe('open'));
    expect(anchor(element)).not.toBeNull();
  });

  it('says when the link does not exist', async () => {
    const element = await button(newId());
    await vi.waitFor(() => expect(element.status).toBe('error'));
    expect(part(element, 'error')!.textContent).toBe('Payment link not found.');
  });

  it('takes a label from `label` or the default slot', async () => {
    const id = newId();
    await setLink(id, {});
    const labelled = await button(id, { label: 'Settle invoice' });
    await ready(labelled);
    expect(shadowText(labelled)).toBe('Settle invoice COP 100,000');
    const slotted = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en"><b>Buy</b></pay-link-button>`,
    );
    await ready(slotted);
    const slot = slotted.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements()[0]!.textContent).toBe('Buy');
    expect(slot.closest('a')).not.toBeNull();
  });

  it('keeps a no-script fallback link usable until it upgrades in place', async () => {
    const id = newId();
    await setLink(id, { delayMs: 300 });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en"><a href="https://checkout.example.com/fallback">Pay</a></pay-link-button>`,
    );
    const slot = element.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements()[0]!.getAttribute('href')).toBe('https://checkout.example.com/fallback');
    await ready(element);
    expect(element.shadowRoot!.querySelector('slot')).toBeNull();
    expect(anchor(element)!.href).toBe(`https://checkout.example.com/pay/${id}`);
    expect(shadowText(element)).toBe('Pay COP 100,000');
  });

  it('shows a QR code with a "scan to pay" caption, and a copy-link action', async () => {
    const link = await createLink();
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${link.id} proxy=${stack.proxyUrl} locale="es" qr copy></pay-link-button>`,
    );
    await ready(element);
    // the QR code and the copy action load on first use; the image is the proxy's
    const image = await qrLoaded(element);
    expect(image.src).toBe(`${stack.proxyUrl}/v1/links/${link.id}/qr.svg`);
    expect(image.alt).toBe('Código QR del enlace de pago');
    expect(part(element, 'caption')!.textContent).toBe('Escanea para pagar');
    const written: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      written.push(text);
    });
    part(element, 'copy')!.click();
    await vi.waitFor(() => expect(part(element, 'copy')!.textContent!.trim()).toBe('Enlace copiado'));
    expect(written).toEqual([link.url]);
  });

  it('counts down to expiry', async () => {
    const id = newId();
    await setLink(id, { expiresAt: new Date(Date.now() + (2 * 60 + 5) * 60_000 - 1000).toISOString() });
    const element = await button(id);
    await ready(element);
    await vi.waitFor(() => expect(part(element, 'expiry')?.textContent).toBe('Expires in 2 hr 5 min'));
    const es = await button(id, { locale: 'es' });
    await ready(es);
    await vi.waitFor(() => expect(part(es, 'expiry')!.textContent).toBe('Vence en 2 h 5 min'));
  });

  it('in product mode asks for a fresh link on click, with progress, then opens it', async () => {
    const sku = `sku-${newId()}`;
    await setProduct(sku, { amount: { value: '25.00', currency: 'USD' } });
    const opened: unknown[][] = [];
    vi.spyOn(window, 'open').mockImplementation((...args: unknown[]) => {
      opened.push(args);
      return null;
    });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button product=${sku} proxy=${proxy} locale="en" target="_blank"></pay-link-button>`,
    );
    expect(element.status).toBe('idle');
    await vi.waitFor(() => expect(shadowText(element)).toBe('Buy now'));
    part(element, 'button')!.click();
    await element.updateComplete;
    expect(part(element, 'button')!.getAttribute('aria-busy')).toBe('true');
    expect(shadowText(element)).toBe('Preparing checkout…');
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const url = opened[0]![0] as string;
    expect(url).toMatch(/^https:\/\/checkout\.example\.com\/pay\/pl_checkout/);
    expect(opened[0]!.slice(1)).toEqual(['_blank', 'noopener,noreferrer']);
    await element.updateComplete;
    expect(anchor(element)!.href).toBe(url);
    expect(shadowText(element)).toBe('Pay USD 25');
  });

  it('in product mode says so when rate-limited', async () => {
    const sku = `sku-${newId()}`;
    await setProduct(sku, { rateLimited: true });
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button product=${sku} proxy=${proxy} locale="en"></pay-link-button>`,
    );
    await vi.waitFor(() => expect(shadowText(element)).toBe('Buy now'));
    part(element, 'button')!.click();
    await vi.waitFor(() =>
      expect(part(element, 'error')?.textContent).toBe('Too many attempts. Try again in a moment.'),
    );
  });

  it('uses no inline styles (works under CSP style-src self)', async () => {
    const link = await createLink();
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${link.id} proxy=${stack.proxyUrl} locale="en" qr copy></pay-link-button>`,
    );
    await ready(element);
    await qrLoaded(element);
    const qr = element.shadowRoot!.querySelector('pay-link-qr')!;
    for (const root of [element.shadowRoot!, qr.shadowRoot!]) {
      expect(root.querySelector('[style], style')).toBeNull();
      expect(root.adoptedStyleSheets.length).toBeGreaterThan(0);
    }
  });

  it('follows the dark theme attribute', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await fixture<PayLinkButton>(
      html`<pay-link-button link=${id} proxy=${proxy} locale="en" theme="dark"></pay-link-button>`,
    );
    await ready(element);
    const light = await button(id);
    await ready(light);
    const background = (el: PayLinkButton) => getComputedStyle(part(el, 'button')!).backgroundColor;
    expect(background(element)).not.toBe(background(light));
    expect(await axeViolations(element)).toEqual([]);
  });
});
