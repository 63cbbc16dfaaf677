// The hotline's configuration: one zod schema, read once per container (cold start).
import { z } from 'zod';

const configSchema = z.object({
  /** DynamoDB table holding callers, cases, reminders, volunteers and idempotency records. */
  TABLE_NAME: z.string().min(1),
  /** The URL Twilio calls, up to and including the API stage path; signatures are checked against it. */
  PUBLIC_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  /** Base URL of the recorded prompts (`<base>/<language>/<prompt>.wav`); default PUBLIC_BASE_URL/prompts. */
  PROMPTS_BASE_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Twilio auth token, only for local runs and tests; deployed functions read it from TWILIO_SECRET_ID. */
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** Key for hashing phone numbers into caller ids and log references; local runs and tests only. */
  CALLER_HASH_KEY: z.string().min(16).optional(),
  /** Secrets Manager secret (JSON: twilioAuthToken, callerHashKey) read through the Lambda extension. */
  TWILIO_SECRET_ID: z.string().min(1).optional(),
  /** Days after the last contact before DynamoDB's TTL erases an inactive caller. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Local runtime only: DynamoDB Local's endpoint. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Local runtime only: where the SNS client sends (the local outbox). */
  SNS_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type HotlineConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(issues: string) {
    super(`Invalid hotline configuration: ${issues}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): HotlineConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const config = parsed.data;
  if (!config.TWILIO_SECRET_ID && !(config.TWILIO_AUTH_TOKEN && config.CALLER_HASH_KEY)) {
    throw new ConfigError(
      'set TWILIO_SECRET_ID, or both TWILIO_AUTH_TOKEN and CALLER_HASH_KEY for local runs',
    );
  }
  return config;
}

let cached: HotlineConfig | undefined;

/** The configuration of this container, parsed from the environment on first use. */
export function hotlineConfig(): HotlineConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
