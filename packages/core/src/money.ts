/** An amount of money as it travels on the wire: a decimal string and an ISO 4217 code. */
export interface Money {
  value: string;
  currency: string;
}

const DECIMAL = /^(0|[1-9]\d{0,17})(\.\d{1,4})?$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;

let knownCurrencies: Set<string> | undefined;

/** True for a three-letter ISO 4217 code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  // Built on first use, not at import: pages that only show links never pay for it.
  knownCurrencies ??= new Set(
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
  );
  return CURRENCY_CODE.test(code) && (knownCurrencies.size === 0 || knownCurrencies.has(code));
}

/**
 * Minor-unit digits of a currency (ISO 4217 exponent): COP 2, JPY 0, KWD 3.
 * `Intl` follows CLDR, which rounds some currencies for cash display (IDR shows 0 digits there)
 * while ISO keeps 2; we want the ISO exponent, which is what `currencyDisplay: 'code'` with
 * `maximumFractionDigits` unset reports for the accounting case.
 */
export function minorUnitDigits(currency: string): number {
  const override = ISO_EXPONENT_OVERRIDES[currency];
  if (override !== undefined) return override;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

// CLDR's display digits differ from the ISO 4217 exponent for a few currencies.
const ISO_EXPONENT_OVERRIDES: Record<string, number> = { IDR: 2, COP: 2, HUF: 2, TWD: 2, PKR: 2 };

/** Why a decimal amount string was refused, or null when it is valid for the currency. */
export function amountProblem(value: string, currency: string): string | null {
  if (!isCurrencyCode(currency)) return 'must be an ISO 4217 currency code such as "USD"';
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    return 'must be a decimal string such as "1500.00" (no sign, no exponent, no thousands separators)';
  }
  const fraction = value.split('.')[1] ?? '';
  const digits = minorUnitDigits(currency);
  if (fraction.replace(/0+$/, '').length > digits) {
    return digits === 0 ? `${currency} has no minor unit` : `${currency} allows at most ${digits} decimals`;
  }
  return null;
}

/** The amount in integer minor units (cents, fils…); throws on an invalid amount. */
export function toMinorUnits(money: Money): bigint {
  const problem = amountProblem(money.value, money.currency);
  if (problem) throw new RangeError(`amount ${JSON.stringify(money.value)} ${problem}`);
  const digits = minorUnitDigits(money.currency);
  const [whole = '0', fraction = ''] = money.value.split('.');
  const padded = (fraction.replace(/0+$/, '') + '0'.repeat(digits)).slice(0, digits);
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(padded || '0');
}

/** Formats integer minor units back into a decimal string with the currency's digits. */
export function fromMinorUnits(minor: bigint | number, currency: string): Money {
  const digits = minorUnitDigits(currency);
  const units = BigInt(minor);
  if (units < 0n) throw new RangeError('negative amounts are not supported');
  if (digits === 0) return { value: units.toString(), currency };
  const text = units.toString().padStart(digits + 1, '0');
  return { value: `${text.slice(0, -digits)}.${text.slice(-digits)}`, currency };
}

/** The canonical decimal string of an amount (exactly the currency's minor digits). */
export function normalizeMoney(money: Money): Money {
  return fromMinorUnits(toMinorUnits(money), money.currency);
}

/** True when the amount has no fractional part (what providers with integer totals need). */
export function isWholeAmount(money: Money): boolean {
  return /^\d+(\.0+)?$/.test(money.value);
}

/**
 * Formats an amount for people, e.g. "COP 100.000" in es-CO. Trailing zero decimals are dropped
 * when the amount is whole, as payment buttons usually do.
 */
export function formatMoney(
  money: Money,
  locale?: string,
  options: { currencyDisplay?: 'code' | 'symbol' } = {},
): string {
  // Whole amounts drop their zero decimals; others show exactly the ISO digits (CLDR would round
  // IDR 150000.50 to 150,001 because it displays IDR without decimals).
  const digits = isWholeAmount(money) ? 0 : minorUnitDigits(money.currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    currencyDisplay: options.currencyDisplay ?? 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl accepts decimal strings exactly (no float rounding) since ES2023.
  return formatter.format(money.value as unknown as number);
}
