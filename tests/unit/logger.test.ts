import { describe, expect, it } from 'vitest';
import { createLogger, maskEmail } from '@/lib/logger';

function capture() {
  const lines: string[] = [];
  const log = createLogger({ write: (line: string) => void lines.push(line) });
  log.level = 'info';
  return { log, text: () => lines.join('') };
}

describe('logs carry no secrets and no personal data', () => {
  it('redacts secrets by key, at any depth we log them', () => {
    const { log, text } = capture();
    log.info(
      {
        password: 'hunter2-hunter2',
        body: {
          currentPassword: 'old-secret-1',
          newPassword: 'new-secret-2',
          confirmation: 'bye-secret-3',
        },
        headers: { cookie: 'better-auth.session_token=tok-4', authorization: 'Bearer tok-5' },
        session: { token: 'tok-6' },
        env: { BETTER_AUTH_SECRET: 'sec-7', DATABASE_URL: 'postgres://u:pw-8@db/x' },
      },
      'request_seen',
    );
    for (const secret of [
      'hunter2',
      'old-secret',
      'new-secret',
      'bye-secret',
      'tok-4',
      'tok-5',
      'tok-6',
      'sec-7',
      'pw-8',
    ]) {
      expect(text()).not.toContain(secret);
    }
    expect(text()).toContain('[redacted]');
  });

  it('masks email addresses and phone numbers wherever they appear, error messages included', () => {
    const { log, text } = capture();
    log.info(
      { note: 'alice.smith@example.com asked for SMS to +14155550123' },
      'for bob@example.org',
    );
    log.error(
      { err: new Error('Key (email)=(carol@example.net) already exists') },
      'request_failed',
    );
    expect(text()).not.toMatch(/alice\.smith@|bob@|carol@|\+14155550123/);
    expect(text()).toContain('a***@example.com');
    expect(text()).toContain('b***@example.org');
    expect(text()).toContain('c***@example.net');
    expect(text()).toContain('+1***23');
  });

  it('masks an email for a log field', () => {
    expect(maskEmail('demo@spot-market.local')).toBe('d***@spot-market.local');
  });
});

describe('the log level', () => {
  it('falls back to info when LOG_LEVEL names no level, instead of failing to start', () => {
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'loud';
    try {
      expect(createLogger({ write: () => undefined }).level).toBe('info');
      process.env.LOG_LEVEL = 'warn';
      expect(createLogger({ write: () => undefined }).level).toBe('warn');
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });
});
