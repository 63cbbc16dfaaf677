// The outbox's sender for the Serbian SIM: one send request to SMS Gateway for Android per message, with
// the outbox id as the message id, so a resend after a crash is refused by the phone (409), not sent twice.
import type { ChannelSender, SendResult } from '../../ports/outbox.js';
import type { SmsGatewayApi } from './client.js';

/** The gateway's ids are at most 36 characters; outbox ids are longer, so a stable digest stands in. */
export function gatewayMessageId(outboxId: string, digest: (text: string) => string): string {
  return digest(outboxId).slice(0, 36);
}

export function smsGatewaySender(api: SmsGatewayApi, digest: (text: string) => string): ChannelSender {
  return {
    async send(message): Promise<SendResult> {
      const result = await api.send({
        id: gatewayMessageId(message.id, digest),
        to: message.to,
        text: message.body,
      });
      if (result.ok) return { ok: true };
      return { ok: false, permanent: result.permanent, reason: `gateway ${result.status}: ${result.reason}` };
    },
  };
}
