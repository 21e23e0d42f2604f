import { ProviderError, ProviderErrorKind } from '@paylink/core';
import type { ProviderAdapter } from '@paylink/providers';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem.ts';
import { CircuitBreaker, guardAdapter, withDeadline } from './provider-guard.ts';

const down = () => new ProviderError('acme', ProviderErrorKind.Unavailable, 'down');

describe('provider guard', () => {
  it('ends a call that outlives its deadline as unavailable, and aborts it', async () => {
    let aborted = false;
    const started = Date.now();
    const call = withDeadline('acme', 150, (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<never>(() => {});
    });
    await expect(call).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'acme did not answer within 150 ms',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('tells clients to come back when the open circuit will let a call through', async () => {
    let now = 0;
    const breaker = new CircuitBreaker('acme', { failureThreshold: 2, cooldownMs: 7000, now: () => now });
    const adapter = guardAdapter(
      { name: 'acme', capabilities: {}, get: () => Promise.reject(down()) } as unknown as ProviderAdapter,
      breaker,
      [],
      1000,
    );
    await expect(adapter.get('1')).rejects.toMatchObject({ message: 'down' });
    await expect(adapter.get('1')).rejects.toMatchObject({ message: 'down' });
    now = 2000;
    const paused = await adapter.get('1').catch((e: unknown) => e);
    expect(paused).toMatchObject({ retryAfterMs: 5000 });
    expect(toProblem(paused).headers['retry-after']).toBe('5');
  });
});
