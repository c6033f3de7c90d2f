import type { z } from 'zod';
import { appOrigins } from '@/lib/auth/app-origins';
import { getEnv } from '@/lib/env';
import { invalid } from '@/lib/errors';
import { errorResponse } from './errors';
import { assertSameOrigin } from './same-origin';

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/**
 * Wraps a route handler: a state-changing request from another site is refused (403) before the
 * handler runs, and every thrown error is answered in the one error shape.
 */
export function route<Context = unknown>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      assertSameOrigin(request, appOrigins(getEnv()));
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Query parameters as an object; a parameter given twice is refused rather than guessed at. */
export function parseQuery<T extends z.ZodType>(schema: T, url: string | URL): z.infer<T> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  const repeated: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) repeated[key] = 'is given more than once';
    raw[key] = value;
  }
  if (Object.keys(repeated).length) throw invalid('Repeated query parameters', repeated);
  return schema.parse(raw);
}

/** The JSON body; a body that is not JSON is a 400 naming `body`. */
export async function parseBody<T extends z.ZodType>(
  schema: T,
  request: Request,
): Promise<z.infer<T>> {
  return parseJson(schema, await readBody(request));
}

/** A body already read, parsed as JSON and checked against the schema (400 naming `body`). */
export function parseJson<T extends z.ZodType>(schema: T, text: string): z.infer<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('Request body is not valid JSON', { body: 'must be a JSON object' });
  }
  return schema.parse(body);
}

/** Every JSON body this API takes fits in far less; a larger one is refused before it is read. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (limit: number) =>
  invalid('Request body is too large', { body: `must be at most ${limit / 1024} KB` });

/** The body as text, reading no more than `limit` bytes whatever Content-Length claims. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge(limit);
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function parseParams<T extends z.ZodType>(
  schema: T,
  params: Promise<unknown>,
): Promise<z.infer<T>> {
  return schema.parse(await params);
}
