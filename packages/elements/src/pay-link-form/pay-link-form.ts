import {
  amountProblem,
  type CreateLinkRequest,
  checkoutLocale,
  createLink,
  isCurrencyCode,
  listProviders,
  type MerchantLinkView,
  type ProviderInfo,
  ProxyRequestError,
  type ProxyTarget,
} from '@paylink/core';
import { html, nothing, type TemplateResult } from 'lit';
import { PayLinkElement } from '../base/paylink-element.ts';
import { theme } from '../styles/theme.ts';
import { amountInputText, localDateTimeInput, parseAmount } from './amount.ts';
import { type FormTerms, formTermsFor } from './form-terms.ts';
import { styles } from './pay-link-form.styles.ts';

/** Request fields that have an input here; the proxy's `errors[].field` names are matched against them. */
const FIELDS = [
  'provider',
  'amount.value',
  'amount.currency',
  'description',
  'reference',
  'expiresAt',
  'usageLimit',
  'customer.email',
];

/** Initial values of `<pay-link-form>`'s fields. */
export interface PayLinkFormValues {
  amount?: string;
  currency?: string;
  description?: string;
  reference?: string;
  expiresAt?: string;
}

/**
 * @summary The create-link form for a merchant (browser extension, back office): provider, amount typed the
 * locale's way, currency, description, reference, expiry, usage limit and customer e-mail, showing only what
 * the chosen provider supports, with the proxy's per-field errors inline. Needs an API key: never put it on a
 * public page.
 *
 * @event paylink-created - A link was created. Detail: `MerchantLinkView`.
 * @event paylink-error - Loading the providers or creating the link failed. Detail: `{ message, status }`.
 *
 * @csspart base - The `<form>`.
 * @csspart button - The submit button.
 * @csspart error - The form-level error.
 *
 * @cssproperty --paylink-form-width - Maximum width.
 */
export class PayLinkForm extends PayLinkElement {
  static override styles = [theme, styles];

  static override properties = {
    apiKey: { attribute: 'api-key' },
    provider: {},
    values: { attribute: false },
    theme: { reflect: true },
    providers: { state: true },
    errors: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  /**
   * Initial field values, e.g. prefilled from the page a merchant is on: `amount` as a wire
   * decimal ("1500.50", shown the locale's way), `expiresAt` as ISO 8601. Property only.
   */
  values: PayLinkFormValues = {};

  /** API key for the proxy's merchant routes. Attribute: `api-key`. Prefer setting the property. */
  apiKey = '';

  /** Name of the selected provider; defaults to the first the proxy lists. */
  provider = '';

  /** `light` or `dark`; by default the page's colour scheme. */
  theme: '' | 'light' | 'dark' = '';

  private providers: ProviderInfo[] = [];
  private errors: Record<string, string> = {};
  private failure = '';
  private busy = false;
  #idempotency = { body: '', key: '' };

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('proxy') || changed.has('apiKey')) && this.apiKey) void this.#loadProviders();
  }

  /** The proxy and key core's client functions take. */
  get #target(): ProxyTarget {
    return { baseUrl: this.proxyUrl, apiKey: this.apiKey };
  }

  get #t(): FormTerms {
    return formTermsFor(this.resolvedLocale);
  }

  get #selected(): ProviderInfo | undefined {
    return this.providers.find((provider) => provider.name === this.provider) ?? this.providers[0];
  }

  async #loadProviders(): Promise<void> {
    try {
      this.providers = await listProviders(this.#target);
      this.failure = '';
    } catch (error) {
      this.failure = this.#explain(error) ?? this.#t.loadFailed;
      this.#emitError(error);
    }
  }

  /** The form's words for what the page's author must fix (and the console's, once), else null. */
  #explain(error: unknown): string | null {
    const t = this.#t;
    switch (this.diagnose(error)) {
      case 'bad-key':
        return t.badKey;
      case 'origin':
        return t.originRefused;
      case 'not-a-proxy':
        return t.notAProxy;
      case 'no-proxy':
        return t.noProxy;
      default:
        return null;
    }
  }

  /** A provider that refused the checkout language: its own message, and the cause and fix in the console. */
  #localeRefused(locale: string, reason: string): string {
    const provider = this.#selected?.name ?? 'the provider';
    console.warn(
      `<pay-link-form>: ${provider} refused the checkout locale "${locale}" (${reason}). Set the form's locale (or the page's lang) to one it shows${this.#selected?.capabilities.locales?.length ? `: ${this.#selected.capabilities.locales.join(', ')}` : ''}.`,
    );
    return this.#t.localeRefused(locale);
  }

  #emitError(error: unknown): void {
    const status = error instanceof ProxyRequestError ? error.status : null;
    this.emit('paylink-error', { message: error instanceof Error ? error.message : String(error), status });
  }

  /** Reads the form into a request, or field errors. */
  #read(form: HTMLFormElement): { request: CreateLinkRequest | null; errors: Record<string, string> } {
    const t = this.#t;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const provider = this.#selected!;
    const caps = provider.capabilities;
    const errors: Record<string, string> = {};
    const currency = text('currency').toUpperCase();
    const value = parseAmount(text('amount'), this.resolvedLocale);
    if (!isCurrencyCode(currency)) errors['amount.currency'] = amountProblem('0', currency)!;
    if (!text('amount')) errors['amount.value'] = t.required;
    else if (value === null) errors['amount.value'] = t.invalidAmount;
    else if (!errors['amount.currency']) {
      const problem = amountProblem(value, currency);
      if (problem) errors['amount.value'] = problem;
    }
    if (!text('description')) errors['description'] = t.required;
    const expires = text('expiresAt');
    if (caps.expiryRequired && !expires) errors['expiresAt'] = t.required;
    const email = text('email');
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors['customer.email'] = t.invalidEmail;
    let usageLimit: number | null = 1;
    if (caps.usageLimit !== 'single') {
      const limit = text('usageLimit');
      usageLimit = limit === '' || limit === 'unlimited' ? null : Number(limit);
      if (usageLimit === null && !caps.unlimitedUsage) errors['usageLimit'] = t.required;
    }
    if (Object.keys(errors).length > 0) return { request: null, errors };
    const request: CreateLinkRequest = {
      provider: provider.name,
      amount: { value: value!, currency },
      description: text('description'),
      usageLimit,
    };
    if (text('reference')) request.reference = text('reference');
    if (expires) request.expiresAt = new Date(expires).toISOString();
    if (email) request.customer = { email };
    // The page's locale as the provider takes it (`es` → `es-CO` for Placetopay), or none.
    const locale = checkoutLocale(this.resolvedLocale, caps);
    if (locale) request.locale = locale;
    return { request, errors };
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.#selected) return;
    const form = event.currentTarget as HTMLFormElement;
    const { request, errors } = this.#read(form);
    this.errors = errors;
    this.failure = '';
    if (!request) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    // The same request sent again (after a network error) reuses its key, so it is created once.
    const body = JSON.stringify(request);
    if (this.#idempotency.body !== body) this.#idempotency = { body, key: crypto.randomUUID() };
    this.busy = true;
    try {
      const link: MerchantLinkView = await createLink(this.#target, request, {
        idempotencyKey: this.#idempotency.key,
      });
      form.reset();
      this.#idempotency = { body: '', key: '' };
      this.emit('paylink-created', link);
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      const other: string[] = [];
      const explained = this.#explain(error);
      if (explained) other.push(explained);
      if (error instanceof ProxyRequestError) {
        for (const { field, message } of error.problem?.errors ?? []) {
          if (FIELDS.includes(field)) fieldErrors[field] = message;
          else if (field === 'locale') other.push(this.#localeRefused(request.locale ?? '', message));
          else other.push(`${field}: ${message}`);
        }
      }
      this.errors = fieldErrors;
      const problem = error instanceof ProxyRequestError ? error.problem : null;
      this.failure =
        other.join(' ') || (Object.keys(fieldErrors).length ? '' : (problem?.detail ?? this.#t.createFailed));
      this.#emitError(error);
    } finally {
      this.busy = false;
    }
  }

  #field(name: string, label: string, control: (describedBy: string | undefined) => TemplateResult) {
    const error = this.errors[name];
    const id = `f-${name.replace('.', '-')}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control(error ? `${id}-error` : undefined)}
      ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}
    </div>`;
  }

  protected override render() {
    const t = this.#t;
    const selected = this.#selected;
    if (!selected) return this.failure ? html`<p part="error" role="alert">${this.failure}</p>` : nothing;
    const caps = selected.capabilities;
    const values = this.values;
    const invalid = (name: string) => (this.errors[name] ? 'true' : 'false');
    return html`<form part="base" novalidate @submit=${this.#submit}>
      ${this.#field(
        'provider',
        t.provider,
        (describedBy) => html`<select
          id="f-provider"
          name="provider"
          aria-describedby=${describedBy ?? nothing}
          @change=${(event: Event) => {
            this.provider = (event.target as HTMLSelectElement).value;
          }}
        >
          ${this.providers.map(
            (provider) =>
              html`<option value=${provider.name} ?selected=${provider === selected}>${provider.title}</option>`,
          )}
        </select>`,
      )}
      <div class="row">
        ${this.#field(
          'amount.value',
          t.amount,
          (describedBy) => html`<input
            id="f-amount-value"
            name="amount"
            value=${values.amount ? amountInputText(values.amount, this.resolvedLocale) : nothing}
            inputmode="decimal"
            autocomplete="off"
            required
            aria-invalid=${invalid('amount.value')}
            aria-describedby=${describedBy ?? nothing}
          />`,
        )}
        ${this.#field('amount.currency', t.currency, (describedBy) =>
          caps.currencies
            ? html`<select
                id="f-amount-currency"
                name="currency"
                aria-invalid=${invalid('amount.currency')}
                aria-describedby=${describedBy ?? nothing}
              >
                ${caps.currencies.map((code) => html`<option ?selected=${code === values.currency}>${code}</option>`)}
              </select>`
            : html`<input
                id="f-amount-currency"
                name="currency"
                value=${values.currency ?? 'USD'}
                maxlength="3"
                autocomplete="off"
                aria-invalid=${invalid('amount.currency')}
                aria-describedby=${describedBy ?? nothing}
              />`,
        )}
      </div>
      ${this.#field(
        'description',
        t.description,
        (describedBy) => html`<input
          id="f-description"
          name="description"
          value=${values.description?.slice(0, 255) ?? nothing}
          required
          maxlength="255"
          aria-invalid=${invalid('description')}
          aria-describedby=${describedBy ?? nothing}
        />`,
      )}
      ${this.#field(
        'reference',
        t.reference,
        (describedBy) => html`<input
          id="f-reference"
          name="reference"
          value=${values.reference ?? nothing}
          maxlength="64"
          aria-invalid=${invalid('reference')}
          aria-describedby=${describedBy ?? nothing}
        />`,
      )}
      ${this.#field(
        'expiresAt',
        t.expires,
        (describedBy) => html`<input
          id="f-expiresAt"
          name="expiresAt"
          value=${values.expiresAt ? localDateTimeInput(values.expiresAt) : nothing}
          type="datetime-local"
          ?required=${caps.expiryRequired}
          aria-invalid=${invalid('expiresAt')}
          aria-describedby=${describedBy ?? nothing}
        />`,
      )}
      ${
        caps.usageLimit === 'single'
          ? nothing
          : this.#field('usageLimit', t.usageLimit, (describedBy) =>
              caps.usageLimit === 'single-or-unlimited'
                ? html`<select id="f-usageLimit" name="usageLimit" aria-describedby=${describedBy ?? nothing}>
                  <option value="1">${t.single}</option>
                  <option value="unlimited">${t.unlimited}</option>
                </select>`
                : html`<input
                  id="f-usageLimit"
                  name="usageLimit"
                  type="number"
                  min="1"
                  step="1"
                  value="1"
                  placeholder=${caps.unlimitedUsage ? t.unlimited : nothing}
                  aria-invalid=${invalid('usageLimit')}
                  aria-describedby=${describedBy ?? nothing}
                />`,
            )
      }
      ${
        caps.share === 'none'
          ? nothing
          : this.#field(
              'customer.email',
              t.email,
              (describedBy) => html`<input
              id="f-customer-email"
              name="email"
              type="email"
              autocomplete="off"
              aria-invalid=${invalid('customer.email')}
              aria-describedby=${describedBy ?? nothing}
            />`,
            )
      }
      ${this.failure ? html`<p part="error" role="alert">${this.failure}</p>` : nothing}
      <button part="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.creating : t.create}</button>
    </form>`;
  }
}
