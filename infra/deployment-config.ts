// Per-deployment settings, from CDK context (`cdk.json` or `-c key=value`), checked at synth time.
import { z } from 'zod';

const deploymentSchema = z.object({
  /** Public base URL Twilio calls (custom domain, no trailing slash); default: the API's own endpoint. */
  publicBaseUrl: z.url().optional(),
  /** Days after the last contact before an inactive caller's data expires. */
  retentionDays: z.coerce.number().int().min(1).max(3650).default(180),
  /** API stage throttling: far above the expected peak, since Twilio treats a throttle as a failure. */
  throttleRateLimit: z.coerce.number().int().min(10).default(200),
  throttleBurstLimit: z.coerce.number().int().min(10).default(400),
  /** Minutes between reminder sweeps. A reminder goes out at most this long after it is due. */
  reminderRateMinutes: z.coerce.number().int().min(1).max(60).default(5),
  /** Minutes before an untaken case is sent to the volunteers on shift again, then to the coordinators. */
  caseRenotifyMinutes: z.coerce.number().int().min(1).max(1440).default(10),
  /** Seconds volunteers' phones ring on a transferred call before the caller is offered voicemail. */
  volunteerRingSeconds: z.coerce.number().int().min(5).max(60).default(25),
  /** Longest voicemail for the volunteers, in seconds. */
  voicemailMaxSeconds: z.coerce.number().int().min(10).max(600).default(120),
  /** SMS handed to SNS per second by a sweep; keep under the account's SNS SMS quota (Service Quotas). */
  reminderSendRate: z.coerce.number().positive().max(1000).default(10),
  /** Alphanumeric sender id for reminders, where the destination country allows one (may need registration). */
  smsSenderId: z
    .string()
    .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/)
    .optional(),
  /** Most to pay for one reminder SMS, in USD (SNS MaxPrice). */
  smsMaxPriceUsd: z
    .string()
    .regex(/^\d+(\.\d{1,5})?$/)
    .optional(),
  /** Email address subscribed to the alarm topic (confirm the email AWS sends); none: subscribe by hand. */
  alarmEmail: z.email().optional(),
  /** Alarm when the account's SMS spend this month (SNS SMSMonthToDateSpentUSD) goes above this, in USD. */
  smsSpendAlarmUsd: z.coerce.number().positive().default(5),
});

export type DeploymentConfig = z.infer<typeof deploymentSchema>;

export function parseDeploymentConfig(context: Record<string, unknown>): DeploymentConfig {
  const parsed = deploymentSchema.safeParse(context);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  -c ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid deployment configuration (CDK context):\n${problems.join('\n')}`);
  }
  return parsed.data;
}

export const DEPLOYMENT_CONTEXT_KEYS = Object.keys(deploymentSchema.shape);
