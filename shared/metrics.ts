// Business metrics of the webhooks as CloudWatch Embedded Metric Format fields: merged into the one log
// line a request writes anyway, CloudWatch turns them into metrics with no API call and no permission.
// Dimension values are intents and outcomes, never a number or a text.

export const WEBHOOK_METRICS_NAMESPACE = 'MigrantHotline/Webhooks';

/** The outbox sender's metrics: Sent, Dropped, Skipped, Retried (counts per stream batch). */
export const OUTBOX_METRICS_NAMESPACE = 'MigrantHotline/Outbox';

/** The metric names the dashboard and alarms use. */
export const WEBHOOK_METRICS = {
  /** Inbound texts from callers, by `Intent` (and in total). */
  messages: 'Messages',
  /** Texts to volunteers inside TwiML replies (notifications and relayed words). */
  forwarded: 'TextsToVolunteers',
  /** Messages written to the outbox with the state change (Telegram, the Serbian SIM, their relays). */
  queued: 'OutboxQueued',
  /** The Serbian SIM's delivery reports, by `State` (sent, delivered, failed). */
  gatewayReports: 'GatewayDeliveryReports',
  /** Signed webhooks from the Serbian SIM's phone, of any kind (its heartbeat: alarm when none for 30 min). */
  gatewayHeard: 'GatewayHeard',
  /** Volunteers' commands, by `Outcome`. */
  volunteerCommands: 'VolunteerCommands',
  /** Call requests, by `Outcome`. */
  voiceSteps: 'VoiceSteps',
  casesOpened: 'CasesOpened',
  casesTaken: 'CasesTaken',
  /** Requests refused for a missing or wrong signature, or a form Twilio would not send, by `Reason`. */
  rejections: 'SignatureRejections',
  /** Texts not sent because the destination is outside ALLOWED_COUNTRY_CODES. */
  droppedCountry: 'DroppedDestinations',
  /** Replies not sent because a number used up its hour (or its "not understood" answers). */
  droppedBudget: 'RepliesOverBudget',
  /** Texts not sent because the day's spend ceiling was reached. */
  droppedCeiling: 'TextsOverCeiling',
  /** Texts from blocked or flooding numbers (answered with nothing). */
  blocked: 'BlockedTexts',
  /** The day's estimated spend on texts so far, USD (the alarms watch its maximum). */
  spentToday: 'EstimatedSpendTodayUsd',
} as const;

/** The limits' counts of one request as metric values (nothing when nothing was held back). */
export function limitMetrics(
  limited:
    | {
        droppedCountry: number;
        droppedBudget: number;
        droppedCeiling: number;
        spentTodayUsd?: number | undefined;
      }
    | undefined,
): Record<string, number> {
  if (!limited) return {};
  return {
    ...(limited.droppedCountry ? { [WEBHOOK_METRICS.droppedCountry]: limited.droppedCountry } : {}),
    ...(limited.droppedBudget ? { [WEBHOOK_METRICS.droppedBudget]: limited.droppedBudget } : {}),
    ...(limited.droppedCeiling ? { [WEBHOOK_METRICS.droppedCeiling]: limited.droppedCeiling } : {}),
    ...(limited.spentTodayUsd !== undefined ? { [WEBHOOK_METRICS.spentToday]: limited.spentTodayUsd } : {}),
  };
}

/**
 * EMF fields for one request: each metric counted once with the given dimensions and once in total.
 * Merge into a log line: `log.info('sms.answered', { ...fields, ...metricFields(...) })`.
 */
export function metricFields(
  metrics: Readonly<Record<string, number>>,
  dimensions: Readonly<Record<string, string>> = {},
  at: Date = new Date(),
  namespace: string = WEBHOOK_METRICS_NAMESPACE,
): Record<string, unknown> {
  const names = Object.keys(dimensions);
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: names.length > 0 ? [names, []] : [[]],
          Metrics: Object.keys(metrics).map((name) => ({ Name: name, Unit: 'Count' })),
        },
      ],
    },
    ...dimensions,
    ...metrics,
  };
}
