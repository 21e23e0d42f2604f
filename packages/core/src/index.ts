export * from './client.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './link.ts';
export * from './money.ts';
export * from './status.ts';
export * from './text.ts';
export * from './urls.ts';
