// The composition every caller-text webhook shares (Twilio SMS and WhatsApp, Telegram, the Serbian SIM):
// the stores, the limits and the roster built once per container, and one call into the use case with
// its metrics written the same way whichever channel the text came on.

import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCallerStore } from '../adapters/dynamodb/caller-store.js';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store.js';
import { documentClient } from '../adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../adapters/dynamodb/roster-store.js';
import { outboxPut } from '../adapters/dynamodb/side-writes.js';
import { DynamoTelegramLinks } from '../adapters/dynamodb/telegram-links.js';
import { DynamoBlockList, DynamoUsageCounters } from '../adapters/dynamodb/usage-store.js';
import { DynamoVolunteerInbox } from '../adapters/dynamodb/volunteer-inbox.js';
import { twilioRecordingEraser } from '../adapters/twilio/recordings.js';
import { hotlineClock } from '../clock.js';
import { type HotlineConfig, hotlineConfig } from '../config.js';
import type { Limits } from '../limits/guard.js';
import { limitSettings } from '../limits/settings.js';
import type { Logger } from '../logger.js';
import { limitMetrics, metricFields, WEBHOOK_METRICS } from '../metrics.js';
import { once } from '../once.js';
import type { InlineAnswer } from '../ports/inline-answer.js';
import type { OutboundMessage } from '../ports/outbox.js';
import type { RecordingEraser } from '../ports/recordings.js';
import { type InboundText, receiveSms, type SmsOutcome } from '../use-cases/receive-sms.js';
import {
  receiveVolunteerSms,
  type VolunteerSmsOutcome,
  type VolunteerText,
} from '../use-cases/volunteer-sms.js';
import { CachedRoster } from '../volunteers/roster.js';
import type { Volunteer } from '../volunteers/volunteer.js';

/**
 * Built on the first request rather than at module load: a broken deployment configuration then fails
 * inside the webhook chain, and the caller gets our apology instead of the service's error message.
 */
export const callerTextDependencies = once(() => {
  const config = hotlineConfig();
  const client = documentClient(config);
  const cases = new DynamoCaseStore(client, config.TABLE_NAME);
  const rosterStore = new DynamoRosterStore(client, config.TABLE_NAME);
  const limits: Limits = {
    settings: limitSettings(config),
    counters: new DynamoUsageCounters(client, config.TABLE_NAME),
    blocks: new DynamoBlockList(client, config.TABLE_NAME),
  };
  return {
    config,
    limits,
    callers: new DynamoCallerStore(client, config.TABLE_NAME),
    cases,
    inbox: new DynamoVolunteerInbox(client, config.TABLE_NAME, cases),
    roster: new CachedRoster(rosterStore, config.ROSTER_CACHE_SECONDS * 1000),
    telegramLinks: new DynamoTelegramLinks(client, config.TABLE_NAME, rosterStore),
    /** One message into the outbox (the bot's answer to a link command); false when it was written before. */
    queue: async (message: OutboundMessage): Promise<boolean> => {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [outboxPut(config.TABLE_NAME, message, hotlineClock.now())],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException') return false;
        throw error;
      }
    },
  };
});

/** Deletes voicemail recordings through Twilio's API, when the Twilio account is known. */
export function recordingEraserFor(
  config: HotlineConfig,
  account: { accountSid?: string | undefined; authToken: string },
): RecordingEraser | undefined {
  const accountSid = account.accountSid ?? config.TWILIO_ACCOUNT_SID;
  if (!accountSid) return undefined;
  return twilioRecordingEraser({ accountSid, authToken: account.authToken, apiBase: config.TWILIO_API_BASE });
}

export interface CallerTextContext {
  log: Logger;
  inline: InlineAnswer | undefined;
  recordings: RecordingEraser | undefined;
  /** The roster this request already read, when it did (to tell a volunteer's text from a caller's). */
  roster?: readonly Volunteer[] | undefined;
}

/** One caller's text through the use case, and its metrics (counts only, never the words or number). */
export async function answerCallerText(context: CallerTextContext, text: InboundText): Promise<SmsOutcome> {
  const { config, callers, cases, roster, limits } = callerTextDependencies();
  const known = context.roster;
  const outcome = await receiveSms(
    {
      callers,
      cases,
      roster: known ? { list: async () => [...known] } : roster,
      clock: hotlineClock,
      retentionDays: config.RETENTION_DAYS,
      timing: { renotifyMinutes: config.CASE_RENOTIFY_MINUTES, relayGapSeconds: config.RELAY_GAP_SECONDS },
      recordings: context.recordings,
      log: context.log,
      limits,
      inline: context.inline,
    },
    text,
  );
  context.log.info('sms.answered', {
    callerRef: text.callerId.slice(0, 8),
    channel: text.channel,
    ...metricFields(
      {
        [WEBHOOK_METRICS.messages]: 1,
        [WEBHOOK_METRICS.forwarded]: outcome.forwarded,
        ...(outcome.queued ? { [WEBHOOK_METRICS.queued]: outcome.queued } : {}),
        ...limitMetrics(outcome.limited),
        ...(outcome.intent === 'blocked' || outcome.intent === 'flood'
          ? { [WEBHOOK_METRICS.blocked]: 1 }
          : {}),
        ...(outcome.intent === 'case_opened' ? { [WEBHOOK_METRICS.casesOpened]: 1 } : {}),
      },
      { Intent: outcome.intent },
    ),
  });
  return outcome;
}

/** One volunteer's command through the use case (any channel the volunteer texted), and its metrics. */
export async function answerVolunteerText(
  context: Omit<CallerTextContext, 'roster'>,
  text: VolunteerText,
): Promise<VolunteerSmsOutcome> {
  const { cases, inbox, limits } = callerTextDependencies();
  const answer = await receiveVolunteerSms(
    {
      inbox,
      cases,
      clock: hotlineClock,
      recordings: context.recordings,
      log: context.log,
      pins: limits,
      allowedCountryCodes: limits.settings.allowedCountryCodes,
      inline: context.inline,
    },
    text,
  );
  context.log.info('sms.volunteer', {
    volunteer: text.volunteer.volunteerId,
    ...metricFields(
      {
        [WEBHOOK_METRICS.volunteerCommands]: 1,
        ...(answer.outcome === 'taken' ? { [WEBHOOK_METRICS.casesTaken]: 1 } : {}),
      },
      { Outcome: answer.outcome },
    ),
  });
  return answer;
}
