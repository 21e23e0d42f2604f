import {
  type FieldError,
  PayLinkError,
  type Problem,
  ProviderError,
  ValidationError,
  WebhookVerificationError,
} from '@paylink/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

const TYPE_BASE = 'https://paylink.dev/problems/';

/**
 * An HTTP answer we mean to give, as an exception so handlers can `throw` it; a `PayLinkError`
 * whose `code` is the problem's slug. Every other error reaches HTTP through `toProblem`, the one
 * table from domain errors to problems.
 */
export class ProblemError extends PayLinkError {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    slug: string,
    title: string,
    detail?: string,
    extra: Partial<Problem> = {},
    headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(slug, detail ?? title, options);
    this.name = 'ProblemError';
    this.problem = { type: TYPE_BASE + slug, title, status, ...(detail ? { detail } : {}), ...extra };
    this.headers = headers;
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields; see errors.') =>
    new ProblemError(400, 'validation', 'Invalid request', detail, { errors }),
  notFound: (what: string) => new ProblemError(404, 'not-found', 'Not found', `${what} does not exist.`),
  unauthorized: (detail: string) =>
    new ProblemError(
      401,
      'unauthorized',
      'Unauthorized',
      detail,
      {},
      { 'www-authenticate': 'Bearer realm="paylink"' },
    ),
  conflict: (detail: string, slug = 'conflict') => new ProblemError(409, slug, 'Conflict', detail),
  unprocessable: (slug: string, title: string, detail: string, errors?: FieldError[]) =>
    new ProblemError(422, slug, title, detail, errors ? { errors } : {}),
  notImplemented: (detail: string) =>
    new ProblemError(501, 'not-supported', 'Not supported by the provider', detail),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ProblemError(
      429,
      'rate-limited',
      'Too many requests',
      `Try again in ${retryAfterSeconds} s.`,
      {},
      { 'retry-after': String(retryAfterSeconds) },
    ),
};

/** Renders a problem as `application/problem+json`. */
export function problemResponse(c: Context, error: ProblemError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.body(JSON.stringify(error.problem), error.problem.status as 400, {
    'content-type': 'application/problem+json',
  });
}

/** Maps anything thrown to a problem; provider texts are never echoed verbatim. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof ValidationError) return problems.validation(error.errors, error.message);
  if (error instanceof WebhookVerificationError) {
    return new ProblemError(
      401,
      'webhook-unverified',
      'Notification not verified',
      `The ${error.provider} notification could not be verified.`,
    );
  }
  if (error instanceof ProviderError) return providerProblem(error);
  if (error instanceof HTTPException) {
    const status = error.status;
    const title =
      status === 413 ? 'Payload too large' : status === 415 ? 'Unsupported media type' : 'Bad request';
    return new ProblemError(
      status,
      status === 413 ? 'too-large' : 'bad-request',
      title,
      error.message || title,
    );
  }
  return new ProblemError(
    500,
    'internal',
    'Internal error',
    'Something went wrong on our side; it has been logged.',
  );
}

function providerProblem(error: ProviderError): ProblemError {
  const name = error.provider;
  switch (error.kind) {
    case 'validation':
      return problems.unprocessable(
        'provider-validation',
        'Refused by the provider',
        `${name} refused the request.`,
        error.errors.length ? error.errors : undefined,
      );
    case 'auth':
      return new ProblemError(
        502,
        'provider-auth',
        'Provider credentials refused',
        `${name} refused the proxy's credentials; check the ${name} settings of the proxy.`,
      );
    case 'not_found':
      return new ProblemError(
        502,
        'provider-not-found',
        'Unknown at the provider',
        `${name} does not know this link.`,
      );
    case 'conflict':
      return problems.conflict(`${name} reported a conflict.`, 'provider-conflict');
    case 'unsupported':
      return problems.notImplemented(`${name} does not support this operation.`);
    case 'unavailable':
      return new ProblemError(
        503,
        'provider-unavailable',
        'Provider unavailable',
        `${name} is not answering right now; try again shortly.`,
        {},
        { 'retry-after': String(Math.max(1, Math.ceil((error.retryAfterMs ?? 5000) / 1000))) },
      );
    default:
      return new ProblemError(502, 'provider-error', 'Provider error', `${name} failed.`);
  }
}

/** Whether the error is one we raised on purpose (else it is logged as a bug). */
export function isExpected(error: unknown): error is ProblemError | PayLinkError | HTTPException {
  return (
    error instanceof ProblemError ||
    error instanceof HTTPException ||
    (error instanceof Error && 'code' in error)
  );
}
