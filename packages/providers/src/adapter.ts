import {
  type CreateLinkRequest,
  type FieldError,
  PayLinkError,
  type ProviderCapabilities,
  type ShareRequest,
  type ShareResult,
  type StatusSnapshot,
} from '@paylink/core';

// The wire shapes live in core (the proxy answers them, every client reads them).
export type { ProviderCapabilities, ShareRequest, ShareResult } from '@paylink/core';

export interface CreateContext {
  /** Stable for one logical create; reused across retries so the provider can deduplicate. */
  idempotencyKey: string;
  /** Where the provider should send this link's notifications (proxy's `/v1/webhooks/{provider}`). */
  notificationUrl: string;
  signal?: AbortSignal;
}

/** A link as the provider reports it, mapped onto the common status model. */
export interface ProviderLinkState extends StatusSnapshot {
  /** ISO 8601, when the provider states one. */
  expiresAt: string | null;
}

export interface CreatedLink {
  /** The provider's own id for the link (never shown publicly). */
  providerRef: string;
  /** Hosted checkout URL. */
  url: string;
  state: ProviderLinkState;
}

export interface WebhookInput {
  headers: Headers;
  /** The body exactly as received: verification happens before parsing. */
  rawBody: string;
}

/** One notification, verified as far as the provider allows. */
export interface WebhookEvent {
  providerRef: string;
  /** Unique per notification, so a replay can be recognised and ignored. */
  eventId: string;
  /**
   * What the notification says, trusted only when `verified`; a `nudge` only tells the proxy to
   * re-read the link from the provider's API.
   */
  trust: 'verified' | 'nudge';
  claimed: Partial<StatusSnapshot> | null;
}

/** The one interface every provider adapter implements. */
export interface ProviderAdapter {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  /** Field errors for what this provider cannot honour in a create request (field names as in the request). */
  validate(request: CreateLinkRequest): FieldError[];
  create(request: CreateLinkRequest, context: CreateContext): Promise<CreatedLink>;
  get(providerRef: string, signal?: AbortSignal): Promise<ProviderLinkState>;
  disable(providerRef: string, signal?: AbortSignal): Promise<void>;
  /** Verifies then parses a notification; throws `WebhookVerificationError` when it cannot be trusted. */
  parseWebhook(input: WebhookInput): Promise<WebhookEvent[]>;
  share?(providerRef: string, request: ShareRequest, signal?: AbortSignal): Promise<ShareResult>;
}

/** A setting a provider needs, read from `PAYLINK_<PROVIDER>_<NAME>` or the config file. */
export interface ProviderSetting {
  /** camelCase name, e.g. `secretKey`; the environment variable is its SCREAMING_SNAKE form. */
  name: string;
  secret: boolean;
  required: boolean;
  description: string;
}

/** What every adapter factory may be given besides its settings. */
export interface AdapterDeps {
  fetch?: typeof fetch;
  /** Timeout of one HTTP request, in milliseconds. */
  timeoutMs?: number;
  /** Clock for expiries and default dates; tests that move time pass the emulator's clock. */
  now?: () => Date;
}

export interface ProviderDefinition {
  name: string;
  /** Human name, e.g. "Placetopay". */
  title: string;
  settings: readonly ProviderSetting[];
  /**
   * Builds the adapter from the raw settings (checked for presence against `settings`); throws a
   * `PayLinkError` with code `configuration` when a setting is unusable, so the proxy stops at start.
   */
  createAdapter(settings: Record<string, string>, deps: AdapterDeps): ProviderAdapter;
}

/** The parts of a provider folder a definition is made of (see "Adding a provider" in README.md). */
export interface ProviderSpec<Settings> {
  name: string;
  title: string;
  settings: readonly ProviderSetting[];
  /** Reads and checks the raw settings once, at start; throws `configurationError` on a bad one. */
  readSettings(raw: Record<string, string>): Settings;
  createAdapter(settings: Settings, deps: AdapterDeps): ProviderAdapter;
}

/** A provider's definition: settings read and checked once, then handed to its adapter factory. */
export function defineProvider<Settings>(spec: ProviderSpec<Settings>): ProviderDefinition {
  return {
    name: spec.name,
    title: spec.title,
    settings: spec.settings,
    createAdapter: (raw, deps) => spec.createAdapter(spec.readSettings(raw), deps),
  };
}

/** A setting that cannot work, named with its provider; the proxy refuses to start on it. */
export function configurationError(provider: string, message: string): PayLinkError {
  return new PayLinkError('configuration', `${provider}: ${message}`);
}
