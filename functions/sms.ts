// Lambda: Twilio Messaging webhook (SMS and WhatsApp), POST /sms. A text from a volunteer's phone is a
// command (take, reply, note, close, list); any other is a caller's.

import { DynamoCallerStore } from '../shared/adapters/dynamodb/caller-store.js';
import { DynamoCaseStore } from '../shared/adapters/dynamodb/case-store.js';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { DynamoBlockList, DynamoUsageCounters } from '../shared/adapters/dynamodb/usage-store.js';
import { DynamoVolunteerInbox } from '../shared/adapters/dynamodb/volunteer-inbox.js';
import { twilioRecordingEraser } from '../shared/adapters/twilio/recordings.js';
import { inboundMessageSchema } from '../shared/adapters/twilio/webhook-schemas.js';
import { parseAddress } from '../shared/callers/caller.js';
import { hotlineClock } from '../shared/clock.js';
import { hotlineConfig } from '../shared/config.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import type { Limits } from '../shared/limits/guard.js';
import { limitSettings } from '../shared/limits/settings.js';
import { limitMetrics, metricFields, WEBHOOK_METRICS } from '../shared/metrics.js';
import { once } from '../shared/once.js';
import { callerIdFor } from '../shared/privacy.js';
import { receiveSms } from '../shared/use-cases/receive-sms.js';
import { receiveVolunteerSms } from '../shared/use-cases/volunteer-sms.js';
import { CachedRoster, volunteerByPhone } from '../shared/volunteers/roster.js';

/**
 * Built on the first request rather than at module load: a broken deployment configuration then fails
 * inside the webhook chain, and the caller gets our apology instead of Twilio's error message.
 */
const dependencies = once(() => {
  const config = hotlineConfig();
  const client = documentClient(config);
  const cases = new DynamoCaseStore(client, config.TABLE_NAME);
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
    roster: new CachedRoster(
      new DynamoRosterStore(client, config.TABLE_NAME),
      config.ROSTER_CACHE_SECONDS * 1000,
    ),
  };
});

export const handler = twilioWebhook({ kind: 'messaging', schema: inboundMessageSchema }, async (request) => {
  const { config, callers, cases, inbox, roster, limits } = dependencies();
  const recordings = twilioRecordingEraser({
    accountSid: request.params.AccountSid,
    authToken: request.twilioAuthToken,
    apiBase: config.TWILIO_API_BASE,
  });
  const { phone, channel } = parseAddress(request.params.From);
  const volunteers = await roster.list();
  const volunteer = volunteerByPhone(volunteers, phone);
  if (volunteer) {
    const answer = await receiveVolunteerSms(
      {
        inbox,
        cases,
        clock: hotlineClock,
        recordings,
        log: request.log,
        pins: limits,
        allowedCountryCodes: limits.settings.allowedCountryCodes,
      },
      {
        volunteer,
        roster: volunteers,
        messageSid: request.params.MessageSid,
        body: request.params.Body,
        hotline: request.params.To,
      },
    );
    request.log.info('sms.volunteer', {
      volunteer: volunteer.volunteerId,
      ...metricFields(
        {
          [WEBHOOK_METRICS.volunteerCommands]: 1,
          ...(answer.outcome === 'taken' ? { [WEBHOOK_METRICS.casesTaken]: 1 } : {}),
        },
        { Outcome: answer.outcome },
      ),
    });
    return answer.twiml;
  }
  const callerId = callerIdFor(phone, request.callerHashKey);
  const outcome = await receiveSms(
    {
      callers,
      cases,
      // The roster this request already read: no second read when the case layer needs it.
      roster: { list: async () => volunteers },
      clock: hotlineClock,
      retentionDays: config.RETENTION_DAYS,
      timing: { renotifyMinutes: config.CASE_RENOTIFY_MINUTES, relayGapSeconds: config.RELAY_GAP_SECONDS },
      recordings,
      log: request.log,
      limits,
    },
    {
      callerId,
      phone,
      channel,
      messageSid: request.params.MessageSid,
      body: request.params.Body,
      hotline: request.params.To,
    },
  );
  request.log.info('sms.answered', {
    callerRef: callerId.slice(0, 8),
    channel,
    ...metricFields(
      {
        [WEBHOOK_METRICS.messages]: 1,
        [WEBHOOK_METRICS.forwarded]: outcome.forwarded,
        ...limitMetrics(outcome.limited),
        ...(outcome.intent === 'blocked' || outcome.intent === 'flood'
          ? { [WEBHOOK_METRICS.blocked]: 1 }
          : {}),
        ...(outcome.intent === 'case_opened' ? { [WEBHOOK_METRICS.casesOpened]: 1 } : {}),
      },
      { Intent: outcome.intent },
    ),
  });
  return outcome.twiml;
});
