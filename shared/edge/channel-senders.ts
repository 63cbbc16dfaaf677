// The channels' senders, built from the configuration and the channel secrets, for the outbox sender and
// the reminder sweep. A channel without its keys has no sender.
import { createHash } from 'node:crypto';
import { documentClient } from '../adapters/dynamodb/client.js';
import { DynamoGatewayHealth } from '../adapters/dynamodb/gateway-health.js';
import { DynamoUsageCounters } from '../adapters/dynamodb/usage-store.js';
import { smsGatewayApi } from '../adapters/sms-gateway/client.js';
import { smsGatewaySender } from '../adapters/sms-gateway/sender.js';
import { snsClient } from '../adapters/sns/client.js';
import { notifierSmsSender } from '../adapters/sns/sms-sender.js';
import { SnsNotifier } from '../adapters/sns/sns-notifier.js';
import { telegramBotApi } from '../adapters/telegram/bot-api.js';
import { telegramSender } from '../adapters/telegram/sender.js';
import { twilioMessagesNotifier } from '../adapters/twilio/messages.js';
import { hotlineClock } from '../clock.js';
import type { HotlineConfig } from '../config.js';
import { GuardedNotifier } from '../limits/guarded-notifier.js';
import { limitSettings } from '../limits/settings.js';
import type { Logger } from '../logger.js';
import { ChannelNotifier } from '../notify/channel-notifier.js';
import type { GatewayHealth } from '../ports/gateway-health.js';
import type { Notifier } from '../ports/notifier.js';
import type { ChannelName, ChannelSender } from '../ports/outbox.js';
import type { ChannelSecrets } from '../secrets.js';

export type SenderConfig = Pick<
  HotlineConfig,
  | 'TABLE_NAME'
  | 'DYNAMODB_ENDPOINT'
  | 'SNS_ENDPOINT'
  | 'SMS_SENDER_ID'
  | 'SMS_MAX_PRICE_USD'
  | 'TELEGRAM_API_BASE'
  | 'SMS_GATEWAY_API_BASE'
  | 'SMS_GATEWAY_MODE'
  | 'TWILIO_NUMBER'
  | 'TWILIO_ACCOUNT_SID'
  | 'TWILIO_API_BASE'
> &
  Parameters<typeof limitSettings>[0];

export interface ChannelSenders {
  senders: Partial<Record<ChannelName, ChannelSender>>;
  /** Texts from the hotline's Twilio number (TWILIO_NUMBER), when it is configured: SMS and WhatsApp. */
  twilio?: Notifier | undefined;
  /** SMS through SNS, behind the allow-list and the day's spend (reminders pass the ceiling). */
  sms: Notifier;
  gatewayHealth: GatewayHealth;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function channelSenders(
  config: SenderConfig,
  secrets: ChannelSecrets & { twilioAuthToken?: string | undefined },
  log?: Logger,
): ChannelSenders {
  const client = documentClient(config);
  const counters = new DynamoUsageCounters(client, config.TABLE_NAME);
  const guard = (inner: Notifier) =>
    new GuardedNotifier(
      inner,
      { settings: limitSettings(config), counters },
      { ceiling: false, now: () => hotlineClock.now(), log },
    );
  const sms = guard(
    new SnsNotifier(snsClient(config), {
      senderId: config.SMS_SENDER_ID,
      maxPriceUsd: config.SMS_MAX_PRICE_USD,
    }),
  );
  const twilio =
    config.TWILIO_NUMBER && config.TWILIO_ACCOUNT_SID && secrets.twilioAuthToken
      ? guard(
          twilioMessagesNotifier({
            accountSid: config.TWILIO_ACCOUNT_SID,
            authToken: secrets.twilioAuthToken,
            apiBase: config.TWILIO_API_BASE,
            number: config.TWILIO_NUMBER,
          }),
        )
      : undefined;
  // From the hotline's number when there is one (a volunteer can answer the notice); else through SNS.
  const senders: Partial<Record<ChannelName, ChannelSender>> = {
    sms: notifierSmsSender(twilio ?? sms),
    ...(twilio ? { whatsapp: notifierSmsSender(twilio, 'whatsapp') } : {}),
  };
  if (secrets.telegramBotToken) {
    senders.telegram = telegramSender(
      telegramBotApi({ apiBase: config.TELEGRAM_API_BASE, token: secrets.telegramBotToken }),
    );
  }
  if (config.SMS_GATEWAY_API_BASE && secrets.smsGatewayUsername && secrets.smsGatewayPassword) {
    senders['sms-gateway'] = smsGatewaySender(
      smsGatewayApi({
        apiBase: config.SMS_GATEWAY_API_BASE,
        mode: config.SMS_GATEWAY_MODE,
        username: secrets.smsGatewayUsername,
        password: secrets.smsGatewayPassword,
      }),
      digest,
    );
  }
  return { senders, sms, twilio, gatewayHealth: new DynamoGatewayHealth(client, config.TABLE_NAME) };
}

/** The reminders' notifier: each reminder on its caller's own channel. */
export function reminderNotifier(built: ChannelSenders): Notifier {
  const gateway = built.senders['sms-gateway'];
  return new ChannelNotifier({
    sms: built.sms,
    telegram: built.senders.telegram,
    gateway: gateway ? { sender: gateway, health: built.gatewayHealth } : undefined,
    now: () => hotlineClock.now(),
  });
}
