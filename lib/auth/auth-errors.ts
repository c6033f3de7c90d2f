import { isAPIError } from 'better-auth/api';
import { DomainError, invalid, unauthorized, type FieldErrors } from '@/lib/errors';

/**
 * Turns a better-auth refusal into our error family. `field` names the input a wrong password
 * came in, so the answer says which field to fix.
 */
export function fromAuthError(error: unknown, field: string): unknown {
  if (!isAPIError(error)) return error;
  const code = String(error.body?.code ?? '');
  if (code === 'INVALID_PASSWORD') {
    const fields: FieldErrors = { [field]: 'does not match your password' };
    return invalid('That password is not right', fields);
  }
  if (error.statusCode === 401) return unauthorized();
  if (error.statusCode === 400) return invalid(error.message || 'Invalid request');
  return new DomainError('unavailable', 'Accounts are unavailable right now; try again');
}
