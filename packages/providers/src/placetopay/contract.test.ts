import { emulatorFactories } from '@paylink/emulators';
import { runContractSuite } from '../contract-suite.ts';
import { requests } from './fixtures/index.ts';
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
  publishedCreate: {
    path: /^\/api\/payment-link$/,
    bodies: [requests.create],
    // In the request field list, not in the example (seed 001 "Payment links": `isGeneric`, boolean).
    documented: { isGeneric: 'boolean' },
    // Required fields of the create body (payment-links OpenAPI, shared/providers/placetopay.md §3.1).
    required: [
      'auth.login',
      'auth.tranKey',
      'auth.nonce',
      'auth.seed',
      'name',
      'description',
      'reference',
      'expirationDate',
      'paymentExpiration',
      'payment.amount.currency',
      'payment.amount.total',
    ],
  },
});
