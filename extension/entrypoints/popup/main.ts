import { formatMoney, type LinkStatus, type MerchantLinkView } from '@paylink/core';
import { defineElements, defineForm, type ProviderInfo, setDefaultProxy } from '@paylink/elements';
import { browser } from 'wxt/browser';
import { h } from '../../utils/dom.ts';
import { termsFor, uiLocale } from '../../utils/i18n.ts';
import { BackgroundError, sendMessage } from '../../utils/messages.ts';
import { type FormDraft, formValues, referenceFromUrl } from '../../utils/prefill.ts';
import {
  apiKeyItem,
  defaultCurrencyItem,
  defaultExpiryHoursItem,
  defaultProviderItem,
  proxyUrlItem,
} from '../../utils/storage.ts';

const RECENT_LIMIT = 20;
const STATUSES: LinkStatus[] = ['open', 'pending', 'paid', 'expired', 'disabled'];

const locale = uiLocale();
const t = termsFor(locale);
const main = document.querySelector<HTMLElement>('#main')!;
const recent = {
  section: document.querySelector<HTMLElement>('#recent')!,
  text: document.querySelector<HTMLInputElement>('#filter-text')!,
  status: document.querySelector<HTMLSelectElement>('#filter-status')!,
  message: document.querySelector<HTMLElement>('#recent-message')!,
  list: document.querySelector<HTMLUListElement>('#recent-list')!,
};
let providers: ProviderInfo[] = [];
let links: MerchantLinkView[] = [];

document.documentElement.lang = locale;
document.querySelector('#settings')!.textContent = t.settings;
document.querySelector('#settings')!.addEventListener('click', () => void browser.runtime.openOptionsPage());

void start();

async function start(): Promise<void> {
  const [proxyUrl, apiKey] = await Promise.all([proxyUrlItem.getValue(), apiKeyItem.getValue()]);
  if (!proxyUrl || !apiKey) {
    main.replaceChildren(
      h('p', { className: 'notice' }, t.notConfigured),
      h('button', { type: 'button', onclick: () => void browser.runtime.openOptionsPage() }, t.openSettings),
    );
    return;
  }
  // The elements talk to the proxy's public routes themselves (this is an extension page, not a web page).
  setDefaultProxy(proxyUrl);
  defineElements();
  defineForm();
  void sendMessage('markSeen', null);
  try {
    providers = await sendMessage('listProviders', null);
  } catch (error) {
    main.replaceChildren(h('p', { className: 'notice', role: 'alert' }, explain(error)));
    return;
  }
  const params = new URLSearchParams(location.search);
  const linkId = params.get('link');
  if (linkId) showDetails(linkId, null);
  else await showForm(proxyUrl, apiKey, await draftFrom(params));
  setUpRecent();
}

/** The form's starting values: from the context menu (query), else the current tab, plus the saved defaults. */
async function draftFrom(params: URLSearchParams): Promise<FormDraft> {
  const [currency, expiryHours] = await Promise.all([
    defaultCurrencyItem.getValue(),
    defaultExpiryHoursItem.getValue(),
  ]);
  const draft: FormDraft = { currency: currency || undefined, expiryHours };
  if (params.get('from') === 'selection') {
    draft.amount = params.get('amount') ?? undefined;
    draft.currency = params.get('currency') ?? draft.currency;
    draft.description = params.get('description') ?? undefined;
    draft.reference = params.get('reference') ?? undefined;
    return draft;
  }
  // activeTab: opening the popup grants this tab's title and address, nothing more.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  if (tab?.url && /^https?:/.test(tab.url)) {
    draft.description = tab.title;
    draft.reference = referenceFromUrl(tab.url);
  }
  return draft;
}

async function showForm(proxyUrl: string, apiKey: string, draft: FormDraft): Promise<void> {
  const form = document.createElement('pay-link-form');
  form.proxy = proxyUrl;
  form.apiKey = apiKey;
  form.locale = locale;
  const provider = await defaultProviderItem.getValue();
  if (providers.some((item) => item.name === provider)) form.provider = provider;
  form.addEventListener('paylink-created', (event) => {
    const link = event.detail;
    void sendMessage('watchLink', { link });
    links = [link, ...links.filter((item) => item.id !== link.id)];
    renderRecent();
    showDetails(link.id, link);
  });
  form.values = formValues(draft, new Date());
  main.replaceChildren(form);
}

/** The link with copy, QR code, live status and (where the provider can) sharing by e-mail. */
function showDetails(linkId: string, link: MerchantLinkView | null): void {
  const provider = providers.find(
    (item) => item.name === (link ?? links.find((l) => l.id === linkId))?.provider,
  );
  const children: Node[] = [];
  if (link) children.push(h('h2', {}, t.linkCreated));
  const status = h('pay-link-status', { detailed: true });
  status.link = linkId;
  status.locale = locale;
  const button = h('pay-link-button', { target: '_blank', copy: true, qr: true, showDescription: true });
  button.link = linkId;
  button.locale = locale;
  children.push(status, button);
  if (provider?.capabilities.share === 'api') children.push(shareForm(linkId));
  children.push(h('button', { type: 'button', onclick: () => void newLink() }, t.newLink));
  main.replaceChildren(h('div', { className: 'details', id: 'details', 'data-link': linkId }, ...children));
}

function shareForm(linkId: string): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const result = h('span', { role: 'status' });
  email.setAttribute('aria-label', t.shareByEmail);
  email.placeholder = t.shareByEmail;
  const form = h(
    'form',
    {
      className: 'share',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        result.textContent = '';
        try {
          await sendMessage('shareLink', { id: linkId, recipients: [email.value.trim()] });
          result.textContent = t.sent;
          email.value = '';
        } catch (error) {
          result.textContent = explain(error);
        }
      },
    },
    email,
    h('button', { type: 'submit' }, t.send),
  );
  return h('div', {}, form, result);
}

async function newLink(): Promise<void> {
  const [proxyUrl, apiKey] = await Promise.all([proxyUrlItem.getValue(), apiKeyItem.getValue()]);
  await showForm(proxyUrl, apiKey, await draftFrom(new URLSearchParams()));
}

function setUpRecent(): void {
  recent.section.hidden = false;
  document.querySelector('#recent-title')!.textContent = t.recent;
  recent.text.placeholder = t.filter;
  recent.text.setAttribute('aria-label', t.filter);
  recent.status.setAttribute('aria-label', t.filter);
  recent.status.replaceChildren(
    h('option', { value: '' }, t.allStatuses),
    ...STATUSES.map((status) =>
      h('option', { value: status }, t.statuses[status as keyof typeof t.statuses]),
    ),
  );
  recent.text.addEventListener('input', applyFilter);
  recent.status.addEventListener('change', applyFilter);
  // A row's status changes live; the status filter follows it.
  recent.list.addEventListener('paylink-status-change', applyFilter);
  void loadRecent();
}

async function loadRecent(): Promise<void> {
  try {
    links = await sendMessage('listLinks', { limit: RECENT_LIMIT });
    renderRecent();
  } catch (error) {
    recent.message.textContent = `${t.loadFailed} ${explain(error)}`;
  }
}

function renderRecent(): void {
  recent.message.textContent = links.length ? '' : t.noLinks;
  recent.list.replaceChildren(...links.map(row));
  applyFilter();
}

function row(link: MerchantLinkView): HTMLLIElement {
  const status = h('pay-link-status', {});
  status.link = link.id;
  status.locale = locale;
  const amount = link.amount.value
    ? formatMoney({ value: link.amount.value, currency: link.amount.currency }, locale)
    : link.amount.currency;
  const disable = h(
    'button',
    {
      type: 'button',
      className: 'disable',
      hidden: link.status !== 'open',
      onclick: async () => {
        disable.disabled = true;
        try {
          const updated = await sendMessage('disableLink', { id: link.id });
          links = links.map((item) => (item.id === updated.id ? updated : item));
          renderRecent();
        } catch (error) {
          disable.disabled = false;
          recent.message.textContent = explain(error);
        }
      },
    },
    t.disable,
  );
  // Disable only makes sense while the link can still be paid.
  status.addEventListener('paylink-status-change', (event) => {
    disable.hidden = event.detail.status !== 'open';
  });
  return h(
    'li',
    {
      'data-link': link.id,
      'data-search': `${link.description} ${link.reference ?? ''} ${amount}`.toLowerCase(),
    },
    h(
      'button',
      {
        type: 'button',
        className: 'title',
        title: link.description,
        onclick: () => showDetails(link.id, null),
      },
      link.description,
    ),
    h('span', { className: 'actions' }, status),
    h('span', { className: 'amount' }, amount),
    h('span', { className: 'actions' }, disable),
  );
}

function applyFilter(): void {
  const text = recent.text.value.trim().toLowerCase();
  const wanted = recent.status.value;
  for (const item of recent.list.children as HTMLCollectionOf<HTMLLIElement>) {
    const link = links.find((l) => l.id === item.dataset.link);
    const live = item.querySelector('pay-link-status')?.status;
    const status = live && live !== 'loading' && live !== 'error' ? live : link?.status;
    item.hidden =
      (text !== '' && !item.dataset.search!.includes(text)) || (wanted !== '' && status !== wanted);
  }
}

/** A failure in words for the person, with the fix when the proxy refuses the extension's origin. */
function explain(error: unknown): string {
  if (!(error instanceof BackgroundError)) return error instanceof Error ? error.message : String(error);
  const { status, problem, message } = error.failure;
  if (problem === 'origin-not-allowed') return t.originRefused(new URL(browser.runtime.getURL('/')).origin);
  if (status === 401) return t.unauthorized;
  if (status === null && /fetch|network/i.test(message)) return t.unreachable;
  return message;
}
