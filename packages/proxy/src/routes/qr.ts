import { safeCheckoutUrl } from '@paylink/core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { publicCors } from '../headers.ts';
import { linkIdParam, queryParams } from '../http.ts';
import { publicRateLimit } from '../limits.ts';
import { problems } from '../problem.ts';
import { type QrFormat, qrImage, qrQuery } from '../qr.ts';

/** A checkout URL never changes for a link, so neither does its QR image: browsers and CDNs keep it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /v1/links/{id}/qr.svg` and `/qr.png`: the link's checkout URL as a QR image, for the elements,
 * e-mails, invoices and print. Only for checkout URLs that pass the URL rule (as the elements would
 * show them as links).
 */
export function qrRoutes({ engine, config }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cors = publicCors({
    allowMethods: ['GET'],
    allowHeaders: ['if-none-match'],
    exposeHeaders: ['etag'],
    maxAge: 86_400,
  });
  const limit = publicRateLimit({
    perIpPerMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
  });

  for (const format of ['svg', 'png'] satisfies QrFormat[]) {
    const path = `/v1/links/:id/qr.${format}`;
    app.use(path, cors, limit);
    app.get(path, async (c) => {
      const id = linkIdParam(c);
      const options = queryParams(c, qrQuery);
      const link = await engine.links.get(id);
      if (!link) throw problems.notFound('This link');
      const url = safeCheckoutUrl(link.url);
      if (!url) {
        throw problems.unprocessable(
          'unsafe-checkout-url',
          'No QR code for this link',
          'The link’s checkout address is not an https: URL, so it is not shown as a link or a QR code.',
        );
      }
      const image = await qrImage(url.href, format, options);
      c.header('etag', image.etag);
      c.header('cache-control', IMMUTABLE);
      if (c.req.header('if-none-match') === image.etag) return c.body(null, 304);
      c.header('content-type', image.contentType);
      // An SVG opened on its own is a document: let it run nothing.
      if (format === 'svg')
        c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.body(image.body as string, 200);
    });
  }
  return app;
}
