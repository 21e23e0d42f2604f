import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, newId, proxy, setLink } from '../../test/helpers.ts';
import { defineElements } from '../define.ts';
import type { PayLinkQr } from './pay-link-qr.ts';

beforeAll(() => defineElements());
afterEach(() => fixtureCleanup());

const svgOf = (element: PayLinkQr) => element.shadowRoot!.querySelector('svg');

describe('<pay-link-qr>', () => {
  it('has no accessibility violations', async () => {
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr value="https://checkout.example.com/pay/1"></pay-link-qr>`,
    );
    await vi.waitFor(() => expect(svgOf(element)).not.toBeNull());
    expect(await axeViolations(element)).toEqual([]);
  });

  it('draws an SVG QR code of a checkout address, named by the address', async () => {
    const element = await fixture<PayLinkQr>(
      html`<pay-link-qr value="https://checkout.example.com/pay/1"></pay-link-qr>`,
    );
    await vi.waitFor(() => expect(svgOf(element)).not.toBeNull());
    const svg = svgOf(element)!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('https://checkout.example.com/pay/1');
    const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    expect(size).toBeGreaterThanOrEqual(21 + 4); // version 1 plus the quiet zone
    expect(svg.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
  });

  it.each(['javascript:alert(1)', 'data:text/plain,hi', 'http://example.com/pay'])(
    'refuses to encode %s',
    async (value) => {
      const element = await fixture<PayLinkQr>(html`<pay-link-qr value=${value}></pay-link-qr>`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await element.updateComplete;
      expect(svgOf(element)).toBeNull();
    },
  );

  it("encodes a link's checkout address", async () => {
    const id = newId();
    await setLink(id, {});
    const element = await fixture<PayLinkQr>(html`<pay-link-qr link=${id} proxy=${proxy}></pay-link-qr>`);
    await vi.waitFor(() =>
      expect(svgOf(element)?.getAttribute('aria-label')).toBe(`https://checkout.example.com/pay/${id}`),
    );
  });

  it('redraws when the value changes', async () => {
    const element = await fixture<PayLinkQr>(html`<pay-link-qr value="https://a.example/1"></pay-link-qr>`);
    await vi.waitFor(() => expect(svgOf(element)).not.toBeNull());
    const before = svgOf(element)!.querySelector('path')!.getAttribute('d');
    element.value = 'https://b.example/a-much-longer-address-that-needs-a-bigger-code/0123456789';
    await vi.waitFor(() => expect(svgOf(element)!.querySelector('path')!.getAttribute('d')).not.toBe(before));
  });
});
