/// <reference path="./provided.d.ts" />
import type { TestProject } from 'vitest/node';
import { startFakeProxy } from './fake-proxy.ts';
import { startRealStack } from './real-stack.ts';

/**
 * Starts, once for the browser project, the real proxy and emulators (test/real-stack.ts) and the
 * fake proxy the older tests still use, and hands their addresses to the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [fake, real] = await Promise.all([startFakeProxy(), startRealStack()]);
  project.provide('fakeProxyUrl', fake.url);
  project.provide('stack', { proxyUrl: real.proxyUrl, controlUrl: real.controlUrl });
  return async () => {
    await Promise.all([fake.close(), real.close()]);
  };
}
