// Lambda: the case chase, run by an EventBridge schedule every minute (locally: POST /_local/tick).
// Untaken cases are sent to the volunteers on shift again, then to the coordinators (shared/cases/chase.ts).
import type { Context, ScheduledEvent } from 'aws-lambda';
import { DynamoCaseStore } from '../shared/adapters/dynamodb/case-store.js';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { DynamoUsageCounters } from '../shared/adapters/dynamodb/usage-store.js';
import { snsClient } from '../shared/adapters/sns/client.js';
import { SnsNotifier } from '../shared/adapters/sns/sns-notifier.js';
import { twilioUsageReader } from '../shared/adapters/twilio/usage.js';
import { chaseConfig } from '../shared/cases/chase-config.js';
import { hotlineClock } from '../shared/clock.js';
import { GuardedNotifier } from '../shared/limits/guarded-notifier.js';
import { limitSettings } from '../shared/limits/settings.js';
import { createLogger } from '../shared/logger.js';
import { hotlineSecrets } from '../shared/secrets.js';
import { type ChaseSummary, chaseCases } from '../shared/use-cases/chase-cases.js';

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

/**
 * At the top of each hour, Twilio's own figure for today's spend (usage records): a metric the
 * TwilioSpend alarm watches. Off without TWILIO_ACCOUNT_SID; a failure is logged and counted, never fatal.
 */
async function twilioSpendToday(now: Date, requestLog: typeof log): Promise<number | undefined> {
  if (!config.TWILIO_ACCOUNT_SID || now.getUTCMinutes() !== 0) return undefined;
  try {
    const secrets = await hotlineSecrets(config);
    return await twilioUsageReader({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: secrets.twilioAuthToken,
      apiBase: config.TWILIO_API_BASE,
    }).todaySpendUsd();
  } catch (error) {
    requestLog.warn('twilio.usage_failed', { error: (error as Error).name });
    return Number.NaN;
  }
}

export async function handler(
  _event: ScheduledEvent,
  context: Context,
): Promise<ChaseSummary & { twilioSpendTodayUsd?: number }> {
  const requestLog = log.child({ requestId: context.awsRequestId });
  const twilioSpend = await twilioSpendToday(hotlineClock.now(), requestLog);
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
            ...(twilioSpend === undefined
              ? []
              : Number.isNaN(twilioSpend)
                ? [{ Name: 'TwilioUsageCheckFailed', Unit: 'Count' }]
                : [{ Name: 'TwilioSpendTodayUsd', Unit: 'None' }]),
          ],
        },
      ],
    },
    CasesChased: summary.chased,
    CaseNoticesFailed: summary.failed,
    ...(twilioSpend === undefined
      ? {}
      : Number.isNaN(twilioSpend)
        ? { TwilioUsageCheckFailed: 1 }
        : { TwilioSpendTodayUsd: twilioSpend }),
  });
  return twilioSpend === undefined || Number.isNaN(twilioSpend)
    ? summary
    : { ...summary, twilioSpendTodayUsd: twilioSpend };
}
