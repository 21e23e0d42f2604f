import { formatMoney } from '@paylink/core';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { termsFor, uiLocale } from '../utils/i18n.ts';
import { captureTarget, insertText } from '../utils/insert.ts';
import type { Message, MessageHandlers, MessageType, Reply } from '../utils/messages.ts';
import { selectionQuery } from '../utils/prefill.ts';
import { MerchantClient, savedClient, toFailure } from '../utils/proxy.ts';
import { defaultCurrencyItem, unseenPaidItem, type WatchedLink } from '../utils/storage.ts';
import { checkWatchedLinks, watchLink } from '../utils/watch.ts';

/** The alarm that checks watched links; alarms outlive the service worker (and are re-made at startup). */
export const CHECK_ALARM = 'check-links';
const CHECK_PERIOD_MINUTES = 1;
const MENU_SELECTION = 'create-link';
const MENU_INSERT = 'insert-link';
const MENU_LINKS = 'open-links';
const NOTIFICATION_PREFIX = 'paid:';

// MV3 has `action`; Firefox's MV2 build has `browserAction` with the same badge calls.
const action = () => browser.action ?? browser.browserAction;

export default defineBackground({
  // Firefox's Manifest V2 build: an event page, woken by the same events as the service worker.
  persistent: false,
  main() {
    const t = termsFor(uiLocale());

    browser.runtime.onInstalled.addListener(async ({ reason }) => {
      await browser.contextMenus.removeAll();
      // `%s` is the selected text (Chrome and Firefox fill it in).
      browser.contextMenus.create({ id: MENU_SELECTION, title: t.menuTitle, contexts: ['selection'] });
      browser.contextMenus.create({ id: MENU_INSERT, title: t.insertMenuTitle, contexts: ['editable'] });
      // The toolbar button's own menu (`action` in Manifest V3, `browser_action` in Firefox's V2).
      browser.contextMenus.create({
        id: MENU_LINKS,
        title: t.linksMenuTitle,
        contexts: [browser.action ? 'action' : 'browser_action'],
      });
      // First install: the settings, with the short guide.
      if (reason === 'install') await browser.runtime.openOptionsPage();
    });

    // Listeners are registered at the top level on every start, so an alarm or a click wakes the
    // worker into a state that handles it (also after the browser restarts).
    browser.runtime.onStartup.addListener(() => void check());
    void ensureAlarm();
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === CHECK_ALARM) void check();
    });

    browser.contextMenus.onClicked.addListener((info, tab) => void menuClicked(info, tab));
    browser.notifications.onClicked.addListener((id) => void notificationClicked(id));
    // The test hook: end-to-end tests cannot click a context menu or a system notification
    // headless, so they call the very handlers the clicks call, from the background's own global
    // (which no web page and no other extension can reach).
    (globalThis as { paylinkTest?: object }).paylinkTest = { menuClicked, notificationClicked };

    /** A "Payment received" notification was clicked: the link's details on the links page. */
    async function notificationClicked(notificationId: string): Promise<void> {
      if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
      const linkId = notificationId.slice(NOTIFICATION_PREFIX.length);
      await browser.notifications.clear(notificationId);
      await openLinksPage(linkId);
    }

    // The badge always shows how many paid links the person has not seen yet.
    unseenPaidItem.watch((unseen) => void showBadge(unseen.length));
    void unseenPaidItem.getValue().then((unseen) => showBadge(unseen.length));

    const handlers: MessageHandlers = {
      testConnection: async ({ proxyUrl, apiKey }) => {
        const client = new MerchantClient(proxyUrl, apiKey);
        const providers = await client.listProviders();
        await client.probeWrite();
        return providers;
      },
      listProviders: async () => (await requireClient()).listProviders(),
      listLinks: async (query) => {
        const page = await (await requireClient()).listLinks(query);
        // Open links in the list get watched too, wherever they were created.
        for (const link of page.links)
          if (link.status === 'open' || link.status === 'pending') await watchLink(watched(link));
        return page;
      },
      linkEvents: async ({ id }) => (await requireClient()).linkEvents(id),
      insertText: async ({ tabId, frameId, text }) => {
        try {
          const [result] = await browser.scripting.executeScript({
            target: { tabId, frameIds: [frameId] },
            func: insertText,
            args: [text],
          });
          return (
            (result?.result as { inserted: boolean; reason?: string } | undefined) ?? {
              inserted: false,
              reason: 'no-answer',
            }
          );
        } catch (error) {
          // The page refuses scripts (the browser's own pages, a store, the tab navigated away).
          return { inserted: false, reason: error instanceof Error ? error.message : String(error) };
        }
      },
      disableLink: async ({ id }) => (await requireClient()).disableLink(id),
      shareLink: async ({ id, recipients }) => {
        await (await requireClient()).shareLink(id, { recipients });
        return null;
      },
      watchLink: async ({ link }) => {
        await watchLink(watched(link));
        return null;
      },
      checkNow: async () => (await check()).length,
      markSeen: async () => {
        await unseenPaidItem.setValue([]);
        return null;
      },
    };

    browser.runtime.onMessage.addListener((message: Message, sender, sendResponse) => {
      // Only the extension's own pages may ask (it has no content scripts).
      if (sender.id !== browser.runtime.id) return false;
      const handler = handlers[message.type] as ((data: unknown) => Promise<unknown>) | undefined;
      if (!handler) return false;
      handler(message.data).then(
        (value) => sendResponse({ ok: true, value } as Reply<MessageType>),
        (error: unknown) => sendResponse({ ok: false, error: toFailure(error) } satisfies Reply<MessageType>),
      );
      return true; // the answer comes later
    });

    /**
     * A context-menu entry was picked. On a selection: the create window, prefilled from it. In an
     * editable field: the field and caret are remembered in the page (`activeTab` grants this
     * tab for the click) and the create window is told where to insert the link once created.
     */
    async function menuClicked(
      info: { menuItemId: string | number; selectionText?: string; frameId?: number },
      tab?: { id?: number; title?: string; url?: string },
    ): Promise<void> {
      if (info.menuItemId === MENU_LINKS) return openLinksPage();
      if (info.menuItemId !== MENU_SELECTION && info.menuItemId !== MENU_INSERT) return;
      let selection = info.selectionText ?? '';
      const insert = info.menuItemId === MENU_INSERT && tab?.id !== undefined;
      let blocked = false;
      if (insert) {
        try {
          const [result] = await browser.scripting.executeScript({
            target: { tabId: tab.id!, frameIds: [info.frameId ?? 0] },
            func: captureTarget,
          });
          const captured = result?.result as { editable: boolean; selection: string } | undefined;
          blocked = !captured?.editable;
          selection ||= captured?.selection ?? '';
        } catch {
          blocked = true; // the page refuses scripts: the message will go to the clipboard
        }
      }
      const query = selectionQuery(selection, tab ?? {}, { dollarCurrency: await dollarCurrency() });
      if (insert) {
        query.set('insertTab', String(tab.id));
        query.set('insertFrame', String(info.frameId ?? 0));
        if (blocked) query.set('insertBlocked', '1');
      }
      await openPopupWindow(`/popup.html?${query}`);
    }

    /** Checks watched links now; notifies for each that turned paid. */
    async function check(): Promise<WatchedLink[]> {
      const client = await savedClient();
      if (!client) return [];
      const paid = await checkWatchedLinks((ids) => client.getStatuses(ids));
      for (const link of paid) {
        const amount = link.amount.value
          ? formatMoney({ value: link.amount.value, currency: link.amount.currency }, uiLocale())
          : link.amount.currency;
        await browser.notifications.create(`${NOTIFICATION_PREFIX}${link.id}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: t.paidTitle,
          message: t.paidMessage(amount, link.description),
        });
      }
      return paid;
    }
  },
});

async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(CHECK_ALARM))) {
    await browser.alarms.create(CHECK_ALARM, {
      periodInMinutes: CHECK_PERIOD_MINUTES,
      delayInMinutes: CHECK_PERIOD_MINUTES,
    });
  }
}

async function requireClient(): Promise<MerchantClient> {
  const client = await savedClient();
  if (!client) throw new Error('The extension has no proxy URL and API key yet.');
  return client;
}

async function dollarCurrency(): Promise<string | undefined> {
  const currency = await defaultCurrencyItem.getValue();
  // Only currencies written with `$` take a bare `$` (a EUR merchant's `$25` is still dollars).
  return ['USD', 'COP', 'MXN', 'ARS', 'CLP', 'UYU', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'].includes(currency)
    ? currency
    : undefined;
}

function watched(link: {
  id: string;
  description: string;
  amount: { value: string | null; currency: string };
}): WatchedLink {
  return { id: link.id, description: link.description, amount: link.amount };
}

async function showBadge(count: number): Promise<void> {
  await action().setBadgeText({ text: count > 0 ? String(count) : '' });
  await action().setBadgeBackgroundColor({ color: '#116329' });
}

/** The links page in a tab; with a link id, opened on its details. */
async function openLinksPage(linkId?: string): Promise<void> {
  const path = linkId ? `/links.html?link=${encodeURIComponent(linkId)}` : '/links.html';
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/links.html') });
}

/** A small window with the popup page (a real popup cannot be opened with a prefilled form). */
async function openPopupWindow(path: string): Promise<void> {
  await browser.windows.create({
    url: browser.runtime.getURL(path as '/popup.html'),
    type: 'popup',
    width: 400,
    height: 640,
  });
}
