import { Hono } from 'hono';
import { mayAccess, Scope, visibleOwner } from '../api-keys.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { merchantCors } from '../headers.ts';
import { jsonBody, requireApiKey } from '../http.ts';
import { ENDPOINT_ID } from '../ids.ts';
import { problems } from '../problem.ts';
import { createEndpointBody } from '../schemas.ts';
import { endpointView } from '../views.ts';

/** `/v1/webhook-endpoints`: the merchant's event receivers (API key). */
export function webhookEndpointRoutes({ store, engine, config }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireApiKey(store, config.allowedOrigins, Scope.WebhooksManage);
  const ownEndpoint = (id: string) => store.getWebhookEndpoint(endpointIdParam(id));
  const merchant = merchantCors(['GET', 'POST', 'DELETE']);
  app.use('/v1/webhook-endpoints', merchant);
  app.use('/v1/webhook-endpoints/*', merchant);

  app.post('/v1/webhook-endpoints', auth, async (c) => {
    const body = await jsonBody(c, createEndpointBody);
    // An admin's endpoint hears every owner's events; anyone else's, their own.
    const endpoint = await engine.endpoints.create(body, visibleOwner(c.get('apiKey')) ?? null);
    // The one answer that carries the secret.
    return c.json({ ...endpointView(endpoint), secret: endpoint.secret }, 201);
  });

  app.get('/v1/webhook-endpoints', auth, async (c) =>
    c.json({
      endpoints: (await engine.endpoints.list())
        .filter((e) => mayAccess(c.get('apiKey'), e.ownerKeyId))
        .map(endpointView),
    }),
  );

  app.get('/v1/webhook-endpoints/:id', auth, async (c) => {
    const endpoint = await ownEndpoint(c.req.param('id'));
    if (!endpoint || !mayAccess(c.get('apiKey'), endpoint.ownerKeyId))
      throw problems.notFound('This webhook endpoint');
    return c.json(endpointView(endpoint));
  });

  app.delete('/v1/webhook-endpoints/:id', auth, async (c) => {
    const endpoint = await ownEndpoint(c.req.param('id'));
    if (!endpoint || !mayAccess(c.get('apiKey'), endpoint.ownerKeyId))
      throw problems.notFound(`Webhook endpoint ${c.req.param('id')}`);
    await engine.endpoints.remove(endpoint.id);
    return c.body(null, 204);
  });
  return app;
}

function endpointIdParam(id: string): string {
  if (!ENDPOINT_ID.test(id))
    throw problems.validation([{ field: 'id', message: 'must be an endpoint id such as we_…' }]);
  return id;
}
