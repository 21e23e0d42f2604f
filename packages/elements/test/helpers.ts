/// <reference path="./provided.d.ts" />
/**
 * Browser-side helpers for the element tests: the fake proxy's address and its test-only control
 * API (test/fake-proxy.ts), axe, and shadow-DOM text.
 */
import type { MerchantLinkView, PublicLinkView } from '@paylink/core';
import axe from 'axe-core';
import { inject } from 'vitest';
import type { Fault, LoggedRequest } from './fake-proxy.ts';

/** Base URL of the fake proxy. */
export const proxy = inject('fakeProxyUrl');

/** A fresh public link id, so tests never share a link (or its request log). */
export function newId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let id = 'pl_';
  for (const byte of crypto.getRandomValues(new Uint8Array(20))) id += alphabet[byte % alphabet.length];
  return id;
}

/** Creates or changes a link in the fake (a status change wakes long polls and streams). */
export async function setLink(
  id: string,
  patch: Partial<PublicLinkView> & { fault?: Fault; delayMs?: number; noSse?: boolean } = {},
): Promise<PublicLinkView> {
  const response = await fetch(`${proxy}/_test/links/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  return (await response.json()) as PublicLinkView;
}

/** Configures a product for `POST /v1/checkout`. */
export async function setProduct(
  sku: string,
  template: Partial<PublicLinkView> & { rateLimited?: boolean },
): Promise<void> {
  await fetch(`${proxy}/_test/products/${sku}`, { method: 'POST', body: JSON.stringify(template) });
}

/** Every request the fake received that named this link. */
export async function requestsFor(id: string): Promise<LoggedRequest[]> {
  return (await (await fetch(`${proxy}/_test/requests?link=${id}`)).json()) as LoggedRequest[];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** axe-core's violations inside an element (open shadow roots included). */
export async function axeViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element);
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

/** The rendered text of an element's shadow root, whitespace collapsed (NBSP included). */
export function shadowText(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A part inside an element's shadow root. */
export function part<T extends Element = HTMLElement>(element: Element, name: string): T | null {
  return element.shadowRoot?.querySelector<T>(`[part~='${name}']`) ?? null;
}

/** The real proxy (through the test gate) and its control server (test/real-stack.ts). */
export const stack = inject('stack');

/** Creates a real link through the proxy (the body of `POST /v1/links`; a Placetopay link by default). */
export async function createLink(body: Record<string, unknown> = {}): Promise<MerchantLinkView> {
  const response = await fetch(`${stack.controlUrl}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      provider: 'placetopay',
      amount: { value: '150000.00', currency: 'COP' },
      description: 'Order 1042',
      reference: `T-${Math.random().toString(36).slice(2, 10)}`,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      usageLimit: 1,
      ...body,
    }),
  });
  if (response.status !== 201) throw new Error(`createLink: ${response.status} ${await response.text()}`);
  return (await response.json()) as MerchantLinkView;
}

/** Settles a payment of a real link at its emulator, as the checkout page would. */
export async function payLink(
  id: string,
  outcome: 'approved' | 'rejected' | 'pending' = 'approved',
): Promise<void> {
  const response = await fetch(`${stack.controlUrl}/links/${id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  if (!response.ok) throw new Error(`payLink: ${response.status} ${await response.text()}`);
}

/** Makes the real proxy unreachable (`closed`) or reachable again (`open`). */
export async function setProxyGate(state: 'open' | 'closed'): Promise<void> {
  await fetch(`${stack.controlUrl}/gate/${state}`, { method: 'POST' });
}

/** Requests that found the real proxy unreachable since the gate was last closed. */
export async function refusedRequests(): Promise<number> {
  return ((await (await fetch(`${stack.controlUrl}/gate`)).json()) as { refused: number }).refused;
}

/** A merchant API key this test page may use (the proxy allows its origin), for the form. */
export async function pageApiKey(): Promise<string> {
  return (
    (await (await fetch(`${stack.controlUrl}/page-key`, { method: 'POST' })).json()) as { apiKey: string }
  ).apiKey;
}

/** What a provider's emulator received from the proxy: method, path and parsed body, newest last. */
export async function providerRequests(
  provider: string,
): Promise<{ method: string; path: string; body: Record<string, unknown> }[]> {
  return (await (await fetch(`${stack.controlUrl}/emulators/${provider}/requests`)).json()) as {
    method: string;
    path: string;
    body: Record<string, unknown>;
  }[];
}
