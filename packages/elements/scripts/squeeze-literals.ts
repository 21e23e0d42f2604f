import type { Plugin } from 'vite';

/** An ESTree node, as far as this walk needs one. */
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Whitespace that only indents: CSS needs none of it around punctuation, HTML one space at most. */
function squeeze(tag: string, text: string): string {
  if (tag === 'css') {
    return text
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
  }
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Parses JavaScript or TypeScript into an ESTree program (Rolldown's parser, by whichever door). */
export type Parse = (code: string) => unknown;

/**
 * Collapses the indentation inside Lit's `css`, `html` and `svg` tagged templates of `code` (the
 * minifier keeps template text as written). Template parts are found through the parser, never by
 * pattern, so code and `${}` expressions are left alone.
 */
export function squeezeTemplates(code: string, parse: Parse): string {
  if (!/\b(css|html|svg)\s*`/.test(code)) return code;
  const edits: { start: number; end: number; text: string }[] = [];
  const walk = (node: Node): void => {
    const tag = node['tag'];
    if (node.type === 'TaggedTemplateExpression' && isNode(tag) && tag.type === 'Identifier') {
      const name = tag['name'] as string;
      if (name === 'css' || name === 'html' || name === 'svg') {
        for (const quasi of (node['quasi'] as Node)['quasis'] as Node[]) {
          const raw = (quasi['value'] as { raw: string }).raw;
          // Depending on the parser's version a quasi's span includes its opening delimiter
          // (`, }) or starts at its text: take whichever holds the raw text.
          const start = [quasi.start, quasi.start + 1].find((at) => code.slice(at, at + raw.length) === raw);
          if (start === undefined) continue;
          edits.push({ start, end: start + raw.length, text: squeeze(name, raw) });
        }
      }
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child);
    }
  };
  walk(parse(code) as Node);
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/**
 * The same for the script-tag build: squeezes the elements' sources before minification. The
 * package build (scripts/build-packages.ts) applies `squeezeTemplates` to the published `lib/`, so
 * a consumer's bundle gets the same text.
 */
export function squeezeLiterals(): Plugin {
  return {
    name: 'paylink:squeeze-literals',
    transform(code, id) {
      if (!/\/packages\/elements\/src\/.*\.ts$/.test(id)) return null;
      const squeezed = squeezeTemplates(code, (text) => this.parse(text, { lang: 'ts' }));
      return squeezed === code ? null : { code: squeezed, map: null };
    },
  };
}
