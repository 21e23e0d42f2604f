import type { Emulator, EmulatorOptions } from './common/emulator.ts';
import { createMidtransEmulator } from './midtrans/index.ts';
import { createPayrocEmulator } from './payroc/index.ts';
import { createPlacetopayEmulator } from './placetopay/index.ts';
import { createPlexoEmulator } from './plexo/index.ts';

/** Every provider emulator, by provider name. */
export const emulatorFactories: Readonly<Record<string, (options: EmulatorOptions) => Emulator>> = {
  placetopay: createPlacetopayEmulator,
  plexo: createPlexoEmulator,
  payroc: createPayrocEmulator,
  midtrans: createMidtransEmulator,
};
