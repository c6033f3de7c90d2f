import type { NotificationChannel, NotificationKind, NotificationVia } from '@/db/schema';

/** Who a message goes to, as the account knows them. */
export interface Recipient {
  userId: string;
  email: string;
  /** E.164, or null when the account has no phone number. */
  phone: string | null;
}

export interface OutgoingMessage {
  notificationId: string;
  kind: NotificationKind;
  title: string;
  /** One line that says what happened, with the link in it. */
  body: string;
  link: string | null;
  recipient: Recipient;
}

export interface SendReceipt {
  via: NotificationVia;
  providerMessageId?: string | null;
}

/** What Settings shows for a channel: usable or not, and why, in the user's words. */
export interface ChannelStatus {
  channel: NotificationChannel;
  available: boolean;
  mode: 'smtp' | 'outbox' | 'web-push' | 'twilio' | 'off';
  detail: string;
}

/** One way of reaching a user. Adding a channel is adding a file that implements this. */
export interface ChannelAdapter {
  readonly channel: NotificationChannel;
  status(): Promise<ChannelStatus>;
  send(message: OutgoingMessage): Promise<SendReceipt>;
}

export type ChannelRegistry = ReadonlyMap<NotificationChannel, ChannelAdapter>;

/**
 * A send that did not go through. `permanent` failures (no phone number, channel not set up,
 * address refused) end the notification at once; the others are retried with back-off.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Removes e-mail addresses and phone numbers from provider text before it is logged. */
export function scrubContact(text: string): string {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\+?\d[\d\s().-]{7,}\d/g, '[number]');
}
