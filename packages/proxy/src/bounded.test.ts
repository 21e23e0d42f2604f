// Everything bounded: connections whose requests stall are cut, metrics are not for anyone, and
// a flood of notifications is limited and logged in one throttled line. Real processes where a
// real socket is the point.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProxy, freePort, startChildProxy } from './testing/child-proxy.ts';
import { type Harness, startHarness } from './testing/harness.ts';

/** Opens a raw connection, sends `text`, and resolves with how long until the server closed it. */
function closedAfter(port: number, text: string, limitMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on('error', () => {});
  });
}

describe('the server process', { timeout: 30_000 }, () => {
  let proxy: ChildProxy;
  let dataDir: string;
  let metricsPort: number;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paylink-bounded-'));
    metricsPort = await freePort();
    proxy = await startChildProxy({
      PAYLINK_DATA_DIR: dataDir,
      PAYLINK_REQUEST_TIMEOUT_MS: '1000',
      PAYLINK_KEEP_ALIVE_TIMEOUT_MS: '500',
      PAYLINK_METRICS_ADDR: `127.0.0.1:${metricsPort}`,
    });
  });
  afterAll(async () => {
    await proxy?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const port = () => Number(new URL(proxy.url).port);

  it('closes a connection whose headers never finish', async () => {
    const ms = await closedAfter(port(), 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 5000);
    expect(ms).not.toBeNull();
    expect(ms!).toBeLessThan(3000);
  });

  it('closes a connection whose body never finishes', async () => {
    const head =
      'POST /v1/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":';
    const ms = await closedAfter(port(), head, 5000);
    expect(ms).not.toBeNull();
    expect(ms!).toBeLessThan(3000);
  });

  it('closes an idle keep-alive connection after its answer', async () => {
    const ms = await closedAfter(port(), 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 5000);
    expect(ms).not.toBeNull();
    expect(ms!).toBeLessThan(2000);
  });

  it('serves metrics on their own address only, and readiness as ready/not ready', async () => {
    expect((await fetch(`${proxy.url}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('paylink_http_requests_total');
    expect(await (await fetch(`${proxy.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});

describe('metrics access on the public listener', () => {
  it('needs the bearer token when one is set', async () => {
    const h = await startHarness('midtrans', { PAYLINK_METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      expect((await h.request('/metrics')).status).toBe(401);
      expect(
        (await h.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
      ).toBe(401);
      const ok = await h.request('/metrics', {
        headers: { authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('without a token, answers only the merchant’s own machine', async () => {
    const h = await startHarness('midtrans', { PAYLINK_TRUSTED_PROXIES: '1' });
    try {
      expect((await h.request('/metrics')).status).toBe(200);
      const remote = await h.request('/metrics', { headers: { 'x-forwarded-for': '203.0.113.4' } });
      expect(remote.status).toBe(403);
    } finally {
      await h.close();
    }
  });
});

describe('a flood of notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('midtrans', {
      PAYLINK_TRUSTED_PROXIES: '1',
      PAYLINK_WEBHOOK_RATE_PER_MINUTE: '60',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is rate-limited per sending address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await h.request('/v1/webhooks/midtrans', {
        method: 'POST',
        headers: { 'x-forwarded-for': '203.0.113.66' },
        json: { order_id: 'pl-0', status_code: '200', gross_amount: '1.00', signature_key: 'forged' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    // Another sender is not affected.
    const other = await h.request('/v1/webhooks/midtrans', {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.66' },
      json: { order_id: 'pl-0' },
    });
    expect(other.status).toBe(401);
  });
});

describe('a provider that hangs', () => {
  it('holds no create longer than the provider deadline', { timeout: 20_000 }, async () => {
    const h = await startHarness('midtrans', { PAYLINK_PROVIDER_DEADLINE_MS: '800' });
    try {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ timeout: true }),
      });
      const started = Date.now();
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () =>
          h
            .request('/v1/links', {
              method: 'POST',
              headers: { authorization: `Bearer ${h.apiKey}`, 'idempotency-key': crypto.randomUUID() },
              json: {
                provider: 'midtrans',
                amount: { value: '150000', currency: 'IDR' },
                description: 'Hang',
              },
            })
            .then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(8).fill(503));
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await fetch(`${h.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
      await h.close();
    }
  });
});
