import twilio from 'twilio';
import { DeliveryError, type ChannelAdapter } from './channel';

export interface SmsSettings {
  accountSid?: string;
  authToken?: string;
  /** An E.164 number, or a messaging service SID (MG…). */
  from?: string;
  /** The twilio client's request client; tests hand one that reaches a stand-in on 127.0.0.1. */
  httpClient?: twilio.RequestClient;
}

export const SMS_NOT_CONFIGURED =
  'SMS is not configured on this server (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are not set)';
export const NO_PHONE = 'No phone number on your account: add one on your Account page';

/** Twilio answers 4xx for what will never succeed (bad number, unverified sender), except 429. */
const isPermanent = (status: number | undefined) =>
  status !== undefined && status >= 400 && status < 500 && status !== 429;

/**
 * SMS through Twilio. Unconfigured, or for an account without a phone number, every send fails
 * at once with the reason, so an alert asking for SMS shows why nothing arrived.
 */
export function createSmsChannel(settings: SmsSettings): ChannelAdapter {
  const { accountSid, authToken, from } = settings;
  const client =
    accountSid && authToken && from
      ? twilio(accountSid, authToken, { httpClient: settings.httpClient, timeout: 15_000 })
      : null;

  return {
    channel: 'sms',

    async status() {
      if (!client)
        return { channel: 'sms', available: false, mode: 'off', detail: SMS_NOT_CONFIGURED };
      return {
        channel: 'sms',
        available: true,
        mode: 'twilio',
        detail: 'Text messages through Twilio.',
      };
    },

    async send(message) {
      if (!client || !from) throw new DeliveryError(SMS_NOT_CONFIGURED, true);
      const to = message.recipient.phone;
      if (!to) throw new DeliveryError(NO_PHONE, true);

      try {
        const sender = from.startsWith('MG') ? { messagingServiceSid: from } : { from };
        const sent = await client.messages.create({ to, body: message.body, ...sender });
        return { via: 'twilio', providerMessageId: sent.sid };
      } catch (error) {
        const failure = error as Error & { status?: number; code?: number };
        const code = failure.code ? ` (Twilio error ${failure.code})` : '';
        throw new DeliveryError(`Twilio: ${failure.message}${code}`, isPermanent(failure.status));
      }
    },
  };
}
