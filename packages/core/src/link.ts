import type { LastPayment, LinkStatus, PaymentsSummary } from './status.ts';

/** Provider names PayLink ships adapters for. */
export const ProviderName = {
  Placetopay: 'placetopay',
  Plexo: 'plexo',
  Midtrans: 'midtrans',
  Payroc: 'payroc',
} as const;
export type ProviderName = (typeof ProviderName)[keyof typeof ProviderName];

export interface Customer {
  email?: string;
  name?: string;
  phone?: string;
}

export interface LineItem {
  name: string;
  quantity: number;
  /** Unit price, in the link's currency. */
  price: string;
  id?: string;
  description?: string;
}

/** How the payer's amount is set: fixed by the merchant, or entered by the payer within bounds. */
export type AmountMode = 'fixed' | 'flexible';

/** Bounds for a flexible amount, decimal strings in the link's currency; `amount.value` is the suggestion. */
export interface FlexibleAmount {
  min?: string;
  max?: string;
}

/** How one leg of a split payment is computed. */
export interface SplitRule {
  type: 'percentage' | 'fixed' | 'residual';
  /** Percentage 0–100 or a decimal amount; absent for `residual`. */
  value?: string;
}

/** One destination of a split payment. */
export interface SplitDestination {
  /** The receiving merchant's id at the provider. */
  merchantId?: string;
  /** The sub-merchant's reference at the provider. */
  reference?: string;
  amount: SplitRule;
  vat?: SplitRule;
}

/** Body of `POST /v1/links` (DESIGN.md "Proxy API"; field names are fixed). */
export interface CreateLinkRequest {
  provider: string;
  /** `value` may be absent only with `amountMode: "flexible"` (then it is the suggested amount when present). */
  amount: { value?: string; currency: string };
  /** Short title shown on the checkout (defaults to the description). */
  title?: string;
  description: string;
  reference?: string;
  /** ISO 8601 date-time with offset. */
  expiresAt?: string;
  /** Approved payments allowed; null or absent means unlimited where the provider allows it. */
  usageLimit?: number | null;
  customer?: Customer;
  items?: LineItem[];
  locale?: string;
  metadata?: Record<string, string>;
  /** Default `fixed`. */
  amountMode?: AmountMode;
  flexibleAmount?: FlexibleAmount;
  /** ISO 8601: the link cannot be paid before this time. */
  startsAt?: string;
  /** Provider payment-method codes to allow (e.g. `visa`, `VISA`, `bank_transfer`). */
  paymentMethods?: string[];
  /** Installment counts allowed per payment method; the key `*` is the default. */
  installments?: Record<string, number[]>;
  splits?: SplitDestination[];
  /** `authorize` holds the funds for a later capture (pre-authorization); default `sale`. */
  capture?: 'sale' | 'authorize';
  /** A custom id for the hosted URL, where the provider has one. */
  slug?: string;
  /** Whether the payer must enter customer details at checkout. */
  customerRequired?: boolean;
  /** Go straight to payment, skipping the provider's landing page. */
  skipLandingPage?: boolean;
}

/** What anyone may see of a link: `GET /v1/links/{id}`. */
export interface PublicLinkView {
  id: string;
  provider: string;
  url: string;
  status: LinkStatus;
  /** `value` is null for a flexible link without a suggested amount. */
  amount: { value: string | null; currency: string };
  amountMode: AmountMode;
  flexibleAmount: FlexibleAmount | null;
  title: string | null;
  description: string;
  expiresAt: string | null;
  payments: PaymentsSummary;
  lastPayment: LastPayment | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What the merchant (API key holder) sees: the public view plus private fields. */
export interface MerchantLinkView extends PublicLinkView {
  providerRef: string;
  reference: string | null;
  customer: Customer | null;
  metadata: Record<string, string> | null;
}

/** `GET /v1/links/{id}/status`. */
export interface LinkStatusView {
  id: string;
  status: LinkStatus;
  payments: PaymentsSummary;
  lastPayment: LastPayment | null;
  version: number;
  updatedAt: string;
  /** True when the proxy could not confirm the status with the provider recently. */
  stale: boolean;
}

/** One field's complaint in a problem body. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as the proxy answers every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const PUBLIC_ID = /^pl_[A-Za-z0-9]{16,40}$/;

/** True for a well-formed public link id (`pl_` + random). */
export function isPublicLinkId(value: string): boolean {
  return PUBLIC_ID.test(value);
}
