export * from './adapter.ts';
export * from './http.ts';
export { providerDefinitions } from './registry.ts';
