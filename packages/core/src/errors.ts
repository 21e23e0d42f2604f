import type { FieldError } from './link.ts';

/** Base of every error PayLink raises on purpose; `code` is stable, the message is for people. */
export class PayLinkError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PayLinkError';
    this.code = code;
  }
}

/** Input that breaks a rule; carries one message per offending field. */
export class ValidationError extends PayLinkError {
  readonly errors: FieldError[];
  constructor(
    errors: FieldError[],
    message = 'The request has invalid fields.',
    options?: { cause?: unknown },
  ) {
    super('validation_failed', message, options);
    this.name = 'ValidationError';
    this.errors = errors;
  }
}

/** What went wrong at a provider, sorted by what the caller should do next. */
export const ProviderErrorKind = {
  /** Our credentials were refused: a configuration problem. */
  Auth: 'auth',
  /** The provider refused the request's content. */
  Validation: 'validation',
  NotFound: 'not_found',
  Conflict: 'conflict',
  /** Network error, timeout, 429 or 5xx: may succeed later. */
  Unavailable: 'unavailable',
  /** The provider does not offer this operation. */
  Unsupported: 'unsupported',
} as const;
export type ProviderErrorKind = (typeof ProviderErrorKind)[keyof typeof ProviderErrorKind];

export class ProviderError extends PayLinkError {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  /** Status the provider answered with, if it answered. */
  readonly httpStatus: number | null;
  /** Field errors translated to our field names, when the provider named fields. */
  readonly errors: FieldError[];
  /** How long until trying again makes sense (the provider's `Retry-After`, a breaker's cool-down). */
  readonly retryAfterMs: number | null;
  constructor(
    provider: string,
    kind: ProviderErrorKind,
    message: string,
    options: {
      httpStatus?: number | null;
      retryable?: boolean;
      errors?: FieldError[];
      retryAfterMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(`provider_${kind}`, message, { cause: options.cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.kind = kind;
    this.httpStatus = options.httpStatus ?? null;
    this.retryable = options.retryable ?? kind === ProviderErrorKind.Unavailable;
    this.errors = options.errors ?? [];
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** A webhook whose signature or shape could not be trusted. */
export class WebhookVerificationError extends PayLinkError {
  readonly provider: string;
  constructor(provider: string, message: string) {
    super('webhook_unverified', message);
    this.name = 'WebhookVerificationError';
    this.provider = provider;
  }
}
