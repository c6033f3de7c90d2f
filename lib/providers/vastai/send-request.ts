import { ProviderError } from '../types';

export interface VastaiConnection {
  /** Up to and including `/api/v0`, as the CLI builds its URLs. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

export interface VastaiReply {
  status: number;
  text: string;
}

export const isSuccess = (reply: VastaiReply) => reply.status >= 200 && reply.status < 300;

/**
 * One call to the Vast.ai API with the key as a Bearer header (never in the URL, where it
 * would reach access logs). The whole exchange, body included, must finish within the
 * connection's timeout and the caller's signal, whichever ends first.
 */
export async function sendRequest(
  connection: VastaiConnection,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<VastaiReply> {
  const url = new URL(`${connection.baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);

  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${connection.apiKey}`,
    Accept: 'application/json',
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  try {
    const response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (signal.aborted) {
      throw new ProviderError('vastai', `${method} ${path} got no answer in time`, 'timeout');
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ProviderError('vastai', `${method} ${path} failed: ${reason}`, 'http');
  }
}

/** What Vast.ai said went wrong, from its `{ msg, error }` body or the start of the text. */
export function reasonOf(reply: VastaiReply): string {
  try {
    const body = JSON.parse(reply.text) as { msg?: unknown; error?: unknown };
    const reason = body.msg ?? body.error;
    if (typeof reason === 'string' && reason) return reason.slice(0, 200);
  } catch {
    // Not JSON: an HTML error page or a proxy's text; its first words are the best we have.
  }
  return reply.text.replace(/\s+/g, ' ').trim().slice(0, 200) || 'no reason given';
}

export function httpFailure(method: string, path: string, reply: VastaiReply): ProviderError {
  const hint = reply.status === 401 || reply.status === 403 ? ' (check VASTAI_API_KEY)' : '';
  return new ProviderError(
    'vastai',
    `${method} ${path} answered HTTP ${reply.status}${hint}: ${reasonOf(reply)}`,
    'http',
  );
}
