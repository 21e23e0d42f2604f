import { css } from 'lit';

const dark = css`
  --_accent: var(--paylink-accent, #4493f8);
  --_on-accent: var(--paylink-on-accent, #0d1117);
  --_text: var(--paylink-text, #f0f6fc);
  --_muted: var(--paylink-muted, #9198a1);
  --_surface: var(--paylink-surface, #151b23);
  --_border: var(--paylink-border, #3d444d);
  --_success: var(--paylink-success, #3fb950);
  --_warning: var(--paylink-warning, #d29922);
  --_danger: var(--paylink-danger, #f85149);
`;

/**
 * The `--paylink-*` tokens every element reads, with light defaults, dark defaults under
 * `prefers-color-scheme: dark` unless `theme="light"`, and `theme="dark"` to force dark.
 */
export const theme = css`
  :host {
    --_accent: var(--paylink-accent, #0b57d0);
    --_on-accent: var(--paylink-on-accent, #fff);
    --_text: var(--paylink-text, #1f2328);
    --_muted: var(--paylink-muted, #59636e);
    --_surface: var(--paylink-surface, #f6f8fa);
    --_border: var(--paylink-border, #d1d9e0);
    --_success: var(--paylink-success, #116329);
    --_warning: var(--paylink-warning, #7d4e00);
    --_danger: var(--paylink-danger, #b91c1c);
    --_radius: var(--paylink-radius, 0.5rem);
    font-family: var(--paylink-font, inherit);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
