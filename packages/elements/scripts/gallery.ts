// Every state of every element on one page, for scripts/screenshots.ts, against the real stack
// (proxy, emulators, the test gate in front of the proxy): links are created and settled through the
// stack's control server, so each state is the real one.
import type { RealStack } from '../test/real-stack.ts';

type Body = Record<string, unknown>;

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

async function control(stack: RealStack, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(stack.controlUrl + path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const create = async (stack: RealStack, body: Body = {}) =>
  (await control(stack, '/links', {
    method: 'POST',
    body: JSON.stringify({
      provider: 'placetopay',
      amount: { value: '150000', currency: 'COP' },
      description: 'Order 1042: two tickets',
      reference: `G-${Math.random().toString(36).slice(2, 8)}`,
      expiresAt: inOneDay(),
      usageLimit: 1,
      ...body,
    }),
  })) as { id: string };

export interface Gallery {
  /** The page's HTML (it loads paylink.js from the proxy and the form bundle from `formScript`). */
  html(formScript: string, formKey: string): string;
}

/** Creates the links of every state and returns the page that shows them. */
export async function prepareGallery(
  stack: RealStack,
  addresses: { hold: string; unreachable: string; notAProxy: string },
): Promise<Gallery> {
  const { hold, unreachable, notAProxy } = addresses;
  const open = await create(stack);
  const extras = await create(stack, { expiresAt: new Date(Date.now() + 2 * 3_600_000).toISOString() });
  const paid = await create(stack);
  await control(stack, `/links/${paid.id}/pay`, { method: 'POST', body: '{"outcome":"approved"}' });
  const pending = await create(stack, { provider: 'midtrans', amount: { value: '150000', currency: 'IDR' } });
  await control(stack, `/links/${pending.id}/pay`, { method: 'POST', body: '{"outcome":"pending"}' });
  const disabled = await create(stack);
  await control(stack, `/links/${disabled.id}/disable`, { method: 'POST' });
  const expiring = await create(stack, { expiresAt: new Date(Date.now() + 3_000).toISOString() }).catch(
    () => null,
  );
  const flexible = await create(stack, {
    provider: 'plexo',
    amountMode: 'flexible',
    amount: { value: '500.00', currency: 'UYU' },
    flexibleAmount: { min: '100.00', max: '5000.00' },
    expiresAt: undefined,
  });
  // Placetopay stops descriptions at 250 characters; Payroc takes a long one.
  const longText = await create(stack, {
    provider: 'payroc',
    amount: { value: '25.00', currency: 'USD' },
    description: `${'Supercalifragilistic'.repeat(40)} and then some ordinary words after it`,
  });
  const rtl = await create(stack, { description: 'הזמנה 1042: שני כרטיסים (order 1042)' });
  // Let the short expiry pass, so the element shows it expired by its own clock.
  await new Promise((resolve) => setTimeout(resolve, 3500));

  const p = stack.proxyUrl;
  const button = (id: string, attrs = '') =>
    `<pay-link-button link="${id}" proxy="${p}" ${attrs}></pay-link-button>`;
  const status = (id: string, attrs = '') =>
    `<pay-link-status link="${id}" proxy="${p}" ${attrs}></pay-link-status>`;
  const row = (title: string, content: string) =>
    `<section><h2>${title}</h2><div class="row">${content}</div></section>`;

  return {
    html: (formScript, formKey) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>PayLink elements: every state</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 16px; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #f0f6fc; } }
  section { margin: 0 0 18px; } h2 { font-size: 13px; margin: 0 0 6px; opacity: .7; font-weight: 600; }
  .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
  .narrow { max-width: 100%; width: 340px; }
</style>
<script type="module" src="${p}/paylink.js"></script>
<script type="module" src="${formScript}"></script>
</head><body>
${row('Button: loading (skeleton) · open · open in Spanish · custom label', `<pay-link-button link="${open.id}" proxy="${hold}" data-hold></pay-link-button>${button(open.id)}${button(open.id, 'locale="es-CO"')}${button(open.id, 'label="Buy the tickets"')}`)}
${row('Button: QR, copy, countdown, description', button(extras.id, 'qr copy show-description'))}
${row('Button: pending · paid · expired · disabled', `${button(pending.id, 'show-description')}${button(paid.id)}${expiring ? button(expiring.id) : ''}${button(disabled.id)}`)}
${row('Button: flexible amount · product mode', `${button(flexible.id)}<pay-link-button product="tickets" proxy="${p}"></pay-link-button>`)}
${row('Button: unknown link · malformed id · proxy unreachable · not a PayLink proxy', `${button('pl_AAAAAAAAAAAAAAAAAAAAAA')}${button('pl_oops!')}<pay-link-button link="${open.id}" proxy="${unreachable}"></pay-link-button><pay-link-button link="${open.id}" proxy="${notAProxy}"></pay-link-button>`)}
${row('Button: a 800-character word, right-to-left text', `<div class="narrow">${button(longText.id, 'show-description')}</div><div class="narrow">${button(rtl.id, 'show-description label="שלם"')}</div>`)}
${row('Status: open · pending · paid · expired · disabled', `${status(open.id)}${status(pending.id)}${status(paid.id)}${expiring ? status(expiring.id) : ''}${status(disabled.id)}`)}
${row('Status: detailed · in Indonesian · not found · unreachable', `${status(paid.id, 'detailed')}${status(open.id, 'locale="id"')}${status('pl_AAAAAAAAAAAAAAAAAAAAAA')}<pay-link-status link="${open.id}" proxy="${unreachable}"></pay-link-status>`)}
${row('QR code · under a hostile theme (radius 999px, recoloured) · unknown link', `<pay-link-qr link="${open.id}" proxy="${p}"></pay-link-qr><pay-link-qr link="${open.id}" proxy="${p}" style="--paylink-radius:999px;--paylink-qr-color:#ddd;--paylink-qr-background:#222"></pay-link-qr><pay-link-qr link="pl_AAAAAAAAAAAAAAAAAAAAAA" proxy="${p}"></pay-link-qr>`)}
${row('Form · with a wrong API key', `<pay-link-form id="form" proxy="${p}" class="narrow"></pay-link-form><pay-link-form id="bad-key" proxy="${p}" class="narrow"></pay-link-form>`)}
<script type="module">
  const form = document.getElementById('form');
  form.apiKey = ${JSON.stringify(formKey)};
  form.values = { amount: '150000', currency: 'COP', description: 'Order 1042', reference: 'INV-1042' };
  document.getElementById('bad-key').apiKey = 'plk_not_a_key_of_this_proxy_000';
</script>
</body></html>`,
  };
}
