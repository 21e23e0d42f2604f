import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import { setBounded } from './bounded-map.ts';

// `qrcode` (the package the design names) renders on the server: pages, e-mails and invoices get an
// image, and no QR encoder ships to a browser. Medium error correction, black on white, square
// modules: what every phone camera reads.

/** A whole number in a query string, within bounds, with messages that say so. */
const wholeNumber = (unit: string, min: number, max: number, minReason = '') =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number of ${unit}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be at least ${min} ${unit}${minReason}`)
        .max(max, `must be at most ${max} ${unit}`),
    );

/** The query of `GET /v1/links/{id}/qr.svg` and `/qr.png`. */
export const qrQuery = z.strictObject({
  /** Width and height in pixels (the PNG's; the SVG's `width`/`height`). */
  size: wholeNumber('pixels', 64, 2048).optional(),
  // Below 2 modules many phone cameras no longer find the code (ISO/IEC 18004 asks for 4).
  /** Quiet zone around the code, in modules. */
  margin: wholeNumber('modules', 2, 16, ' (the quiet zone a reader needs)').optional(),
});

export type QrFormat = 'svg' | 'png';
export type QrOptions = z.infer<typeof qrQuery>;

/** Quiet zone when none is asked for: the 4 modules of ISO/IEC 18004. */
export const DEFAULT_QR_MARGIN = 4;
/** PNG width when none is asked for. SVG scales, so it has no size unless one is asked for. */
export const DEFAULT_PNG_SIZE = 256;

export interface QrImage {
  body: string | Uint8Array;
  contentType: string;
  etag: string;
}

const rendered = new Map<string, QrImage>();
/** Rendered images kept in memory (a QR is a few ms of CPU; the same code is asked for by every visitor). */
const MAX_CACHED = 500;

/**
 * The QR code of `text` as an SVG or PNG image. The strong ETag is a hash of everything the image
 * depends on, so the same checkout URL and options always give the same tag.
 */
export async function qrImage(text: string, format: QrFormat, options: QrOptions = {}): Promise<QrImage> {
  const margin = options.margin ?? DEFAULT_QR_MARGIN;
  const size = options.size ?? (format === 'png' ? DEFAULT_PNG_SIZE : undefined);
  const key = JSON.stringify([format, margin, size ?? null, text]);
  const cached = rendered.get(key);
  if (cached) return cached;
  const common = {
    margin,
    errorCorrectionLevel: 'M' as const,
    color: { dark: '#000000ff', light: '#ffffffff' },
    ...(size ? { width: size } : {}),
  };
  const body =
    format === 'svg'
      ? await QRCode.toString(text, { ...common, type: 'svg' })
      : new Uint8Array(await QRCode.toBuffer(text, { ...common, type: 'png' }));
  const image: QrImage = {
    body,
    contentType: format === 'svg' ? 'image/svg+xml' : 'image/png',
    etag: `"qr-${createHash('sha256').update(`qrcode@1.5.4 ${key}`).digest('base64url').slice(0, 27)}"`,
  };
  setBounded(rendered, key, image, MAX_CACHED);
  return image;
}
