import type { MerchantLinkView, ProviderInfo, PublicLinkView } from '@paylink/core';
import { safeCheckoutUrl } from '@paylink/core';
import { h } from './dom.ts';
import type { ExtensionTerms } from './i18n.ts';
import { sendMessage } from './messages.ts';
import { linkMessage, mailtoUrl, whatsappUrl } from './share.ts';
import { messageFormatItem } from './storage.ts';

/** The saved message format, or the language's own. */
export async function messageFormat(t: ExtensionTerms): Promise<string> {
  return (await messageFormatItem.getValue()).trim() || t.defaultMessage;
}

/** Copies text; false when the browser refuses (no focus, no gesture). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * One-click sharing of a link: copy the URL, copy it as a message, a WhatsApp share, a prefilled
 * e-mail, and the provider's own e-mail where it can send one. Only a shareable checkout URL
 * (https, or http on loopback) is offered; otherwise the bar says why not.
 */
export function shareBar(
  link: Pick<PublicLinkView, 'id' | 'url' | 'amount' | 'description'> &
    Partial<Pick<MerchantLinkView, 'reference'>>,
  provider: ProviderInfo | undefined,
  t: ExtensionTerms,
  locale: string,
  format: string,
  explain: (error: unknown) => string,
): HTMLElement {
  const url = safeCheckoutUrl(link.url);
  const message = linkMessage(format, link, locale);
  const result = h('p', { className: 'share-result', role: 'status' });
  if (!url || !message) {
    result.textContent = t.cannotShare;
    return h('section', { className: 'share-bar', 'aria-label': t.shareTitle }, result);
  }
  const copyButton = (label: string, text: string, name: string) =>
    h(
      'button',
      {
        type: 'button',
        'data-share': name,
        onclick: async () => {
          result.textContent = (await copyText(text)) ? t.copied : t.copyFailed;
        },
      },
      label,
    );
  const children: Node[] = [
    h(
      'div',
      { className: 'share-actions' },
      copyButton(t.copyUrl, url.href, 'copy-url'),
      copyButton(t.copyMessage, message, 'copy-message'),
      h(
        'a',
        {
          href: whatsappUrl(message),
          target: '_blank',
          rel: 'noopener noreferrer',
          'data-share': 'whatsapp',
        },
        t.whatsapp,
      ),
      h('a', { href: mailtoUrl(t.emailSubject, message), 'data-share': 'mailto' }, t.email),
    ),
  ];
  if (provider?.capabilities.share === 'api') children.push(providerEmailForm(link.id, t, result, explain));
  children.push(result);
  return h('section', { className: 'share-bar', 'aria-label': t.shareTitle }, ...children);
}

/** The provider e-mails the link itself (`POST /v1/links/{id}/share`). */
function providerEmailForm(
  linkId: string,
  t: ExtensionTerms,
  result: HTMLElement,
  explain: (error: unknown) => string,
): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'email' });
  email.setAttribute('aria-label', t.shareByEmail);
  email.placeholder = t.shareByEmail;
  const send = h('button', { type: 'submit' }, t.send);
  return h(
    'form',
    {
      className: 'share',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        result.textContent = '';
        send.disabled = true;
        try {
          await sendMessage('shareLink', { id: linkId, recipients: [email.value.trim()] });
          result.textContent = t.sent;
          email.value = '';
        } catch (error) {
          result.textContent = explain(error);
        } finally {
          send.disabled = false;
        }
      },
    },
    email,
    send,
  );
}
