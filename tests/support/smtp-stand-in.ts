import { SMTPServer } from 'smtp-server';
import { freePort } from '@/lib/net/free-port';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header values by lower-case name; body decoded from quoted-printable. */
  headers: Record<string, string>;
  text: string;
}

export interface SmtpStandIn {
  url: string;
  received: ReceivedMail[];
  /** Makes the next recipients fail with this SMTP answer (e.g. 451 or 550). */
  refuseWith(code: number | null, message?: string): void;
  stop(): Promise<void>;
}

const decodeQuotedPrintable = (text: string) =>
  text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function parse(raw: string): Pick<ReceivedMail, 'headers' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const qp = /quoted-printable/i.test(headers['content-transfer-encoding'] ?? '');
  return { headers, text: (qp ? decodeQuotedPrintable(body) : body).replace(/\r\n/g, '\n') };
}

/** A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps what it receives. */
export async function startSmtpStandIn(): Promise<SmtpStandIn> {
  const received: ReceivedMail[] = [];
  let refusal: { code: number; message: string } | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refusal) return callback();
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          ...parse(raw),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseWith(code, message = 'Mailbox busy, try later') {
      refusal = code === null ? null : { code, message: `${message}` };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
