// Test harness: the real proxy (in-process Hono app) wired to a real provider emulator served on
// loopback, so notifications travel over HTTP both ways. Nothing of ours is replaced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkStatusView, MerchantLinkView } from '@paylink/core';
import { type Emulator, emulatorFactories, listenDeferred, type RunningServer } from '@paylink/emulators';
import { loadConfig, providerEnv } from '../config.ts';
import { silentLogger } from '../log.ts';
import { createProxy, type PayLinkProxy } from '../proxy.ts';

export interface Harness {
  proxy: PayLinkProxy;
  proxyUrl: string;
  emulator: Emulator;
  emulatorUrl: string;
  apiKey: string;
  dataDir: string;
  /** Calls the proxy over HTTP. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Creates a link with the development key (a fresh Idempotency-Key); fails unless 201. */
  createLink(body: Record<string, unknown>): Promise<MerchantLinkView>;
  /** `GET /v1/links/{id}/status`, parsed. */
  status(linkId: string): Promise<LinkStatusView>;
  /** Provider reads of one link the emulator received (GET requests naming it). */
  providerReads(providerRef: string): number;
  /** Settles a payment at the emulator exactly as its checkout page would. */
  pay(providerRef: string, outcome: 'approved' | 'rejected' | 'pending'): Promise<void>;
  /** Closes and reopens the proxy on the same data (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  provider = 'placetopay',
  env: Record<string, string> = {},
  /** The adapters' fetch, for tests that stand in for a misbehaving provider on the wire. */
  options: { fetch?: typeof fetch } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paylink-proxy-'));
  const proxyServer = await listenDeferred();
  const proxyUrl = `http://localhost:${proxyServer.port}`;
  const emulatorServer: RunningServer & { setApp(app: Emulator['app']): void } = await listenDeferred();
  const emulatorUrl = `http://localhost:${emulatorServer.port}`;
  const emulator = emulatorFactories[provider]!({
    publicUrl: emulatorUrl,
    notificationUrl: `${proxyUrl}/v1/webhooks/${provider}`,
  });
  emulatorServer.setApp(emulator.app);
  const fullEnv: Record<string, string> = {
    PAYLINK_DATA_DIR: dataDir,
    PAYLINK_PUBLIC_URL: proxyUrl,
    PAYLINK_DEV_API_KEY: 'plk_test_harness_key_0123456789',
    PAYLINK_NUDGE_FLOOR_MS: '0',
    ...providerEnv(provider, emulator.adapterSettings),
    ...env,
  };
  const open = async () =>
    createProxy(loadConfig({ ...fullEnv, NODE_ENV: 'test' }), { log: silentLogger, fetch: options.fetch });
  const harness: Harness = {
    proxy: await open(),
    proxyUrl,
    emulator,
    emulatorUrl,
    apiKey: fullEnv.PAYLINK_DEV_API_KEY!,
    dataDir,
    request: (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${proxyUrl}${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    },
    createLink: async (body) => {
      const response = await harness.request('/v1/links', {
        method: 'POST',
        headers: { authorization: `Bearer ${harness.apiKey}`, 'idempotency-key': crypto.randomUUID() },
        json: body,
      });
      if (response.status !== 201)
        throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as MerchantLinkView;
    },
    status: async (linkId) =>
      (await (await harness.request(`/v1/links/${linkId}/status`)).json()) as LinkStatusView,
    providerReads: (providerRef) =>
      emulator.control.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/${providerRef}`))
        .length,
    pay: async (providerRef, outcome) => {
      const response = await fetch(`${emulatorUrl}/_emulator/links/${encodeURIComponent(providerRef)}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      });
      if (!response.ok) throw new Error(`pay failed: ${response.status} ${await response.text()}`);
    },
    restart: async () => {
      await harness.proxy.close();
      harness.proxy = await open();
      proxyServer.setApp(harness.proxy.app);
    },
    close: async () => {
      emulator.close();
      await proxyServer.close();
      await emulatorServer.close();
      await harness.proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  proxyServer.setApp(harness.proxy.app);
  return harness;
}
