import { isPublicLinkId, type ViewBatch } from '@paylink/core';
import { providerDefinitions } from '@paylink/providers';
import { type Context, Hono } from 'hono';
import { mayAccess, Scope, visibleOwner } from '../api-keys.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { merchantCors, publicCors } from '../headers.ts';
import { jsonBody, linkIdParam, queryParams, requireApiKey } from '../http.ts';
import { publicRateLimit } from '../limits.ts';
import { problems } from '../problem.ts';
import {
  batchStatusQuery,
  createLinkBody,
  idempotencyKeyHeader,
  listLinksQuery,
  shareBody,
} from '../schemas.ts';
import { merchantView, publicView } from '../views.ts';

/** Merchant routes (API key) and the public link view. */
export function linkRoutes({ store, engine, config }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireApiKey(store, config.allowedOrigins, Scope.LinksRead);
  const write = requireApiKey(store, config.allowedOrigins, Scope.LinksWrite);
  /** The link if this key may act on it; otherwise 404, as for a link that does not exist. */
  const ownLink = async (c: Context<AppEnv>) => {
    const link = await engine.links.get(linkIdParam(c));
    if (!link || !mayAccess(c.get('apiKey'), link.ownerKeyId)) throw problems.notFound('This link');
    return link;
  };
  const merchant = merchantCors(['GET', 'POST'], {
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    exposeHeaders: ['idempotent-replayed'],
  });

  app.use('/v1/providers', merchant);
  app.get('/v1/providers', read, (c) =>
    c.json({
      providers: engine.providers.map((adapter) => ({
        name: adapter.name,
        title: providerDefinitions[adapter.name]?.title ?? adapter.name,
        capabilities: adapter.capabilities,
      })),
    }),
  );

  app.use('/v1/links', merchant);
  app.post('/v1/links', write, async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !idempotencyKeyHeader.safeParse(key).success) {
      throw problems.validation([
        { field: 'Idempotency-Key', message: 'must be 8–255 printable ASCII characters (a UUID is best)' },
      ]);
    }
    const body = await jsonBody(c, createLinkBody);
    const apiKey = c.get('apiKey');
    const result = await engine.creation.create(apiKey.id, apiKey.owner, body, key);
    if (result.replayed) c.header('idempotent-replayed', 'true');
    return c.body(result.body, result.status as 201, { 'content-type': 'application/json' });
  });

  app.get('/v1/links', read, async (c) => {
    const query = queryParams(c, listLinksQuery);
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
      if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) {
        throw problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
      }
      after = { createdAt, id };
    }
    const stored = await store.listLinks({
      ownerKeyId: visibleOwner(c.get('apiKey')),
      status: query.status,
      provider: query.provider,
      limit: query.limit + 1,
      after,
    });
    const links = await Promise.all(stored.map((link) => engine.links.current(link)));
    const page = links.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      links.length > query.limit && last
        ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url')
        : null;
    return c.json({ links: page.map(merchantView), nextCursor });
  });

  const readCors = publicCors({ allowMethods: ['GET'], maxAge: 86_400 });
  const readLimit = publicRateLimit({
    perIpPerMinute: config.rateLimitPerMinute,
    trustedProxies: config.trustedProxies,
  });

  // Many public views in one answer: a page with many buttons asks once, not once per button. The
  // answer is per id: one malformed or unknown id (a typo on the page) fails only its own element.
  app.use('/v1/views', readCors, readLimit);
  app.get('/v1/views', async (c) => {
    const { links: ids } = queryParams(c, batchStatusQuery);
    const wellFormed = ids.filter(isPublicLinkId);
    if (wellFormed.length === 0) {
      throw problems.validation([
        { field: 'links', message: `has no link ids (such as pl_3kTq…): ${ids.slice(0, 3).join(', ')}` },
      ]);
    }
    const links = await engine.links.getMany(wellFormed);
    const found = new Set(links.map((link) => link.id));
    c.header('cache-control', 'no-cache');
    return c.json({
      links: links.map(publicView),
      notFound: wellFormed.filter((id) => !found.has(id)),
      invalid: ids.filter((id) => !isPublicLinkId(id)),
    } satisfies ViewBatch);
  });

  app.use('/v1/links/:id', readCors);
  app.use('/v1/links/:id', readLimit);
  app.get('/v1/links/:id', async (c) => {
    const link = await engine.links.get(linkIdParam(c));
    if (!link) throw problems.notFound('This link');
    c.header('cache-control', 'no-cache');
    return c.json(publicView(link));
  });

  app.use('/v1/links/:id/disable', merchant);
  app.post('/v1/links/:id/disable', write, async (c) => {
    const link = await engine.disabling.disable((await ownLink(c)).id);
    return c.json(merchantView(link));
  });

  app.use('/v1/links/:id/share', merchant);
  app.post('/v1/links/:id/share', write, async (c) => {
    const link = await ownLink(c);
    const body = await jsonBody(c, shareBody);
    const adapter = engine.adapter(link.provider);
    if (!adapter?.share) {
      const hint =
        adapter?.capabilities.share === 'at-create'
          ? ' It can only send the link at creation (customer.email).'
          : '';
      throw problems.notImplemented(`${link.provider} cannot share an existing link through its API.${hint}`);
    }
    const shared = await adapter.share(link.providerRef, body);
    return c.json(shared, 201);
  });

  return app;
}
