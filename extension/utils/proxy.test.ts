import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MerchantClient, normalizeProxyUrl, toFailure } from './proxy.ts';

describe('normalizeProxyUrl', () => {
  it.each([
    ['https://pay.example.com/', 'https://pay.example.com'],
    [' https://pay.example.com/paylink/ ', 'https://pay.example.com/paylink'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    // The key would travel in clear.
    ['http://pay.example.com', null],
    ['http://192.168.1.10:8787', null],
    ['https://user:secret@pay.example.com', null],
    ['https://pay.example.com/?key=1', null],
    ['ftp://pay.example.com', null],
    ['pay.example.com', null],
  ])('%j → %j', (text, expected) => {
    expect(normalizeProxyUrl(text)).toBe(expected);
  });
});

describe('MerchantClient against servers that are not PayLink proxies', () => {
  let server: Server;
  let base: string;
  const answers: Record<string, { status: number; type: string; body: string }> = {
    '/html/v1/providers': { status: 200, type: 'text/html', body: '<h1>Welcome</h1>' },
    '/json/v1/providers': { status: 200, type: 'application/json', body: '{"ok":true}' },
    '/missing/v1/providers': { status: 404, type: 'text/plain', body: 'Not Found' },
    '/paylink/v1/providers': {
      status: 401,
      type: 'application/problem+json',
      body: '{"type":"https://paylink.dev/problems/unauthorized","title":"Unauthorized","status":401}',
    },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const answer = answers[request.url ?? ''] ?? { status: 500, type: 'text/plain', body: 'no' };
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = (path: string) =>
    new MerchantClient(`${base}${path}`, 'pk_test').listProviders().then(
      () => null,
      (error: unknown) => toFailure(error),
    );

  it('names a web page, other JSON and a missing route as "not a PayLink proxy"', async () => {
    for (const path of ['/html', '/json', '/missing']) {
      expect(await failure(path)).toMatchObject({ problem: 'not-a-proxy' });
    }
  });

  it('keeps the proxy’s own answer for a wrong key', async () => {
    expect(await failure('/paylink')).toMatchObject({ status: 401, problem: 'unauthorized' });
  });

  it('says unreachable (no status) when nothing listens', async () => {
    const closed = await new MerchantClient('http://127.0.0.1:9', 'pk_test').listProviders().catch(toFailure);
    expect(closed).toMatchObject({ status: null, problem: null });
  });
});
