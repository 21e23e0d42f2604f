export { capabilities, createAdapter, definition as template } from './adapter.ts';
export { notificationSignature, parseWebhook, SIGNATURE_HEADER } from './webhook.ts';
