/// <reference path="./provided.d.ts" />
import type { TestProject } from 'vitest/node';
import { startFakeProxy } from './fake-proxy.ts';

/** Starts the fake proxy once for the browser project and hands its URL to the tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const proxy = await startFakeProxy();
  project.provide('fakeProxyUrl', proxy.url);
  return () => proxy.close();
}
