import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the fake proxy the element tests talk to (test/global-setup.ts). */
    fakeProxyUrl: string;
  }
}
