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
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(config.TWILIO_SECRET_ID ?? '')}`;
  const response = await fetch(url, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(`Secrets extension answered ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  return secretSchema.parse(JSON.parse(SecretString ?? '{}'));
}
