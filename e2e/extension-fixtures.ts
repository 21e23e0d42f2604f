// What the extension's end-to-end tests share between Chromium and Firefox: a merchant's page with
// the fields a link is inserted into (a textarea, a text input and a contenteditable compose box,
// like a help desk's, Gmail's or WhatsApp Web's), served on a loopback address.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The page records every `input` event its fields fire, the way web apps notice typing. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat with Ana — Help desk</title>
<style>
  :root { color-scheme: light dark; font: 15px/1.45 system-ui, sans-serif; }
  body { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  label { display: grid; gap: 0.25rem; margin: 0.75rem 0; font-weight: 600; }
  textarea, input, [contenteditable] { font: inherit; font-weight: 400; padding: 0.5rem; border-radius: 0.5rem; border: 1px solid #8c959f; }
  textarea { resize: vertical; }
  #price { padding: 0.5rem 0.75rem; border-radius: 0.5rem; background: color-mix(in srgb, currentColor 8%, transparent); }
</style></head>
<body>
<h1>Ana Souza</h1>
<p id="price">Workshop seat: USD 25.00</p>
<label>Reply <textarea id="reply" rows="4"></textarea></label>
<label>Subject <input id="subject" value=""></label>
<div id="compose" contenteditable="true" role="textbox" aria-label="Message" style="min-height:3em;border:1px solid"></div>
<script>
  window.inputEvents = [];
  for (const id of ['reply', 'subject', 'compose']) {
    document.getElementById(id).addEventListener('input', (event) => {
      window.inputEvents.push({ id, type: event.inputType, data: event.data, trusted: event.isTrusted });
    });
  }
</script>
</body></html>`;

export interface TestPage {
  url: string;
  close(): Promise<void>;
}

/** Serves the page on 127.0.0.1 (a loopback host the extension already has access to). */
export async function startTestPage(): Promise<TestPage> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chat/ana`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The context-menu click "Insert a payment link…" in the page's top frame. */
export const insertMenuInfo = { menuItemId: 'insert-link', frameId: 0 };

/** Whatever the browser puts between a currency code and a number (a no-break space) as a space. */
export const plain = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');
