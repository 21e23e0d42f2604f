export {
  definition as payroc,
  listPayrocShares,
  type PayrocAdapter,
  type PayrocAdapterDeps,
  type PayrocLinkList,
  type PayrocShareList,
} from './adapter.ts';
export type { ListLinksQuery, ListSharingEventsQuery } from './client.ts';
export { PayrocClient } from './client.ts';
export type { PayrocPaymentLink, PayrocPaymentsSummary, PayrocShare } from './wire.ts';
