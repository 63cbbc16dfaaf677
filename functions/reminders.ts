// Lambda: the reminder sweep, run by an EventBridge schedule every few minutes (locally: POST /_local/tick).
import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoReminderStore } from '../shared/adapters/dynamodb/reminder-store.js';
import { hotlineClock } from '../shared/clock.js';
import { channelSenders, reminderNotifier } from '../shared/edge/channel-senders.js';
import { createLogger } from '../shared/logger.js';
import type { Notifier } from '../shared/ports/notifier.js';
import { metricsDocument } from '../shared/reminders/metrics.js';
import { reminderConfig, sweepSettingsFrom } from '../shared/reminders/reminder-config.js';
import { type SweepSummary, sweepReminders } from '../shared/reminders/sweep.js';
import { channelSecrets } from '../shared/secrets.js';

const config = reminderConfig();
const client = documentClient(config);
const reminders = new DynamoReminderStore(client, config.TABLE_NAME);
const log = createLogger({ level: config.LOG_LEVEL });
// Each reminder on its caller's channel: Telegram, the Serbian SIM (SNS when its phone is gone), else SMS
// through SNS, only to the countries served (a reminder elsewhere is marked failed) and counted in the
// day's spend. Reminders pass the ceiling: one per deadline and caller, they cannot be flooded.
let built: Promise<Notifier> | undefined;
const notifier = (): Promise<Notifier> => {
  built ??= channelSecrets(config).then(
    (secrets) => reminderNotifier(channelSenders(config, secrets, log)),
    (error: unknown) => {
      built = undefined;
      throw error;
    },
  );
  return built;
};

/** No claim after this much time is left: a reminder in hand still has its send tries (SNS timeouts included). */
const SETTLE_MARGIN_MS = 45_000;

export async function handler(_event: ScheduledEvent, context: Context): Promise<SweepSummary> {
  const requestLog = log.child({ requestId: context.awsRequestId });
  const timeBudgetMs = Math.max(0, context.getRemainingTimeInMillis() - SETTLE_MARGIN_MS);
  const summary = await sweepReminders(
    {
      reminders,
      notifier: await notifier(),
      clock: hotlineClock,
      log: requestLog,
      sweepId: context.awsRequestId,
    },
    sweepSettingsFrom(config, timeBudgetMs),
  );
  // Counts only: no number, no text. The same line carries the CloudWatch metrics (EMF).
  requestLog.info('reminders.swept', { ...summary, ...metricsDocument(summary, new Date()) });
  return summary;
}
