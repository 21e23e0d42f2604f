import type { CreateLinkRequest } from '@paylink/core';

/** The demo shop's invoices, one per provider, as a merchant back office would create them. */
export const demoLinkRequests: Record<string, (now: Date) => CreateLinkRequest> = {
  placetopay: (now) => ({
    provider: 'placetopay',
    amount: { value: '100000.00', currency: 'COP' },
    title: 'Café de Colombia, 2 kg',
    description: 'Two bags of single-origin Huila coffee, roasted this week.',
    reference: `DEMO-PTP-${now.getTime()}`,
    expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    usageLimit: 1,
    locale: 'es-CO',
  }),
  payroc: (now) => ({
    provider: 'payroc',
    amount: { value: '25.00', currency: 'USD' },
    description: 'Workshop ticket: natural dyes, Saturday 10:00',
    reference: `DEMO-PRC-${now.getTime()}`,
    usageLimit: 1,
  }),
  plexo: () => ({
    provider: 'plexo',
    amountMode: 'flexible',
    amount: { value: '500.00', currency: 'UYU' },
    flexibleAmount: { min: '100.00', max: '5000.00' },
    title: 'Support the community garden',
    description: 'Pay what you want: every peso buys seeds and tools for the Montevideo garden.',
    usageLimit: 1,
  }),
  midtrans: (now) => ({
    provider: 'midtrans',
    amount: { value: '150000', currency: 'IDR' },
    title: 'Batik scarf, hand-stamped',
    description: 'A cotton batik scarf from Yogyakarta, indigo and soga brown.',
    reference: `DEMO-MID-${now.getTime()}`,
    expiresAt: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
    usageLimit: 1,
  }),
};
