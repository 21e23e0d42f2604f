// @ts-check
// The shop's page script: shows each invoice's order state ("Awaiting payment" → "Order fulfilled")
// as the shop's server learns it from signed PayLink events, without a reload. A same-origin file,
// not inline, so the page keeps working under a strict Content Security Policy.

/** While an element has just said "paid", ask often: the event is on its way to our server. */
const FAST_INTERVAL_MS = 1000;
const SLOW_INTERVAL_MS = 5000;
/** How long to keep asking often for an order that an element saw paid. */
const FAST_FOR_MS = 60_000;
const SETTLED = new Set(['fulfilled', 'expired', 'cancelled']);

/** Link ids an element announced as paid, with when to give up asking often. */
const paidSeen = new Map();
let timer = 0;

/** @returns {HTMLElement[]} */
const orderElements = () =>
  [...document.querySelectorAll('[data-order-for]')].filter((el) => el instanceof HTMLElement);

async function refresh() {
  clearTimeout(timer);
  try {
    const response = await fetch('/orders.json', {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.ok) render((await response.json()).orders ?? {});
  } catch {
    // Keep showing the last known state; the next round tries again.
  }
  schedule();
}

/** @param {Record<string, { state: string, label: string }>} orders */
function render(orders) {
  for (const element of orderElements()) {
    const order = orders[element.dataset.orderFor ?? ''];
    if (!order || element.dataset.state === order.state) continue;
    element.dataset.state = order.state;
    // textContent, never HTML: the label comes from the network.
    element.textContent = order.label;
  }
}

function schedule() {
  if (document.visibilityState === 'hidden') return;
  const open = orderElements().filter((element) => !SETTLED.has(element.dataset.state ?? ''));
  if (!open.length) return;
  const now = Date.now();
  const fast = open.some((element) => (paidSeen.get(element.dataset.orderFor) ?? 0) > now);
  timer = setTimeout(refresh, fast ? FAST_INTERVAL_MS : SLOW_INTERVAL_MS);
}

// `paylink-paid` bubbles out of the elements' shadow roots (composed); its detail is the status.
document.addEventListener('paylink-paid', (event) => {
  const linkId = /** @type {CustomEvent<{ id?: string }>} */ (event).detail?.id;
  if (linkId) paidSeen.set(linkId, Date.now() + FAST_FOR_MS);
  refresh();
});
// A hidden tab stops asking; showing it again asks at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
  else clearTimeout(timer);
});
schedule();
