// The sweep's counts as CloudWatch metrics, written as an Embedded Metric Format log line: CloudWatch
// turns it into metrics with no API call and no extra permission. An alarm on `RemindersFailed` (and on
// `RemindersUnconfirmed`, which should stay at zero) belongs with the monitoring construct.
import type { SweepSummary } from './sweep.js';

export const REMINDER_METRICS_NAMESPACE = 'MigrantHotline/Reminders';

/** Metric name for each summary count. */
export const REMINDER_METRICS = {
  due: 'RemindersDue',
  sent: 'RemindersSent',
  skipped: 'RemindersSkipped',
  failed: 'RemindersFailed',
  deferred: 'RemindersDeferred',
  unconfirmed: 'RemindersUnconfirmed',
  contended: 'RemindersContended',
  leftForNextSweep: 'RemindersLeftForNextSweep',
  errors: 'ReminderSweepErrors',
} as const satisfies Partial<Record<keyof SweepSummary, string>>;

/** One EMF document: the metric values at the top level, their declaration under `_aws`. */
export function metricsDocument(summary: SweepSummary, at: Date): Record<string, unknown> {
  const entries = Object.entries(REMINDER_METRICS) as [keyof typeof REMINDER_METRICS, string][];
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: REMINDER_METRICS_NAMESPACE,
          Dimensions: [[]],
          Metrics: [
            ...entries.map(([, name]) => ({ Name: name, Unit: 'Count' })),
            { Name: 'ReminderSweepDuration', Unit: 'Milliseconds' },
          ],
        },
      ],
    },
    ...Object.fromEntries(entries.map(([key, name]) => [name, summary[key]])),
    ReminderSweepDuration: summary.durationMs,
  };
}
