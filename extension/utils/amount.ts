import { amountProblem, isCurrencyCode, minorUnitDigits, normalizeMoney } from '@paylink/core';

/** An amount found in selected text: the wire's decimal string, and the currency when the text names one. */
export interface FoundAmount {
  value: string;
  currency: string | null;
}

/** What a selection offers the create form. */
export interface ParsedSelection {
  amount: FoundAmount | null;
  /** The selection as a description, or '' when it is nothing but the amount. */
  description: string;
}

export interface ParseOptions {
  /** What a bare `$` means (COP, MXN, UYU… write prices with `$` too). Default USD. */
  dollarCurrency?: string;
}

// Symbols and prefixes people write instead of the ISO code; longest first so `US$` wins over `$`.
const SYMBOLS: Record<string, string> = {
  US$: 'USD',
  U$S: 'USD',
  R$: 'BRL',
  $U: 'UYU',
  Rp: 'IDR',
  'S/': 'PEN',
  RD$: 'DOP',
  MX$: 'MXN',
  COL$: 'COP',
  A$: 'AUD',
  CA$: 'CAD',
  C$: 'CAD',
  NZ$: 'NZD',
  HK$: 'HKD',
  NT$: 'TWD',
  S$: 'SGD',
  RM: 'MYR',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₱': 'PHP',
  '₫': 'VND',
  '฿': 'THB',
  '₺': 'TRY',
  '₪': 'ILS',
  zł: 'PLN',
  $: '',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const symbolPattern = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
// A number as people write it: digits grouped by `.`, `,`, `'`, `’` or a space, maybe a decimal part.
const NUMBER = String.raw`\d(?:[\d.,'’]|\s(?=\d{2,3}\b))*\d|\d`;
// An ISO code stands alone (word boundaries), a symbol may touch the number.
const CURRENCY = `(?<![A-Za-z])(?:[A-Z]{3}(?![A-Za-z])|${symbolPattern})`;
const BEFORE = new RegExp(String.raw`(?<cur>${CURRENCY})\s?(?<num>${NUMBER})`, 'gu');
const AFTER = new RegExp(String.raw`(?<![\d.,])(?<num>${NUMBER})\s?(?<cur>${CURRENCY})`, 'gu');

/**
 * Finds an amount and currency in text someone selected on a page: `$25`, `USD 1,250.50`,
 * `1.500,00 €`, `Rp 150.000`, `COP 100.000`, `UYU 1.500`, `R$ 1.234,56`, `₹1,23,456.78`.
 * Which separator is the decimal one is decided per number (the last of two kinds; a lone one
 * before exactly three digits groups thousands unless the currency has three decimals, like KWD),
 * never by the browser's locale: the page's language is not the reader's. A selection with no
 * currency counts as an amount only when it is nothing but a number.
 */
export function parseSelection(text: string, options: ParseOptions = {}): ParsedSelection {
  const clean = text.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
  const found = findAmount(clean, options);
  if (found) {
    const rest = (clean.slice(0, found.index) + clean.slice(found.index + found.length)).replace(
      /[^\p{L}]/gu,
      '',
    );
    return { amount: found.amount, description: rest.length >= 3 ? clean.slice(0, 255) : '' };
  }
  if (/^\d[\d.,'’ ]*$/.test(clean)) {
    const value = readNumber(clean, 2);
    if (value && !/^0+(\.0+)?$/.test(value)) return { amount: { value, currency: null }, description: '' };
  }
  return { amount: null, description: clean.slice(0, 255) };
}

function findAmount(
  text: string,
  options: ParseOptions,
): { amount: FoundAmount; index: number; length: number } | null {
  const matches = [...text.matchAll(BEFORE), ...text.matchAll(AFTER)].sort((a, b) => a.index - b.index);
  for (const match of matches) {
    const currency = currencyOf(match.groups!.cur!, options);
    if (!currency) continue;
    const value = readNumber(match.groups!.num!, minorUnitDigits(currency));
    if (!value || amountProblem(value, currency)) continue;
    const money = normalizeMoney({ value, currency });
    if (/^0+(\.0+)?$/.test(money.value)) continue;
    return { amount: money, index: match.index, length: match[0].length };
  }
  return null;
}

function currencyOf(token: string, options: ParseOptions): string | null {
  if (token in SYMBOLS) return SYMBOLS[token] || (options.dollarCurrency ?? 'USD');
  return isCurrencyCode(token) ? token : null;
}

/**
 * Reads one written number into a decimal string ("1.234,56" → "1234.56"), given the currency's
 * minor digits for the one ambiguous case (a single separator before exactly three digits).
 * Null when the grouping is not a real grouping.
 */
function readNumber(written: string, digits: number): string | null {
  const text = written;
  const marks = [...text.matchAll(/[.,]/g)].map((m) => m[0]);
  let decimal: string | null = null;
  if (new Set(marks).size === 2) decimal = marks.at(-1)!;
  else if (marks.length === 1) {
    const after = text.split(marks[0]!)[1]!;
    decimal = after.length === 3 && digits !== 3 ? null : marks[0]!;
  }
  const [whole = '', fraction, extra] = decimal ? text.split(decimal) : [text];
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  const groups = whole.split(/[.,'’ ]/);
  if (groups.length > 1) {
    // Thousands group by three; Indian numbering groups by two before the last three (1,23,456).
    const [first, ...rest] = groups;
    const last = rest.pop()!;
    if (!/^\d{1,3}$/.test(first!) || !/^\d{3}$/.test(last) || !rest.every((g) => /^\d{2,3}$/.test(g)))
      return null;
  }
  const digitsOnly = groups.join('').replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(digitsOnly)) return null;
  return fraction === undefined ? digitsOnly : `${digitsOnly}.${fraction}`;
}
