import { z } from 'zod';

/** A phone number for SMS, in E.164: `+`, country code, subscriber number; 8 to 15 digits. */
export const phoneNumber = z
  .string()
  .trim()
  .pipe(z.e164({ message: 'must be in international format, e.g. +14155550123' }));
