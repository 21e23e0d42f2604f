import {
  formatMoney,
  type LinkStatus,
  type MerchantLinkView,
  PayLinkClient,
  type ProviderInfo,
  type PublicLinkView,
} from '@paylink/core';
import { defineElements, defineForm, setDefaultProxy } from '@paylink/elements';
import { browser } from 'wxt/browser';
import { h } from '../../utils/dom.ts';
import { explainFailure } from '../../utils/explain.ts';
import { termsFor, uiLocale } from '../../utils/i18n.ts';
import { sendMessage } from '../../utils/messages.ts';
import { type FormDraft, formValues, referenceFromUrl } from '../../utils/prefill.ts';
import { linkMessage } from '../../utils/share.ts';
import { copyText, messageFormat, shareBar } from '../../utils/share-bar.ts';
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

const params = new URLSearchParams(location.search);
/** Where "Insert a payment link…" was picked: the link goes there once created. */
const insertTarget = params.has('insertTab')
  ? {
      tabId: Number(params.get('insertTab')),
      frameId: Number(params.get('insertFrame') ?? 0),
      blocked: params.get('insertBlocked') === '1',
    }
  : null;

document.documentElement.lang = locale;
document.querySelector('#settings')!.textContent = t.settings;
document.querySelector('#settings')!.addEventListener('click', () => void browser.runtime.openOptionsPage());
document.querySelector('#all-links')!.textContent = t.allLinks;
document.querySelector('#all-links')!.addEventListener('click', () => {
  void browser.tabs.create({ url: browser.runtime.getURL('/links.html') }).then(() => window.close());
});

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
  const linkId = params.get('link');
  if (linkId) {
    try {
      await showDetails(await new PayLinkClient({ baseUrl: proxyUrl }).getLink(linkId), false);
    } catch (error) {
      main.replaceChildren(h('p', { className: 'notice', role: 'alert' }, explain(error)));
    }
  } else await showForm(proxyUrl, apiKey, await draftFrom(params));
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
    draft.description = tab.title; // cleaned of bidi and control characters by formValues
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
    void showDetails(link, true).then(() => (insertTarget ? insertLink(link) : undefined));
  });
  form.values = formValues(draft, new Date());
  const hint = insertTarget
    ? h(
        'p',
        { className: 'notice', id: 'insert-hint' },
        insertTarget.blocked ? t.insertBlockedHint : t.insertHint,
      )
    : null;
  main.replaceChildren(...[hint, form].filter((node) => node !== null));
}

/**
 * Puts the new link, as the message, into the field the menu was opened on. Where the page
 * refuses, the message goes to the clipboard (or, failing that, is shown to copy by hand).
 */
async function insertLink(link: MerchantLinkView): Promise<void> {
  const target = insertTarget!;
  const text = linkMessage(await messageFormat(t), link, locale);
  const note = h('div', { className: 'notice', id: 'insert-result', role: 'status' });
  document.querySelector('#details')?.prepend(note);
  if (!text) {
    note.textContent = t.cannotShare;
    return;
  }
  const answer = target.blocked
    ? { inserted: false }
    : await sendMessage('insertText', { tabId: target.tabId, frameId: target.frameId, text }).catch(() => ({
        inserted: false,
      }));
  note.dataset.inserted = String(answer.inserted);
  if (answer.inserted) {
    note.textContent = t.inserted;
  } else if (await copyText(text)) {
    note.textContent = t.insertRefused;
  } else {
    const copy = h('textarea', { readOnly: true, rows: 3, className: 'copy-by-hand' }, text);
    copy.setAttribute('aria-label', t.copyMessage);
    note.replaceChildren(h('p', {}, t.insertRefusedCopy), copy);
    copy.select();
  }
}

/** The link with copy, QR code, live status and one-click sharing. */
async function showDetails(link: PublicLinkView | MerchantLinkView, created: boolean): Promise<void> {
  const provider = providers.find((item) => item.name === link.provider);
  const children: Node[] = [];
  if (created) children.push(h('h2', {}, t.linkCreated));
  const status = h('pay-link-status', { detailed: true });
  status.link = link.id;
  status.locale = locale;
  const button = h('pay-link-button', { target: '_blank', qr: true, showDescription: true });
  button.link = link.id;
  button.locale = locale;
  children.push(status, button);
  children.push(shareBar(link, provider, t, locale, await messageFormat(t), explain));
  children.push(h('button', { type: 'button', onclick: () => void newLink() }, t.newLink));
  main.replaceChildren(h('div', { className: 'details', id: 'details', 'data-link': link.id }, ...children));
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
    links = (await sendMessage('listLinks', { limit: RECENT_LIMIT })).links;
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
        onclick: () => void showDetails(link, false),
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

function explain(error: unknown): string {
  return explainFailure(error, t);
}
