import { errorResponse } from './errors';

type Handler = (request: Request) => Promise<Response>;

/** Agents send events and command results, never files: a quarter megabyte is plenty. */
export const AGENT_BODY_LIMIT = 256 * 1024;

/**
 * Wraps a route that machines call (the agent API). It skips the cross-site check of `route`:
 * these requests carry no cookie to abuse and are authenticated by an HMAC over their body, and
 * a machine sends no Origin. Errors get the one error shape.
 */
export function signedRoute(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
