import { fromMinorUnits, type LinkStatus, type MerchantLinkView, toMinorUnits } from '@paylink/core';

/** The links page's filters. Status and provider go to the proxy; the rest are applied here. */
export interface LinkFilter {
  text?: string;
  status?: LinkStatus | '';
  provider?: string;
  /** `YYYY-MM-DD`, inclusive, in the person's time zone. */
  from?: string;
  to?: string;
}

/** Start of a local calendar day (`YYYY-MM-DD`), or null when empty or malformed. */
function localDay(day: string | undefined, offsetDays = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays).getTime();
}

/** Whether a link passes the filter (text matches description, reference, id, amount or provider). */
export function matchesFilter(link: MerchantLinkView, filter: LinkFilter): boolean {
  if (filter.status && link.status !== filter.status) return false;
  if (filter.provider && link.provider !== filter.provider) return false;
  const created = Date.parse(link.createdAt);
  const from = localDay(filter.from);
  if (from !== null && created < from) return false;
  const until = localDay(filter.to, 1);
  if (until !== null && created >= until) return false;
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    link.description,
    link.title ?? '',
    link.reference ?? '',
    link.id,
    link.provider,
    link.amount.currency,
    link.amount.value ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** True once the loaded pages (newest first) reach back past the filter's first day. */
export function reachesBack(links: readonly MerchantLinkView[], filter: LinkFilter): boolean {
  const from = localDay(filter.from);
  const oldest = links.at(-1);
  return from !== null && oldest !== undefined && Date.parse(oldest.createdAt) < from;
}

/**
 * What the links took, per currency: the amount times its approved payments. Links with no fixed
 * amount (flexible ones without a suggestion) cannot be summed: they are counted apart.
 */
export function paidTotals(links: readonly MerchantLinkView[]): {
  totals: { currency: string; value: string }[];
  uncounted: number;
} {
  const sums = new Map<string, bigint>();
  let uncounted = 0;
  for (const link of links) {
    if (link.payments.count === 0) continue;
    if (!link.amount.value || link.amountMode === 'flexible') {
      uncounted++;
      continue;
    }
    const minor = toMinorUnits({ value: link.amount.value, currency: link.amount.currency });
    const sum = sums.get(link.amount.currency) ?? 0n;
    sums.set(link.amount.currency, sum + minor * BigInt(link.payments.count));
  }
  const totals = [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => fromMinorUnits(minor, currency));
  return { totals, uncounted };
}

const CSV_COLUMNS = [
  'id',
  'created_at',
  'status',
  'provider',
  'currency',
  'amount',
  'payments',
  'description',
  'reference',
  'expires_at',
  'url',
] as const;

/**
 * The links as CSV (RFC 4180, CRLF line ends). A cell a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`.
 */
export function linksCsv(links: readonly MerchantLinkView[]): string {
  const cell = (value: string | number | null) => {
    let text = value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = links.map((link) =>
    [
      link.id,
      link.createdAt,
      link.status,
      link.provider,
      link.amount.currency,
      link.amount.value,
      link.payments.count,
      link.description,
      link.reference,
      link.expiresAt,
      link.url,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
