import { elementUpdated, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing-helpers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, createLink, part, setProxyGate, stack } from '../../test/helpers.ts';
import { readQrOnScreen } from '../../test/qr-reader.ts';
import { defineElements } from '../define.ts';
import type { PayLinkButton } from '../pay-link-button/pay-link-button.ts';
import type { PayLinkQr } from './pay-link-qr.ts';

beforeAll(() => defineElements());
afterEach(() => {
  fixtureCleanup();
  document.getElementById('hostile-theme')?.remove();
});

const imageOf = (element: PayLinkQr) => part<HTMLImageElement>(element, 'qr');
const loaded = (element: PayLinkQr) =>
  vi.waitFor(() => expect(imageOf(element)?.complete && imageOf(element)!.naturalWidth > 0).toBe(true), {
    timeout: 5000,
  });

/** A theme that tries everything that makes a QR code unreadable. */
function hostileTheme(): void {
  const style = document.createElement('style');
  style.id = 'hostile-theme';
  style.textContent = `
    :root { --paylink-radius: 999px; --paylink-qr-color: #ddd; --paylink-qr-background: #222; --paylink-qr-size: 12rem; }
    pay-link-qr::part(qr), pay-link-button::part(qr) {
      border-radius: 50%; filter: invert(1) blur(3px); opacity: 0.15; clip-path: circle(35%);
      padding: 0; background: #000; overflow: hidden;
    }
  `;
  document.head.append(style);
}

describe('<pay-link-qr>', () => {
  it('has no accessibility violations', async () => {
    const link = await createLink();
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr link=${link.id} proxy=${stack.proxyUrl}></pay-link-qr>`,
    );
    await loaded(element);
    expect(await axeViolations(element)).toEqual([]);
  });

  it("shows the proxy's QR image of the link, named for screen readers", async () => {
    const link = await createLink();
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr link=${link.id} proxy=${stack.proxyUrl}></pay-link-qr>`,
    );
    await loaded(element);
    const image = imageOf(element)!;
    expect(image.getAttribute('src')).toBe(`${stack.proxyUrl}/v1/links/${link.id}/qr.svg`);
    expect(image.alt).toBe('QR code of the payment link');
    expect(await readQrOnScreen(element)).toBe(link.url);
    element.label = 'Scan to pay order 1042';
    await elementUpdated(element);
    expect(image.alt).toBe('Scan to pay order 1042');
  });

  it('stays readable under a theme that tries to round, recolour, fade and crop it', async () => {
    hostileTheme();
    const link = await createLink();
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr link=${link.id} proxy=${stack.proxyUrl}></pay-link-qr>`,
    );
    await loaded(element);
    expect(await readQrOnScreen(element)).toBe(link.url);
  });

  it("stays readable as the button's QR code under the same theme", async () => {
    hostileTheme();
    const link = await createLink();
    const button = await fixture<PayLinkButton>(
      html`<pay-link-button link=${link.id} proxy=${stack.proxyUrl} qr></pay-link-button>`,
    );
    await vi.waitFor(() => expect(button.shadowRoot!.querySelector('pay-link-qr')).not.toBeNull(), {
      timeout: 5000,
    });
    const qr = button.shadowRoot!.querySelector<PayLinkQr>('pay-link-qr')!;
    await loaded(qr);
    expect(await readQrOnScreen(qr)).toBe(link.url);
  });

  it('says so, and sends paylink-error, when the link is unknown', async () => {
    const element = document.createElement('pay-link-qr');
    element.proxy = stack.proxyUrl;
    element.link = 'pl_AAAAAAAAAAAAAAAAAAAAAA';
    const failed = oneEvent(element, 'paylink-error');
    document.body.append(element);
    expect((await failed).detail.message).toBe('The QR code could not be loaded.');
    await elementUpdated(element);
    expect(part(element, 'error')?.textContent).toBe('The QR code could not be loaded.');
    expect(imageOf(element)).toBeNull();
    element.remove();
  });

  it('loads its image again by itself once an unreachable proxy answers', async () => {
    const link = await createLink();
    await setProxyGate('closed');
    const element = document.createElement('pay-link-qr');
    try {
      element.proxy = stack.proxyUrl;
      element.link = link.id;
      const failed = oneEvent(element, 'paylink-error');
      document.body.append(element);
      await failed;
      await elementUpdated(element);
      expect(part(element, 'error')?.textContent).toBe('The QR code could not be loaded.');
      await setProxyGate('open');
      // The page's recovery probe runs at most every 3 s.
      await vi.waitFor(
        () => expect(imageOf(element)?.complete && imageOf(element)!.naturalWidth > 0).toBe(true),
        {
          timeout: 6000,
        },
      );
      expect(part(element, 'error')).toBeNull();
      expect(await readQrOnScreen(element)).toBe(link.url);
    } finally {
      await setProxyGate('open');
      element.remove();
    }
  });

  it('asks for nothing when the id is not a link id', async () => {
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr link="../../admin" proxy=${stack.proxyUrl}></pay-link-qr>`,
    );
    expect(imageOf(element)).toBeNull();
    expect(part(element, 'error')).not.toBeNull();
  });
});
