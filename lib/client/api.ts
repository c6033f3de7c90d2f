/** A JSON API answer that was not 2xx, with the error body's fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    const { code, message, fields, ...details } = error;
    throw new ApiError(
      response.status,
      code ?? 'error',
      message ?? `Request failed (${response.status})`,
      fields,
      details,
    );
  }
  return body as T;
}
