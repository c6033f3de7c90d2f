import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DeliveryError, type ChannelAdapter, type OutgoingMessage } from './channel';

export interface EmailSettings {
  /** smtp:// or smtps:// URL with credentials; without it, email goes to the in-app outbox. */
  smtpUrl?: string;
  from?: string;
}

export const OUTBOX_NOTICE =
  'Email is not configured on this server: messages are kept in your outbox here.';

// Short timeouts: a hung SMTP server must fail the attempt well within the delivery lease.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** SMTP answers 5xx for what will never succeed (unknown mailbox, refused sender). */
const isPermanent = (error: { responseCode?: number }) =>
  typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;

/**
 * Email through nodemailer over SMTP. Without SMTP settings the message is kept in the in-app
 * outbox (the Notifications page), which counts as sent: nothing is dropped and nothing waits.
 */
export function createEmailChannel(settings: EmailSettings): ChannelAdapter {
  const { smtpUrl, from } = settings;
  const transport =
    smtpUrl && from
      ? nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS } as SMTPTransport.Options)
      : null;

  return {
    channel: 'email',

    async status() {
      if (!transport)
        return { channel: 'email', available: true, mode: 'outbox', detail: OUTBOX_NOTICE };
      return {
        channel: 'email',
        available: true,
        mode: 'smtp',
        detail: `Sent by SMTP from ${from}.`,
      };
    },

    async send(message: OutgoingMessage) {
      if (!transport) return { via: 'outbox' };

      try {
        const info = await transport.sendMail({
          from,
          to: message.recipient.email,
          subject: message.title,
          text: `${message.body}\n`,
          // A stable Message-ID lets mail systems recognise the same notification.
          messageId: `<notification-${message.notificationId}@spot-market>`,
          headers: { 'X-Spot-Market-Notification': message.notificationId },
        });
        return { via: 'smtp', providerMessageId: String(info.messageId ?? '') || null };
      } catch (error) {
        const failure = error as Error & { responseCode?: number; response?: string };
        const reason = failure.response ?? failure.message;
        throw new DeliveryError(`SMTP: ${reason}`, isPermanent(failure));
      }
    },
  };
}
