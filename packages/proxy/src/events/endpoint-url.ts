/** The longest endpoint URL accepted. */
export const MAX_ENDPOINT_URL_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL as stored and shown: parsed and normalised (`HTTP://Shop.Example:443/a` → `http://shop.example:443/a`). */
export function normalizeEndpointUrl(text: string): string {
  return new URL(text).href;
}

/**
 * Why `text` cannot be a webhook endpoint URL, or null when it can: absolute `https:` (in
 * development also `http:` on a loopback host), no credentials, at most 2,048 characters.
 */
export function endpointUrlProblem(text: string, production: boolean): string | null {
  if (text.length > MAX_ENDPOINT_URL_LENGTH) return `must be at most ${MAX_ENDPOINT_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://shop.example/webhooks/paylink';
  }
  if (url.username || url.password) return 'must not carry credentials (user:password@)';
  if (url.hash) return 'must not have a #fragment (it is never sent)';
  if (url.protocol === 'https:') return null;
  if (
    url.protocol === 'http:' &&
    !production &&
    (LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname))
  )
    return null;
  return production
    ? 'must be an https: URL'
    : 'must be an https: URL (http: only on a loopback host — localhost, 127.x.x.x, [::1] — in development)';
}
