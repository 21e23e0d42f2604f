import type { ProviderDefinition } from './adapter.ts';
import { placetopay } from './placetopay/index.ts';

/** Every provider PayLink ships, by name. */
export const providerDefinitions: Readonly<Record<string, ProviderDefinition>> = {
  [placetopay.name]: placetopay,
};
