import { isPublicLinkId } from '@paylink/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { hashApiKey, hasScope, type Scope } from './api-keys.ts';
import type { AppEnv } from './deps.ts';
import { ProblemError, problems } from './problem.ts';
import { fieldErrors } from './schemas.ts';
import type { LinkStore } from './store/store.ts';

/** Reads and validates a JSON body against a schema; every failure is a 400 problem naming the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw problems.validation([
      { field: '(body)', message: 'must be JSON sent with Content-Type: application/json' },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    throw problems.validation([{ field: '(body)', message: 'is not valid JSON' }]);
  }
  const prototypeKey = findPrototypeKey(value);
  if (prototypeKey) throw problems.validation([{ field: prototypeKey, message: 'is not an allowed key' }]);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw problems.validation(fieldErrors(parsed.error));
  return parsed.data;
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface JsonNode {
  value: unknown;
  key: string;
  parent: JsonNode | null;
}

/**
 * The path of the first `__proto__`/`constructor`/`prototype` key in parsed JSON, if any. Walks
 * with a stack and parent links, not recursion: a 64 KiB body may nest thousands deep.
 */
export function findPrototypeKey(value: unknown): string | null {
  const stack: JsonNode[] = [{ value, key: '', parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.value || typeof node.value !== 'object') continue;
    for (const [key, child] of Object.entries(node.value)) {
      const here: JsonNode = { value: child, key, parent: node };
      if (PROTOTYPE_KEYS.has(key)) {
        const path: string[] = [];
        for (let at: JsonNode | null = here; at?.parent; at = at.parent) path.unshift(at.key);
        return path.join('.');
      }
      if (child && typeof child === 'object') stack.push(here);
    }
  }
  return null;
}

/** Validates the query string against a schema. */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw problems.validation(fieldErrors(parsed.error));
  return parsed.data;
}

/** The `:id` path parameter, checked to be a public link id. */
export function linkIdParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!isPublicLinkId(id))
    throw problems.validation([{ field: 'id', message: 'must be a link id such as pl_3kTq…' }]);
  return id;
}

/**
 * Requires `Authorization: Bearer <api key>` naming a live key. A web page's request (one with an
 * `Origin`) must come from an origin allowed globally or for that key. Browser extensions are
 * allowed: a page cannot forge their origin, and the key lives in the extension's own storage.
 */
export function requireApiKey(
  store: LinkStore,
  globalOrigins: readonly string[],
  scope: Scope,
): MiddlewareHandler<AppEnv> {
  return async function apiKeyAuth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S{8,200})$/i.exec(header);
    if (!match) throw problems.unauthorized('Send the API key as "Authorization: Bearer <key>".');
    const record = await store.findApiKeyByHash(hashApiKey(match[1]!));
    if (!record || record.revokedAt) throw problems.unauthorized('The API key is unknown or revoked.');
    const origin = c.req.header('origin');
    if (
      origin &&
      !isExtensionOrigin(origin) &&
      !globalOrigins.includes(origin) &&
      !record.allowedOrigins.includes(origin)
    ) {
      throw new ProblemError(
        403,
        'origin-not-allowed',
        'Origin not allowed',
        `This API key may not be used from ${origin}.`,
      );
    }
    if (!hasScope(record, scope)) {
      throw new ProblemError(
        403,
        'insufficient-scope',
        'Insufficient scope',
        `This API key lacks the ${scope} scope.`,
      );
    }
    c.set('apiKey', record);
    await next();
  };
}

function isExtensionOrigin(origin: string): boolean {
  return /^(chrome|moz|safari-web)-extension:\/\/[\w-]+$/.test(origin);
}
