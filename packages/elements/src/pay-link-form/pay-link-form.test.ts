// <pay-link-form> against the real proxy and emulators (test/real-stack.ts): the providers, their
// capabilities and their refusals are the real adapters', and what reached the provider is read
// from its emulator.
import { elementUpdated, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing-helpers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, pageApiKey, providerRequests, stack } from '../../test/helpers.ts';
import { defineForm } from '../define-form.ts';
import type { PayLinkForm } from './pay-link-form.ts';

let apiKey: string;
beforeAll(async () => {
  defineForm();
  apiKey = await pageApiKey();
});
afterEach(() => {
  fixtureCleanup();
  vi.restoreAllMocks();
});

async function form(locale = 'en', key = apiKey, proxy = stack.proxyUrl) {
  return fixture<PayLinkForm>(
    html`<pay-link-form proxy=${proxy} locale=${locale} .apiKey=${key}></pay-link-form>`,
  );
}

async function loaded(element: PayLinkForm) {
  await vi.waitFor(() => expect(element.shadowRoot!.querySelector('form')).not.toBeNull(), { timeout: 5000 });
  return element.shadowRoot!;
}

function fill(root: ShadowRoot, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const control = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name='${name}']`)!;
    control.value = value;
    control.dispatchEvent(
      new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }
}

const submit = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
const formError = (element: PayLinkForm) => element.shadowRoot!.querySelector('[part~=error]')?.textContent;

/** The create requests Placetopay's emulator received (its `POST /api/payment-link`). */
const placetopayCreates = async () =>
  (await providerRequests('placetopay')).filter((r) => r.method === 'POST' && r.path === '/api/payment-link');

describe('<pay-link-form>', () => {
  it('has no accessibility violations', async () => {
    const element = await form();
    await loaded(element);
    expect(await axeViolations(element)).toEqual([]);
  });

  it("creates a link, parsing the amount the locale's way, and sends paylink-created", async () => {
    const element = await form('es-CO');
    const root = await loaded(element);
    const reference = `INV-${Date.now()}`;
    fill(root, {
      amount: '1.500.000',
      currency: 'COP',
      description: 'Factura 7',
      reference,
      usageLimit: '3',
    });
    const created = oneEvent(element, 'paylink-created');
    submit(root);
    const link = (await created).detail;
    expect(link).toMatchObject({
      id: expect.stringMatching(/^pl_/),
      provider: 'placetopay',
      amount: { value: '1500000.00', currency: 'COP' },
      description: 'Factura 7',
      reference,
      payments: { count: 0, limit: 3 },
    });
    const sent = (await placetopayCreates()).find((r) => r.body.reference === reference)!;
    expect(sent.body.locale).toBe('es_CO');
    expect(JSON.stringify(sent.body)).toContain('1500000');
  });

  it('sends a bare page language as a locale the provider shows (es → es-CO), where it was refused', async () => {
    const element = await form('es');
    const root = await loaded(element);
    const reference = `ES-${Date.now()}`;
    fill(root, { amount: '20.000', currency: 'COP', description: 'Pedido', reference });
    const created = oneEvent(element, 'paylink-created');
    submit(root);
    expect((await created).detail.reference).toBe(reference);
    expect((await placetopayCreates()).find((r) => r.body.reference === reference)!.body.locale).toBe(
      'es_CO',
    );
  });

  it("starts from the given values, the amount written the locale's way, and sends them", async () => {
    const element = await fixture<PayLinkForm>(
      html`<pay-link-form
        proxy=${stack.proxyUrl}
        locale="es-CO"
        .apiKey=${apiKey}
        .values=${{ amount: '1250000', currency: 'COP', description: 'Pedido 12', reference: 'tienda/12' }}
      ></pay-link-form>`,
    );
    const root = await loaded(element);
    expect(root.querySelector<HTMLInputElement>('[name=amount]')!.value).toBe('1250000');
    expect(root.querySelector<HTMLInputElement>('[name=description]')!.value).toBe('Pedido 12');
    const created = oneEvent(element, 'paylink-created');
    submit(root);
    expect((await created).detail).toMatchObject({
      amount: { value: '1250000.00', currency: 'COP' },
      description: 'Pedido 12',
      reference: 'tienda/12',
    });
  });

  it('shows only what the chosen provider supports (the real adapters’ capabilities)', async () => {
    const element = await form();
    const root = await loaded(element);
    // Placetopay: any usage limit; it e-mails the link at creation (share: at-create).
    expect(root.querySelector<HTMLInputElement>('[name=usageLimit]')!.type).toBe('number');
    expect(root.querySelector('[name=email]')).not.toBeNull();
    // Plexo: one payment or unlimited, and no e-mail.
    fill(root, { provider: 'plexo' });
    await elementUpdated(element);
    expect(root.querySelector('[name=usageLimit]')!.tagName).toBe('SELECT');
    expect(root.querySelector('[name=email]')).toBeNull();
    // Midtrans: rupiah only.
    fill(root, { provider: 'midtrans' });
    await elementUpdated(element);
    expect([...root.querySelectorAll('[name=currency] option')].map((option) => option.textContent)).toEqual([
      'IDR',
    ]);
  });

  it('refuses an amount written the other way before sending anything', async () => {
    const element = await form('en');
    const root = await loaded(element);
    const before = (await placetopayCreates()).length;
    fill(root, { amount: '1.500,00', description: 'Invoice' });
    submit(root);
    await vi.waitFor(() =>
      expect(root.querySelector('#f-amount-value-error')?.textContent).toBe(
        'Enter an amount such as 1,500.00.',
      ),
    );
    const input = root.querySelector<HTMLInputElement>('[name=amount]')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-amount-value-error');
    expect(root.activeElement).toBe(input);
    expect((await placetopayCreates()).length).toBe(before);
  });

  it('requires a description', async () => {
    const element = await form();
    const root = await loaded(element);
    fill(root, { amount: '10000', description: ' ' });
    submit(root);
    await vi.waitFor(() => expect(root.querySelector('#f-description-error')?.textContent).toBe('Required.'));
  });

  it("maps the proxy's 422 problem errors to their fields", async () => {
    const element = await form();
    const root = await loaded(element);
    fill(root, { provider: 'midtrans' });
    await elementUpdated(element);
    // A currency the Midtrans adapter refuses, forced past the form's own list.
    root.querySelector<HTMLSelectElement>('[name=currency]')!.append(new Option('USD', 'USD', true, true));
    fill(root, { amount: '10.00', description: 'Invoice' });
    const failed = oneEvent(element, 'paylink-error');
    submit(root);
    expect((await failed).detail.status).toBe(422);
    await elementUpdated(element);
    expect(root.querySelector('#f-amount-currency-error')?.textContent).toMatch(/IDR/);
  });

  describe('errors that say what is wrong', () => {
    it('a wrong API key: its own message, and the cause and fix in the console', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const element = await form('pt-BR', 'plk_not_a_key_of_this_proxy_000');
      await vi.waitFor(() =>
        expect(formError(element)).toBe(
          'O proxy recusou a chave de API. Verifique a chave nas configurações.',
        ),
      );
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(/refused the API key \(401\)\. Check the key/),
        ),
      );
    });

    it('an address that is not a PayLink proxy: its own message, and the fix in the console', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      // The stack's control server: it answers, but not as a PayLink proxy.
      const element = await form('en', apiKey, stack.controlUrl);
      await vi.waitFor(() =>
        expect(formError(element)).toBe('This address is not a PayLink proxy. Check the proxy address.'),
      );
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.stringContaining(`${stack.controlUrl} is not a PayLink proxy`),
        ),
      );
    });

    it('a provider that refuses the locale: its own message, and the cause and fix in the console', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      // A locale Placetopay cannot show reaches the real proxy (as from a form whose mapping was wrong):
      // its adapter's refusal is the real one.
      const send = window.fetch.bind(window);
      vi.spyOn(window, 'fetch').mockImplementation((input, init) => {
        if (String(input).endsWith('/v1/links') && init?.method === 'POST') {
          const body = JSON.parse(String(init.body)) as Record<string, unknown>;
          return send(input, { ...init, body: JSON.stringify({ ...body, locale: 'fr' }) });
        }
        return send(input, init);
      });
      const element = await form('en-US');
      const root = await loaded(element);
      fill(root, { amount: '1,500', currency: 'COP', description: 'Invoice' });
      const failed = oneEvent(element, 'paylink-error');
      submit(root);
      expect((await failed).detail.status).toBe(422);
      await elementUpdated(element);
      expect(formError(element)).toBe('The provider cannot show its checkout in “en-US”.');
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(/placetopay refused the checkout locale .*es-CO, en-US, pt-BR, it-IT/),
        ),
      );
    });
  });
});
