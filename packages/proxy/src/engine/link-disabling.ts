import { isFinalStatus, LinkStatus } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { problems } from '../problem.ts';
import type { StoredLink } from '../store/store.ts';
import type { LinkReads } from './link-reads.ts';
import type { StatusWriter } from './status-writer.ts';

/** Deactivates links: at the provider first, then locally; a provider failure leaves the link as it was. */
export class LinkDisabling {
  readonly #adapters: ReadonlyMap<string, ProviderAdapter>;
  readonly #links: LinkReads;
  readonly #writer: StatusWriter;

  constructor(options: {
    adapters: ReadonlyMap<string, ProviderAdapter>;
    links: LinkReads;
    writer: StatusWriter;
  }) {
    this.#adapters = options.adapters;
    this.#links = options.links;
    this.#writer = options.writer;
  }

  async disable(linkId: string): Promise<StoredLink> {
    const link = await this.#links.get(linkId);
    if (!link) throw problems.notFound(`Link ${linkId}`);
    if (link.status === LinkStatus.Disabled) return link;
    if (isFinalStatus(link.status)) {
      throw problems.conflict(
        `The link is already ${link.status}; only open links can be disabled.`,
        'link-final',
      );
    }
    const adapter = this.#adapters.get(link.provider);
    if (!adapter) throw problems.notFound(`Provider ${link.provider}`);
    if (!adapter.capabilities.disable)
      throw problems.notImplemented(`${adapter.name} cannot disable links through its API.`);
    await adapter.disable(link.providerRef);
    return this.#writer.apply(
      link,
      { status: LinkStatus.Disabled, payments: link.payments, lastPayment: link.lastPayment },
      'provider',
    );
  }
}
