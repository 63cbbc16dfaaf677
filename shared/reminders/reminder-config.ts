// Configuration of the reminders function, read once per container. Its own schema rather than the
// webhooks' (shared/config.ts): the sweep needs no Twilio secret and no public URL, so it is not given them.
import * as z from 'zod/mini';
import { CHANNEL_CONFIG_SHAPE } from '../channel-config.js';
import { type ConfigIssue, describeIssues, issuesOf } from '../config-issues.js';
import { LIMIT_CONFIG_SHAPE } from '../limits/limits-config.js';
import { DEFAULT_SWEEP_SETTINGS, type SweepSettings } from './sweep.js';

const count = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.gte(min), z.lte(max)), fallback);

const reminderConfigSchema = z.object({
  /** DynamoDB table holding callers and their reminders (same as the webhooks'). */
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Local runtime only: DynamoDB Local's endpoint. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** Local runtime only: the SNS stand-in that fills `GET /_local/outbox`. */
  SNS_ENDPOINT: z.optional(z.url()),
  /** Alphanumeric sender shown on the phone (1–11 letters or digits, at least one letter); where allowed. */
  SMS_SENDER_ID: z.optional(z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/))),
  /** Most to pay for one SMS, in USD (SNS `MaxPrice`); SNS drops a message that would cost more. */
  SMS_MAX_PRICE_USD: z.optional(z.string().check(z.regex(/^\d+(\.\d{1,5})?$/))),
  /** SMS handed to SNS per second; keep under the account's SNS SMS quota (Service Quotas). */
  REMINDER_SEND_RATE: count(0.1, 1000, DEFAULT_SWEEP_SETTINGS.sendRatePerSecond),
  /** Seconds a sweep holds a claimed reminder; the stack sets it well above the function timeout. */
  REMINDER_LEASE_SECONDS: count(30, 86_400, DEFAULT_SWEEP_SETTINGS.leaseSeconds),
  /** Days back (UTC) whose due partitions each sweep reads, to pick up what a stopped sweeper left. */
  REMINDER_LOOKBACK_DAYS: count(0, 60, DEFAULT_SWEEP_SETTINGS.lookbackDays),
  /** Publish tries per reminder when SNS refuses with a retryable error. */
  REMINDER_SEND_ATTEMPTS: count(1, 10, DEFAULT_SWEEP_SETTINGS.sendAttempts),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  ...LIMIT_CONFIG_SHAPE,
  ...CHANNEL_CONFIG_SHAPE,
  // The outbox sends from the Twilio number through Twilio's API (shared/adapters/twilio/messages.ts).
  TWILIO_ACCOUNT_SID: z.optional(z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/))),
  TWILIO_SECRET_ID: z.optional(z.string().check(z.minLength(1))),
  TWILIO_AUTH_TOKEN: z.optional(z.string().check(z.minLength(1))),
  TWILIO_API_BASE: z._default(
    z.pipe(
      z.url(),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
    'https://api.twilio.com',
  ),
});

export type ReminderConfig = z.infer<typeof reminderConfigSchema>;

export class ReminderConfigError extends Error {
  override readonly name = 'ReminderConfigError';
}

export function reminderConfigIssues(env: Record<string, string | undefined>): ConfigIssue[] {
  return issuesOf(reminderConfigSchema.safeParse(env));
}

export function parseReminderConfig(env: Record<string, string | undefined>): ReminderConfig {
  const parsed = reminderConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ReminderConfigError(`Invalid reminders configuration: ${describeIssues(issuesOf(parsed))}`);
  }
  return parsed.data;
}

let cached: ReminderConfig | undefined;

export function reminderConfig(): ReminderConfig {
  cached ??= parseReminderConfig(process.env);
  return cached;
}

/** Sweep settings for one invocation: `timeBudgetMs` comes from the time Lambda has left. */
export function sweepSettingsFrom(config: ReminderConfig, timeBudgetMs: number): SweepSettings {
  return {
    ...DEFAULT_SWEEP_SETTINGS,
    sendRatePerSecond: config.REMINDER_SEND_RATE,
    leaseSeconds: config.REMINDER_LEASE_SECONDS,
    lookbackDays: Math.floor(config.REMINDER_LOOKBACK_DAYS),
    sendAttempts: Math.floor(config.REMINDER_SEND_ATTEMPTS),
    timeBudgetMs,
  };
}
