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

/**
 * Collapses the indentation inside Lit's `css`, `html` and `svg` tagged templates of the elements'
 * sources before minification (the minifier keeps template text as written). Template parts are
 * found through the parser, never by pattern, so code and `${}` expressions are left alone.
 */
export function squeezeLiterals(): Plugin {
  return {
    name: 'paylink:squeeze-literals',
    transform(code, id) {
      if (!/\/packages\/elements\/src\/.*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      const walk = (node: Node): void => {
        const tag = node['tag'];
        if (node.type === 'TaggedTemplateExpression' && isNode(tag) && tag.type === 'Identifier') {
          const name = tag['name'] as string;
          if (name === 'css' || name === 'html' || name === 'svg') {
            for (const quasi of (node['quasi'] as Node)['quasis'] as Node[]) {
              const raw = (quasi['value'] as { raw: string }).raw;
              // A quasi's span includes its delimiters (`, ${, }); the raw text follows the first one.
              const start = quasi.start + 1;
              if (code.slice(start, start + raw.length) !== raw) continue;
              edits.push({ start, end: start + raw.length, text: squeeze(name, raw) });
            }
          }
        }
        for (const value of Object.values(node)) {
          for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child);
        }
      };
      walk(this.parse(code, { lang: 'ts' }) as unknown as Node);
      let result = code;
      for (const edit of edits.sort((a, b) => b.start - a.start))
        result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      return { code: result, map: null };
    },
  };
}
