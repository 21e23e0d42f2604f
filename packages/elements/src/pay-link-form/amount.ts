/**
 * Reads an amount typed the way the locale writes numbers ("1.500,00" in es/pt, "1,500.00" in
 * en) into the wire's decimal string ("1500.00"). Returns null for anything else: signs,
 * exponents, letters, or the other locale's separators in the wrong places.
 */
export function parseAmount(text: string, locale: string): string | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  // Spaces of any kind group digits in some locales (fr, pt-PT); people type a plain space.
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, group.trim() === '' ? '' : ' ');
  const [whole = '', fraction, extra] = compact.split(decimal);
  if (extra !== undefined || whole === '') return null;
  // Group separators are optional, but when present they must group by three.
  const grouped = whole.split(group);
  if (grouped.length > 1 && !grouped.slice(1).every((chunk) => /^\d{3}$/.test(chunk))) return null;
  const digits = grouped.join('');
  if (!/^\d+$/.test(digits) || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  const normalized = digits.replace(/^0+(?=\d)/, '');
  return fraction === undefined ? normalized : `${normalized}.${fraction}`;
}

/**
 * The inverse of `parseAmount` for a form field: a wire decimal ("1500.50") as the locale types it
 * ("1500,50" in es/pt), without grouping and without zero decimals on a whole amount.
 */
export function amountInputText(value: string, locale: string): string {
  const [whole = '', fraction = ''] = value.split('.');
  if (/^0*$/.test(fraction)) return whole;
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${whole}${decimal}${fraction}`;
}

/** An ISO 8601 instant as a `<input type="datetime-local">` value in local time, to the minute. */
export function localDateTimeInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
