// Lambda: the case chase, run by an EventBridge schedule every minute (locally: POST /_local/tick).
// Untaken cases are sent to the volunteers on shift again, then to the coordinators (shared/cases/chase.ts).
import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient } from '../shared/aws/dynamodb.js';
import { snsClient } from '../shared/aws/sns.js';
import { DynamoCaseStore } from '../shared/cases/case-store.js';
import { chaseConfig } from '../shared/cases/chase-config.js';
import { hotlineClock } from '../shared/clock.js';
import { GuardedNotifier } from '../shared/limits/guarded-notifier.js';
import { limitSettings } from '../shared/limits/settings.js';
import { DynamoUsageCounters } from '../shared/limits/usage-store.js';
import { createLogger } from '../shared/logger.js';
import { SnsNotifier } from '../shared/notify/sns-notifier.js';
import { type ChaseSummary, chaseCases } from '../shared/use-cases/chase-cases.js';
import { DynamoRosterStore } from '../shared/volunteers/roster-store.js';

const config = chaseConfig();
const client = documentClient(config);
const cases = new DynamoCaseStore(client, config.TABLE_NAME);
const roster = new DynamoRosterStore(client, config.TABLE_NAME);
const log = createLogger({ level: config.LOG_LEVEL });
// Only to the countries served, each counted in the day's spend; volunteers' notices pass the ceiling.
const notifier = new GuardedNotifier(
  new SnsNotifier(snsClient(config), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  }),
  { settings: limitSettings(config), counters: new DynamoUsageCounters(client, config.TABLE_NAME) },
  { ceiling: false, now: () => hotlineClock.now(), log },
);

export async function handler(_event: ScheduledEvent, context: Context): Promise<ChaseSummary> {
  const requestLog = log.child({ requestId: context.awsRequestId });
  const summary = await chaseCases({
    cases,
    roster,
    notifier,
    clock: hotlineClock,
    log: requestLog,
    renotifyMinutes: config.CASE_RENOTIFY_MINUTES,
  });
  // Counts and the EMF metric of escalations; no number, no text.
  requestLog.info('cases.chased', {
    ...summary,
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: 'MigrantHotline/Cases',
          Dimensions: [[]],
          Metrics: [
            { Name: 'CasesChased', Unit: 'Count' },
            { Name: 'CaseNoticesFailed', Unit: 'Count' },
          ],
        },
      ],
    },
    CasesChased: summary.chased,
    CaseNoticesFailed: summary.failed,
  });
  return summary;
}
