import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the fake proxy the older element tests talk to (test/fake-proxy.ts). */
    fakeProxyUrl: string;
    /** The real proxy (behind a gate) and the stack's control server (test/real-stack.ts). */
    stack: { proxyUrl: string; controlUrl: string };
  }
}
