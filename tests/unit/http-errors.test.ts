import { describe, expect, it } from 'vitest';
import { errorResponse, isDatabaseUnreachable } from '@/lib/http/errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('errors become HTTP answers', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'an administrator shutdown',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'a wrapped query failure',
      new Error('Failed query: select 1', { cause: withCode('x', '08006') }),
    ],
  ])('%s is a 503 the client may retry, with no internals', async (_name, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = await response.json();
    expect(body.error).toEqual({
      code: 'unavailable',
      message: 'The database cannot be reached right now; try again shortly',
      requestId: expect.any(String),
    });
  });

  it('any other failure is a 500 carrying a request id and nothing else', async () => {
    const error = withCode('duplicate key value violates unique constraint "users_email"', '23505');
    expect(isDatabaseUnreachable(error)).toBe(false);
    const response = errorResponse(error);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Internal error', requestId: expect.any(String) },
    });
  });
});
