export { definition as midtrans } from './adapter.ts';
export { basicAuth, MidtransClient, routes } from './client.ts';
export { parseWebhook, signatureKey } from './webhook.ts';
