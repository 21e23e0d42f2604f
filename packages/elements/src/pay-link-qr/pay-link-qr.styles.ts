import { css } from 'lit';

// The code itself is not themeable. `!important` inside a shadow root wins over any page rule,
// `::part(qr)` included (CSS Cascade 4, important declarations of an inner context win), so no
// theme can round it, recolour it, fade it or crop its quiet zone.
export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    width: max(6rem, var(--paylink-qr-size, 10rem));
    aspect-ratio: 1;
  }
  img {
    display: block !important;
    box-sizing: border-box !important;
    width: 100% !important;
    height: 100% !important;
    padding: 0 !important;
    border: 0 !important;
    border-radius: 0 !important;
    background: #fff !important;
    object-fit: contain !important;
    opacity: 1 !important;
    filter: none !important;
    mix-blend-mode: normal !important;
    clip-path: none !important;
    mask: none !important;
    transform: none !important;
    image-rendering: pixelated;
  }
  img.loading {
    position: absolute;
    opacity: 0 !important;
  }
  .box {
    display: grid;
    place-items: center;
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    padding: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.875em;
    text-align: center;
    overflow-wrap: anywhere;
  }
  [part~='error'] {
    color: var(--_danger);
  }
`;
