import type { LinkPage, LinkQuery, MerchantEvent, MerchantLinkView, ProviderInfo } from '@paylink/core';
import { browser } from 'wxt/browser';

/** Why a proxy call failed, in a form that crosses the message channel. */
export interface ProxyFailure {
  /** HTTP status, or null when the proxy could not be reached. */
  status: number | null;
  /** The problem type's last segment (`origin-not-allowed`, `validation`…), when the proxy sent one. */
  problem: string | null;
  message: string;
}

/**
 * Every request a page sends the background, with its answer. Only the background talks to the
 * proxy's merchant routes for these; the pages' elements read the public routes themselves.
 */
export interface MessageMap {
  /** Lists the providers with the given (unsaved) settings; used by "Test connection". */
  testConnection: { request: { proxyUrl: string; apiKey: string }; response: ProviderInfo[] };
  /** The saved proxy's providers. */
  listProviders: { request: null; response: ProviderInfo[] };
  /** A page of links, newest first (`GET /v1/links`). */
  listLinks: { request: LinkQuery; response: LinkPage };
  /** Every event of one link, oldest first (`GET /v1/events?link=`). */
  linkEvents: { request: { id: string }; response: MerchantEvent[] };
  /**
   * Puts the message into the field captured when "Insert a payment link…" was picked in that tab
   * and frame. Answers whether the page took it (and why not).
   */
  insertText: {
    request: { tabId: number; frameId: number; text: string };
    response: { inserted: boolean; reason?: string };
  };
  disableLink: { request: { id: string }; response: MerchantLinkView };
  /** Sends the link by e-mail through the provider (`POST /v1/links/{id}/share`). */
  shareLink: { request: { id: string; recipients: string[] }; response: null };
  /** Starts watching a link the popup created, for the paid notification. */
  watchLink: { request: { link: MerchantLinkView }; response: null };
  /** Runs the alarm's check now; answers how many links turned paid. */
  checkNow: { request: null; response: number };
  /** The popup was opened: clear the badge. */
  markSeen: { request: null; response: null };
}

export type MessageType = keyof MessageMap;

/** One message on the wire. */
export type Message = { [K in MessageType]: { type: K; data: MessageMap[K]['request'] } }[MessageType];

/** The background's answer: a value, or why the proxy call failed. */
export type Reply<K extends MessageType> =
  | { ok: true; value: MessageMap[K]['response'] }
  | { ok: false; error: ProxyFailure };

/** An error a page can catch, carrying the background's `ProxyFailure`. */
export class BackgroundError extends Error {
  readonly failure: ProxyFailure;
  constructor(failure: ProxyFailure) {
    super(failure.message);
    this.name = 'BackgroundError';
    this.failure = failure;
  }
}

/** Sends a typed message to the background and unwraps its reply (throws `BackgroundError`). */
export async function sendMessage<K extends MessageType>(
  type: K,
  data: MessageMap[K]['request'],
): Promise<MessageMap[K]['response']> {
  const reply = (await browser.runtime.sendMessage({ type, data })) as Reply<K> | undefined;
  if (!reply)
    throw new BackgroundError({ status: null, problem: null, message: 'No answer from the background.' });
  if (!reply.ok) throw new BackgroundError(reply.error);
  return reply.value;
}

/** The handlers the background registers, one per message type. */
export type MessageHandlers = {
  [K in MessageType]: (data: MessageMap[K]['request']) => Promise<MessageMap[K]['response']>;
};
