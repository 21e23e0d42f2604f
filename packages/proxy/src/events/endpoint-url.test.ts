import { describe, expect, it } from 'vitest';
import { endpointUrlProblem, normalizeEndpointUrl } from './endpoint-url.ts';

describe('endpointUrlProblem', () => {
  it('accepts https anywhere and http on loopback in development only', () => {
    expect(endpointUrlProblem('https://shop.example/hooks?x=1', true)).toBeNull();
    for (const url of [
      'http://localhost:3000/h',
      'http://127.0.0.1/h',
      'http://127.8.0.1/h',
      'http://[::1]:8080/h',
    ]) {
      expect(endpointUrlProblem(url, false)).toBeNull();
      expect(endpointUrlProblem(url, true)).toBe('must be an https: URL');
    }
    expect(endpointUrlProblem('http://shop.example/h', false)).toMatch(/https/);
    expect(endpointUrlProblem('http://localhost.evil.example/h', false)).toMatch(/https/);
    expect(endpointUrlProblem('http://127.evil.example/h', false)).toMatch(/https/);
  });

  it('refuses relative URLs, credentials, other schemes and anything over 2,048 characters', () => {
    expect(endpointUrlProblem('/hooks', false)).toMatch(/absolute/);
    expect(endpointUrlProblem('https://user@shop.example/', false)).toMatch(/credentials/);
    expect(endpointUrlProblem('javascript:alert(1)', false)).toMatch(/https/);
    expect(endpointUrlProblem('https://shop.example/hooks#x', false)).toMatch(/fragment/);
    expect(endpointUrlProblem(`https://shop.example/${'a'.repeat(2030)}`, false)).toMatch(/2048/);
  });

  it('stores URLs normalised', () => {
    expect(normalizeEndpointUrl('HTTPS://Shop.Example/Hooks?a=1')).toBe('https://shop.example/Hooks?a=1');
  });
});
