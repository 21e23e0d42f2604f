import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './deps.ts';
import { securityHeaders } from './headers.ts';
import { publicRateLimit } from './limits.ts';
import { describeError } from './log.ts';
import { Metrics } from './metrics.ts';
import { statusNotModified } from './not-modified.ts';
import { isExpected, ProblemError, problemResponse, problems, toProblem } from './problem.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { eventRoutes } from './routes/events.ts';
import { linkRoutes } from './routes/links.ts';
import { metaRoutes } from './routes/meta.ts';
import { qrRoutes } from './routes/qr.ts';
import { statusRoutes } from './routes/status.ts';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { TUNABLES } from './tunables.ts';

const POLLED_ROUTES = new Set([
  '/v1/links/:id/status',
  '/v1/status',
  '/v1/links/:id/events',
  '/v1/links/:id',
  '/v1/views',
]);

/** Builds the proxy's Hono app. It never listens: `server.ts` does, and tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const metrics = deps.metrics ?? new Metrics();
  const app = new Hono<AppEnv>();
  const publicLimit = publicRateLimit({
    perIpPerMinute: deps.config.rateLimitPerMinute,
    trustedProxies: deps.config.trustedProxies,
  });

  // First: the conditional status poll, answered from the cached ETag when it is still current.
  app.use('/v1/links/:id/status', statusNotModified(deps, metrics, publicLimit));
  app.use(requestId());
  app.use(securityHeaders());
  app.use(async function observe(c, next) {
    const started = performance.now();
    await next();
    // After `next()` this is the pattern of the handler that answered (`/*` when none did).
    const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
    const ms = performance.now() - started;
    metrics.observeRequest(c.req.method, route, c.res.status, ms);
    // Status polls are the bulk of the traffic, and refused notifications what a flood sends:
    // both are counted, not logged one by one.
    const refusedNotification =
      route === '/v1/webhooks/:provider' && (c.res.status === 401 || c.res.status === 429);
    if (c.res.status >= 500 || !(POLLED_ROUTES.has(route) || refusedNotification)) {
      deps.log.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(ms),
      });
    }
  });
  const limitBody = bodyLimit({
    maxSize: TUNABLES.maxBodyBytes,
    onError: (c) =>
      problemResponse(
        c,
        new ProblemError(
          413,
          'too-large',
          'Request body too large',
          'The request body must be at most 64 KiB.',
          {
            errors: [{ field: '(body)', message: 'must be at most 64 KiB' }],
          },
        ),
      ),
  });
  // Only requests that carry a body: touching a GET's body makes the Node adapter build a stream.
  app.use('/v1/*', (c, next) => (c.req.method === 'POST' ? limitBody(c, next) : next()));

  app.route('/', metaRoutes(deps, metrics));
  app.route('/', statusRoutes(deps, publicLimit));
  app.route('/', linkRoutes(deps));
  app.route('/', qrRoutes(deps));
  app.route('/', checkoutRoutes(deps));
  app.route('/', webhookRoutes(deps, metrics));
  app.route('/', webhookEndpointRoutes(deps));
  app.route('/', eventRoutes(deps));

  app.notFound((c) => problemResponse(c, problems.notFound(`The route ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const problem = toProblem(error);
    if (!isExpected(error) || problem.problem.status >= 500) {
      deps.log.error('request failed', {
        requestId: c.get('requestId'),
        route: c.req.routePath,
        ...describeError(error),
      });
    }
    return problemResponse(c, problem);
  });
  return app;
}
