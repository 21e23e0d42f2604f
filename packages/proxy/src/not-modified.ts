import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './deps.ts';
import { SECURITY_HEADERS } from './headers.ts';
import type { PublicRateLimit } from './limits.ts';
import type { Metrics } from './metrics.ts';

const ROUTE = '/v1/links/:id/status';
/** What the full route and its middleware send with a 304, but the request id and the ETag. */
const NOT_MODIFIED_HEADERS = {
  ...SECURITY_HEADERS,
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'etag',
  'cache-control': 'no-cache',
};

/**
 * The cheap answer to the most frequent request: `GET /v1/links/{id}/status` with an
 * `If-None-Match` that is still current. It answers 304 from the link's cached answer — no store
 * read, no view, no JSON — with the same headers, rate limit, provider refresh and metrics as the
 * full route; anything else (no cached answer, a changed ETag, a long poll, a link whose local
 * expiry has come, a provider the proxy must poll) goes on to the full route. Mounted first.
 */
export function statusNotModified(
  { answers, engine }: Pick<AppDeps, 'answers' | 'engine'>,
  metrics: Metrics,
  limit: PublicRateLimit,
): MiddlewareHandler<AppEnv> {
  return async function answerNotModified(c, next) {
    const started = performance.now();
    const ifNoneMatch = c.req.header('if-none-match');
    if (!ifNoneMatch || c.req.method !== 'GET' || c.req.url.includes('?')) return next();
    const answer = answers.current(c.req.param('id') ?? '');
    if (!answer || answer.etag !== ifNoneMatch) return next();
    const { link } = answer;
    // A link of a provider without trustworthy notifications may be due a read the poll waits
    // for; a link past its expiry becomes (provisionally) expired on read: the full route does both.
    if (engine.adapter(link.provider)?.capabilities.webhooks !== 'signed') return next();
    if (!answer.final && answer.expiresAtMs !== null && answer.expiresAtMs <= Date.now()) return next();
    if (engine.links.isStale(link) !== answer.stale) return next();
    if (limit.take(c) > 0) return next(); // the full route answers 429
    void engine.providerReads.refreshIfDue(link);
    const response = new Response(null, {
      status: 304,
      headers: {
        'x-request-id': requestIdFor(c.req.header('x-request-id')),
        ...NOT_MODIFIED_HEADERS,
        etag: answer.etag,
      },
    });
    metrics.observeRequest('GET', ROUTE, 304, performance.now() - started);
    return response;
  };
}

/** As Hono's `requestId()`: the client's own id when it is short and plain, else a new one. */
function requestIdFor(given: string | undefined): string {
  return given && given.length <= 255 && !/[^\w\-=]/.test(given) ? given : crypto.randomUUID();
}
