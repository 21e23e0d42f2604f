import { isPublicLinkId } from '@paylink/core';
import { Hono } from 'hono';
import { countedClient } from '../client-ip.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { holdAnswer, openEventSink } from '../event-sink.ts';
import { publicCors } from '../headers.ts';
import { linkIdParam, queryParams } from '../http.ts';
import { type PublicRateLimit, StreamSlots } from '../limits.ts';
import { problems } from '../problem.ts';
import { batchStatusQuery, waitQuery } from '../schemas.ts';
import type { StatusAnswer } from '../status-answers.ts';
import type { StoredLink } from '../store/store.ts';
import { TUNABLES } from '../tunables.ts';
import { statusEtag, statusView } from '../views.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-cache' };
/** The first message of every stream: the client's reconnection delay. */
const SSE_READY = Buffer.from('event: ready\ndata: \nretry: 3000\n\n');

/**
 * Public, read-only status routes: safe for any origin, cheap to poll. `limit` is the public rate
 * limit, shared with the conditional poll's fast answer (`not-modified.ts`).
 */
export function statusRoutes(
  { engine, answers, watchers, config }: AppDeps,
  limit: PublicRateLimit,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const streams = new StreamSlots(TUNABLES.streamsPerClient);
  const longPolls = new StreamSlots(TUNABLES.longPollsPerClient);
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
    const link = await engine.links.currentFresh(await load(id));
    const ifNoneMatch = c.req.header('if-none-match');
    let answer = answers.answer(link, engine.links.isStale(link));
    if (wait && ifNoneMatch === answer.etag && !answer.final) {
      const client = countedClient(c, config.trustedProxies);
      if (client && !longPolls.take(client)) throw problems.tooManyRequests(5);
      // Woken by a change, every waiting poll is answered in one loop, the same bytes to each.
      const held = holdAnswer(c);
      let written = false;
      const respond = (next: StatusAnswer) => {
        written =
          ifNoneMatch === next.etag
            ? held.write(304, { etag: next.etag, 'cache-control': 'no-cache' }, null)
            : held.write(200, { ...JSON_HEADERS, etag: next.etag }, next.json);
      };
      try {
        const next = await watchers.nextAnswer(link, wait * 1000, c.req.raw.signal, respond);
        if (written) return held.sent;
        if (next) answer = next;
        else {
          const reloaded = await load(id);
          answer = answers.answer(reloaded, engine.links.isStale(reloaded));
        }
      } finally {
        if (client) longPolls.release(client);
      }
    }
    c.header('etag', answer.etag);
    c.header('cache-control', 'no-cache');
    if (ifNoneMatch === answer.etag) return c.body(null, 304);
    return c.body(answer.json, 200, { 'content-type': 'application/json' });
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
    const link = await load(id);
    const client = countedClient(c, config.trustedProxies);
    if (client && !streams.take(client)) throw problems.tooManyRequests(10);
    const answer = answers.answer(link, engine.links.isStale(link));
    // Resume: a client that already has this version is not sent it again.
    const resumed = c.req.header('last-event-id') === String(link.version);
    const first = resumed ? SSE_READY : Buffer.concat([SSE_READY, answer.frame]);
    // While the stream is open the link is watched: the engine refreshes it on its interval, and
    // `watchers` writes every later status to it (serialised once for all streams) and ends it on a final one.
    let remove = () => {};
    const { sink, response } = openEventSink(c, SSE_HEADERS, first, () => {
      remove();
      if (client) streams.release(client);
    });
    if (answer.final) sink.end();
    else remove = watchers.addStream(link, sink, answer.etag);
    return response;
  });

  return app;
}
