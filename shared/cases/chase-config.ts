// Configuration of the case chase (functions/escalations.ts), read once per container. Like the reminder
// sweep it needs no Twilio secret: it only reads cases and the roster and texts volunteers through SNS.
import * as z from 'zod/mini';
import { type ConfigIssue, describeIssues, issuesOf } from '../config-issues.js';
import { LIMIT_CONFIG_SHAPE } from '../limits/limits-config.js';

const chaseConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  SNS_ENDPOINT: z.optional(z.url()),
  SMS_SENDER_ID: z.optional(z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/))),
  SMS_MAX_PRICE_USD: z.optional(z.string().check(z.regex(/^\d+(\.\d{1,5})?$/))),
  /** Minutes before the volunteers on shift are told again, and after that the coordinators. */
  CASE_RENOTIFY_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1440)), 10),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  ...LIMIT_CONFIG_SHAPE,
  // The hourly check of Twilio's usage records (shared/adapters/twilio/usage.ts); off without an account SID.
  TWILIO_ACCOUNT_SID: z.optional(z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/))),
  TWILIO_SECRET_ID: z.optional(z.string().check(z.minLength(1))),
  TWILIO_AUTH_TOKEN: z.optional(z.string().check(z.minLength(1))),
  CALLER_HASH_KEY: z.optional(z.string().check(z.minLength(16))),
  TWILIO_API_BASE: z._default(
    z.pipe(
      z.url(),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
    'https://api.twilio.com',
  ),
});

export type ChaseConfig = z.infer<typeof chaseConfigSchema>;

let cached: ChaseConfig | undefined;

export function chaseConfigIssues(env: Record<string, string | undefined>): ConfigIssue[] {
  return issuesOf(chaseConfigSchema.safeParse(env));
}

export function chaseConfig(): ChaseConfig {
  if (!cached) {
    const parsed = chaseConfigSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid case chase configuration: ${describeIssues(issuesOf(parsed))}`);
    }
    cached = parsed.data;
  }
  return cached;
}
