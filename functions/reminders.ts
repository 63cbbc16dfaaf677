// Lambda: the reminder sweep, run by an EventBridge schedule every few minutes (locally: POST /_local/tick).
import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoReminderStore } from '../shared/adapters/dynamodb/reminder-store.js';
import { DynamoUsageCounters } from '../shared/adapters/dynamodb/usage-store.js';
import { snsClient } from '../shared/adapters/sns/client.js';
import { SnsNotifier } from '../shared/adapters/sns/sns-notifier.js';
import { hotlineClock } from '../shared/clock.js';
import { GuardedNotifier } from '../shared/limits/guarded-notifier.js';
import { limitSettings } from '../shared/limits/settings.js';
import { createLogger } from '../shared/logger.js';
import { metricsDocument } from '../shared/reminders/metrics.js';
import { reminderConfig, sweepSettingsFrom } from '../shared/reminders/reminder-config.js';
import { type SweepSummary, sweepReminders } from '../shared/reminders/sweep.js';

const config = reminderConfig();
const client = documentClient(config);
const reminders = new DynamoReminderStore(client, config.TABLE_NAME);
const log = createLogger({ level: config.LOG_LEVEL });
// Only to the countries served (a reminder elsewhere is marked failed), each counted in the day's spend.
// Reminders pass the ceiling: one per deadline and caller, planned by the hotline, they cannot be flooded.
const notifier = new GuardedNotifier(
  new SnsNotifier(snsClient(config), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  }),
  { settings: limitSettings(config), counters: new DynamoUsageCounters(client, config.TABLE_NAME) },
  { ceiling: false, now: () => hotlineClock.now(), log },
);

/** No claim after this much time is left: a reminder in hand still has its send tries (SNS timeouts included). */
const SETTLE_MARGIN_MS = 45_000;

export async function handler(_event: ScheduledEvent, context: Context): Promise<SweepSummary> {
  const requestLog = log.child({ requestId: context.awsRequestId });
  const timeBudgetMs = Math.max(0, context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS);
  const summary = await sweepReminders(
    { reminders, notifier, clock: hotlineClock, log: requestLog, sweepId: context.awsRequestId },
    sweepSettingsFrom(config, timeBudgetMs),
  );
  // Counts only: no number, no text. The same line carries the CloudWatch metrics (EMF).
  requestLog.info('reminders.swept', { ...summary, ...metricsDocument(summary, new Date()) });
  return summary;
}
