import type { Emulator, EmulatorOptions } from './common/emulator.ts';
import { createPlacetopayEmulator } from './placetopay/index.ts';

/** Every provider emulator, by provider name. */
export const emulatorFactories: Readonly<Record<string, (options: EmulatorOptions) => Emulator>> = {
  placetopay: createPlacetopayEmulator,
};
