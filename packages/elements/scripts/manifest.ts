// Writes packages/elements/custom-elements.json (the Custom Elements Manifest, schema 2.1.0) from the
// element sources: the class JSDoc tags (@summary, @slot, @event, @csspart, @cssproperty), the
// `static properties` declarations and the documented fields they name. A regular-expression reader,
// written for these files' shape (one element class per file, Lit property declarations, doc comments
// on fields); src/manifest.test.ts checks the result against the real elements in a browser.
//
//   node packages/elements/scripts/manifest.ts          write the file
//   node packages/elements/scripts/manifest.ts --check  exit 1 when the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Element modules, and the base class whose properties each element inherits. */
const ELEMENTS = [
  'src/pay-link-button/pay-link-button.ts',
  'src/pay-link-status/pay-link-status.ts',
  'src/pay-link-qr/pay-link-qr.ts',
  'src/pay-link-form/pay-link-form.ts',
];
const BASE = 'src/base/paylink-element.ts';
const DEFINITIONS = ['src/define.ts', 'src/define-form.ts'];

/** Our type aliases, spelt out for tools that do not read TypeScript (statuses as in core's status.ts). */
const LINK_STATUS = "'open' | 'pending' | 'paid' | 'expired' | 'disabled'";
const TYPES: Record<string, string> = {
  ButtonStatus: `'loading' | 'idle' | ${LINK_STATUS} | 'error'`,
  StatusDisplay: `'loading' | ${LINK_STATUS} | 'error'`,
  StatusMode: "'auto' | 'poll' | 'sse'",
};

interface Described {
  name: string;
  description?: string;
}
interface Field {
  kind: 'field';
  name: string;
  type: { text: string };
  default?: string;
  description?: string;
  attribute?: string;
  reflects?: boolean;
  inheritedFrom?: { name: string; module: string };
}

/** Text of a doc comment without its stars, lines joined. */
function docText(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** The class's doc comment, split into its leading text and `@tag` entries. */
function classDoc(
  source: string,
  className: string,
): { summary: string; tags: { tag: string; text: string }[] } {
  const match = new RegExp(
    `(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:abstract )?class ${className}\\b`,
  ).exec(source);
  if (!match) throw new Error(`no doc comment on ${className}`);
  const tags: { tag: string; text: string }[] = [];
  let summary = '';
  for (const block of docText(match[1]!).split(/\n(?=@)/)) {
    const tag = /^@(\w+)\s*([\s\S]*)$/.exec(block.trim());
    if (!tag) continue;
    const text = tag[2]!.replace(/\s*\n\s*/g, ' ').trim();
    if (tag[1] === 'summary') summary = text;
    else tags.push({ tag: tag[1]!, text });
  }
  return { summary, tags };
}

/** "name - description" (or "- description" for the default slot). */
function described(text: string): Described {
  const match = /^(\S*)\s*-\s*([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`expected "name - description": ${text}`);
  return { name: match[1] === '-' ? '' : match[1]!, description: match[2]!.trim() };
}

/** The `static properties = { … }` declarations: name → options text. */
function propertyDeclarations(source: string): Map<string, string> {
  const block = /static override properties(?::[^=]+)? = \{([\s\S]*?)\n {2}\};/.exec(source);
  if (!block) throw new Error('no static properties');
  const declarations = new Map<string, string>();
  for (const line of block[1]!.matchAll(/^\s+(\w+): (\{[^}]*\}),?$/gm)) declarations.set(line[1]!, line[2]!);
  return declarations;
}

/** A public field's declaration: its doc comment, annotated type and initial value. */
function fieldOf(source: string, name: string): { description?: string; type?: string; value?: string } {
  const match = new RegExp(
    `(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)?\\s*\\n {2}${name}(?:: ([^=;]+))? = ([^;]+);`,
  ).exec(source);
  if (!match) throw new Error(`no field ${name}`);
  return {
    description: match[1] ? docText(match[1]) : undefined,
    type: match[2]?.trim(),
    value: match[3]!.trim(),
  };
}

/** The manifest fields of a class's public (non-state) reactive properties. */
function fields(path: string, inheritedFrom?: { name: string; module: string }): Field[] {
  const source = read(path);
  const result: Field[] = [];
  for (const [name, options] of propertyDeclarations(source)) {
    if (/state: true/.test(options)) continue;
    const field = fieldOf(source, name);
    const type = /type: Boolean/.test(options)
      ? 'boolean'
      : /type: Number/.test(options)
        ? 'number'
        : (TYPES[field.type ?? ''] ?? field.type ?? 'string');
    // `attribute: false`: a property only (objects such as the form's `values`).
    const attribute = /attribute: false/.test(options)
      ? undefined
      : (/attribute: '([^']+)'/.exec(options)?.[1] ?? name.toLowerCase());
    result.push({
      kind: 'field',
      name,
      type: { text: type },
      ...(field.value ? { default: field.value } : {}),
      ...(field.description ? { description: field.description } : {}),
      ...(attribute ? { attribute } : {}),
      ...(/reflect: true/.test(options) ? { reflects: true } : {}),
      ...(inheritedFrom ? { inheritedFrom } : {}),
    });
  }
  return result;
}

/** Tag name of each element class, from the `define('tag', Class)` calls. */
function tagNames(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const path of DEFINITIONS) {
    for (const match of read(path).matchAll(/define\('([a-z-]+)', (\w+)\)/g)) tags.set(match[2]!, match[1]!);
  }
  return tags;
}

/** Event detail types as declared in src/events.ts. */
function eventTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const match of read('src/events.ts').matchAll(/'(paylink-[a-z-]+)': (CustomEvent<\w+>);/g))
    types.set(match[1]!, match[2]!);
  return types;
}

export function buildManifest(): object {
  const tags = tagNames();
  const events = eventTypes();
  const base = { name: 'PayLinkElement', module: BASE };
  const inherited = fields(BASE, base);
  const modules = ELEMENTS.map((path) => {
    const source = read(path);
    const className = /export class (\w+) extends PayLinkElement/.exec(source)?.[1];
    if (!className) throw new Error(`no element class in ${path}`);
    const tagName = tags.get(className);
    if (!tagName) throw new Error(`${className} is never defined`);
    const { summary, tags: docTags } = classDoc(source, className);
    const list = (tag: string) =>
      docTags.filter((entry) => entry.tag === tag).map((entry) => described(entry.text));
    const members = [...fields(path), ...inherited];
    return {
      kind: 'javascript-module',
      path,
      declarations: [
        {
          kind: 'class',
          name: className,
          tagName,
          customElement: true,
          summary,
          superclass: base,
          attributes: members
            .filter((member) => member.attribute)
            .map((member) => ({
              name: member.attribute!,
              fieldName: member.name,
              type: member.type,
              ...(member.default ? { default: member.default } : {}),
              ...(member.description ? { description: member.description } : {}),
              ...(member.inheritedFrom ? { inheritedFrom: member.inheritedFrom } : {}),
            })),
          members,
          events: list('event').map((event) => ({
            ...event,
            type: { text: events.get(event.name) ?? 'Event' },
          })),
          slots: list('slot'),
          cssParts: list('csspart'),
          cssProperties: list('cssproperty'),
        },
      ],
      exports: [
        { kind: 'js', name: className, declaration: { name: className, module: path } },
        { kind: 'custom-element-definition', name: tagName, declaration: { name: className, module: path } },
      ],
    };
  });
  return { schemaVersion: '2.1.0', readme: 'README.md', modules };
}

if (import.meta.main) {
  const file = join(root, 'custom-elements.json');
  const text = `${JSON.stringify(buildManifest(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = readFileSync(file, 'utf8');
    if (current !== text) {
      console.error('custom-elements.json is out of date: run node packages/elements/scripts/manifest.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
