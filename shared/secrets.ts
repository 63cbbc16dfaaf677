// Secrets (Twilio auth token, caller hash key): from the environment locally, from Secrets Manager in AWS.
// In AWS they come through the Parameters and Secrets Lambda extension on localhost, which keeps the
// Secrets Manager SDK out of the webhook bundles; the promise is cached, so one fetch per container.
import * as z from 'zod/mini';
import type { HotlineConfig } from './config.js';

export interface HotlineSecrets {
  twilioAuthToken: string;
  callerHashKey: string;
}

const secretSchema = z.object({
  twilioAuthToken: z
    .string()
    .check(z.minLength(1, 'twilioAuthToken is empty: set it in the secret (see README, "Set the secret")')),
  callerHashKey: z.string().check(z.minLength(16)),
});

let cached: Promise<HotlineSecrets> | undefined;

export type SecretsConfig = Pick<HotlineConfig, 'TWILIO_AUTH_TOKEN' | 'CALLER_HASH_KEY' | 'TWILIO_SECRET_ID'>;

export function hotlineSecrets(config: SecretsConfig): Promise<HotlineSecrets> {
  cached ??= loadSecrets(config).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadSecrets(config: SecretsConfig): Promise<HotlineSecrets> {
  if (config.TWILIO_AUTH_TOKEN && config.CALLER_HASH_KEY) {
    return { twilioAuthToken: config.TWILIO_AUTH_TOKEN, callerHashKey: config.CALLER_HASH_KEY };
  }
  return secretSchema.parse(await storedSecret(config.TWILIO_SECRET_ID ?? ''));
}

/** Keys of the channels beyond Twilio; a channel whose keys are absent is not configured. */
export interface ChannelSecrets {
  telegramBotToken?: string | undefined;
  telegramWebhookSecret?: string | undefined;
  smsGatewaySigningKey?: string | undefined;
  smsGatewayUsername?: string | undefined;
  smsGatewayPassword?: string | undefined;
}

const channelSecretSchema = z.object({
  telegramBotToken: z.optional(z.string()),
  telegramWebhookSecret: z.optional(z.string()),
  smsGatewaySigningKey: z.optional(z.string()),
  smsGatewayUsername: z.optional(z.string()),
  smsGatewayPassword: z.optional(z.string()),
});

export type ChannelSecretsConfig = Pick<
  HotlineConfig,
  | 'CHANNELS_SECRET_ID'
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_WEBHOOK_SECRET'
  | 'SMS_GATEWAY_SIGNING_KEY'
  | 'SMS_GATEWAY_USERNAME'
  | 'SMS_GATEWAY_PASSWORD'
>;

let cachedChannels: Promise<ChannelSecrets> | undefined;

export function channelSecrets(config: ChannelSecretsConfig): Promise<ChannelSecrets> {
  cachedChannels ??= loadChannelSecrets(config).catch((error: unknown) => {
    cachedChannels = undefined;
    throw error;
  });
  return cachedChannels;
}

async function loadChannelSecrets(config: ChannelSecretsConfig): Promise<ChannelSecrets> {
  const fromEnv: ChannelSecrets = {
    telegramBotToken: config.TELEGRAM_BOT_TOKEN,
    telegramWebhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    smsGatewaySigningKey: config.SMS_GATEWAY_SIGNING_KEY,
    smsGatewayUsername: config.SMS_GATEWAY_USERNAME,
    smsGatewayPassword: config.SMS_GATEWAY_PASSWORD,
  };
  if (!config.CHANNELS_SECRET_ID) return fromEnv;
  const stored = channelSecretSchema.parse(await storedSecret(config.CHANNELS_SECRET_ID));
  // A key set in the environment wins: an NGO can try one channel before putting it in the secret.
  return {
    telegramBotToken: fromEnv.telegramBotToken ?? stored.telegramBotToken,
    telegramWebhookSecret: fromEnv.telegramWebhookSecret ?? stored.telegramWebhookSecret,
    smsGatewaySigningKey: fromEnv.smsGatewaySigningKey ?? stored.smsGatewaySigningKey,
    smsGatewayUsername: fromEnv.smsGatewayUsername ?? stored.smsGatewayUsername,
    smsGatewayPassword: fromEnv.smsGatewayPassword ?? stored.smsGatewayPassword,
  };
}

let cachedToken: Promise<string | undefined> | undefined;

/**
 * The Twilio auth token alone, for a function that calls Twilio's API but answers no webhook (the outbox
 * sender): from the environment locally, else from the Twilio secret; undefined when neither is set.
 */
export function twilioAuthToken(
  config: Pick<HotlineConfig, 'TWILIO_AUTH_TOKEN' | 'TWILIO_SECRET_ID'>,
): Promise<string | undefined> {
  if (config.TWILIO_AUTH_TOKEN) return Promise.resolve(config.TWILIO_AUTH_TOKEN);
  if (!config.TWILIO_SECRET_ID) return Promise.resolve(undefined);
  const secretId = config.TWILIO_SECRET_ID;
  cachedToken ??= storedSecret(secretId)
    .then((stored) => secretSchema.parse(stored).twilioAuthToken)
    .catch((error: unknown) => {
      cachedToken = undefined;
      throw error;
    });
  return cachedToken;
}

/** A JSON secret through the Parameters and Secrets Lambda extension (no Secrets Manager SDK in the bundle). */
async function storedSecret(secretId: string): Promise<unknown> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  const response = await fetch(url, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(`Secrets extension answered ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  return JSON.parse(SecretString ?? '{}');
}
