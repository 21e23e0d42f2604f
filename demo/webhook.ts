// The shop's event receiver, registered through the proxy with the API key. Its id and signing
// secret (shown by the proxy only once) are kept in `<dataDir>/demo-webhook.json`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PayLinkClient, WEBHOOK_EVENT_TYPES } from '@paylink/core';

export interface DemoWebhookEndpoint {
  id: string;
  /** The address the shop asked for (the proxy may spell it its own way). */
  url: string;
  secret: string;
}

/**
 * The stored endpoint when the proxy still lists it at `url`; otherwise a new one (and the stale
 * one, if the shop moved, deleted so the proxy stops retrying an address nobody answers).
 */
export async function ensureWebhookEndpoint(
  client: PayLinkClient,
  dataDir: string,
  url: string,
): Promise<DemoWebhookEndpoint> {
  const file = join(dataDir, 'demo-webhook.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoWebhookEndpoint) : null;
  if (stored) {
    const listed = (await client.listWebhookEndpoints()).find((endpoint) => endpoint.id === stored.id);
    if (listed && stored.url === url) return stored;
    if (listed) await client.deleteWebhookEndpoint(stored.id);
  }
  // `link.paid` fulfils an order; the other types only change what the page says about it.
  const created = await client.createWebhookEndpoint({
    url,
    events: [...WEBHOOK_EVENT_TYPES],
    description: 'Tienda Aurora (demo shop): order fulfilment',
  });
  const endpoint: DemoWebhookEndpoint = { id: created.id, url, secret: created.secret };
  writeFileSync(file, JSON.stringify(endpoint, null, 2), { mode: 0o600 });
  return endpoint;
}
