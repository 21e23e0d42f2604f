/** @jsxImportSource preact */
// Preact: attributes as in HTML, events as `onpaylink-…` props.
import type { LinkStatusView } from '@paylink/core';

export const Usage = ({ link, onPaid }: { link: string; onPaid: (view: LinkStatusView) => void }) => (
  <div>
    <pay-link-button link={link} show-description={false} target="_blank" />
    <pay-link-status link={link} mode="poll" onpaylink-paid={(event) => onPaid(event.detail)} />
  </div>
);
