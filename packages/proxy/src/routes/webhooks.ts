import { WebhookVerificationError } from '@paylink/core';
import { Hono } from 'hono';
import { countedClient } from '../client-ip.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { LogThrottle } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { ProblemError, problems } from '../problem.ts';
import { RateLimiter } from '../rate-limit.ts';

/** `POST /v1/webhooks/:provider`: raw body first, verify, then parse (STYLE.md, "Proxy"). */
export function webhookRoutes({ engine, log, config }: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const refusedLog = new LogThrottle();
  // Per provider and sending address: a provider's real rate is far below this; a flood is not.
  const limiter = new RateLimiter({
    capacity: Math.max(1, config.webhookRatePerMinute / 4),
    refillPerSecond: config.webhookRatePerMinute / 60,
  });
  app.post('/v1/webhooks/:provider', async (c) => {
    const provider = c.req.param('provider');
    if (!engine.adapter(provider)) throw problems.notFound(`Provider ${provider}`);
    const client = countedClient(c, config.trustedProxies);
    if (config.webhookRatePerMinute > 0 && client !== null) {
      const wait = limiter.take(`${provider}:${client}`);
      if (wait > 0) throw problems.tooManyRequests(Math.ceil(wait));
    }
    const rawBody = await c.req.text();
    try {
      const result = await engine.intake.handle(provider, c.req.raw.headers, rawBody);
      if (result.deferred > 0) {
        // Not recorded as processed: the provider's retry (and the reconciler) will apply it.
        metrics.observeWebhook(provider, 'deferred');
        throw new ProblemError(
          503,
          'notification-deferred',
          'Notification not applied yet',
          `${provider} could not be read to confirm the notification; send it again later.`,
          {},
          { 'retry-after': '30' },
        );
      }
      metrics.observeWebhook(provider, result.applied > 0 ? 'applied' : 'ignored');
      return c.json({ received: true, ...result });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        metrics.observeWebhook(provider, 'refused');
        refusedLog.run(provider, (suppressed) =>
          log.warn('notification refused', { provider, requestId: c.get('requestId'), suppressed }),
        );
      }
      throw error;
    }
  });
  return app;
}
