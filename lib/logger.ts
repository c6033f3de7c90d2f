import pino, { type DestinationStream } from 'pino';

const EMAIL =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
const PHONE = /\+([1-9])\d{4,12}(\d{2})(?!\d)/g;

/** `alice@example.com` → `a***@example.com`: enough to tell accounts apart in an incident. */
export function maskEmail(email: string): string {
  return email.replace(EMAIL, '$1***@$2');
}

/** Masks every email address and E.164 phone number in a log line, wherever it hides. */
export function maskPersonalData(line: string): string {
  return line.replace(EMAIL, '$1***@$2').replace(PHONE, '+$1***$2');
}

const secretKeys = [
  'password',
  'currentPassword',
  'newPassword',
  'confirmation',
  'token',
  'sessionToken',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
  'BETTER_AUTH_SECRET',
  'DATABASE_URL',
  'phone',
  'email',
];

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL if it names a level; otherwise `info` (the environment check reports the typo). */
function levelFromEnv(): string {
  const wanted = process.env.LOG_LEVEL;
  if (wanted && levels.includes(wanted)) return wanted;
  return !wanted && process.env.NODE_ENV === 'test' ? 'silent' : 'info';
}

export function createLogger(destination?: DestinationStream) {
  const options: pino.LoggerOptions = {
    level: levelFromEnv(),
    base: { service: process.env.SPOT_SERVICE ?? 'app' },
    redact: {
      paths: secretKeys.flatMap((key) => {
        const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
        const member = name.startsWith('[') ? name : `.${name}`;
        return [name, `*${member}`, `*.*${member}`, `headers${member}`, `*.headers${member}`];
      }),
      censor: '[redacted]',
    },
    // The last guard: whatever slipped past redaction by key (an address inside an error
    // message, a library's log text) is masked in the written line.
    hooks: { streamWrite: maskPersonalData },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One structured logger. Secrets are redacted by key and personal data (emails, phone numbers)
 * masked in every written line, so a stray object in a log line cannot leak them.
 */
export const logger = createLogger();

export type Logger = typeof logger;
