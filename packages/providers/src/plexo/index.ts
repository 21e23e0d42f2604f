export {
  definition as plexo,
  type PlexoCreatedLink,
  type PlexoLinkState,
  type PlexoLinkUrls,
  qrCodeUrlOf,
} from './adapter.ts';
export { basicAuthorization, PlexoClient, plexoRoutes } from './client.ts';
export { parseWebhook, readPlexoCallback } from './webhook.ts';
