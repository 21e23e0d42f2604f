import { WebhookEventType as EventType, type StatusSnapshot } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import type { StoredLink } from '../store/store.ts';
import { eventTypesFor, nextState } from './status-rules.ts';

const EXPIRY = Date.parse('2030-01-01T12:00:00Z');
const GRACE_MS = 10 * 60_000;
const before = new Date(EXPIRY - 60_000);
const justAfter = new Date(EXPIRY + 60_000);
const pastGrace = new Date(EXPIRY + GRACE_MS + 60_000);

const link = (fields: Partial<StoredLink> = {}): StoredLink => ({
  id: 'pl_rules00000000000000000',
  provider: 'placetopay',
  providerRef: '1',
  url: 'https://checkout.example/1',
  status: 'open',
  payments: { count: 0, limit: 1 },
  lastPayment: null,
  version: 1,
  amount: { value: '10.00', currency: 'USD' },
  amountMode: 'fixed',
  flexibleAmount: null,
  title: null,
  description: 'rules',
  reference: null,
  customer: null,
  metadata: null,
  expiresAt: new Date(EXPIRY).toISOString(),
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  checkedAt: '2030-01-01T00:00:00.000Z',
  ownerKeyId: 'key_1',
  provisional: false,
  ...fields,
});
const open: StatusSnapshot = { status: 'open', payments: { count: 0, limit: 1 }, lastPayment: null };
const paid: StatusSnapshot = {
  status: 'paid',
  payments: { count: 1, limit: 1 },
  lastPayment: { outcome: 'approved', at: new Date(EXPIRY - 5000).toISOString() },
};
const pending: StatusSnapshot = {
  status: 'pending',
  payments: { count: 0, limit: 1 },
  lastPayment: { outcome: 'pending', at: null },
};

describe('nextState', () => {
  it('lets our clock expire an open link only provisionally, and only past its expiry', () => {
    expect(nextState(link(), link(), 'clock', before, GRACE_MS)).toBeNull();
    expect(nextState(link(), link(), 'clock', justAfter, GRACE_MS)).toMatchObject({
      status: 'expired',
      provisional: true,
    });
  });

  it('turns a provisional expiry paid when the provider reports a payment', () => {
    const expired = link({ status: 'expired', provisional: true });
    expect(nextState(expired, paid, 'provider', justAfter, GRACE_MS)).toMatchObject({
      status: 'paid',
      provisional: false,
      payments: { count: 1, limit: 1 },
    });
  });

  it('never changes a confirmed final state', () => {
    expect(nextState(link({ status: 'expired' }), paid, 'provider', justAfter, GRACE_MS)).toBeNull();
    expect(nextState(link({ status: 'paid' }), open, 'provider', before, GRACE_MS)).toBeNull();
  });

  it('confirms the expiry when the provider says expired', () => {
    const expired = link({ status: 'expired', provisional: true });
    expect(nextState(expired, { ...open, status: 'expired' }, 'provider', justAfter, GRACE_MS)).toMatchObject(
      {
        status: 'expired',
        provisional: false,
      },
    );
  });

  it('keeps the expiry provisional while the provider reports the link open within the grace window', () => {
    const expired = link({ status: 'expired', provisional: true });
    expect(nextState(expired, open, 'provider', justAfter, GRACE_MS)).toBeNull();
    expect(nextState(link(), open, 'provider', justAfter, GRACE_MS)).toMatchObject({
      status: 'expired',
      provisional: true,
    });
  });

  it('confirms the expiry after the grace window when a read finds no payment, never while one is pending', () => {
    const expired = link({ status: 'expired', provisional: true });
    expect(nextState(expired, open, 'provider', pastGrace, GRACE_MS)).toMatchObject({
      status: 'expired',
      provisional: false,
    });
    expect(nextState(expired, pending, 'provider', pastGrace, GRACE_MS)).toMatchObject({
      status: 'expired',
      provisional: true,
      lastPayment: { outcome: 'pending' },
    });
  });

  it('never lowers the payment count', () => {
    const multi = link({ payments: { count: 3, limit: 5 }, expiresAt: null });
    expect(
      nextState(multi, { ...open, payments: { count: 1, limit: 5 } }, 'provider', before, GRACE_MS),
    ).toBeNull();
  });
});

describe('eventTypesFor', () => {
  const state = (fields: Partial<StoredLink>) => link(fields);

  it('sends link.paid when the link is paid, also after a provisional expiry', () => {
    expect(eventTypesFor(state({}), state({ status: 'paid' }))).toEqual([EventType.LinkPaid]);
    expect(eventTypesFor(state({ status: 'expired', provisional: true }), state({ status: 'paid' }))).toEqual(
      [EventType.LinkPaid],
    );
  });

  it('sends nothing for a provisional expiry, and link.expired once it is confirmed', () => {
    const provisional = state({ status: 'expired', provisional: true });
    expect(eventTypesFor(state({}), provisional)).toEqual([]);
    expect(eventTypesFor(provisional, state({ status: 'expired' }))).toEqual([EventType.LinkExpired]);
    expect(eventTypesFor(state({}), state({ status: 'expired' }))).toEqual([EventType.LinkExpired]);
  });

  it('sends link.pending, link.payment_failed and link.disabled for those changes', () => {
    const inFlight = state({ status: 'pending', lastPayment: { outcome: 'pending', at: null } });
    expect(eventTypesFor(state({}), inFlight)).toEqual([EventType.LinkPending]);
    const rejected = state({ lastPayment: { outcome: 'rejected', at: '2030-01-01T11:00:00Z' } });
    expect(eventTypesFor(inFlight, rejected)).toEqual([EventType.LinkPaymentFailed]);
    expect(
      eventTypesFor(
        rejected,
        state({ ...rejected, lastPayment: { outcome: 'rejected', at: '2030-01-01T11:30:00Z' } }),
      ),
    ).toEqual([EventType.LinkPaymentFailed]);
    expect(eventTypesFor(state({}), state({ status: 'disabled' }))).toEqual([EventType.LinkDisabled]);
  });
});
