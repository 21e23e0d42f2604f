import type { ProviderDefinition } from './adapter.ts';
import { midtrans } from './midtrans/index.ts';
import { payroc } from './payroc/index.ts';
import { placetopay } from './placetopay/index.ts';
import { plexo } from './plexo/index.ts';

/** Every provider PayLink ships, by name. */
export const providerDefinitions: Readonly<Record<string, ProviderDefinition>> = {
  [placetopay.name]: placetopay,
  [plexo.name]: plexo,
  [payroc.name]: payroc,
  [midtrans.name]: midtrans,
};
