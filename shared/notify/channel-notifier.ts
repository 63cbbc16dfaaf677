// A Notifier that sends on the recipient's own channel: Telegram through the Bot API, the Serbian SIM
// through its phone (or SMS through SNS when the phone has gone quiet), everything else by SMS through
// the inner notifier (SNS behind the allow-list and spend). Reminders use it.
import type { GatewayHealth } from '../ports/gateway-health.js';
import { gatewayUsable } from '../ports/gateway-health.js';
import {
  type Notifier,
  type OutgoingSms,
  type SentSms,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../ports/notifier.js';
import type { ChannelSender } from '../ports/outbox.js';

export interface ChannelNotifierPorts {
  sms: Notifier;
  telegram?: ChannelSender | undefined;
  gateway?: { sender: ChannelSender; health: GatewayHealth } | undefined;
  now: () => Date;
}

export class ChannelNotifier implements Notifier {
  constructor(private readonly ports: ChannelNotifierPorts) {}

  async sendSms(sms: OutgoingSms): Promise<SentSms> {
    if (sms.channel === 'telegram') {
      if (!this.ports.telegram) throw new SmsRejectedError('TelegramNotConfigured', false);
      return this.through(this.ports.telegram, sms);
    }
    if (sms.channel === 'sms-gateway' && this.ports.gateway) {
      const health = await this.ports.gateway.health.read();
      if (gatewayUsable(health, this.ports.now())) return this.through(this.ports.gateway.sender, sms);
    }
    return this.ports.sms.sendSms({ to: sms.to, body: sms.body, idempotencyKey: sms.idempotencyKey });
  }

  private async through(sender: ChannelSender, sms: OutgoingSms): Promise<SentSms> {
    const channel = sms.channel ?? 'sms';
    const result = await sender
      .send({ id: sms.idempotencyKey, channel, to: sms.to, body: sms.body })
      .catch(() => undefined);
    if (!result) throw new SmsOutcomeUnknownError('ChannelFailed');
    if (result.ok) return { messageId: sms.idempotencyKey };
    throw new SmsRejectedError(result.reason.split(':')[0] ?? 'refused', !result.permanent);
  }
}
