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
