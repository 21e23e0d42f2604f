import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing-helpers';
import type { LinkStatusView } from '@paylink/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  createLink,
  newId,
  part,
  payLink,
  proxy,
  requestsFor,
  setLink,
  shadowText,
  sleep,
  stack,
} from '../../test/helpers.ts';
import { defineElements } from '../define.ts';
import { activeSourceCount } from '../status/status-source.ts';
import type { PayLinkStatus } from './pay-link-status.ts';

beforeAll(() => defineElements());

async function statusElement(
  id: string,
  attributes: { mode?: string; interval?: number; detailed?: boolean; locale?: string } = {},
) {
  const element = await fixture<PayLinkStatus>(
    html`<pay-link-status
      link=${id}
      proxy=${proxy}
      mode=${attributes.mode ?? 'poll'}
      interval=${attributes.interval ?? 100}
      locale=${attributes.locale ?? 'en'}
      ?detailed=${attributes.detailed ?? false}
    ></pay-link-status>`,
  );
  return element;
}

const badge = (element: PayLinkStatus) => part(element, 'badge')?.textContent?.trim();

describe('<pay-link-status>', () => {
  afterEach(() => {
    fixtureCleanup(); // removing the elements stops their sources
    vi.restoreAllMocks();
  });

  describe('against the real proxy and emulators', () => {
    it.each(['auto', 'poll'])(
      'turns Paid (mode %s) when the payment is approved in the provider, sending paylink-paid',
      async (mode) => {
        const link = await createLink();
        const element = await fixture<PayLinkStatus>(
          html`<pay-link-status link=${link.id} proxy=${stack.proxyUrl} mode=${mode} interval="300" detailed></pay-link-status>`,
        );
        await vi.waitFor(() => expect(element.status).toBe('open'), { timeout: 5000 });
        expect(part(element, 'payments')!.textContent).toBe('Payments: 0 of 1');
        const paid = oneEvent(element, 'paylink-paid');
        await payLink(link.id);
        expect((await paid).detail).toMatchObject({
          id: link.id,
          status: 'paid',
          payments: { count: 1, limit: 1 },
        });
        await vi.waitFor(() => expect(badge(element)).toBe('Paid'));
        expect(part(element, 'badge')!.getAttribute('aria-live')).toBe('polite');
      },
    );
  });

  it('has no accessibility violations', async () => {
    const id = newId();
    await setLink(id, { status: 'pending', payments: { count: 1, limit: 5 } });
    const element = await statusElement(id, { detailed: true });
    await vi.waitFor(() => expect(element.status).toBe('pending'));
    expect(await axeViolations(element)).toEqual([]);
  });

  it('shows loading, then the status, as a polite live region reflected in `status`', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await statusElement(id);
    expect(element.status).toBe('loading');
    const region = part(element, 'badge')!;
    expect(region.getAttribute('role')).toBe('status');
    // Nothing to announce until a status is known (an error is not announced per element).
    expect(region.getAttribute('aria-live')).toBe('off');
    await vi.waitFor(() => expect(region.getAttribute('aria-live')).toBe('polite'));
    await vi.waitFor(() => expect(element.getAttribute('status')).toBe('open'));
    expect(badge(element)).toBe('Open');
  });

  it('flips to paid by itself and sends paylink-status-change and paylink-paid (bubbling, composed)', async () => {
    const id = newId();
    await setLink(id, {});
    const changes: LinkStatusView[] = [];
    const paid: LinkStatusView[] = [];
    const onChange = (event: CustomEvent<LinkStatusView>) => {
      expect(event.bubbles && event.composed).toBe(true);
      changes.push(event.detail);
    };
    const onPaid = (event: CustomEvent<LinkStatusView>) => paid.push(event.detail);
    document.addEventListener('paylink-status-change', onChange);
    document.addEventListener('paylink-paid', onPaid);
    try {
      const element = await statusElement(id);
      await vi.waitFor(() => expect(element.status).toBe('open'));
      await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
      await vi.waitFor(() => expect(element.status).toBe('paid'));
      expect(badge(element)).toBe('Paid');
      expect(changes.map((change) => change.status)).toEqual(['open', 'paid']);
      expect(paid).toHaveLength(1);
      expect(paid[0]!.id).toBe(id);
    } finally {
      document.removeEventListener('paylink-status-change', onChange);
      document.removeEventListener('paylink-paid', onPaid);
    }
  });

  it('shows the payments count and last payment time when detailed', async () => {
    const id = newId();
    await setLink(id, {
      payments: { count: 2, limit: 5 },
      lastPayment: { outcome: 'approved', at: '2026-03-05T10:32:00Z' },
    });
    const element = await statusElement(id, { detailed: true });
    await vi.waitFor(() => expect(part(element, 'payments')?.textContent).toBe('Payments: 2 of 5'));
    expect(part(element, 'last-payment')?.textContent).toMatch(/^Last payment Mar 5, 2026/);
  });

  it('asks again with If-None-Match and gets cheap 304s while nothing changes', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await statusElement(id);
    await vi.waitFor(async () => expect((await requestsFor(id)).length).toBeGreaterThanOrEqual(4), {
      timeout: 3000,
    });
    const [first, ...rest] = await requestsFor(id);
    expect(first).toMatchObject({ path: `/v1/links/${id}/status`, ifNoneMatch: null, status: 200 });
    for (const request of rest) expect(request).toMatchObject({ ifNoneMatch: '"1"', status: 304 });
    expect(element.status).toBe('open');
  });

  it('stops asking once the status is final', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await statusElement(id);
    await vi.waitFor(() => expect(element.status).toBe('open'));
    await setLink(id, { status: 'expired' });
    await vi.waitFor(() => expect(element.status).toBe('expired'));
    const count = (await requestsFor(id)).length;
    await sleep(500);
    expect((await requestsFor(id)).length).toBe(count);
  });

  it('shares one request stream between elements watching the same link', async () => {
    const id = newId();
    await setLink(id, {});
    const container = await fixture<HTMLDivElement>(
      html`<div>
        <pay-link-status link=${id} proxy=${proxy} mode="sse" locale="en"></pay-link-status>
        <pay-link-status link=${id} proxy=${proxy} mode="sse" locale="en" detailed></pay-link-status>
      </div>`,
    );
    const [a, b] = container.querySelectorAll('pay-link-status');
    await vi.waitFor(() => expect([a!.status, b!.status]).toEqual(['open', 'open']));
    await sleep(200);
    const requests = await requestsFor(id);
    expect(requests.filter((request) => request.path.endsWith('/events'))).toHaveLength(1);
    expect(requests.filter((request) => request.path.endsWith('/status'))).toHaveLength(1);
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect([a!.status, b!.status]).toEqual(['paid', 'paid']));
  });

  it('stops watching when no element watches any more', async () => {
    const id = newId();
    await setLink(id, {});
    const before = activeSourceCount();
    const element = await statusElement(id);
    await vi.waitFor(() => expect(element.status).toBe('open'));
    expect(activeSourceCount()).toBe(before + 1);
    element.remove();
    expect(activeSourceCount()).toBe(before);
    const count = (await requestsFor(id)).length;
    await sleep(400);
    expect((await requestsFor(id)).length).toBe(count);
  });

  it('batches plain polling of many links into GET /v1/status?links=…', async () => {
    const ids = [newId(), newId(), newId(), newId(), newId()];
    for (const id of ids) await setLink(id, {});
    const container = await fixture<HTMLDivElement>(
      html`<div>
        ${ids.map((id) => html`<pay-link-status link=${id} proxy=${proxy} mode="poll" interval="100"></pay-link-status>`)}
      </div>`,
    );
    const elements = [...container.querySelectorAll('pay-link-status')];
    await vi.waitFor(() => expect(elements.map((element) => element.status)).toEqual(ids.map(() => 'open')));
    await setLink(ids[2]!, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(elements[2]!.status).toBe('paid'));
    const requests = await requestsFor(ids[0]!);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const request of requests) {
      expect(request.path).toBe('/v1/status');
      expect(request.links).toEqual(expect.arrayContaining([ids[0]!, ids[1]!]));
    }
  });

  it('long-polls (?wait=25 with If-None-Match) when the proxy has no SSE, and sees a change at once', async () => {
    const id = newId();
    await setLink(id, { noSse: true });
    const element = await statusElement(id, { mode: 'auto', interval: 3000 });
    await vi.waitFor(() => expect(element.status).toBe('open'));
    await vi.waitFor(async () => {
      const requests = await requestsFor(id);
      expect(requests.some((request) => request.search === '?wait=25' && request.ifNoneMatch === '"1"')).toBe(
        true,
      );
    });
    const started = Date.now();
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(element.status).toBe('paid'));
    expect(Date.now() - started).toBeLessThan(1500);
    // the SSE attempt, the first read, one held long poll (answered by the change)
    const requests = await requestsFor(id);
    expect(requests.map((request) => request.path.split('/').pop())).toEqual(['status', 'events', 'status']);
  });

  it('probes an unreachable proxy with growing gaps, keeping the last known status', async () => {
    const id = newId();
    await setLink(id, {});
    const errors: unknown[] = [];
    const element = await statusElement(id, { interval: 100 });
    element.addEventListener('paylink-error', (event) => errors.push(event.detail));
    await vi.waitFor(() => expect(element.status).toBe('open'));
    await setLink(id, { fault: 'network' });
    await vi.waitFor(() => expect(part(element, 'notice')?.textContent).toBe('Reconnecting…'));
    const start = (await requestsFor(id)).length;
    await sleep(3500);
    // Chromium itself retries a GET when the connection is reset (each attempt is 2–3 requests, seen
    // up to ~110 ms apart on a loaded machine): count attempts, not requests. Probes are ≥ 300 ms
    // apart, so requests closer than 250 ms are one attempt; without backoff the 100 ms interval
    // would run them all into one attempt, and the count below fails.
    const attempts = (await requestsFor(id))
      .slice(start)
      .filter((request, i, all) => i === 0 || request.at - all[i - 1]!.at > 250);
    // Without backoff a 100 ms interval makes ~35 attempts in 3.5 s; the proxy's recovery probe,
    // doubling from 0.5 s (status/recovery.ts), makes 3 or 4.
    expect(attempts.length).toBeLessThanOrEqual(5);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    const gaps = attempts.slice(1).map((request, i) => request.at - attempts[i]!.at);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!);
    expect(element.status).toBe('open');
    expect(badge(element)).toBe('Open');
    expect(errors).toHaveLength(1);
    await setLink(id, { fault: null, status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect(element.status).toBe('paid'), { timeout: 5000 });
    expect(part(element, 'notice')).toBeNull();
  });

  it('pauses while the page is hidden and reads again as soon as it is visible', async () => {
    const id = newId();
    await setLink(id, {});
    const element = await statusElement(id);
    await vi.waitFor(() => expect(element.status).toBe('open'));
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    document.dispatchEvent(new Event('visibilitychange'));
    await sleep(50);
    const count = (await requestsFor(id)).length;
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await sleep(400);
    expect((await requestsFor(id)).length).toBe(count);
    expect(element.status).toBe('open');
    hidden.mockReturnValue(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(element.status).toBe('paid'), { timeout: 500 });
  });

  it('says when a link does not exist', async () => {
    const element = await statusElement(newId());
    await vi.waitFor(() => expect(element.status).toBe('error'));
    expect(badge(element)).toBe('Payment link not found.');
  });

  it('speaks Spanish, Portuguese and Indonesian, from `locale` or the closest [lang]', async () => {
    const id = newId();
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    const es = await statusElement(id, { locale: 'es-CO' });
    await vi.waitFor(() => expect(badge(es)).toBe('Pagado'));
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="pt-BR"><pay-link-status link=${id} proxy=${proxy} mode="poll"></pay-link-status></div>`,
    );
    const pt = wrapper.querySelector('pay-link-status')!;
    await vi.waitFor(() => expect(badge(pt)).toBe('Pago'));
    wrapper.lang = 'id';
    pt.lang = 'id-ID';
    await vi.waitFor(() => expect(badge(pt)).toBe('Lunas'));
    const fr = await statusElement(id, { locale: 'fr-FR' });
    await vi.waitFor(() => expect(badge(fr)).toBe('Paid'));
    expect(shadowText(fr)).toBe('Paid');
  });
});
