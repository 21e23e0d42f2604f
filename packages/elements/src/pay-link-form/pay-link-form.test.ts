import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import type { MerchantLinkView } from '@paylink/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, proxy } from '../../test/helpers.ts';
import { defineForm } from '../define-form.ts';
import type { PayLinkForm } from './pay-link-form.ts';

beforeAll(() => defineForm());
afterEach(() => fixtureCleanup());

const API_KEY = 'test-api-key'; // the fake proxy's key (test/fake-proxy.ts)

async function form(locale = 'en', apiKey = API_KEY) {
  const element = await fixture<PayLinkForm>(
    html`<pay-link-form proxy=${proxy} locale=${locale} .apiKey=${apiKey}></pay-link-form>`,
  );
  return element;
}

async function loaded(element: PayLinkForm) {
  await vi.waitFor(() => expect(element.shadowRoot!.querySelector('form')).not.toBeNull());
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

async function lastCreated(): Promise<{ body: Record<string, unknown>; idempotencyKey: string }> {
  const created = (await (await fetch(`${proxy}/_test/created`)).json()) as {
    body: Record<string, unknown>;
    idempotencyKey: string;
  }[];
  return created.at(-1)!;
}

describe('<pay-link-form>', () => {
  it('has no accessibility violations', async () => {
    const element = await form();
    await loaded(element);
    expect(await axeViolations(element)).toEqual([]);
  });

  it("creates a link, parsing the amount the locale's way, and sends paylink-created", async () => {
    const element = await form('es-CO');
    const root = await loaded(element);
    const created: MerchantLinkView[] = [];
    element.addEventListener('paylink-created', (event) => created.push(event.detail));
    fill(root, {
      amount: '1.500,50',
      currency: 'COP',
      description: 'Factura 7',
      reference: 'INV-7',
      usageLimit: '3',
    });
    root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]!.id).toMatch(/^pl_/);
    const { body, idempotencyKey } = await lastCreated();
    expect(body).toEqual({
      provider: 'placetopay',
      amount: { value: '1500.50', currency: 'COP' },
      description: 'Factura 7',
      reference: 'INV-7',
      usageLimit: 3,
      locale: 'es-CO',
    });
    expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("starts from the given values, the amount written the locale's way, and sends them", async () => {
    const element = await fixture<PayLinkForm>(
      html`<pay-link-form
        proxy=${proxy}
        locale="es-CO"
        .apiKey=${API_KEY}
        .values=${{ amount: '1250.50', currency: 'COP', description: 'Pedido 12', reference: 'tienda/12' }}
      ></pay-link-form>`,
    );
    const root = await loaded(element);
    expect(root.querySelector<HTMLInputElement>('[name=amount]')!.value).toBe('1250,50');
    expect(root.querySelector<HTMLInputElement>('[name=description]')!.value).toBe('Pedido 12');
    root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await vi.waitFor(async () =>
      expect((await lastCreated()).body).toMatchObject({
        amount: { value: '1250.50', currency: 'COP' },
        description: 'Pedido 12',
        reference: 'tienda/12',
      }),
    );
  });

  it('shows only what the chosen provider supports', async () => {
    const element = await form();
    const root = await loaded(element);
    expect(root.querySelector('[name=usageLimit]')).not.toBeNull();
    expect(root.querySelector('[name=email]')).toBeNull(); // placetopay here cannot share
    fill(root, { provider: 'midtrans' });
    await element.updateComplete;
    expect(root.querySelector('[name=usageLimit]')).toBeNull(); // single use only
    expect(root.querySelector('[name=email]')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('[name=expiresAt]')!.required).toBe(true);
    expect([...root.querySelectorAll('[name=currency] option')].map((option) => option.textContent)).toEqual([
      'IDR',
    ]);
  });

  it('refuses an amount written the other way before sending anything', async () => {
    const element = await form('en');
    const root = await loaded(element);
    const before = (await (await fetch(`${proxy}/_test/created`)).json()).length;
    fill(root, { amount: '1.500,00', description: 'Invoice' });
    root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await vi.waitFor(() =>
      expect(root.querySelector('#f-amount-value-error')?.textContent).toBe(
        'Enter an amount such as 1,500.00.',
      ),
    );
    const input = root.querySelector<HTMLInputElement>('[name=amount]')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-amount-value-error');
    expect(root.activeElement).toBe(input);
    expect((await (await fetch(`${proxy}/_test/created`)).json()).length).toBe(before);
  });

  it('requires a description and, for this provider, an expiry', async () => {
    const element = await form();
    const root = await loaded(element);
    fill(root, { provider: 'midtrans' });
    await element.updateComplete;
    fill(root, { amount: '10000', description: ' ' });
    root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await vi.waitFor(() => expect(root.querySelector('#f-description-error')?.textContent).toBe('Required.'));
    expect(root.querySelector('#f-expiresAt-error')?.textContent).toBe('Required.');
  });

  it("maps the proxy's 422 problem errors to their fields", async () => {
    const element = await form();
    const root = await loaded(element);
    const errors: { status: number | null }[] = [];
    element.addEventListener('paylink-error', (event) => errors.push(event.detail));
    // A currency the proxy refuses for this provider (the fake: midtrans only takes IDR).
    fill(root, { provider: 'midtrans' });
    await element.updateComplete;
    const currency = root.querySelector<HTMLSelectElement>('[name=currency]')!;
    currency.append(new Option('USD', 'USD', true, true));
    fill(root, { amount: '10.00', description: 'Invoice', expiresAt: '2030-01-01T10:00' });
    root.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await vi.waitFor(() =>
      expect(root.querySelector('#f-amount-currency-error')?.textContent).toBe('midtrans only accepts IDR'),
    );
    expect(errors.map((error) => error.status)).toEqual([422]);
  });

  it('says when the proxy refuses the API key', async () => {
    const element = await form('pt-BR', 'wrong-key');
    await vi.waitFor(() =>
      expect(element.shadowRoot!.querySelector('[part~=error]')?.textContent).toBe(
        'Não foi possível acessar o proxy PayLink.',
      ),
    );
  });
});
