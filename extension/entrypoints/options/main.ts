import type { ProviderInfo } from '@paylink/core';
import { isCurrencyCode } from '@paylink/core';
import { browser } from 'wxt/browser';
import { h } from '../../utils/dom.ts';
import { explainFailure } from '../../utils/explain.ts';
import { type ExtensionTerms, termsFor, uiLocale } from '../../utils/i18n.ts';
import { sendMessage } from '../../utils/messages.ts';
import { normalizeProxyUrl, originPattern } from '../../utils/proxy.ts';
import {
  apiKeyItem,
  defaultCurrencyItem,
  defaultExpiryHoursItem,
  defaultProviderItem,
  messageFormatItem,
  proxyUrlItem,
} from '../../utils/storage.ts';

const EXPIRY_HOURS = [0, 1, 24, 72, 168];
const COMMON_CURRENCIES = ['USD', 'EUR', 'COP', 'UYU', 'IDR', 'BRL', 'MXN', 'PEN', 'CLP', 'ARS'];

const locale = uiLocale();
const t = termsFor(locale);
const form = document.querySelector<HTMLFormElement>('#settings')!;
const fields = {
  proxyUrl: document.querySelector<HTMLInputElement>('#proxy-url')!,
  apiKey: document.querySelector<HTMLInputElement>('#api-key')!,
  provider: document.querySelector<HTMLSelectElement>('#default-provider')!,
  currency: document.querySelector<HTMLInputElement>('#default-currency')!,
  currencies: document.querySelector<HTMLDataListElement>('#currencies')!,
  expiry: document.querySelector<HTMLSelectElement>('#default-expiry')!,
  messageFormat: document.querySelector<HTMLInputElement>('#message-format')!,
};
const result = document.querySelector<HTMLElement>('#result')!;
const testButton = document.querySelector<HTMLButtonElement>('#test')!;

document.documentElement.lang = locale;
for (const element of document.querySelectorAll<HTMLElement>('[data-term]')) {
  element.textContent = t[element.dataset.term as keyof ExtensionTerms] as string;
}
document.querySelector('#guide-steps')!.replaceChildren(...t.guideSteps.map((step) => h('li', {}, step)));
fields.messageFormat.placeholder = t.defaultMessage;
fields.expiry.replaceChildren(
  ...EXPIRY_HOURS.map((hours) => h('option', { value: String(hours) }, hours ? t.hours(hours) : t.noExpiry)),
);

void load();

async function load(): Promise<void> {
  const [proxyUrl, apiKey, provider, currency, expiry, format] = await Promise.all([
    proxyUrlItem.getValue(),
    apiKeyItem.getValue(),
    defaultProviderItem.getValue(),
    defaultCurrencyItem.getValue(),
    defaultExpiryHoursItem.getValue(),
    messageFormatItem.getValue(),
  ]);
  // The guide stays until the extension is set up.
  document.querySelector<HTMLElement>('#guide')!.hidden = Boolean(proxyUrl && apiKey);
  fields.messageFormat.value = format;
  fields.proxyUrl.value = proxyUrl;
  fields.apiKey.value = apiKey;
  fields.expiry.value = String(expiry);
  showDefaults([], provider, currency);
  if (proxyUrl && apiKey) {
    const providers = await sendMessage('listProviders', null).catch(() => []);
    showDefaults(providers, provider, currency);
  }
}

/** Fills the provider and currency choices from the proxy's providers, keeping the saved choice. */
function showDefaults(providers: ProviderInfo[], provider: string, currency: string): void {
  fields.provider.replaceChildren(
    h('option', { value: '' }, t.firstProvider),
    ...providers.map((item) => h('option', { value: item.name }, item.title)),
  );
  if (provider && !providers.some((item) => item.name === provider)) {
    fields.provider.append(h('option', { value: provider }, provider));
  }
  fields.provider.value = provider;
  // Most providers take any currency (`currencies: null`): suggest theirs and the usual ones.
  const currencies = new Set([
    ...providers.flatMap((item) => item.capabilities.currencies ?? []),
    ...COMMON_CURRENCIES,
  ]);
  fields.currencies.replaceChildren(...[...currencies].sort().map((code) => h('option', { value: code })));
  fields.currency.value = currency;
}

function say(text: string, state: 'ok' | 'error' | 'busy'): void {
  result.textContent = text;
  result.dataset.state = state;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const proxyUrl = normalizeProxyUrl(fields.proxyUrl.value);
  if (!proxyUrl) {
    fields.proxyUrl.setAttribute('aria-invalid', 'true');
    fields.proxyUrl.focus();
    say(urlProblem(fields.proxyUrl.value), 'error');
    return;
  }
  fields.proxyUrl.removeAttribute('aria-invalid');
  const currency = fields.currency.value.trim().toUpperCase();
  if (currency && !isCurrencyCode(currency)) {
    fields.currency.setAttribute('aria-invalid', 'true');
    fields.currency.focus();
    say(t.invalidCurrency, 'error');
    return;
  }
  fields.currency.removeAttribute('aria-invalid');
  // Asked in the click itself (browsers only prompt from a user gesture): access to this proxy only.
  const request = browser.permissions.request({ origins: [originPattern(proxyUrl)] });
  void request.then(
    async (granted) => {
      if (!granted) return say(t.permissionDenied, 'error');
      await Promise.all([
        proxyUrlItem.setValue(proxyUrl),
        apiKeyItem.setValue(fields.apiKey.value.trim()),
        defaultProviderItem.setValue(fields.provider.value),
        defaultCurrencyItem.setValue(currency),
        defaultExpiryHoursItem.setValue(Number(fields.expiry.value) || 0),
        messageFormatItem.setValue(fields.messageFormat.value.trim()),
      ]);
      document.querySelector<HTMLElement>('#guide')!.hidden = Boolean(fields.apiKey.value.trim());
      fields.proxyUrl.value = proxyUrl;
      fields.currency.value = currency;
      await testConnection(t.saved);
    },
    (error: unknown) => say(String(error), 'error'),
  );
});

testButton.addEventListener('click', () => void testConnection(''));

/** Lists the providers with the values in the form (saved or not). */
async function testConnection(prefix: string): Promise<void> {
  const proxyUrl = normalizeProxyUrl(fields.proxyUrl.value);
  if (!proxyUrl) return say(urlProblem(fields.proxyUrl.value), 'error');
  testButton.disabled = true;
  say(t.testing, 'busy');
  try {
    const providers = await sendMessage('testConnection', { proxyUrl, apiKey: fields.apiKey.value.trim() });
    showDefaults(providers, fields.provider.value, fields.currency.value);
    say(`${prefix ? `${prefix} ` : ''}${t.connected(providers.map((item) => item.title).join(', '))}`, 'ok');
  } catch (error) {
    say(`${prefix ? `${prefix} ` : ''}${explain(error)}`, 'error');
  } finally {
    testButton.disabled = false;
  }
}

function explain(error: unknown): string {
  return explainFailure(error, t);
}

/** Why a typed proxy URL is refused: plain http to a host that is not this machine, or not a URL. */
function urlProblem(text: string): string {
  try {
    if (new URL(text.trim()).protocol === 'http:') return t.proxyUrlInsecure;
  } catch {}
  return t.invalidUrl;
}
