import { emulatorFactories } from '@paylink/emulators';
import { runContractSuite } from '../contract-suite.ts';
import { clientSide } from './fixtures/index.ts';
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
  publishedCreate: {
    path: /^\/v1\/payment-links$/,
    bodies: [clientSide.createReference(), clientSide.createCurl(), clientSide.createXct007()],
    // Required for a fixed-amount link (payment-link-api.md "Request Body"; midtrans.md §3.1).
    required: ['transaction_details.order_id', 'transaction_details.gross_amount'],
  },
});
