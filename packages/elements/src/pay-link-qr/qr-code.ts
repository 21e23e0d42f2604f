// The QR encoder and the path drawing, loaded the first time a page draws a code: neither is part of
// `paylink.js` (pay-link-qr.ts imports this module lazily). No Lit here, so the chunk stands alone.
import { encode } from 'uqr';

/** A QR code ready to draw: its side in modules and one SVG path for the dark modules. */
export interface QrCode {
  href: string;
  size: number;
  path: string;
}

/** The QR code of `href`: medium error correction, two-module quiet zone. */
export function qrCode(href: string): QrCode {
  const modules = encode(href, { ecc: 'M', border: 2 }).data;
  // One horizontal run per segment of dark modules (far smaller than one rect each).
  let path = '';
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      path += `M${start} ${y}h${x - start + 1}v1h${start - x - 1}z`;
    }
  });
  return { href, size: modules.length, path };
}
