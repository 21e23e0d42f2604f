// One adapter shape (STYLE.md, "One adapter shape, settings validated once"): every provider folder,
// and the template a new one is copied from, has the same files and exports the same names.
import { existsSync } from 'node:fs';
import { PayLinkError } from '@paylink/core';
import { describe, expect, it } from 'vitest';
import { providerDefinitions } from './registry.ts';

const FILES = [
  'README.md',
  'index.ts',
  'settings.ts',
  'adapter.ts',
  'client.ts',
  'wire.ts',
  'validation.ts',
  'status.ts',
  'webhook.ts',
  'fixtures',
  'contract.test.ts',
  'fixtures.test.ts',
];

/** What each module of a provider folder exports, by file. */
const EXPORTS: Record<string, string[]> = {
  'settings.ts': ['PROVIDER', 'settings', 'readSettings'],
  'adapter.ts': ['capabilities', 'createAdapter', 'definition'],
  'validation.ts': ['validateRequest'],
  'wire.ts': ['toCreateBody', 'fieldErrorsFrom'],
  'status.ts': ['toLinkState'],
  'webhook.ts': ['parseWebhook'],
};

const FOLDERS = [...Object.keys(providerDefinitions), '_template'];

/** A setting each provider can tell is unusable without calling it (none for Midtrans). */
const UNUSABLE: Record<string, Record<string, string> | null> = {
  placetopay: { timeZone: 'Mars/Olympus_Mons' },
  plexo: { merchantId: 'acme' },
  midtrans: null,
  payroc: { timeZone: 'Mars/Olympus_Mons' },
  _template: { baseUrl: 'not a url' },
};

describe.each(FOLDERS)('the %s folder', (folder) => {
  it('has the files every provider has', () => {
    const missing = FILES.filter((file) => !existsSync(new URL(`./${folder}/${file}`, import.meta.url)));
    expect(missing).toEqual([]);
  });

  it('exports the names every provider exports', async () => {
    const missing: string[] = [];
    for (const [file, names] of Object.entries(EXPORTS)) {
      const module = (await import(`./${folder}/${file}`)) as Record<string, unknown>;
      for (const name of names) if (module[name] === undefined) missing.push(`${file}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('refuses an unusable setting once, at start, as a configuration error naming the provider', async (ctx) => {
    ctx.skip(!UNUSABLE[folder], `${folder}'s settings cannot be checked without calling the provider`);
    const { definition } = (await import(
      `./${folder}/adapter.ts`
    )) as typeof import('./_template/adapter.ts');
    let error: unknown;
    try {
      definition.createAdapter({ baseUrl: 'https://provider.test', ...UNUSABLE[folder] }, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PayLinkError);
    expect(error).toMatchObject({
      code: 'configuration',
      message: expect.stringContaining(definition.name),
    });
  });

  it('builds its definition from its settings, refusing unusable ones as configuration errors', async () => {
    const { definition } = (await import(
      `./${folder}/adapter.ts`
    )) as typeof import('./_template/adapter.ts');
    const { PROVIDER, settings } = (await import(
      `./${folder}/settings.ts`
    )) as typeof import('./_template/settings.ts');
    expect(definition.name).toBe(PROVIDER);
    expect(definition.settings).toBe(settings);
    if (folder !== '_template') expect(providerDefinitions[PROVIDER]).toBe(definition);
  });
});

describe('the template', () => {
  it('is a worked example, never registered as a provider the proxy can use', () => {
    expect(Object.keys(providerDefinitions)).not.toContain('template');
    expect(Object.keys(providerDefinitions).sort()).toEqual(['midtrans', 'payroc', 'placetopay', 'plexo']);
  });

  it('stops at start on a setting that cannot work', async () => {
    const { template } = await import('./_template/index.ts');
    expect(() =>
      template.createAdapter({ baseUrl: 'not a url', apiKey: 'k', webhookSecret: 's' }, {}),
    ).toThrow(PayLinkError);
  });
});
