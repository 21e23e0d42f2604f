import type { MerchantLinkView, Problem } from '@paylink/core';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPublicLinkId } from '../ids.ts';
import { type Harness, startHarness } from '../testing/harness.ts';

// jsqr is CommonJS with an ES-style `default`, which Node and bundlers unwrap differently.
const jsQR = ((jsqr as unknown as { default?: unknown }).default ?? jsqr) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** The text a QR decoder reads from a PNG. */
function decodePng(bytes: ArrayBuffer): string | null {
  const png = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('GET /v1/links/{id}/qr.svg and /qr.png', () => {
  let h: Harness;
  let link: MerchantLinkView;
  beforeAll(async () => {
    h = await startHarness('placetopay');
    link = await h.createLink({
      provider: 'placetopay',
      amount: { value: '100000.00', currency: 'COP' },
      description: 'QR',
      reference: 'QR-1',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('draws the checkout URL as a PNG a QR reader decodes, at the size asked for', async () => {
    const response = await h.request(`/v1/links/${link.id}/qr.png?size=300`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = await response.arrayBuffer();
    expect(PNG.sync.read(Buffer.from(bytes)).width).toBe(300);
    expect(decodePng(bytes)).toBe(link.url);
  });

  it('draws an SVG with a dark-on-white code and the quiet zone asked for', async () => {
    const response = await h.request(`/v1/links/${link.id}/qr.svg?margin=6`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toContain('stroke="#000000"');
    // The first dark run starts after the quiet zone: 6 modules in, on row 6 (+0.5, the stroke's middle).
    expect(svg).toMatch(/stroke="#000000" d="M6 6\.5h/);
  });

  it('is cached for good, keyed on what it draws, and answers 304 to its ETag', async () => {
    const first = await h.request(`/v1/links/${link.id}/qr.svg`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"qr-[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await h.request(`/v1/links/${link.id}/qr.svg`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const other = await h.request(`/v1/links/${link.id}/qr.svg?margin=2`);
    expect(other.headers.get('etag')).not.toBe(etag);
    const png = await h.request(`/v1/links/${link.id}/qr.png`);
    expect(png.headers.get('etag')).not.toBe(etag);
  });

  it.each([
    ['size=12', 'size', 'at least 64'],
    ['size=5000', 'size', 'at most 2048'],
    ['size=big', 'size', 'whole number'],
    ['margin=0', 'margin', 'at least 2'],
    ['margin=1.5', 'margin', 'whole number'],
    ['colour=red', 'colour', 'not a known field'],
  ])('refuses ?%s naming the field', async (query, field, message) => {
    const response = await h.request(`/v1/links/${link.id}/qr.png?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([{ field, message: expect.stringContaining(message) }]);
  });

  it('answers 404 for an unknown link and 400 for a malformed id', async () => {
    expect((await h.request(`/v1/links/${newPublicLinkId()}/qr.svg`)).status).toBe(404);
    const malformed = await h.request('/v1/links/nope/qr.svg');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Problem).errors?.[0]?.field).toBe('id');
  });

  it('draws nothing for a link stored with a checkout URL that fails the URL rule', async () => {
    const stored = (await h.proxy.store.getLink(link.id))!;
    const old = {
      ...stored,
      id: newPublicLinkId(),
      providerRef: `${stored.providerRef}9`,
      url: 'http://evil.example/pay',
    };
    await h.proxy.store.insertLink(old);
    const response = await h.request(`/v1/links/${old.id}/qr.png`);
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).type).toMatch(/unsafe-checkout-url$/);
  });
});
