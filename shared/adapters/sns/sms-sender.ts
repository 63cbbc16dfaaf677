// The outbox's SMS sender: through the Notifier (SNS behind the allow-list and the day's spend), for the
// texts to volunteers that a Telegram or SIM caller's words cause.
import { type Notifier, SmsRejectedError } from '../../ports/notifier.js';
import type { ChannelSender, SendResult } from '../../ports/outbox.js';

export function notifierSmsSender(notifier: Notifier): ChannelSender {
  return {
    async send(message): Promise<SendResult> {
      try {
        await notifier.sendSms({
          to: message.to,
          body: message.body,
          idempotencyKey: `outbox:${message.id}`,
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
