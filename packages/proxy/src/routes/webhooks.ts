import { WebhookVerificationError } from '@paylink/core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { Metrics } from '../metrics.ts';
import { ProblemError, problems } from '../problem.ts';

/** `POST /v1/webhooks/:provider`: raw body first, verify, then parse (STYLE.md, "Proxy"). */
export function webhookRoutes({ engine, log }: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/v1/webhooks/:provider', async (c) => {
    const provider = c.req.param('provider');
    if (!engine.adapter(provider)) throw problems.notFound(`Provider ${provider}`);
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
        log.warn('notification refused', { provider, requestId: c.get('requestId') });
      }
      throw error;
    }
  });
  return app;
}
