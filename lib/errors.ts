/** The domain's error family; route handlers map it to HTTP in one place (lib/http). */
export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, undefined, details);

export const invalid = (message: string, fields?: FieldErrors) =>
  new DomainError('invalid', message, fields);

export const unavailable = (message: string) => new DomainError('unavailable', message);

export const unauthorized = (message = 'Sign in to continue') =>
  new DomainError('unauthorized', message);

export const forbidden = (message: string) => new DomainError('forbidden', message);

/** Too many attempts: the answer carries `Retry-After` and says when to try again. */
export const rateLimited = (message: string, retryAfterSeconds: number, now: Date) =>
  new DomainError('rate_limited', message, undefined, {
    retryAfterSeconds,
    retryAt: new Date(now.getTime() + retryAfterSeconds * 1000).toISOString(),
  });
