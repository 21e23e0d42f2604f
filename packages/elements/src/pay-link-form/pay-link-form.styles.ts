import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: var(--paylink-form-width, 28rem);
  }
  form {
    display: grid;
    gap: 0.875rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .row {
    display: grid;
    grid-template-columns: 2fr 1fr;
    gap: 0.75rem;
  }
  label {
    font-weight: 600;
    font-size: 0.875rem;
  }
  input,
  select {
    box-sizing: border-box;
    width: 100%;
    min-height: 2.5rem;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error,
  [part~='error'] {
    color: var(--_danger);
    font-size: 0.875rem;
  }
  [part~='button'] {
    justify-self: start;
    min-height: 2.75rem;
    padding: 0.625rem 1.25rem;
    border: 0;
    border-radius: var(--_radius);
    background: var(--paylink-button-background, var(--_accent));
    color: var(--paylink-button-color, var(--_on-accent));
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  [part~='button']:disabled {
    cursor: progress;
    opacity: 0.7;
  }
`;
