export * from './common/control.ts';
export * from './common/emulator.ts';
export * from './common/html.ts';
export * from './common/serve.ts';
export { emulatorFactories } from './registry.ts';
