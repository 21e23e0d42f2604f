import { type Context, Hono } from 'hono';
import { mayAccess, Scope, visibleOwner } from '../api-keys.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { DELIVERY_WINDOW_MS } from '../events/merchant-events.ts';
import { merchantCors } from '../headers.ts';
import { queryParams, requireApiKey } from '../http.ts';
import { EVENT_ID } from '../ids.ts';
import { problems } from '../problem.ts';
import { listEventsQuery } from '../schemas.ts';
import type { DeliveryRecord, StoredEvent } from '../store/store.ts';

/** `/v1/events`: the event log for merchants who reconcile by pulling, and its deliveries (API key). */
export function eventRoutes({ store, engine, config }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireApiKey(store, config.allowedOrigins, Scope.LinksRead);
  const manage = requireApiKey(store, config.allowedOrigins, Scope.WebhooksManage);
  const merchant = merchantCors(['GET', 'POST']);
  app.use('/v1/events', merchant);
  app.use('/v1/events/*', merchant);

  app.get('/v1/events', read, async (c) => {
    const query = queryParams(c, listEventsQuery);
    const events = await store.listEvents({
      ownerKeyId: visibleOwner(c.get('apiKey')),
      afterSeq: query.after === undefined ? undefined : Number(query.after),
      type: query.type,
      linkId: query.link,
      limit: query.limit + 1,
    });
    const page = events.slice(0, query.limit);
    const nextCursor = events.length > query.limit ? String(page.at(-1)!.seq) : null;
    return c.json({ events: page.map(eventBody), nextCursor });
  });

  /** The event if this key may see it; otherwise 404, as for an event that does not exist. */
  const load = async (c: Context<AppEnv>): Promise<StoredEvent> => {
    const id = c.req.param('id') ?? '';
    if (!EVENT_ID.test(id))
      throw problems.validation([{ field: 'id', message: 'must be an event id such as evt_…' }]);
    const event = await store.getEvent(id);
    if (!event || !mayAccess(c.get('apiKey'), event.ownerKeyId)) throw problems.notFound('This event');
    return event;
  };

  app.get('/v1/events/:id', read, async (c) => {
    const event = await load(c);
    return c.json({
      event: eventBody(event),
      deliveries: (await store.listDeliveries(event.id)).map(deliveryView),
    });
  });

  app.post('/v1/events/:id/redeliver', manage, async (c) => {
    const event = await load(c);
    const now = new Date();
    const queued = await store.requeueEvent(
      event.id,
      now.toISOString(),
      new Date(now.getTime() + DELIVERY_WINDOW_MS).toISOString(),
    );
    if (queued === 0) throw problems.conflict('No webhook endpoint receives this event type.', 'no-endpoint');
    engine.delivery.wake();
    return c.json({ deliveries: (await store.listDeliveries(event.id)).map(deliveryView) }, 202);
  });
  return app;
}

/** The event exactly as its deliveries carry it. */
function eventBody(event: StoredEvent): unknown {
  return JSON.parse(event.body);
}

function deliveryView(delivery: DeliveryRecord) {
  return {
    endpointId: delivery.endpointId,
    url: delivery.url,
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
  };
}
