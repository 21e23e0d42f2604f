// Graceful shutdown: SIGTERM lets a request in flight finish, then the process exits cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, emulatorFactories, listenDeferred } from '@paylink/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEnv } from './config.ts';
import { type ChildProxy, startChildProxy } from './testing/child-proxy.ts';

describe('graceful shutdown', () => {
  let emulator: Emulator;
  let emulatorServer: Awaited<ReturnType<typeof listenDeferred>>;
  let proxy: ChildProxy;
  let dataDir: string;
  const apiKey = 'plk_shutdown_test_key_0123456789';

  beforeAll(async () => {
    emulatorServer = await listenDeferred();
    emulator = emulatorFactories.placetopay!({ publicUrl: `http://localhost:${emulatorServer.port}` });
    emulatorServer.setApp(emulator.app);
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-shutdown-'));
    proxy = await startChildProxy({
      PAYLINK_DATA_DIR: dataDir,
      PAYLINK_DEV_API_KEY: apiKey,
      ...providerEnv('placetopay', emulator.adapterSettings),
    });
  }, 30_000);

  afterAll(async () => {
    await proxy?.kill();
    emulator?.close();
    await emulatorServer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the create in flight, then exits with 0', async () => {
    await fetch(`${emulatorServer.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 800 }),
    });
    const inFlight = fetch(`${proxy.url}/v1/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        provider: 'placetopay',
        amount: { value: '1000', currency: 'COP' },
        description: 'Last one',
      }),
    });
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<number | null>((resolve) =>
      proxy.process.once('exit', (code) => resolve(code)),
    );
    proxy.process.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(await exited).toBe(0);
    // New connections are refused once it stopped.
    await expect(fetch(`${proxy.url}/healthz`)).rejects.toThrow();
  });
});
