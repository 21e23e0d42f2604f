import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    width: var(--paylink-qr-size, 10rem);
    aspect-ratio: 1;
  }
  svg {
    display: block;
    width: 100%;
    height: 100%;
    border-radius: var(--_radius);
  }
  .light {
    fill: var(--paylink-qr-background, #fff);
  }
  .dark {
    fill: var(--paylink-qr-color, #000);
  }
  .placeholder {
    display: block;
    width: 100%;
    height: 100%;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;
