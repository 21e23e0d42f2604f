// fast-check arbitraries for fuzzing the proxy's HTTP surface: malformed and near-valid bodies,
// header values, link ids and query strings. Everything generated is something a client can send.
import fc from 'fast-check';

/** A body as sent on the wire: text, or raw bytes (for invalid UTF-8). */
export type WireBody = string | Uint8Array;

/** Marks a field to delete in a mutation. */
export const DELETE = Symbol('delete');

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Strings that sit on the edges of what the schemas accept. */
export const edgyString = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  '1e5',
  '0.00',
  '0.0001',
  '10.555',
  '00.10',
  '1,000.00',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  'null',
  'true',
  'USD',
  'usd',
  'XXQ',
  'JPY',
  'KWD',
  '2020-02-30T00:00:00Z',
  '2030-01-01',
  '2030-01-01T00:00:00',
  '2030-01-01T00:00:00+25:00',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2099-01-01T00:00:00.123456789Z',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '😀'.repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE links; --",
  '../../etc/passwd',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'a@b',
  'ana@example.com',
  '"Ana" <ana@example.com>',
  '+57 300 123 4567',
  'es-CO',
  'x'.repeat(1001),
);

/** Any value a mutation may put in a field. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: edgyString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1, 1.5, 1e300, -1, 2 ** 53 + 1)),
  },
  { weight: 1, arbitrary: fc.constant(DELETE) },
);

/** Sets (or deletes) `path` in a deep copy of `value`; creates containers on the way; `__proto__` stays an own key. */
export function mutate(value: unknown, path: string, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') {
      Object.defineProperty(target, key, { value: {}, enumerable: true, writable: true, configurable: true });
    }
    target = target[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (replacement === DELETE) delete target[last];
  else
    Object.defineProperty(target, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** Near-valid bodies: `base` with one or two fields replaced, removed or added (and now and then `base` as is). */
export function nearValid(
  base: fc.Arbitrary<Record<string, unknown>>,
  paths: readonly string[],
): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(base, fc.array(fc.tuple(fc.constantFrom(...paths), fieldValue), { minLength: 1, maxLength: 2 }))
    .map(([body, mutations]) =>
      mutations.reduce<unknown>((acc, [path, value]) => mutate(acc, path, value), body),
    );
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: base });
}

/** Bodies over the 64 KiB limit, or deep, or otherwise abusive. */
export const abusiveText = fc.constantFrom(
  JSON.stringify({ description: 'x'.repeat(70_000) }),
  `${' '.repeat(65_537)}{}`,
  `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
  `{"metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
  `[${'1,'.repeat(30_000)}1]`,
  `\uFEFF{}`,
  '{"provider":"placetopay","provider":"payroc"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'null',
  '',
  '"just a string"',
  '1e999',
  '{"amount":{"value":1e999}}',
);

/** Any body: near-valid JSON mostly, then arbitrary JSON, text, truncated JSON, abusive text, invalid UTF-8. */
export function wireBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<WireBody> {
  const validText = valid.map((v) => JSON.stringify(v) ?? '');
  return fc.oneof(
    { weight: 8, arbitrary: validText },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: validText.chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))) },
    { weight: 1, arbitrary: abusiveText },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        // `{"<invalid UTF-8>":1}` and a valid body with a stray continuation byte inside a string
        fc.constant(Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
        validText.map((text) => {
          const bytes = new TextEncoder().encode(text);
          const at = text.indexOf('"', 2);
          return at > 0
            ? Uint8Array.from([...bytes.slice(0, at + 1), 0x80, 0xc3, ...bytes.slice(at + 1)])
            : bytes;
        }),
      ),
    },
  );
}

/** A header value a client can send (Latin-1, no NUL, CR or LF). */
export const headerText = (maxLength = 120) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength });

export const contentType = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/problem+json',
      'application/merge-patch+json',
      'application/jsonx',
      'application/json-seq',
      'application/json; charset=utf-16',
      'json',
      '*/*',
    ),
  },
  { weight: 1, arbitrary: headerText(60) },
);

/** A syntactically valid public link id that no link has. */
export const unknownLinkId = fc
  .array(fc.constantFrom(...BASE62), { minLength: 22, maxLength: 22 })
  .map((chars) => `pl_${chars.join('')}`);

/** Raw path segments, sent as is (not encoded): traversal, broken escapes, unicode, slashes. */
export const rawIdSegment = fc.constantFrom(
  '..',
  '../..',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%2e%2e%2f',
  '%00',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%FF%FE',
  '%F0%9F%98%80',
  '😀',
  'pl_ÄÖÜäöüßéèêàç',
  'pl_%20',
  ' ',
  '.',
  '~',
  ';',
  'pl_x;y=1',
  'pl_x%2Fy',
  'pl_x/y',
  'PL_ABCDEFGHIJKLMNOPQRSTUV',
  'pl_ABCDEFGHIJKLMNOPQRSTU',
  'pl_ABCDEFGHIJKLMNOPQRSTUVW',
  `pl_${'a'.repeat(5000)}`,
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
);

/** Any link id as it appears in a path. `known` are ids of real links. */
export function linkIdSegment(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: unknownLinkId },
    { weight: 2, arbitrary: rawIdSegment },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'grapheme', maxLength: 60 })
        .map((s) => encodeURIComponent(s.toWellFormed())),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 40 })
        .map((s) => encodeURIComponent(s.toWellFormed())),
    },
  );
}

const QUERY_KEYS = ['wait', 'limit', 'status', 'provider', 'cursor', 'links', 'after', 'x', '__proto__', ''];

/** A query value: numbers at and past the bounds, and anything else. */
export const queryValue = fc.oneof(
  fc.constantFrom(
    '0',
    '1',
    '30',
    '31',
    '-1',
    '1.5',
    '1e1',
    '0x10',
    '  5',
    '5 ',
    '',
    'NaN',
    'Infinity',
    '100',
    '101',
    '9'.repeat(30),
  ),
  fc.constantFrom('open', 'paid', 'expired', 'disabled', 'pending', 'OPEN', 'placetopay', 'payroc'),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => Buffer.from(s).toString('base64url')),
  fc
    .tuple(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 30 }),
      ),
      fc.string({ maxLength: 30 }),
    )
    .map(([at, id]) => Buffer.from(`${at}|${id}`).toString('base64url')),
);

/** A query string (with its `?`, or empty), keys and values percent-encoded or raw. */
export function queryString(
  extra: fc.Arbitrary<[string, string]> = fc.constant(['', '']),
): fc.Arbitrary<string> {
  const pair = fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), queryValue),
    extra,
  );
  return fc.tuple(fc.array(pair, { maxLength: 4 }), fc.boolean()).map(([pairs, raw]) => {
    const parts = pairs
      .filter(([key]) => key !== '')
      .map(([key, value]) =>
        raw
          ? `${key.replace(/[#\s]/g, '')}=${value.replace(/[#\s&]/g, '')}`
          : `${encodeURIComponent(key.toWellFormed())}=${encodeURIComponent(value.toWellFormed())}`,
      );
    return parts.length ? `?${parts.join('&')}` : '';
  });
}
