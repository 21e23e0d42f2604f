import { emulatorFactories } from '@paylink/emulators';
import { runContractSuite } from '../contract-suite.ts';
import { placetopay } from './index.ts';

runContractSuite({
  definition: placetopay,
  createEmulator: emulatorFactories.placetopay!,
  request: {
    provider: 'placetopay',
    amount: { value: '100000.00', currency: 'COP' },
    title: 'Invoice 1042',
    description: 'Consulting, July',
    reference: 'INV-1042',
    usageLimit: 1,
    locale: 'es-CO',
    customer: { email: 'ana@example.com' },
  },
  badCredentials: { secretKey: 'wrong' },
});
