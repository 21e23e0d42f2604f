import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envName, loadConfig, providerEnv } from './config.ts';

const base = { PAYLINK_DATA_DIR: '/tmp/paylink-config-test' };

describe('loadConfig', () => {
  it('names provider settings as environment variables', () => {
    expect(envName('placetopay', 'secretKey')).toBe('PAYLINK_PLACETOPAY_SECRET_KEY');
    expect(envName('payroc', 'baseUrl')).toBe('PAYLINK_PAYROC_BASE_URL');
    expect(providerEnv('midtrans', { baseUrl: 'http://localhost:8793', serverKey: 'k' })).toEqual({
      PAYLINK_MIDTRANS_BASE_URL: 'http://localhost:8793',
      PAYLINK_MIDTRANS_SERVER_KEY: 'k',
    });
  });

  it('enables a provider only when it is fully configured', () => {
    const config = loadConfig({
      ...base,
      PAYLINK_PLACETOPAY_BASE_URL: 'http://localhost:8791',
      PAYLINK_PLACETOPAY_LOGIN: 'site',
      PAYLINK_PLACETOPAY_SECRET_KEY: 'secret',
    });
    expect(Object.keys(config.providers)).toEqual(['placetopay']);
    expect(config.port).toBe(8787);
    expect(config.publicBaseUrl).toBe('http://localhost:8787');
  });

  it('lists every problem at once, naming the variables to set', () => {
    let error: unknown;
    try {
      loadConfig({
        ...base,
        PAYLINK_PORT: 'eighty',
        PAYLINK_PLACETOPAY_LOGIN: 'site',
        PAYLINK_PUBLIC_URL: 'ftp://x',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PAYLINK_PORT must be a whole number');
    expect(problems).toContain('PAYLINK_PLACETOPAY_BASE_URL');
    expect(problems).toContain('PAYLINK_PLACETOPAY_SECRET_KEY');
    expect(problems).toContain('PAYLINK_PUBLIC_URL');
    expect(problems).not.toContain('site'); // values are never echoed
  });

  it('refuses a development key in production', () => {
    expect(() =>
      loadConfig({ ...base, NODE_ENV: 'production', PAYLINK_DEV_API_KEY: 'plk_dev_key_123456' }),
    ).toThrow(/PAYLINK_DEV_API_KEY is refused when NODE_ENV=production/);
  });

  it('reports an unreadable or invalid configuration file', () => {
    expect(() => loadConfig({ ...base, PAYLINK_CONFIG: '/nonexistent/paylink.json' })).toThrow(/cannot read/);
  });

  it('reads the reconciler budget and webhook endpoints, refusing what would be unsafe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylink-config-'));
    const file = join(dir, 'paylink.json');
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    writeFileSync(
      file,
      JSON.stringify({
        readsPerSecond: { payroc: 2 },
        webhookEndpoints: [{ url: 'https://shop.example/hooks', events: ['link.paid'], secret }],
      }),
    );
    const config = loadConfig({ ...base, PAYLINK_CONFIG: file, PAYLINK_READS_PER_SECOND_MIDTRANS: '0.5' });
    expect(config.readsPerSecond).toEqual({ payroc: 2, midtrans: 0.5 });
    expect(config.defaultReadsPerSecond).toBe(5);
    expect(config.webhookEndpoints).toEqual([
      { url: 'https://shop.example/hooks', events: ['link.paid'], secret },
    ]);
    // Loopback http is for development only.
    writeFileSync(
      file,
      JSON.stringify({ webhookEndpoints: [{ url: 'http://127.0.0.1:9000/hooks', secret }] }),
    );
    expect(loadConfig({ ...base, PAYLINK_CONFIG: file }).webhookEndpoints).toHaveLength(1);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PAYLINK_CONFIG: file })).toThrow(
      /webhookEndpoints\.0\.url must be an https: URL/,
    );
    writeFileSync(
      file,
      JSON.stringify({ webhookEndpoints: [{ url: 'https://a.example', secret: 'short' }] }),
    );
    expect(() => loadConfig({ ...base, PAYLINK_CONFIG: file })).toThrow(/webhookEndpoints\.0\.secret/);
    expect(() => loadConfig({ ...base, PAYLINK_READS_PER_SECOND: '0' })).toThrow(
      /PAYLINK_READS_PER_SECOND must be a number > 0/,
    );
  });

  it('takes every setting from the file under the same names and bounds as the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylink-config-'));
    const file = join(dir, 'paylink.json');
    writeFileSync(
      file,
      JSON.stringify({
        port: 9000,
        host: '0.0.0.0',
        rateLimitPerMinute: 7,
        reconcileIntervalMs: 1000,
        retentionDays: 3,
        trustedProxies: '10.0.0.0/8',
        metricsToken: 'metrics-token-0123456789',
        defaultReadsPerSecond: 2,
      }),
    );
    const config = loadConfig({ ...base, PAYLINK_CONFIG: file });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      rateLimitPerMinute: 7,
      reconcileIntervalMs: 1000,
      retentionDays: 3,
      trustedProxies: { ranges: ['10.0.0.0/8'] },
      metricsToken: 'metrics-token-0123456789',
      defaultReadsPerSecond: 2,
    });
    expect(loadConfig({ ...base, PAYLINK_CONFIG: file, PAYLINK_PORT: '9100' }).port).toBe(9100);
    writeFileSync(file, JSON.stringify({ requestTimeoutMs: 50, surprise: 1 }));
    expect(() => loadConfig({ ...base, PAYLINK_CONFIG: file })).toThrow(
      /requestTimeoutMs[\s\S]*surprise|surprise[\s\S]*requestTimeoutMs/,
    );
    expect(() => loadConfig({ ...base, PAYLINK_REQUEST_TIMEOUT_MS: '50' })).toThrow(
      /PAYLINK_REQUEST_TIMEOUT_MS must be a whole number ≥ 100/,
    );
  });

  it("stops at start on a provider's bad setting, naming the provider", async () => {
    const { createAdapters } = await import('./proxy.ts');
    const config = loadConfig({
      ...base,
      PAYLINK_PLACETOPAY_BASE_URL: 'http://localhost:8791',
      PAYLINK_PLACETOPAY_LOGIN: 'site',
      PAYLINK_PLACETOPAY_SECRET_KEY: 'secret',
      PAYLINK_PLACETOPAY_TIME_ZONE: 'Mars/Olympus_Mons',
    });
    expect(() => createAdapters(config)).toThrow(ConfigError);
    expect(() => createAdapters(config)).toThrow(/Placetopay settings: .*Mars\/Olympus_Mons/);
  });
});
