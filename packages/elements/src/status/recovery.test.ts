// A page with many elements whose proxy goes away and comes back: the real proxy and emulators
// (test/real-stack.ts), with the gate in front of the proxy closed to play the outage.
import { fixtureCleanup } from '@open-wc/testing-helpers';
import type { MerchantLinkView } from '@paylink/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createLink,
  part,
  payLink,
  refusedRequests,
  setProxyGate,
  sleep,
  stack,
} from '../../test/helpers.ts';
import { defineElements } from '../define.ts';
import type { PayLinkButton } from '../pay-link-button/pay-link-button.ts';
import type { PayLinkStatus } from '../pay-link-status/pay-link-status.ts';

beforeAll(() => defineElements());
afterEach(async () => {
  await setProxyGate('open');
  fixtureCleanup();
  document.querySelector('#page')?.remove();
});

const OUTAGE_TEXT = 'Payment links are unavailable for now. Reconnecting…';
const announcer = () => document.querySelector<HTMLElement>('[data-paylink="announcer"]');

/** Every element of the page, with its shadow root's `role="alert"` nodes and live regions. */
function alerts(elements: Element[]): Element[] {
  return elements.flatMap((element) => [...(element.shadowRoot?.querySelectorAll('[role="alert"]') ?? [])]);
}

/** A page of buttons and statuses, one of each per link. */
function mountPage(ids: string[]): { buttons: PayLinkButton[]; statuses: PayLinkStatus[] } {
  const page = document.createElement('div');
  page.id = 'page';
  page.lang = 'en';
  const buttons = ids.map((id) =>
    Object.assign(document.createElement('pay-link-button'), { link: id, proxy: stack.proxyUrl }),
  );
  const statuses = ids.map((id) =>
    Object.assign(document.createElement('pay-link-status'), { link: id, proxy: stack.proxyUrl }),
  );
  page.append(...buttons, ...statuses);
  document.body.append(page);
  return { buttons, statuses };
}

describe('a page whose proxy goes away', () => {
  let links: MerchantLinkView[];
  beforeAll(async () => {
    links = [];
    for (let i = 0; i < 25; i++) links.push(await createLink({ description: `Item ${i}` }));
  });

  it('keeps the last known state, says so once, and is back within 5 s of the proxy (with what happened meanwhile)', {
    timeout: 40_000,
  }, async () => {
    const { buttons, statuses } = mountPage(links.map((link) => link.id));
    const all = [...buttons, ...statuses];
    await vi.waitFor(() => expect(all.every((element) => element.status === 'open')).toBe(true), {
      timeout: 10_000,
    });

    await setProxyGate('closed');
    await vi.waitFor(() => expect(announcer()?.textContent).toBe(OUTAGE_TEXT), { timeout: 5000 });
    await vi.waitFor(
      () => expect(statuses.every((s) => part(s, 'notice')?.textContent === 'Reconnecting…')).toBe(true),
      {
        timeout: 5000,
      },
    );
    // Long enough for per-element backoff to have grown far past 5 s (it reached 46–54 s before).
    await payLink(links[0]!.id);
    await sleep(9000);
    // Shown, not shouted: no alert anywhere, and each status still says its last known state.
    expect(alerts(all)).toEqual([]);
    expect(statuses.map((s) => part(s, 'badge')!.textContent)).toEqual(statuses.map(() => 'Open'));
    // One probe loop for the page, not one retry schedule per element (Chromium retries a reset
    // GET once, so each probe may count twice).
    expect(await refusedRequests()).toBeLessThanOrEqual(30);

    const reopened = performance.now();
    await setProxyGate('open');
    await vi.waitFor(
      () => {
        expect(statuses.filter((s) => part(s, 'notice') !== null)).toEqual([]);
        expect(statuses[0]!.status).toBe('paid');
        expect(buttons[0]!.status).toBe('paid');
      },
      { timeout: 8000, interval: 50 },
    );
    const recoveredMs = performance.now() - reopened;
    expect(recoveredMs).toBeLessThan(5000);
    expect(announcer()?.textContent).toBe('');
    console.info(`recovered ${Math.round(recoveredMs)} ms after the proxy came back`);
  });

  it('loads every button once the proxy is back, when it was down as the page loaded', {
    timeout: 30_000,
  }, async () => {
    await setProxyGate('closed');
    const { buttons } = mountPage(links.slice(1, 11).map((link) => link.id));
    await vi.waitFor(() => expect(buttons.every((b) => b.status === 'error')).toBe(true), { timeout: 5000 });
    expect(buttons.map((b) => part(b, 'error')?.textContent)).toEqual(
      buttons.map(() => 'Could not load the payment link.'),
    );
    expect(alerts(buttons)).toEqual([]);
    await vi.waitFor(() => expect(announcer()?.textContent).toBe(OUTAGE_TEXT), { timeout: 5000 });
    await sleep(5000);
    const reopened = performance.now();
    await setProxyGate('open');
    await vi.waitFor(() => expect(buttons.every((b) => b.status === 'open')).toBe(true), {
      timeout: 8000,
      interval: 50,
    });
    expect(performance.now() - reopened).toBeLessThan(5000);
  });
});
