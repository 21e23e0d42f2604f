import { isFinalStatus, isPublicLinkId } from '@paylink/core';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { countedClient } from '../client-ip.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { publicCors } from '../headers.ts';
import { linkIdParam, queryParams } from '../http.ts';
import { publicRateLimit, StreamSlots } from '../limits.ts';
import type { Metrics } from '../metrics.ts';
import { problems } from '../problem.ts';
import { batchStatusQuery, waitQuery } from '../schemas.ts';
import type { StoredLink } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';
import { statusEtag, statusView } from '../views.ts';

/** Public, read-only status routes: safe for any origin, cheap to poll. */
export function statusRoutes({ engine, hub, config }: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const streams = new StreamSlots(TUNABLES.streamsPerClient);
  const longPolls = new StreamSlots(TUNABLES.longPollsPerClient);
  const limit = publicRateLimit({
    perIpPerMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
  });
  app.use('/v1/status', limit);
  app.use('/v1/links/:id/status', limit);
  app.use('/v1/links/:id/events', limit);
  const readCors = publicCors({
    allowMethods: ['GET'],
    allowHeaders: ['if-none-match', 'last-event-id'],
    exposeHeaders: ['etag'],
    maxAge: 86_400,
  });
  app.use('/v1/status', readCors);
  app.use('/v1/links/:id/status', readCors);
  app.use('/v1/links/:id/events', readCors);

  const load = async (id: string): Promise<StoredLink> => {
    const link = await engine.links.get(id);
    if (!link) throw problems.notFound('This link');
    return link;
  };

  app.get('/v1/links/:id/status', async (c) => {
    const id = linkIdParam(c);
    const { wait } = c.req.url.includes('?') ? queryParams(c, waitQuery) : { wait: undefined };
    // Polls drive provider reads: at most one per refresh interval per link (single flight).
    let link = await engine.links.currentFresh(await load(id));
    const ifNoneMatch = c.req.header('if-none-match');
    let stale = engine.links.isStale(link);
    let etag = statusEtag(link, stale);
    if (wait && ifNoneMatch === etag && !isFinalStatus(link.status)) {
      const client = countedClient(c, config.trustedProxies);
      if (client && !longPolls.take(client)) throw problems.tooManyRequests(5);
      const release = engine.links.watch(link);
      metrics.waitingPolls++;
      try {
        await hub.next(id, wait * 1000, c.req.raw.signal);
      } finally {
        metrics.waitingPolls--;
        release();
        if (client) longPolls.release(client);
      }
      link = await load(id);
      stale = engine.links.isStale(link);
      etag = statusEtag(link, stale);
    }
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (ifNoneMatch === etag) return c.body(null, 304);
    return c.json(statusView(link, stale));
  });

  app.get('/v1/status', async (c) => {
    const { links: ids } = queryParams(c, batchStatusQuery);
    const malformed = ids.filter((id) => !isPublicLinkId(id));
    if (malformed.length) {
      throw problems.validation([
        { field: 'links', message: `has ids that are not link ids: ${malformed.slice(0, 3).join(', ')}` },
      ]);
    }
    const links = await engine.links.getMany(ids);
    for (const link of links) void engine.providerReads.refreshIfDue(link);
    const found = new Set(links.map((l) => l.id));
    const etag = `"b${links.map((l) => statusEtag(l, engine.links.isStale(l)).slice(1, -1)).join('.')}"`;
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.json({
      statuses: links.map((link) => statusView(link, engine.links.isStale(link))),
      notFound: ids.filter((id) => !found.has(id)),
    });
  });

  app.get('/v1/links/:id/events', async (c) => {
    const id = linkIdParam(c);
    const first = await load(id);
    const lastEventId = c.req.header('last-event-id');
    const client = countedClient(c, config.trustedProxies);
    if (client && !streams.take(client)) throw problems.tooManyRequests(10);
    return streamSSE(c, async (stream) => {
      const aborted = new AbortController();
      stream.onAbort(() => aborted.abort());
      metrics.openStreams++;
      const release = engine.links.watch(first);
      let link = first;
      // Resume: a client that already has this version is not sent it again.
      let sent = lastEventId === String(link.version) ? statusEtag(link, engine.links.isStale(link)) : '';
      const send = async () => {
        const etag = statusEtag(link, engine.links.isStale(link));
        if (etag === sent) return;
        sent = etag;
        await stream.writeSSE({
          id: String(link.version),
          event: 'status',
          data: JSON.stringify(statusView(link, engine.links.isStale(link))),
        });
      };
      try {
        await stream.writeSSE({ event: 'ready', data: '', retry: 3000 });
        await send();
        // While the stream is open the link is watched: the service refreshes it on its interval.
        while (!aborted.signal.aborted && !isFinalStatus(link.status)) {
          const change = await hub.next(id, TUNABLES.sseHeartbeatMs, aborted.signal);
          if (aborted.signal.aborted) break;
          if (!change) {
            await stream.write(': heartbeat\n\n');
            continue;
          }
          link = await load(id);
          await send();
        }
      } finally {
        release();
        metrics.openStreams--;
        if (client) streams.release(client);
      }
    });
  });

  return app;
}
