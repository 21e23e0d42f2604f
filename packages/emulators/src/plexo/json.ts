// Plexo's API is .NET-flavoured: decimals arrive as JSON numbers and are echoed with their scale
// (`1500.00` stays `1500.00` in the seed's 201 example). Keeping each number's source text lets the
// emulator compare amounts exactly and echo them as the real service does.

interface ExactJson extends JSON {
  rawJSON(text: string): unknown;
  isRawJSON(value: unknown): boolean;
}
const exactJson = JSON as ExactJson;
type Reviver = (key: string, value: unknown, context: { source?: string }) => unknown;

/** A JSON number kept as its source text; `JSON.stringify` writes it back unchanged. */
export type JsonNumber = { readonly rawJSON: string };

/** Parses JSON, turning every number into a `JsonNumber`; throws `SyntaxError` on bad JSON. */
export function parseExact(text: string): unknown {
  const reviver: Reviver = (_key, value, context) =>
    typeof value === 'number' && context.source !== undefined ? exactJson.rawJSON(context.source) : value;
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

export function isJsonNumber(value: unknown): value is JsonNumber {
  return exactJson.isRawJSON(value);
}

/** A `JsonNumber` written from a decimal string we computed. */
export function jsonNumber(text: string): JsonNumber {
  return exactJson.rawJSON(text) as JsonNumber;
}

/** A number's value as an exact scaled integer: `12.50` → `{ units: 1250n, scale: 2 }`. */
export interface Scaled {
  units: bigint;
  scale: number;
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Exact value of a decimal text (JSON number syntax or a plain decimal string); null when not a number. */
export function scaled(text: string): Scaled | null {
  const match = NUMBER.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > 28) return null;
  const units = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return { units, scale };
}

/** Compares two exact values: negative, zero or positive like a sort comparator. */
export function compare(a: Scaled, b: Scaled): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sum of exact values. */
export function sum(values: readonly Scaled[]): Scaled {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  const units = values.reduce((total, v) => total + v.units * 10n ** BigInt(scale - v.scale), 0n);
  return { units, scale };
}

export const ZERO: Scaled = { units: 0n, scale: 0 };

/** The exact value of a JSON number (or of a decimal string, as HTML forms send), else null. */
export function decimalOf(value: unknown): Scaled | null {
  if (isJsonNumber(value)) return scaled(value.rawJSON);
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return scaled(value);
  return null;
}

/** Plain decimal text of an exact value, e.g. `{ 1250n, 2 }` → `12.50`. */
export function decimalText(value: Scaled): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const text = value.scale === 0 ? digits : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
  return negative ? `-${text}` : text;
}
