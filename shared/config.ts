// The hotline's configuration: one zod schema, read once per container (cold start).
// zod/mini: the same validation as zod at a fraction of the bundle (full zod adds ~440 KB to each webhook).
import * as z from 'zod/mini';
import { CHANNEL_CONFIG_SHAPE } from './channel-config.js';
import { type ConfigIssue, describeIssues, issuesOf } from './config-issues.js';
import { LIMIT_CONFIG_SHAPE } from './limits/limits-config.js';

const trimmedUrl = () =>
  z.pipe(
    z.url(),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  );
const text = () => z.string().check(z.minLength(1));

const configSchema = z.object({
  /** DynamoDB table holding callers, cases, reminders, volunteers and idempotency records. */
  TABLE_NAME: text(),
  /** The URL Twilio calls, up to and including the API stage path; signatures are checked against it. */
  PUBLIC_BASE_URL: trimmedUrl(),
  /** Base URL of the recorded prompts (`<base>/<language>/<prompt>.wav`); default PUBLIC_BASE_URL/prompts. */
  PROMPTS_BASE_URL: z.optional(trimmedUrl()),
  /** Deployed: the prompts bucket, where the console's studio uploads recordings (`recorded/…`). */
  PROMPTS_BUCKET: z.optional(text()),
  /** Local runtime: the prompts folder the studio writes recordings into (default prompts/audio). */
  PROMPTS_AUDIO_DIR: z.optional(text()),
  /** Twilio auth token, only for local runs and tests; deployed functions read it from TWILIO_SECRET_ID. */
  TWILIO_AUTH_TOKEN: z.optional(text()),
  /** Key for hashing phone numbers into caller ids and log references; local runs and tests only. */
  CALLER_HASH_KEY: z.optional(z.string().check(z.minLength(16))),
  /** Secrets Manager secret (JSON: twilioAuthToken, callerHashKey) read through the Lambda extension. */
  TWILIO_SECRET_ID: z.optional(text()),
  /** Days after the last contact before DynamoDB's TTL erases an inactive caller. */
  RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), 180),
  /** Local runtime only: DynamoDB Local's endpoint. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Local runtime only: where the SNS client sends (the local outbox). */
  SNS_ENDPOINT: z.optional(z.url()),
  /** Alphanumeric SMS sender (1–11 letters or digits, at least one letter), as for reminders; where allowed. */
  SMS_SENDER_ID: z.optional(z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/))),
  /** Most to pay for one SMS, in USD (SNS `MaxPrice`), as for reminders. */
  SMS_MAX_PRICE_USD: z.optional(z.string().check(z.regex(/^\d+(\.\d{1,5})?$/))),
  /** Minutes before an untaken case is sent to the volunteers on shift again, and after that to the coordinators. */
  CASE_RENOTIFY_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1440)), 10),
  /** Seconds a container keeps the volunteer roster before reading it again (0: every message). */
  ROSTER_CACHE_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600)), 60),
  /** Seconds the volunteers' phones ring before the caller is offered voicemail (Twilio `<Dial timeout>`). */
  VOLUNTEER_RING_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(5), z.lte(60)), 25),
  /** Longest voicemail, in seconds (Twilio `<Record maxLength>`). */
  VOICEMAIL_MAX_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(10), z.lte(600)), 120),
  /** Twilio's REST API, for deleting voicemail recordings; the local runtime points it at its stand-in. */
  TWILIO_API_BASE: z._default(trimmedUrl(), 'https://api.twilio.com'),
  /** The Twilio account, for calls to its API from a webhook that is not Twilio's (a Telegram STOP closing a case with voicemail). */
  TWILIO_ACCOUNT_SID: z.optional(z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/))),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  // Channels beyond Twilio (shared/channel-config.ts).
  ...CHANNEL_CONFIG_SHAPE,
  // Limits (shared/limits/settings.ts; README "Limits").
  ...LIMIT_CONFIG_SHAPE,
});

export type HotlineConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(issues: string) {
    super(`Invalid hotline configuration: ${issues}`);
    this.name = 'ConfigError';
  }
}

/** Every problem with the webhooks' configuration in `env`, one per variable (empty when it is good). */
export function configIssues(env: Record<string, string | undefined>): ConfigIssue[] {
  const parsed = configSchema.safeParse(env);
  const issues = issuesOf(parsed);
  if (parsed.success && !parsed.data.TWILIO_SECRET_ID) {
    if (!(parsed.data.TWILIO_AUTH_TOKEN && parsed.data.CALLER_HASH_KEY)) {
      issues.push({
        variable: 'TWILIO_SECRET_ID',
        message: 'set TWILIO_SECRET_ID, or both TWILIO_AUTH_TOKEN and CALLER_HASH_KEY for local runs',
      });
    }
  }
  return issues;
}

export function parseConfig(env: Record<string, string | undefined>): HotlineConfig {
  const issues = configIssues(env);
  if (issues.length > 0) throw new ConfigError(describeIssues(issues));
  return configSchema.parse(env);
}

let cached: HotlineConfig | undefined;

/** The configuration of this container, parsed from the environment on first use. */
export function hotlineConfig(): HotlineConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
