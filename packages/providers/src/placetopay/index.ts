export { definition as placetopay } from './adapter.ts';
export { computeTranKey, createAuth, type PlacetopayAuth } from './auth.ts';
export { routes } from './client.ts';
export { DEFAULT_TIME_ZONE } from './dates.ts';
export { notificationSignature, parseWebhook } from './webhook.ts';
