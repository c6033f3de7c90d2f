import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { DomainError, type ErrorCode, type FieldErrors } from '@/lib/errors';
import { logger } from '@/lib/logger';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; requestId?: string } & Record<
    string,
    unknown
  >;
}

/** Names each bad field: `maxPrice`, `channels.1`, or every unknown parameter by its own name. */
export function fieldsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
      for (const key of issue.keys) fields[`${prefix}${key}`] = 'is not a known parameter';
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : 'body';
    fields[name] ??= issue.message;
  }
  return fields;
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, init);
}

/** Passes on the session cookies better-auth set (a renewed session, or its removal). */
export function withCookies(response: Response, from: Headers): Response {
  for (const cookie of from.getSetCookie()) response.headers.append('set-cookie', cookie);
  return response;
}

/** The one place where errors become HTTP answers. Internals never reach the body. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const fields = fieldsOf(error);
    return json(
      { error: { code: 'invalid', message: `Invalid ${Object.keys(fields).join(', ')}`, fields } },
      { status: 400 },
    );
  }
  if (error instanceof DomainError) {
    const body: ErrorBody = {
      error: {
        ...error.details,
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
      },
    };
    const headers = new Headers();
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') headers.set('Retry-After', String(Math.ceil(retryAfter)));
    return json(body, { status: statusOf[error.code], headers });
  }

  const requestId = randomUUID();
  if (isDatabaseUnreachable(error)) {
    logger.error({ request_id: requestId, error: describe(error) }, 'database_unreachable');
    return json(
      {
        error: {
          code: 'unavailable',
          message: 'The database cannot be reached right now; try again shortly',
          requestId,
        },
      },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
  logger.error({ request_id: requestId, err: error }, 'request_failed');
  return json(
    { error: { code: 'internal', message: 'Internal error', requestId } },
    { status: 500 },
  );
}

// Codes of a PostgreSQL that is down, restarting or refusing connections, and of the socket to it.
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** The database, not the request, is at fault: a 503 the client may retry, not a 500. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && unreachableCodes.has(code)) return true;
    if (/Connection terminated|connect ECONNREFUSED/.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
