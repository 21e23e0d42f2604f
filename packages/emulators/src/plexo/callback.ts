// The payment callback the emulator POSTs after a payment. Plexo does not document its body,
// events or signature (shared/providers/plexo.md §5, §8 "keep the emulator's callback body and
// signing behind one switchable module"): this module is the one place to correct once it is known.
import type { JsonNumber } from './json.ts';

export interface CallbackPayment {
  transactionId: string;
  status: 'approved' | 'declined' | 'pending';
  currency: string;
  total: JsonNumber;
  paymentMethod: string;
  installments: number;
  createdAt: string;
}

export interface CallbackLink {
  id: string;
  externalId: string;
  merchantId: number;
}

/** Body and headers of one callback (invented shape, unsigned: no scheme is documented). */
export function buildCallback(
  link: CallbackLink,
  payment: CallbackPayment,
): { body: unknown; headers: Record<string, string> } {
  return {
    body: {
      event: 'payment-link.payment',
      paymentLinkId: link.id,
      externalId: link.externalId,
      merchantId: link.merchantId,
      transactionId: payment.transactionId,
      status: payment.status,
      amount: { currency: payment.currency, total: payment.total },
      paymentMethod: payment.paymentMethod,
      installments: payment.installments,
      createdAt: payment.createdAt,
    },
    headers: {},
  };
}
