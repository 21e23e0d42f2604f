import { emulatorFactories } from '@paylink/emulators';
import { runContractSuite } from '../contract-suite.ts';
import { midtrans } from './index.ts';

runContractSuite({
  definition: midtrans,
  createEmulator: emulatorFactories.midtrans!,
  // A single-use IDR link (whole rupiah).
  request: {
    provider: 'midtrans',
    amount: { value: '190000.00', currency: 'IDR' },
    description: 'Contract test invoice',
    reference: 'INV-1042',
    usageLimit: 1,
  },
  badCredentials: { serverKey: 'SB-Mid-server-wrong' },
  idempotentCreates: true,
});
