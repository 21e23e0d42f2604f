// The payment callback the emulator POSTs after a payment, and the payment `GET /v1/payments/{id}`
// answers: both are a `PaymentDto` (Callbacks Guide, https://plexo.gitbook.io/rest-api/operations/callbacks:
// "The callback body is a PaymentDto"; unsigned, since "signature headers" are not part of the public
// contract). Field names and shapes follow the public examples in `activemerchant/active_merchant`
// `test/unit/gateways/plexo_test.rb` (copied in packages/providers/src/plexo/fixtures/). This module is
// the one place to correct once more is known.
import type { JsonNumber } from './json.ts';

export interface CallbackPayment {
  /** The payment's id: 24 hex digits, as in the public examples. */
  id: string;
  /** The purchase transaction's id (24 hex digits). */
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

/** Plexo's payment status words: "approved, pending, or denied" (Payment Processing Guide). */
function plexoStatus(status: CallbackPayment['status']): 'approved' | 'pending' | 'denied' {
  switch (status) {
    case 'approved':
      return 'approved';
    case 'pending':
      return 'pending';
    case 'declined':
      return 'denied';
    default:
      throw new Error(`unknown payment status ${String(status)}`);
  }
}

/**
 * The `PaymentDto` of a payment taken through a link. INFERRED: `referenceId` carries the link's id
 * (no public page says which field of a payment names its link, and the DTO has no link field); the
 * result codes and messages are the emulator's own.
 */
export function paymentDtoOf(link: CallbackLink, payment: CallbackPayment): Record<string, unknown> {
  const status = plexoStatus(payment.status);
  const settled = status !== 'pending';
  return {
    id: payment.id,
    referenceId: link.id,
    status,
    createdAt: payment.createdAt,
    updatedAt: payment.createdAt,
    ...(settled ? { processedAt: payment.createdAt } : {}),
    merchant: { id: link.merchantId },
    paymentMethod: { id: payment.paymentMethod.toLowerCase(), name: payment.paymentMethod, type: 'card' },
    installments: payment.installments,
    amount: { currency: payment.currency, total: payment.total },
    metadata: {},
    transactions: [
      {
        id: payment.transactionId,
        parentId: payment.id,
        referenceId: link.id,
        type: 'purchase',
        status,
        createdAt: payment.createdAt,
        ...(settled
          ? {
              processedAt: payment.createdAt,
              resultCode: status === 'approved' ? '0' : '05',
              resultMessage: status === 'approved' ? 'Approved.' : 'Denied.',
            }
          : {}),
        amount: payment.total,
      },
    ],
    actions: [],
  };
}

/** Body and headers of one callback: the payment's `PaymentDto`, unsigned. */
export function buildCallback(
  link: CallbackLink,
  payment: CallbackPayment,
): { body: unknown; headers: Record<string, string> } {
  return { body: paymentDtoOf(link, payment), headers: {} };
}
