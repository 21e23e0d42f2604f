// Step 9: the shared contract suite against the emulator, over real HTTP. The template's emulator is
// not in `emulatorFactories` (it stands in for no real provider), so it is imported by path.
import { readFileSync } from 'node:fs';
import { createTemplateEmulator } from '../../../emulators/src/_template/index.ts';
import { runContractSuite } from '../contract-suite.ts';
import { template } from './index.ts';

const published = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

runContractSuite({
  definition: template,
  createEmulator: createTemplateEmulator,
  request: {
    provider: 'template',
    amount: { value: '1500.00', currency: 'USD' },
    description: 'Invoice #1042',
    reference: 'INV-1042',
    usageLimit: 1,
  },
  badCredentials: { apiKey: 'wrong' },
  publishedCreate: {
    path: /^\/v1\/links$/,
    bodies: [published('create-request.json')],
    required: ['amount_minor', 'currency', 'description', 'single_use', 'notify_url'],
  },
});
