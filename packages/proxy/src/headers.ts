import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

// These set headers with `c.header()` before the handler runs, so they are folded into the
// response when it is created. Hono's `secureHeaders` and `cors` edit `c.res` instead, which
// makes the Node adapter rebuild every response: on the status routes that cost most of the time.

/** The security headers of every answer (an API that serves JSON and a script). */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
} as const;

/** Sets {@link SECURITY_HEADERS}. */
export function securityHeaders(): MiddlewareHandler {
  return async function setSecurityHeaders(c, next) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    await next();
  };
}

export interface PublicCorsOptions {
  allowMethods: readonly string[];
  allowHeaders?: readonly string[];
  exposeHeaders?: readonly string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

/** CORS for public, read-only routes: any origin, no credentials. */
export function publicCors(options: PublicCorsOptions): MiddlewareHandler {
  const methods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders?.join(',');
  const exposeHeaders = options.exposeHeaders?.join(',');
  return async function setPublicCors(c, next) {
    c.header('access-control-allow-origin', '*');
    if (c.req.method === 'OPTIONS') {
      c.header('access-control-allow-methods', methods);
      if (allowHeaders) c.header('access-control-allow-headers', allowHeaders);
      if (options.maxAge !== undefined) c.header('access-control-max-age', String(options.maxAge));
      return c.body(null, 204);
    }
    if (exposeHeaders) c.header('access-control-expose-headers', exposeHeaders);
    await next();
  };
}

/**
 * CORS for merchant routes (API key), used by servers and the extension. Preflights are answered
 * for any origin because the key is not known yet; the key check then refuses origins it does not
 * allow.
 */
export function merchantCors(
  allowMethods: string[],
  { allowHeaders = ['authorization', 'content-type'], exposeHeaders = [] as string[] } = {},
): MiddlewareHandler {
  return cors({ origin: (origin) => origin, allowHeaders, allowMethods, exposeHeaders });
}
