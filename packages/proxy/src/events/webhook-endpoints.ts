import { createHash, randomBytes } from 'node:crypto';
import { newEndpointId } from '../ids.ts';
import { problems } from '../problem.ts';
import type { LinkStore, WebhookEndpointRecord } from '../store/store.ts';
import { endpointUrlProblem, normalizeEndpointUrl } from './endpoint-url.ts';

/** An endpoint as the configuration file declares it. */
export interface ConfiguredEndpoint {
  url: string;
  events?: string[];
  description?: string;
  secret: string;
}

export interface NewEndpoint {
  url: string;
  events?: readonly string[];
  description?: string;
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The merchant's event receivers: created through the API, the CLI or the configuration file. */
export class WebhookEndpoints {
  readonly #store: LinkStore;
  readonly #production: boolean;
  readonly #now: () => Date;

  constructor(options: { store: LinkStore; production: boolean; now?: () => Date }) {
    this.#store = options.store;
    this.#production = options.production;
    this.#now = options.now ?? (() => new Date());
  }

  /** Creates an endpoint; the returned record holds the secret, to be shown once. */
  async create(input: NewEndpoint, ownerKeyId: string | null): Promise<WebhookEndpointRecord> {
    const problem = endpointUrlProblem(input.url, this.#production);
    if (problem) throw problems.validation([{ field: 'url', message: problem }]);
    const record: WebhookEndpointRecord = {
      id: newEndpointId(),
      url: normalizeEndpointUrl(input.url),
      events: [...new Set(input.events ?? [])],
      description: input.description ?? null,
      secret: newEndpointSecret(),
      source: 'api',
      ownerKeyId,
      createdAt: this.#now().toISOString(),
      health: { consecutiveFailures: 0, failingSince: null, lastError: null, lastSuccessAt: null },
    };
    await this.#store.saveWebhookEndpoint(record);
    return record;
  }

  list(): Promise<WebhookEndpointRecord[]> {
    return this.#store.listWebhookEndpoints();
  }

  /** Removes an API endpoint; configuration endpoints are removed from the file instead. */
  async remove(id: string): Promise<void> {
    const endpoint = await this.#store.getWebhookEndpoint(id);
    if (!endpoint) throw problems.notFound(`Webhook endpoint ${id}`);
    if (endpoint.source === 'config') {
      throw problems.conflict(
        'This endpoint comes from the configuration file; remove it there and restart.',
        'endpoint-configured',
      );
    }
    await this.#store.deleteWebhookEndpoint(id, this.#now().toISOString());
  }

  /** Brings the configuration file's endpoints into the store (ids derived from their URLs). */
  async syncConfigured(configured: readonly ConfiguredEndpoint[]): Promise<void> {
    const wanted = new Set<string>();
    for (const entry of configured) {
      const id = `we_cfg_${createHash('sha256').update(entry.url).digest('hex').slice(0, 20)}`;
      wanted.add(id);
      const existing = await this.#store.getWebhookEndpoint(id);
      await this.#store.saveWebhookEndpoint({
        id,
        url: entry.url,
        events: [...new Set(entry.events ?? [])],
        description: entry.description ?? null,
        secret: entry.secret,
        source: 'config',
        ownerKeyId: null,
        createdAt: existing?.createdAt ?? this.#now().toISOString(),
        health: existing?.health ?? {
          consecutiveFailures: 0,
          failingSince: null,
          lastError: null,
          lastSuccessAt: null,
        },
      });
    }
    for (const endpoint of await this.#store.listWebhookEndpoints()) {
      if (endpoint.source === 'config' && !wanted.has(endpoint.id))
        await this.#store.deleteWebhookEndpoint(endpoint.id, this.#now().toISOString());
    }
  }
}
