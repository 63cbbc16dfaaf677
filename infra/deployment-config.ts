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
  /** The Twilio account SID (AC…): turns on the hourly check of Twilio's usage records and its alarm. */
  twilioAccountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/)
    .optional(),
  /**
   * The hotline's Twilio number (E.164). With twilioAccountSid, the outbox texts from it through Twilio's
   * API: console replies to SMS and WhatsApp callers, sign-in codes, notices to volunteers.
   */
  twilioNumber: z
    .string()
    .regex(/^\+[1-9]\d{7,14}$/)
    .optional(),
  /** Alarm when Twilio's own figure for today's spend passes this, in USD. */
  twilioDailySpendAlarmUsd: z.coerce.number().positive().default(25),
  // Channels beyond Twilio (docs/telegram.md, docs/sms-gateway.md); their keys live in the channels secret.
  /** The Serbian SIM's gateway API: `https://api.sms-gate.app` (cloud) or a private server; none: no SIM. */
  smsGatewayApiBase: z.url().optional(),
  /** `cloud` (the cloud or a private server) or `local` (the phone's own server, reachable from AWS). */
  smsGatewayMode: z.enum(['local', 'cloud']).default('cloud'),
  /** Milliseconds between two texts the SIM sends (Android limits an app's SMS rate). */
  smsGatewaySendIntervalMs: z.coerce.number().int().min(0).max(60_000).default(3000),
  // Limits (README "Limits"); each becomes the functions' variable of the same meaning.
  /** Country calling codes the hotline texts by SMS, comma-separated: `381,996`. */
  allowedCountryCodes: z
    .string()
    .regex(/^\s*[1-9]\d{0,3}(\s*,\s*[1-9]\d{0,3})*\s*$/)
    .default('381,996'),
  /** Replies to one number per clock hour (then one notice and silence). */
  callerRepliesPerHour: z.coerce.number().int().min(1).max(1000).default(30),
  /** "Not understood" answers to one number per clock hour. */
  unknownRepliesPerHour: z.coerce.number().int().min(0).max(100).default(1),
  /** Seconds after a number's previous contact within which a text not understood gets no answer. */
  unknownReplyGapSeconds: z.coerce.number().int().min(0).max(3600).default(10),
  /** The IVR's summary SMS per number and day. */
  ivrSmsPerDay: z.coerce.number().int().min(0).max(100).default(1),
  /** The IVR's proof codes per number and day. */
  ivrCodesPerDay: z.coerce.number().int().min(0).max(100).default(2),
  /** The estimate's price of one WhatsApp message, USD. */
  whatsappMessageUsd: z.coerce.number().min(0).max(10).default(0.024),
  /** Texts from one number in a minute that make a flood (then an automatic block). */
  floodTextsPerMinute: z.coerce.number().int().min(2).max(1000).default(10),
  /** Minutes an automatic flood block lasts. */
  floodBlockMinutes: z.coerce.number().int().min(1).max(1440).default(60),
  /** Seconds between two relays of one case to its volunteer (texts in between go as one). */
  relayGapSeconds: z.coerce.number().int().min(0).max(3600).default(60),
  /** SMS the IVR sends per clock hour, all numbers together (codes and summaries). */
  ivrSmsPerHour: z.coerce.number().int().min(0).max(10_000).default(3),
  /** SMS the IVR sends per UTC day, all numbers together (codes and summaries). */
  ivrSmsTotalPerDay: z.coerce.number().int().min(0).max(100_000).default(30),
  /** Cases from withheld calls per clock hour (then a shared voicemail case). */
  withheldCasesPerHour: z.coerce.number().int().min(0).max(1000).default(3),
  /** Estimated spend on texts per UTC day, USD, after which only STOP, erasure and emergency answer. */
  dailySpendCeilingUsd: z.coerce.number().min(0).max(100_000).default(50),
  /** The estimate's price of one SMS segment, USD. */
  smsSegmentUsd: z.coerce.number().min(0).max(10).default(0.41),
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

/** The limit variables every function reads (shared/limits/limits-config.ts), from the deployment's settings. */
export function limitEnvironment(config: DeploymentConfig): Record<string, string> {
  return {
    ALLOWED_COUNTRY_CODES: config.allowedCountryCodes.replace(/\s+/g, ''),
    CALLER_REPLIES_PER_HOUR: String(config.callerRepliesPerHour),
    UNKNOWN_REPLIES_PER_HOUR: String(config.unknownRepliesPerHour),
    UNKNOWN_REPLY_GAP_SECONDS: String(config.unknownReplyGapSeconds),
    IVR_SMS_PER_DAY: String(config.ivrSmsPerDay),
    IVR_CODES_PER_DAY: String(config.ivrCodesPerDay),
    WHATSAPP_MESSAGE_USD: String(config.whatsappMessageUsd),
    FLOOD_TEXTS_PER_MINUTE: String(config.floodTextsPerMinute),
    FLOOD_BLOCK_MINUTES: String(config.floodBlockMinutes),
    RELAY_GAP_SECONDS: String(config.relayGapSeconds),
    WITHHELD_CASES_PER_HOUR: String(config.withheldCasesPerHour),
    IVR_SMS_PER_HOUR: String(config.ivrSmsPerHour),
    IVR_SMS_TOTAL_PER_DAY: String(config.ivrSmsTotalPerDay),
    DAILY_SPEND_CEILING_USD: String(config.dailySpendCeilingUsd),
    SMS_SEGMENT_USD: String(config.smsSegmentUsd),
  };
}

/** The channel settings every function that sends reads (shared/channel-config.ts), from the deployment's. */
export function channelEnvironment(config: DeploymentConfig): Record<string, string> {
  return {
    ...(config.smsGatewayApiBase ? { SMS_GATEWAY_API_BASE: config.smsGatewayApiBase } : {}),
    SMS_GATEWAY_MODE: config.smsGatewayMode,
    SMS_GATEWAY_SEND_INTERVAL_MS: String(config.smsGatewaySendIntervalMs),
    ...(config.twilioNumber ? { TWILIO_NUMBER: config.twilioNumber } : {}),
    ...(config.twilioAccountSid ? { TWILIO_ACCOUNT_SID: config.twilioAccountSid } : {}),
  };
}
