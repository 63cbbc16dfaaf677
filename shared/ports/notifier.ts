// The port through which the hotline sends a text outside a TwiML reply (reminders, later volunteer
// notifications). SNS implements it in AWS and locally; tests hand in fakes.
import type { Channel } from '../callers/caller.js';

export interface OutgoingSms {
  /** E.164 number. Never logged. */
  to: string;
  body: string;
  /**
   * The same for every attempt at the same message (`reminder:<callerId>:<reminderId>`). SNS has no
   * idempotency for SMS and ignores it; fakes use it to count duplicates, and a provider that can
   * deduplicate would take it.
   */
  idempotencyKey: string;
  /**
   * The recipient's channel. SMS when absent; WhatsApp callers get SMS too (SNS sends SMS only). A
   * ChannelNotifier sends Telegram and SIM messages on their own channel.
   */
  channel?: Channel | undefined;
}

export interface SentSms {
  /** The provider's id for the message, for delivery logs. */
  messageId: string;
}

export interface Notifier {
  sendSms(sms: OutgoingSms): Promise<SentSms>;
}

/** The provider answered and refused the message, so it certainly did not go out. */
export class SmsRejectedError extends Error {
  override readonly name = 'SmsRejectedError';
  constructor(
    /** A provider error code such as `Throttling`; never contains the number or the text. */
    readonly code: string,
    /** True when trying again later may succeed (throttling, a fault on the provider's side). */
    readonly retryable: boolean,
  ) {
    super(`SMS rejected: ${code}`);
  }
}

/**
 * The request may have reached the provider but no answer came back (timeout, connection reset): the
 * message may or may not be on its way. Sending again could deliver it twice.
 */
export class SmsOutcomeUnknownError extends Error {
  override readonly name = 'SmsOutcomeUnknownError';
  constructor(readonly code: string) {
    super(`SMS outcome unknown: ${code}`);
  }
}
