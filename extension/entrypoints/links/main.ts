import {
  formatMoney,
  LINK_STATUSES,
  type LinkStatus,
  type MerchantEvent,
  type MerchantLinkView,
  PayLinkClient,
  type ProviderInfo,
  type PublicLinkView,
  safeCheckoutUrl,
} from '@paylink/core';
import { defineElements, setDefaultProxy } from '@paylink/elements';
import { browser } from 'wxt/browser';
import { h } from '../../utils/dom.ts';
import { explainFailure } from '../../utils/explain.ts';
import { termsFor, uiLocale } from '../../utils/i18n.ts';
import { type LinkFilter, linksCsv, matchesFilter, paidTotals, reachesBack } from '../../utils/links.ts';
import { BackgroundError, sendMessage } from '../../utils/messages.ts';
import { messageFormat, shareBar } from '../../utils/share-bar.ts';
import { apiKeyItem, proxyUrlItem } from '../../utils/storage.ts';

/** Links per request: the proxy's maximum, or fewer with `?limit=`. */
const PAGE_SIZE = Math.min(
  100,
  Math.max(1, Number(new URLSearchParams(location.search).get('limit')) || 100),
);
/** Pages a date filter loads by itself to reach back to its first day. */
const AUTO_PAGES = 20;

const locale = uiLocale();
const t = termsFor(locale);
const app = document.querySelector<HTMLElement>('#app')!;
const dialog = document.querySelector<HTMLDialogElement>('#details')!;
const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

let providers: ProviderInfo[] = [];
let loaded: MerchantLinkView[] = [];
let nextCursor: string | null = null;
/** Bumped when the proxy-side filters change, so answers to older requests are dropped. */
let generation = 0;
let busy = false;

const field = (id: string, label: string, control: HTMLElement) => {
  control.id = id;
  return h('div', { className: 'field' }, h('label', { htmlFor: id }, label), control);
};
const controls = {
  text: h('input', { type: 'search', autocomplete: 'off' }),
  status: h(
    'select',
    {},
    h('option', { value: '' }, t.allStatuses),
    ...LINK_STATUSES.map((status) => h('option', { value: status }, t.statuses[status])),
  ),
  provider: h('select', {}, h('option', { value: '' }, t.allProviders)),
  from: h('input', { type: 'date' }),
  to: h('input', { type: 'date' }),
};
const summary = h('p', { id: 'summary', role: 'status' });
const totals = h('p', { id: 'totals' });
const tbody = h('tbody', {});
const more = h(
  'button',
  { type: 'button', id: 'load-more', hidden: true, onclick: () => void load(1) },
  t.loadMore,
);
const all = h(
  'button',
  { type: 'button', id: 'load-all', hidden: true, onclick: () => void load(Infinity) },
  t.loadAll,
);
const problem = h('p', { id: 'problem', role: 'alert', className: 'notice', hidden: true });

document.documentElement.lang = locale;
document.title = `${t.linksTitle} · PayLink`;
void start();

async function start(): Promise<void> {
  const [proxyUrl, apiKey] = await Promise.all([proxyUrlItem.getValue(), apiKeyItem.getValue()]);
  if (!proxyUrl || !apiKey) {
    app.replaceChildren(
      h('h1', {}, t.linksTitle),
      h('p', { className: 'notice' }, t.notConfigured),
      h('button', { type: 'button', onclick: () => void browser.runtime.openOptionsPage() }, t.openSettings),
    );
    return;
  }
  setDefaultProxy(proxyUrl);
  defineElements();
  void sendMessage('markSeen', null); // the paid links are in sight: the badge can go
  app.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, t.linksTitle),
      h('button', { type: 'button', id: 'export', onclick: exportCsv }, t.exportCsv),
    ),
    h(
      'form',
      { id: 'filters', role: 'search', onsubmit: (event: Event) => event.preventDefault() },
      field('filter-text', t.search, controls.text),
      field('filter-status', t.status, controls.status),
      field('filter-provider', t.provider, controls.provider),
      field('filter-from', t.from, controls.from),
      field('filter-to', t.to, controls.to),
    ),
    problem,
    summary,
    totals,
    h(
      'div',
      { className: 'table' },
      h(
        'table',
        { id: 'links' },
        h('caption', { className: 'sr-only' }, t.linksTitle),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[t.created, t.description, t.amount, t.status, t.provider, t.payments].map((name) =>
              h('th', { scope: 'col' }, name),
            ),
          ),
        ),
        tbody,
      ),
    ),
    h('div', { className: 'paging' }, more, all),
  );
  controls.text.addEventListener('input', render);
  controls.to.addEventListener('change', render);
  controls.from.addEventListener('change', () => void reachBack());
  controls.status.addEventListener('change', () => void reload());
  controls.provider.addEventListener('change', () => void reload());

  try {
    providers = await sendMessage('listProviders', null);
    controls.provider.append(...providers.map((item) => h('option', { value: item.name }, item.title)));
  } catch (error) {
    return fail(error);
  }
  await load(1);
  const linkId = new URLSearchParams(location.search).get('link');
  if (linkId) await openDetails(linkId, new PayLinkClient({ baseUrl: proxyUrl }));
}

function filter(): LinkFilter {
  return {
    text: controls.text.value,
    status: controls.status.value as LinkStatus | '',
    provider: controls.provider.value,
    from: controls.from.value,
    to: controls.to.value,
  };
}

/** Loads up to `pages` more pages (status and provider are filtered by the proxy, the rest here). */
async function load(pages: number, until?: () => boolean): Promise<void> {
  if (busy) return;
  busy = true;
  const mine = generation;
  summary.textContent = t.loading;
  more.disabled = all.disabled = true;
  try {
    for (let page = 0; page < pages; page++) {
      const answer = await sendMessage('listLinks', {
        limit: PAGE_SIZE,
        cursor: nextCursor ?? undefined,
        status: (controls.status.value || undefined) as LinkStatus | undefined,
        provider: controls.provider.value || undefined,
      });
      if (mine !== generation) return;
      loaded.push(...answer.links);
      nextCursor = answer.nextCursor;
      problem.hidden = true;
      if (!nextCursor || until?.()) break;
    }
  } catch (error) {
    fail(error);
  } finally {
    busy = false;
    more.disabled = all.disabled = false;
    if (mine === generation) render();
  }
}

/** The proxy-side filters changed: start over from the newest. */
async function reload(): Promise<void> {
  generation++;
  busy = false;
  loaded = [];
  nextCursor = null;
  await load(1);
  await reachBack();
}

/** A "from" day: load older pages until the list reaches back past it. */
async function reachBack(): Promise<void> {
  const wanted = filter();
  if (wanted.from && nextCursor && !reachesBack(loaded, wanted)) {
    await load(AUTO_PAGES, () => reachesBack(loaded, wanted));
  }
  render();
}

function render(): void {
  const wanted = filter();
  const shown = loaded.filter((link) => matchesFilter(link, wanted));
  tbody.replaceChildren(...shown.map(row));
  summary.textContent = t.shown(shown.length, loaded.length, nextCursor !== null);
  more.hidden = all.hidden = nextCursor === null;
  const paid = paidTotals(shown);
  const sums = paid.totals.map((money) => formatMoney(money, locale)).join(' · ');
  totals.textContent = `${t.paidTotals}: ${sums || t.nothingPaid}${paid.uncounted ? ` (${t.uncounted(paid.uncounted)})` : ''}`;
  totals.dataset.totals = paid.totals.map((money) => `${money.currency} ${money.value}`).join(';');
}

function amountText(link: Pick<PublicLinkView, 'amount'>): string {
  return link.amount.value
    ? formatMoney({ value: link.amount.value, currency: link.amount.currency }, locale)
    : link.amount.currency;
}

function row(link: MerchantLinkView): HTMLTableRowElement {
  const provider = providers.find((item) => item.name === link.provider);
  return h(
    'tr',
    { 'data-link': link.id },
    h('td', {}, h('time', { dateTime: link.createdAt }, dateTime.format(new Date(link.createdAt)))),
    h(
      'td',
      { className: 'description' },
      h(
        'button',
        { type: 'button', className: 'open', onclick: () => void openDetails(link.id) },
        link.description || link.id,
      ),
    ),
    h('td', { className: 'amount' }, amountText(link)),
    h('td', {}, h('span', { className: `badge ${link.status}` }, t.statuses[link.status])),
    h('td', {}, provider?.title ?? link.provider),
    h('td', { className: 'number' }, t.paymentsCount(link.payments.count, link.payments.limit)),
  );
}

function exportCsv(): void {
  const shown = loaded.filter((link) => matchesFilter(link, filter()));
  const blob = new Blob([linksCsv(shown)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = h('a', {
    href: url,
    download: `paylink-links-${new Date().toISOString().slice(0, 10)}.csv`,
  });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The details of one link: live status, payments, sharing, disabling and its events. */
async function openDetails(linkId: string, publicClient?: PayLinkClient): Promise<void> {
  let link: PublicLinkView | MerchantLinkView | undefined = loaded.find((item) => item.id === linkId);
  if (!link && publicClient) {
    try {
      link = await publicClient.getLink(linkId);
    } catch (error) {
      return fail(error);
    }
  }
  if (!link) return;
  const provider = providers.find((item) => item.name === link.provider);
  const status = h('pay-link-status', { detailed: true });
  status.link = link.id;
  status.locale = locale;
  const checkout = safeCheckoutUrl(link.url);
  const facts: [string, Node | string][] = [
    [t.amount, amountText(link)],
    [t.provider, provider?.title ?? link.provider],
    [t.created, dateTime.format(new Date(link.createdAt))],
    [t.expires, link.expiresAt ? dateTime.format(new Date(link.expiresAt)) : t.never],
    [t.payments, t.paymentsCount(link.payments.count, link.payments.limit)],
  ];
  if ('reference' in link && link.reference) facts.push([t.reference, link.reference]);
  if (link.lastPayment) {
    const at = link.lastPayment.at ? ` · ${dateTime.format(new Date(link.lastPayment.at))}` : '';
    facts.push([t.lastPayment, `${t.outcomes[link.lastPayment.outcome]}${at}`]);
  }
  facts.push([
    t.checkout,
    checkout
      ? h('a', { href: checkout.href, target: '_blank', rel: 'noopener noreferrer' }, checkout.href)
      : link.url,
  ]);
  const disable = h(
    'button',
    {
      type: 'button',
      id: 'disable',
      hidden: link.status !== 'open',
      onclick: async () => {
        disable.disabled = true;
        try {
          const updated = await sendMessage('disableLink', { id: linkId });
          loaded = loaded.map((item) => (item.id === updated.id ? updated : item));
          render();
          disable.hidden = true;
        } catch (error) {
          disable.disabled = false;
          note.textContent = explainFailure(error, t);
        }
      },
    },
    t.disable,
  );
  status.addEventListener('paylink-status-change', (event) => {
    disable.hidden = event.detail.status !== 'open';
  });
  const note = h('p', { role: 'status' });
  const events = h('ol', { id: 'events', className: 'events' });
  const eventsNote = h('p', { id: 'events-note' }, t.loading);
  dialog.replaceChildren(
    h(
      'div',
      { className: 'dialog-head' },
      h('h2', { id: 'details-title' }, link.title || link.description || link.id),
      h('button', { type: 'button', id: 'close', onclick: () => dialog.close() }, t.close),
    ),
    status,
    h('dl', {}, ...facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
    shareBar(link, provider, t, locale, await messageFormat(t), (error) => explainFailure(error, t)),
    h('div', { className: 'buttons' }, disable),
    note,
    h(
      'section',
      { 'aria-labelledby': 'events-title' },
      h('h3', { id: 'events-title' }, t.events),
      eventsNote,
      events,
    ),
  );
  dialog.dataset.link = linkId;
  if (!dialog.open) dialog.showModal();
  try {
    const list: MerchantEvent[] = await sendMessage('linkEvents', { id: linkId });
    events.replaceChildren(
      ...list.map((event) =>
        h(
          'li',
          { 'data-type': event.type },
          h('time', { dateTime: event.createdAt }, dateTime.format(new Date(event.createdAt))),
          ' ',
          h('code', {}, event.type),
        ),
      ),
    );
    eventsNote.textContent = list.length ? '' : t.noEvents;
  } catch (error) {
    // An older proxy has no events API (404); anything else is worth saying as it is.
    eventsNote.textContent =
      error instanceof BackgroundError && error.failure.status === 404
        ? t.eventsUnavailable
        : explainFailure(error, t);
  }
}

function fail(error: unknown): void {
  problem.hidden = false;
  problem.textContent = `${t.loadFailed} ${explainFailure(error, t)}`;
  if (!problem.isConnected) app.append(problem);
}
