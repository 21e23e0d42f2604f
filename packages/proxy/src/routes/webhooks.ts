import { WebhookVerificationError } from '@paylink/core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';
import type { Metrics } from '../metrics.ts';
import { problems } from '../problem.ts';

/** `POST /v1/webhooks/:provider`: raw body first, verify, then parse (STYLE.md, "Proxy"). */
export function webhookRoutes({ service, log }: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/v1/webhooks/:provider', async (c) => {
    const provider = c.req.param('provider');
    if (!service.adapter(provider)) throw problems.notFound(`Provider ${provider}`);
    const rawBody = await c.req.text();
    try {
      const result = await service.handleWebhook(provider, c.req.raw.headers, rawBody);
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
