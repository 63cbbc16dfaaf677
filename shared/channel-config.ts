// Configuration of the channels beyond Twilio (docs/telegram.md, docs/sms-gateway.md), spread into the
// webhooks' and the reminders' schemas. Keys come from the secret CHANNELS_SECRET_ID in AWS, or from the
// variables below locally.
import * as z from 'zod/mini';

const text = () => z.string().check(z.minLength(1));
const trimmedUrl = () =>
  z.pipe(
    z.url(),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  );

export const CHANNEL_CONFIG_SHAPE = {
  /**
   * The hotline's Twilio number (E.164). With TWILIO_ACCOUNT_SID, texts that are not a webhook's inline answer
   * (console replies, sign-in codes, relays a Telegram or SIM text causes) go from it through Twilio's API,
   * and WhatsApp callers can be answered from the console; without it, such SMS go through SNS.
   */
  TWILIO_NUMBER: z.optional(z.string().check(z.regex(/^\+[1-9]\d{7,14}$/))),
  /** Secrets Manager secret (JSON: telegramBotToken, telegramWebhookSecret, smsGatewaySigningKey, smsGatewayUsername, smsGatewayPassword). */
  CHANNELS_SECRET_ID: z.optional(text()),
  /** Telegram's Bot API; the local runtime points it at its stand-in. */
  TELEGRAM_API_BASE: z._default(trimmedUrl(), 'https://api.telegram.org'),
  TELEGRAM_BOT_TOKEN: z.optional(text()),
  TELEGRAM_WEBHOOK_SECRET: z.optional(text()),
  /** The phone's API: `http://<phone>:8080` (local server), `https://api.sms-gate.app` (cloud) or a private server. */
  SMS_GATEWAY_API_BASE: z.optional(trimmedUrl()),
  SMS_GATEWAY_MODE: z._default(z.enum(['local', 'cloud']), 'cloud'),
  SMS_GATEWAY_SIGNING_KEY: z.optional(text()),
  SMS_GATEWAY_USERNAME: z.optional(text()),
  SMS_GATEWAY_PASSWORD: z.optional(text()),
  /** Pause between two texts through the SIM: one phone sends them all, and Android limits an app's SMS rate. */
  SMS_GATEWAY_SEND_INTERVAL_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(60_000)), 3000),
  /** Pause between two Telegram messages to one chat (Telegram: about one a second). */
  TELEGRAM_CHAT_INTERVAL_MS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(60_000)), 1000),
};
