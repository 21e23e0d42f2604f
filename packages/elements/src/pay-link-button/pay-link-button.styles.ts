import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    --_bg: var(--paylink-button-background, var(--_accent));
    --_fg: var(--paylink-button-color, var(--_on-accent));
  }
  [part~='base'] {
    display: inline-flex;
    max-width: 100%;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    box-sizing: border-box;
    min-height: 2.75rem;
    padding: var(--paylink-button-padding, 0.625rem 1.25rem);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  a.button:hover {
    filter: brightness(1.08);
  }
  .button:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .button.off {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_muted);
    cursor: default;
  }
  :host([status='paid']) .button.off {
    color: var(--_success);
  }
  /* Words never break inside: the amount and the label wrap only between words, when at all. */
  [part~='label'],
  [part~='amount'] {
    overflow-wrap: normal;
    hyphens: none;
  }
  [part~='amount'] {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    unicode-bidi: isolate;
  }
  .button {
    flex-wrap: wrap;
    justify-content: center;
    max-width: 100%;
    text-align: center;
  }
  .button.skeleton {
    width: var(--paylink-skeleton-width, auto);
    border-color: transparent;
    background: var(--_border);
    cursor: progress;
    animation: pulse 1.2s ease-in-out infinite;
  }
  .ghost {
    visibility: hidden;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  [part~='range'],
  [part~='description'],
  [part~='note'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  /* Merchant text: a 1,000-character word wraps inside its box instead of widening the page. */
  [part~='description'],
  [part~='note'],
  [part~='error'] {
    min-width: 0;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='retry'] {
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
`;
