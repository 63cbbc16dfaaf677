// The outbox's SMS (and WhatsApp) sender over a Notifier: SNS, or the hotline's Twilio number, behind the
// allow-list and the day's spend.
import { type Notifier, SmsRejectedError } from '../../ports/notifier.js';
import type { ChannelName, ChannelSender, SendResult } from '../../ports/outbox.js';

export function notifierSmsSender(notifier: Notifier, channel: ChannelName = 'sms'): ChannelSender {
  return {
    async send(message): Promise<SendResult> {
      try {
        await notifier.sendSms({
          to: message.to,
          body: message.body,
          idempotencyKey: `outbox:${message.id}`,
          channel,
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof SmsRejectedError)
          return { ok: false, permanent: !error.retryable, reason: error.code };
        // SNS may have sent it (SmsOutcomeUnknownError): sending again could text twice. Given up on.
        return { ok: false, permanent: true, reason: error instanceof Error ? error.name : 'unknown' };
      }
    },
  };
}
