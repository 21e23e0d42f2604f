// The status transports are a lazy chunk (status-controller.ts). This file must import nothing that
// loads status-source.ts statically: the point is what happens before, and when, it arrives.
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import '../../test/commands.ts';
import { newId, part, proxy, setLink } from '../../test/helpers.ts';
import { defineElements } from '../define.ts';
import type { PayLinkButton } from '../pay-link-button/pay-link-button.ts';
import type { PayLinkStatus } from '../pay-link-status/pay-link-status.ts';

beforeAll(() => defineElements());

describe('status transports that cannot load at first (the origin serving them is down)', () => {
  afterEach(() => fixtureCleanup());

  // Both cases in one test: the chunk loads once per page, so the second would find it loaded.
  it('shows the outage, then the button and the badge follow the status once the chunk loads', async () => {
    const id = newId();
    await setLink(id, {});
    // Two refused loads: the first element's own attempt, then the first retry.
    await commands.failModuleLoads('/status/status-source.ts', 2);
    const [button, badge] = await Promise.all([
      fixture<PayLinkButton>(html`<pay-link-button link=${id} proxy=${proxy} locale="en"></pay-link-button>`),
      fixture<PayLinkStatus>(
        html`<pay-link-status link=${id} proxy=${proxy} mode="poll" interval="100" locale="en"></pay-link-status>`,
      ),
    ]);
    // The badge says it cannot follow the link; the button paints from its view regardless.
    await vi.waitFor(() => expect(badge.status).toBe('error'));
    expect(part(badge, 'badge')!.textContent).toBe('Could not load the payment link.');
    await vi.waitFor(() => expect(button.status).toBe('open'));
    // Tried again within 3 s: both follow the live status from then on.
    await vi.waitFor(() => expect(badge.status).toBe('open'), { timeout: 4000 });
    await setLink(id, { status: 'paid', payments: { count: 1, limit: 1 } });
    await vi.waitFor(() => expect([button.status, badge.status]).toEqual(['paid', 'paid']), {
      timeout: 4000,
    });
  });
});
