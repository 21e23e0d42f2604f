import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { clientIp, clientKey } from '../client-ip.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { jsonBody } from '../http.ts';
import { ProblemError, problems } from '../problem.ts';
import { RateLimiter } from '../rate-limit.ts';
import { checkoutBody } from '../schemas.ts';
import { TUNABLES } from '../tunables.ts';
import { publicView } from '../views.ts';

/**
 * `POST /v1/checkout`: "buy now" — a fresh one-time link for a product whose price is in the
 * proxy's configuration. Only allowed origins may call it, and it is rate-limited per client.
 */
export function checkoutRoutes({ config, engine, store }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = new RateLimiter({
    capacity: TUNABLES.checkoutBurst,
    refillPerSecond: TUNABLES.checkoutPerMinute / 60,
  });
  app.use(
    '/v1/checkout',
    cors({
      origin: (origin) => (config.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['POST'],
      allowHeaders: ['content-type'],
    }),
  );
  app.post('/v1/checkout', async (c) => {
    const origin = c.req.header('origin');
    if (origin && !config.allowedOrigins.includes(origin)) {
      throw new ProblemError(
        403,
        'origin-not-allowed',
        'Origin not allowed',
        `Checkout is not enabled for ${origin}; add it to PAYLINK_ALLOWED_ORIGINS.`,
      );
    }
    // Every client counts here, loopback too: each checkout creates a link at the provider.
    const client = clientKey(clientIp(c, config.trustedProxies));
    const wait = limiter.take(client);
    if (wait > 0) throw problems.tooManyRequests(Math.ceil(wait));
    const { product: productId, locale } = await jsonBody(c, checkoutBody);
    // An own property only: `__proto__` or `toString` is an unknown product, not a prototype lookup.
    const product = Object.hasOwn(config.products, productId) ? config.products[productId] : undefined;
    if (!product) throw problems.notFound(`Product ${productId}`);
    const result = await engine.creation.create('checkout', null, {
      provider: product.provider,
      amount: product.amount,
      description: product.description,
      ...(product.title ? { title: product.title } : {}),
      ...(locale && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(locale) ? { locale } : {}),
      usageLimit: 1,
    });
    const link = await store.getLink((JSON.parse(result.body) as { id: string }).id);
    if (!link) throw new Error('created link vanished');
    return c.json(publicView(link), 201);
  });
  return app;
}
