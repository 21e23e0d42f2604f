import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    --_badge: var(--paylink-status-color, var(--_muted));
    font-size: var(--paylink-status-font-size, 0.875rem);
  }
  :host([status='open']) {
    --_badge: var(--paylink-status-open, var(--_accent));
  }
  :host([status='pending']) {
    --_badge: var(--paylink-status-pending, var(--_warning));
  }
  :host([status='paid']) {
    --_badge: var(--paylink-status-paid, var(--_success));
  }
  :host([status='error']) {
    --_badge: var(--paylink-status-error, var(--_danger));
  }
  [part~='base'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  [part~='badge'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    padding: 0.125em 0.625em;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_badge);
    font-weight: 600;
    white-space: nowrap;
  }
  [part~='badge']::before {
    content: '';
    width: 0.5em;
    height: 0.5em;
    border-radius: 50%;
    background: currentColor;
  }
  [part~='payments'],
  [part~='last-payment'],
  [part~='notice'] {
    color: var(--_muted);
  }
`;
