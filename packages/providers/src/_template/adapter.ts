// Step 7: the adapter factory, `createAdapter(settings, deps)`, and the definition the registry lists
// (a real provider is added to ../registry.ts; this example never is). Capabilities name in
// `inferred` what no public document states.
import { LinkStatus } from '@paylink/core';
import {
  type AdapterDeps,
  defineProvider,
  type ProviderAdapter,
  type ProviderCapabilities,
} from '../adapter.ts';
import { TemplateClient } from './client.ts';
import { PROVIDER, readSettings, settings, type TemplateSettings } from './settings.ts';
import { toLinkState } from './status.ts';
import { validateRequest } from './validation.ts';
import { parseWebhook, SIGNATURE_HEADER } from './webhook.ts';
import { toCreateBody } from './wire.ts';

/** What the provider can do (README.md, "Documented and inferred"). */
export const capabilities: ProviderCapabilities = {
  webhooks: 'signed',
  share: 'none',
  disable: true,
  read: true,
  usageLimit: 'single-or-unlimited',
  unlimitedUsage: true,
  expiryRequired: false,
  items: false,
  locale: false,
  currencies: null,
};

/** An adapter for checked settings (`readSettings`). */
export function createAdapter(settings: TemplateSettings, deps: AdapterDeps = {}): ProviderAdapter {
  const client = new TemplateClient({ ...settings, fetch: deps.fetch, timeoutMs: deps.timeoutMs });
  return {
    name: PROVIDER,
    capabilities,
    validate: validateRequest,
    async create(request, context) {
      const link = await client.create(toCreateBody(request, context.notificationUrl), context.signal);
      const state = toLinkState(link);
      return { providerRef: link.id, url: link.url, state: { ...state, status: LinkStatus.Open } };
    },
    get: async (providerRef, signal) => toLinkState(await client.get(providerRef, signal)),
    disable: (providerRef, signal) => client.disable(providerRef, signal),
    parseWebhook: async (input) =>
      parseWebhook(input.rawBody, input.headers.get(SIGNATURE_HEADER), settings.webhookSecret),
  };
}

/** The worked example of "Adding a provider": not a real provider, never registered in the proxy. */
export const definition = defineProvider({
  name: PROVIDER,
  title: 'Template (worked example)',
  settings,
  readSettings,
  createAdapter,
});
