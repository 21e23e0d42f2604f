/** @jsxImportSource solid-js */
// Solid: properties through `prop:`, native listeners through `on:`.
import type { LinkStatusView } from '@paylink/core';

export const Usage = (props: { link: string; onPaid: (view: LinkStatusView) => void }) => (
  <div>
    <pay-link-button link={props.link} prop:showDescription={false} target="_blank" />
    <pay-link-status link={props.link} mode="poll" on:paylink-paid={(event) => props.onPaid(event.detail)} />
  </div>
);
