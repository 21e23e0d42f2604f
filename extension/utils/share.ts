import { formatMoney, type PublicLinkView, safeCheckoutUrl } from '@paylink/core';

/** The placeholders a message format may hold. */
export const MESSAGE_PLACEHOLDERS = ['{amount}', '{description}', '{url}', '{reference}'] as const;

/**
 * The message that carries a link to a customer: `format` with its placeholders filled in
 * (`Pay {amount} — {description}: {url}` → `Pay USD 25.00 — Workshop: https://…`). Without a
 * description its placeholder goes with the dash or colon before it. Null when the checkout URL
 * may not be shared (not https, nor http on a loopback host).
 */
export function linkMessage(
  format: string,
  link: Pick<PublicLinkView, 'url' | 'amount' | 'description'> & { reference?: string | null },
  locale: string,
): string | null {
  const url = safeCheckoutUrl(link.url);
  if (!url) return null;
  const amount = link.amount.value
    ? formatMoney({ value: link.amount.value, currency: link.amount.currency }, locale)
    : link.amount.currency;
  let text = format;
  if (!link.description.trim()) text = text.replace(/\s*[—–:-]?\s*\{description\}/, '');
  if (!link.reference) text = text.replace(/\s*[—–:-]?\s*\{reference\}/, '');
  const values: Record<string, string> = {
    '{amount}': amount,
    '{description}': link.description.trim(),
    '{url}': url.href,
    '{reference}': link.reference ?? '',
  };
  text = text.replace(/\{(amount|description|url|reference)\}/g, (match) => values[match] ?? match);
  // A format without {url} still sends the link: a message without it is of no use.
  return text.includes(url.href) ? text : `${text} ${url.href}`.trim();
}

/** WhatsApp's share address: the person picks the chat, the message is typed for them. */
export function whatsappUrl(message: string): string {
  return `https://wa.me/?text=${encodeURIComponent(message)}`;
}

/** A `mailto:` with subject and body (RFC 6068: percent-encoded, spaces as %20). */
export function mailtoUrl(subject: string, body: string): string {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
