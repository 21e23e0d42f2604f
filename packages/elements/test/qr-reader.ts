import jsqr from 'jsqr';
import { page } from 'vitest/browser';

// jsqr is CommonJS with an ES-style `default`, which Node and bundlers unwrap differently.
const jsQR = ((jsqr as unknown as { default?: unknown }).default ?? jsqr) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/**
 * What a QR reader reads from the pixels an element shows on screen (a real screenshot, so every
 * style the page applies is in it), or null when it finds no code.
 */
export async function readQrOnScreen(element: Element): Promise<string | null> {
  const base64 = (await page.screenshot({ element, save: false })) as unknown as string;
  const image = new Image();
  image.src = `data:image/png;base64,${base64}`;
  await image.decode();
  const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, width, height)?.data ?? null;
}
