import { css } from 'lit';

/**
 * The extras' own rules (product button, copy action, countdown, QR code), added to the button's
 * shadow root with the extras' chunk: a plain button never loads them.
 */
export const extrasStyles = css`
  button.button:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  button.button:disabled {
    cursor: progress;
  }
  [part~='expiry'],
  [part~='caption'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='copy'] {
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  figure {
    display: grid;
    justify-items: center;
    gap: 0.25rem;
    margin: 0;
  }
  /* The code is not themeable (see pay-link-qr.styles.ts): a page's ::part(qr) may size it, not clip it. */
  [part~='qr'] {
    width: max(6rem, var(--paylink-qr-size, 8rem));
    border-radius: 0 !important;
    overflow: visible !important;
    opacity: 1 !important;
    filter: none !important;
    clip-path: none !important;
    mask: none !important;
  }
`;
