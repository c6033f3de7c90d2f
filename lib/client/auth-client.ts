import { ApiError } from './api';

/** better-auth's error codes, in the words the sign-in and sign-up forms show. */
const friendly: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  USER_ALREADY_EXISTS: 'An account with this email already exists. Sign in instead.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    'An account with this email already exists. Sign in instead.',
  INVALID_EMAIL: 'Enter a valid email address.',
  PASSWORD_TOO_SHORT: 'Use at least 8 characters for your password.',
  PASSWORD_TOO_LONG: 'Use at most 128 characters for your password.',
};

/**
 * Posts to better-auth's JSON endpoints. Its errors (`{ code, message }`) and our rate-limit
 * answer (`{ error: { code, message } }`) both become an ApiError with a readable message.
 */
async function authPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? data ?? {};
    const code = String(error.code ?? 'error');
    throw new ApiError(
      response.status,
      code,
      friendly[code] ?? error.message ?? `Request failed (${response.status})`,
    );
  }
  return data as T;
}

export const signIn = (email: string, password: string) =>
  authPost('/sign-in/email', { email, password, rememberMe: true });

export const signUp = (email: string, password: string) =>
  authPost('/sign-up/email', { email, password, name: email.split('@')[0] || email });

export const signOut = () => authPost('/sign-out', {});
