import { LINK_STATUSES, WEBHOOK_EVENT_TYPES } from '@paylink/core';
import { z } from 'zod';
import { qrQuery } from './qr.ts';
import {
  batchStatusQuery,
  checkoutBody,
  createEndpointBody,
  createLinkBody,
  listEventsQuery,
  listLinksQuery,
  shareBody,
  waitQuery,
} from './schemas.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const queryParams = (s: z.ZodObject) =>
  Object.entries((schema(s) as { properties: Record<string, unknown> }).properties).map(([name, value]) => ({
    name,
    in: 'query',
    schema: value,
  }));
const linkId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^pl_[A-Za-z0-9]{16,40}$' },
};
const bearer = [{ apiKey: [] }];
const endpointId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^we_' } };
const eventId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^evt_[A-Za-z0-9]{22}$' },
};
const endpoint = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    events: { type: 'array', items: { enum: [...WEBHOOK_EVENT_TYPES] } },
    description: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    source: { enum: ['api', 'config'] },
    health: {
      type: 'object',
      properties: {
        consecutiveFailures: { type: 'integer' },
        failingSince: { type: ['string', 'null'] },
        lastError: { type: ['string', 'null'] },
        lastSuccessAt: { type: ['string', 'null'] },
      },
    },
  },
};
const delivery = {
  type: 'object',
  properties: {
    endpointId: { type: 'string' },
    url: { type: ['string', 'null'] },
    state: { enum: ['pending', 'delivered', 'failed', 'canceled'] },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          status: { type: ['integer', 'null'] },
          error: { type: ['string', 'null'] },
          durationMs: { type: 'integer' },
        },
      },
    },
    nextAttemptAt: { type: ['string', 'null'] },
  },
};

const money = {
  type: 'object',
  required: ['value', 'currency'],
  properties: { value: { type: ['string', 'null'] }, currency: { type: 'string' } },
};
const payments = {
  type: 'object',
  properties: { count: { type: 'integer' }, limit: { type: ['integer', 'null'] } },
};
const lastPayment = {
  type: ['object', 'null'],
  properties: {
    outcome: { enum: ['approved', 'rejected', 'pending'] },
    at: { type: ['string', 'null'] },
    // Present where the provider states what was paid (Placetopay, Payroc).
    amount: money,
  },
};
const status = { enum: [...LINK_STATUSES] };
const publicLink = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    provider: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    status,
    amount: money,
    amountMode: { enum: ['fixed', 'flexible'] },
    flexibleAmount: { type: ['object', 'null'] },
    title: { type: ['string', 'null'] },
    description: { type: 'string' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
    payments,
    lastPayment,
    version: { type: 'integer' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
};

/** The OpenAPI 3.1 document, generated from the same Zod schemas that validate requests. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'PayLink proxy',
      version: '1.0.0',
      description: 'Payment links from any provider. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A PayLink API key (plk_…).' },
      },
      schemas: {
        CreateLink: schema(createLinkBody),
        Share: schema(shareBody),
        Checkout: schema(checkoutBody),
        PublicLink: publicLink,
        CreateWebhookEndpoint: schema(createEndpointBody),
        WebhookEndpoint: endpoint,
        Event: {
          type: 'object',
          description:
            'A merchant event, exactly as POSTed to endpoints (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).',
          properties: {
            id: { type: 'string' },
            type: { enum: [...WEBHOOK_EVENT_TYPES] },
            createdAt: { type: 'string' },
            data: { type: 'object', properties: { link: { $ref: '#/components/schemas/MerchantLink' } } },
          },
        },
        Delivery: delivery,
        MerchantLink: {
          allOf: [
            { $ref: '#/components/schemas/PublicLink' },
            {
              type: 'object',
              properties: {
                providerRef: { type: 'string' },
                reference: { type: ['string', 'null'] },
                customer: { type: ['object', 'null'] },
                metadata: { type: ['object', 'null'] },
              },
            },
          ],
        },
        LinkStatus: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            status,
            payments,
            lastPayment,
            version: { type: 'integer' },
            updatedAt: { type: 'string' },
            stale: { type: 'boolean' },
          },
        },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths: {
      '/v1/links': {
        post: {
          summary: 'Create a payment link',
          security: bearer,
          parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
          requestBody: { required: true, content: json('CreateLink') },
          responses: {
            201: {
              description: 'Created (or replayed: `Idempotent-Replayed: true`)',
              content: json('MerchantLink'),
            },
            400: problem('Invalid fields'),
            401: problem('No or bad API key'),
            409: problem('Same key still in progress'),
            422: problem('Provider cannot honour a field, or Idempotency-Key reused with another body'),
            502: problem('Provider error'),
            503: problem('Provider unavailable'),
          },
        },
        get: {
          summary: 'List links, newest first',
          security: bearer,
          parameters: queryParams(listLinksQuery),
          responses: {
            200: { description: 'A page of links and `nextCursor`' },
            400: problem('Invalid query'),
            401: problem('No or bad API key'),
          },
        },
      },
      '/v1/links/{id}': {
        get: {
          summary: 'Public view of a link',
          parameters: [linkId],
          responses: {
            200: { description: 'The link', content: json('PublicLink') },
            404: problem('Unknown link'),
          },
        },
      },
      '/v1/links/{id}/status': {
        get: {
          summary: 'Status, with ETag / If-None-Match and optional long poll',
          parameters: [
            linkId,
            ...queryParams(waitQuery),
            { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'Status', content: json('LinkStatus') },
            304: { description: 'Unchanged' },
            404: problem('Unknown link'),
          },
        },
      },
      ...Object.fromEntries(
        (['svg', 'png'] as const).map((format) => [
          `/v1/links/{id}/qr.${format}`,
          {
            get: {
              summary: `The checkout URL as a QR code (${format.toUpperCase()}), for pages, e-mails and print`,
              description:
                'Black on white, error correction M, a quiet zone of `margin` modules (default 4). Cached for good (`immutable`, strong ETag keyed on the checkout URL and options). Only for links whose checkout URL passes the URL rule (https:, or http: on loopback).',
              parameters: [
                linkId,
                ...queryParams(qrQuery),
                { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
              ],
              responses: {
                200: {
                  description: 'The QR image',
                  content: {
                    [format === 'svg' ? 'image/svg+xml' : 'image/png']: {
                      schema: { type: 'string', format: 'binary' },
                    },
                  },
                },
                304: { description: 'Unchanged' },
                400: problem('Bad size, margin or id'),
                404: problem('Unknown link'),
                422: problem('The checkout URL fails the URL rule'),
              },
            },
          },
        ]),
      ),
      '/v1/views': {
        get: {
          summary: 'Many public link views at once, answered per id',
          parameters: queryParams(batchStatusQuery as unknown as z.ZodObject),
          responses: {
            200: {
              description:
                '`{ links: PublicLink[], notFound, invalid }`: unknown ids in `notFound`, ids that are not link ids in `invalid` (one bad id fails only itself)',
            },
            400: problem('No link id at all in the list'),
          },
        },
      },
      '/v1/status': {
        get: {
          summary: 'Many statuses at once',
          parameters: queryParams(batchStatusQuery as unknown as z.ZodObject),
          responses: { 200: { description: '`{ statuses, notFound }`' }, 400: problem('Bad list') },
        },
      },
      '/v1/links/{id}/events': {
        get: {
          summary: 'Server-Sent Events of status changes (`event: status`)',
          parameters: [linkId],
          responses: { 200: { description: 'text/event-stream' } },
        },
      },
      '/v1/links/{id}/disable': {
        post: {
          summary: 'Disable at the provider, then locally',
          security: bearer,
          parameters: [linkId],
          responses: {
            200: { description: 'The disabled link', content: json('MerchantLink') },
            409: problem('Already paid or expired'),
            501: problem('Provider cannot disable'),
          },
        },
      },
      '/v1/links/{id}/share': {
        post: {
          summary: 'Send the link by e-mail where the provider can',
          security: bearer,
          parameters: [linkId],
          requestBody: { content: json('Share') },
          responses: { 201: { description: 'Shared' }, 501: problem('Provider cannot share') },
        },
      },
      '/v1/providers': {
        get: {
          summary: 'Configured providers and what each supports',
          security: bearer,
          responses: { 200: { description: '`{ providers }`' } },
        },
      },
      '/v1/checkout': {
        post: {
          summary: 'Buy now: a fresh one-time link for a configured product',
          requestBody: { content: json('Checkout') },
          responses: {
            201: { description: 'The new link', content: json('PublicLink') },
            403: problem('Origin not allowed'),
            404: problem('Unknown product'),
            429: problem('Rate limited'),
          },
        },
      },
      '/v1/webhooks/{provider}': {
        post: {
          summary: 'Provider notifications (verified)',
          parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Received' },
            401: problem('Not verified'),
            503: problem('Not applied yet (the provider could not be read): send it again'),
          },
        },
      },
      '/v1/webhook-endpoints': {
        post: {
          summary: 'Add an event receiver; the answer carries its signing secret, shown once',
          security: bearer,
          requestBody: { required: true, content: json('CreateWebhookEndpoint') },
          responses: {
            201: { description: 'The endpoint and its `secret` (whsec_…)', content: json('WebhookEndpoint') },
            400: problem('Invalid url or events'),
            401: problem('No or bad API key'),
          },
        },
        get: {
          summary: 'Event receivers and their health (never their secrets)',
          security: bearer,
          responses: { 200: { description: '`{ endpoints: WebhookEndpoint[] }`' } },
        },
      },
      '/v1/webhook-endpoints/{id}': {
        get: {
          summary: 'One event receiver',
          security: bearer,
          parameters: [endpointId],
          responses: {
            200: { description: 'The endpoint', content: json('WebhookEndpoint') },
            404: problem('Unknown endpoint'),
          },
        },
        delete: {
          summary: 'Remove an event receiver (its pending deliveries are canceled)',
          security: bearer,
          parameters: [endpointId],
          responses: {
            204: { description: 'Removed' },
            404: problem('Unknown endpoint'),
            409: problem('Declared in the configuration file'),
          },
        },
      },
      '/v1/events': {
        get: {
          summary: 'The event log, oldest first, for merchants who reconcile by pulling',
          security: bearer,
          parameters: queryParams(listEventsQuery),
          responses: {
            200: { description: '`{ events: Event[], nextCursor }`' },
            400: problem('Invalid query'),
          },
        },
      },
      '/v1/events/{id}': {
        get: {
          summary: 'An event and its delivery attempts',
          security: bearer,
          parameters: [eventId],
          responses: {
            200: { description: '`{ event: Event, deliveries: Delivery[] }`' },
            404: problem('Unknown event'),
          },
        },
      },
      '/v1/events/{id}/redeliver': {
        post: {
          summary: 'Send an event again to every endpoint receiving its type',
          security: bearer,
          parameters: [eventId],
          responses: {
            202: { description: '`{ deliveries: Delivery[] }`' },
            404: problem('Unknown event'),
            409: problem('No endpoint receives this type'),
          },
        },
      },
    },
  };
}
