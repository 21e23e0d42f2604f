// custom-elements.json and jsx.d.ts against the real elements, so neither can drift from the code:
// attributes, their properties, defaults and reflection from Lit's own property map; parts from the
// templates; attributes again from the JSX typings.
import type { PropertyDeclaration } from 'lit';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../custom-elements.json' with { type: 'json' };
import { defineElements } from './define.ts';
import { defineForm } from './define-form.ts';
import jsx from './jsx.d.ts?raw';
import buttonExtras from './pay-link-button/extras.ts?raw';
import buttonSource from './pay-link-button/pay-link-button.ts?raw';
import formSource from './pay-link-form/pay-link-form.ts?raw';
import qrSource from './pay-link-qr/pay-link-qr.ts?raw';
import statusSource from './pay-link-status/pay-link-status.ts?raw';

beforeAll(() => {
  defineElements();
  defineForm();
});

interface ManifestAttribute {
  name: string;
  fieldName: string;
  default?: string;
  description?: string;
}

const declarations = manifest.modules.map((module) => module.declarations[0]!);
const templates: Record<string, string> = {
  'pay-link-button': buttonSource + buttonExtras,
  'pay-link-status': statusSource,
  'pay-link-qr': qrSource,
  'pay-link-form': formSource,
};

/** Public (non-state) reactive properties as Lit registered them: attribute → [property, options]. */
function litAttributes(tag: string): Map<string, [string, PropertyDeclaration]> {
  const element = customElements.get(tag) as unknown as {
    elementProperties: Map<string, PropertyDeclaration>;
  };
  const attributes = new Map<string, [string, PropertyDeclaration]>();
  for (const [name, options] of element.elementProperties) {
    if (options.state || options.attribute === false) continue; // property-only
    const attribute = typeof options.attribute === 'string' ? options.attribute : name.toLowerCase();
    attributes.set(attribute, [name, options]);
  }
  return attributes;
}

describe('custom-elements.json', () => {
  it('lists the four elements under their registered tags', () => {
    expect(declarations.map((declaration) => declaration.tagName).sort()).toEqual([
      'pay-link-button',
      'pay-link-form',
      'pay-link-qr',
      'pay-link-status',
    ]);
    for (const declaration of declarations) {
      expect(customElements.get(declaration.tagName)?.name).toBe(declaration.name);
      expect(declaration.summary).not.toBe('');
    }
  });

  it.each(declarations.map((declaration) => [declaration.tagName, declaration] as const))(
    '%s: attributes, properties, defaults and reflection match the element',
    (tag, declaration) => {
      const real = litAttributes(tag);
      const attributes = declaration.attributes as ManifestAttribute[];
      expect(attributes.map((attribute) => attribute.name).sort()).toEqual([...real.keys()].sort());
      // What the browser observes: those attributes, plus `lang` (for the locale).
      const observed = (customElements.get(tag) as unknown as { observedAttributes: string[] })
        .observedAttributes;
      expect([...observed].sort()).toEqual([...real.keys(), 'lang'].sort());
      const fresh = document.createElement(tag) as unknown as Record<string, unknown>;
      for (const attribute of attributes) {
        const [property, options] = real.get(attribute.name)!;
        expect(attribute.fieldName).toBe(property);
        expect(attribute.description, `${tag} ${attribute.name} is documented`).toBeTruthy();
        const member = declaration.members.find((candidate) => candidate.name === property)!;
        expect(Boolean((member as { reflects?: boolean }).reflects), `${tag} ${property} reflects`).toBe(
          Boolean(options.reflect),
        );
        // Defaults are written as source literals: '' strings, numbers, booleans.
        const written = attribute.default!.replace(/^'(.*)'$/, '"$1"');
        expect(fresh[property], `${tag} ${property} default`).toEqual(JSON.parse(written));
      }
    },
  );

  it.each(declarations.map((declaration) => [declaration.tagName, declaration] as const))(
    '%s: every part in the templates is documented, and nothing more',
    (tag, declaration) => {
      const used = new Set<string>();
      for (const match of templates[tag]!.matchAll(/part="([^"$]+)"/g))
        for (const name of match[1]!.split(' ')) used.add(name);
      expect(declaration.cssParts.map((part) => part.name).sort()).toEqual([...used].sort());
    },
  );

  it.each(declarations.map((declaration) => [declaration.tagName, declaration] as const))(
    '%s: the JSX typings accept exactly its writable attributes and its events',
    (tag, declaration) => {
      const interfaceName = new RegExp(`'${tag}': Base & (\\w+);`).exec(jsx)?.[1];
      expect(interfaceName).toBeTruthy();
      const body = (name: string) =>
        new RegExp(`interface ${name}(?: extends (\\w+))? \\{([^}]*)\\}`).exec(jsx)!;
      const keys: string[] = [];
      for (let name: string | undefined = interfaceName; name; ) {
        const [, parent, text] = body(name);
        for (const match of text!.matchAll(/^\s+'?([\w-]+)'?\?:/gm)) keys.push(match[1]!);
        name = parent;
      }
      const writable = (declaration.attributes as ManifestAttribute[])
        .filter((attribute) => !/Read-only/.test(attribute.description ?? ''))
        .map((attribute) => attribute.name);
      const events = declaration.events.map((event) => `on${event.name}`);
      expect(keys.sort()).toEqual([...writable, ...events].sort());
    },
  );
});
