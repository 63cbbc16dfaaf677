// Lambda: Twilio Voice webhook, POST /voice (the incoming call) and the /voice/<step> action URLs its
// <Gather>s name. The call flow itself is shared/conversation/ivr.ts; docs/ivr.md draws it.

import { DynamoCallerStore } from '../shared/adapters/dynamodb/caller-store.js';
import { DynamoCaseStore } from '../shared/adapters/dynamodb/case-store.js';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoPromptRecordings } from '../shared/adapters/dynamodb/prompt-recordings.js';
import { DynamoRosterStore } from '../shared/adapters/dynamodb/roster-store.js';
import { DynamoBlockList, DynamoUsageCounters } from '../shared/adapters/dynamodb/usage-store.js';
import { snsClient } from '../shared/adapters/sns/client.js';
import { SnsNotifier } from '../shared/adapters/sns/sns-notifier.js';
import { voiceTwiml } from '../shared/adapters/twilio/twiml.js';
import { type VoiceCallForm, voiceCallSchema } from '../shared/adapters/twilio/webhook-schemas.js';
import type { Language } from '../shared/callers/caller.js';
import { newCaseCode } from '../shared/cases/case.js';
import { hotlineClock } from '../shared/clock.js';
import { type HotlineConfig, hotlineConfig } from '../shared/config.js';
import { type IvrInput, parseIvrRoute, shownNumber } from '../shared/conversation/ivr.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import type { Limits } from '../shared/limits/guard.js';
import { GuardedNotifier } from '../shared/limits/guarded-notifier.js';
import type { PinGuard } from '../shared/limits/pin-guard.js';
import { limitSettings } from '../shared/limits/settings.js';
import { metricFields, WEBHOOK_METRICS } from '../shared/metrics.js';
import { once } from '../shared/once.js';
import { callerIdFor } from '../shared/privacy.js';
import { answerCall } from '../shared/use-cases/answer-call.js';
import {
  acceptWhisper,
  type CallConfig,
  dialback,
  dialbackAsk,
  dialbackPin,
  dialEnded,
  planTransfer,
  voicemailLeft,
  whisper,
} from '../shared/use-cases/volunteer-call.js';
import { callProof } from '../shared/voice/call-proof.js';
import { ivrTwiml } from '../shared/voice/ivr-twiml.js';
import { speechParts, useRecordedPrompts } from '../shared/voice/prompt-url.js';
import { composePrompt } from '../shared/voice/speech.js';
import { voicemailTwiml } from '../shared/voice/volunteer-twiml.js';
import { CachedRoster, volunteerByPhone } from '../shared/volunteers/roster.js';

/**
 * Built on the first request rather than at module load: a broken deployment configuration then fails
 * inside the webhook chain, and the caller hears our apology instead of Twilio's error message.
 */
const dependencies = once(() => {
  const config = hotlineConfig();
  const client = documentClient(config);
  const callConfig: CallConfig = {
    PUBLIC_BASE_URL: config.PUBLIC_BASE_URL,
    PROMPTS_BASE_URL: config.PROMPTS_BASE_URL,
    ringSeconds: config.VOLUNTEER_RING_SECONDS,
    voicemailMaxSeconds: config.VOICEMAIL_MAX_SECONDS,
    renotifyMinutes: config.CASE_RENOTIFY_MINUTES,
  };
  const sns = new SnsNotifier(snsClient(config), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  });
  const limits: Limits = {
    settings: limitSettings(config),
    counters: new DynamoUsageCounters(client, config.TABLE_NAME),
    blocks: new DynamoBlockList(client, config.TABLE_NAME),
  };
  const now = () => hotlineClock.now();
  return {
    config,
    callConfig,
    limits,
    // Volunteers' notices (voicemail, a take by phone) pass the spend ceiling; the IVR's SMS do not.
    notifier: new GuardedNotifier(sns, limits, { ceiling: false, now }),
    callerSms: new GuardedNotifier(sns, limits, { ceiling: true, now }),
    callers: new DynamoCallerStore(client, config.TABLE_NAME),
    cases: new DynamoCaseStore(client, config.TABLE_NAME),
    roster: new CachedRoster(
      new DynamoRosterStore(client, config.TABLE_NAME),
      config.ROSTER_CACHE_SECONDS * 1000,
    ),
    recordings: new DynamoPromptRecordings(client, config.TABLE_NAME),
    cacheMs: config.ROSTER_CACHE_SECONDS * 1000,
  };
});

let promptsReadAt = Number.NEGATIVE_INFINITY;

/**
 * The prompts recorded in the console's studio: read by a container's first request, and again when a
 * call starts once the roster's cache time has passed (locally at every call): a new recording plays from
 * the next call. A failed read keeps the last known set, so a call never fails over it.
 */
async function refreshRecordedPrompts(
  path: string,
  log: { warn(event: string, fields?: Record<string, unknown>): void },
) {
  const { recordings, cacheMs } = dependencies();
  const now = Date.now();
  const first = promptsReadAt === Number.NEGATIVE_INFINITY;
  if (!first && (path !== '/voice' || now - promptsReadAt < cacheMs)) return;
  try {
    const all = await recordings.all();
    useRecordedPrompts(new Map([...all].map(([key, recording]) => [key, recording.version])));
    promptsReadAt = now;
  } catch (error) {
    log.warn('voice.recorded_prompts_unread', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

/** Kyrgyz recording first, then Russian: a fault may come before the caller has chosen. */
const apology = (config: HotlineConfig) =>
  voiceTwiml(speechParts(config, [...composePrompt('ky', 'apology'), ...composePrompt('ru', 'apology')]), {
    hangup: true,
  });

/**
 * Keys as pressed, bounded: no prompt takes more than a date's eight digits and `#`, and what goes on
 * into an idempotency key must stay far below DynamoDB's key size (a forged request sent 978 digits).
 */
export const MAX_KEYPAD_DIGITS = 20;

function keypad(digits: string | undefined): string {
  return (digits ?? '').trim().slice(0, MAX_KEYPAD_DIGITS);
}

/** The volunteer side of calls: the whisper, the end of ringing, voicemail, dialback (volunteer-call.ts). */
const VOLUNTEER_STEPS = new Set([
  '/voice/whisper',
  '/voice/whisper-accept',
  '/voice/dial-done',
  '/voice/voicemail',
  '/voice/dialback-pin',
  '/voice/dialback',
]);

export const handler = twilioWebhook({ kind: 'voice', schema: voiceCallSchema, apology }, async (request) => {
  const { params, query } = request;
  const { config, callConfig, callers, cases, roster, notifier, callerSms, limits } = dependencies();
  await refreshRecordedPrompts(request.path, request.log);
  const ports = {
    cases,
    roster,
    notifier,
    clock: hotlineClock,
    log: request.log,
    config: callConfig,
    pins: limits,
  };
  const language: Language = query.get('lang') === 'ru' ? 'ru' : 'ky';
  const code = query.get('case') ?? '';
  if (VOLUNTEER_STEPS.has(request.path)) {
    const answer = await volunteerStep(
      request.path,
      params,
      { code, language, failures: Number(query.get('a') ?? 0), pinOk: query.get('pin') === 'ok' },
      ports,
    );
    request.log.info('voice.volunteer_step', {
      step: request.path,
      case: code,
      ...metricFields(
        {
          [WEBHOOK_METRICS.voiceSteps]: 1,
          ...(answer.outcome === 'connected' ? { [WEBHOOK_METRICS.casesTaken]: 1 } : {}),
        },
        { Outcome: answer.outcome },
      ),
    });
    return answer.twiml;
  }
  // A volunteer ringing the hotline from their own phone is asked which case to call back.
  if (request.path === '/voice') {
    const volunteer = volunteerByPhone(await roster.list(), params.From);
    if (volunteer?.active) {
      request.log.info('voice.volunteer_step', {
        step: '/voice',
        volunteer: volunteer.volunteerId,
        outcome: 'dialback_ask',
      });
      return dialbackAsk(callConfig, volunteer).twiml;
    }
  }
  const route = request.path === '/voice' ? undefined : parseIvrRoute(request.path, request.query);
  if (!route && request.path !== '/voice') request.log.warn('voice.unknown_step', { step: request.path });
  // An action URL this code never wrote (an older deployment's) starts the call flow again.
  const input: IvrInput = route
    ? { kind: 'keys', route, digits: keypad(request.params.Digits) }
    : { kind: 'call' };
  const phone = shownNumber(request.params.From);
  const callerId = phone ? callerIdFor(phone, request.callerHashKey) : undefined;
  const answer = await answerCall(
    {
      callers,
      notifier: callerSms,
      limits,
      clock: hotlineClock,
      render: (reply) => ivrTwiml(config, reply),
      retentionDays: config.RETENTION_DAYS,
      log: request.log,
      volunteers: {
        cases,
        roster,
        plan: (input) => planTransfer({ ...input, config: callConfig, newCode: newCaseCode }),
        voicemail: (code, language, lead) => voicemailTwiml(callConfig, { code, language, lead }),
        newCode: newCaseCode,
      },
    },
    {
      callSid: request.params.CallSid,
      proof: callProof(request.params.CallSid, request.callerHashKey),
      hotline: request.params.To,
      caller: phone && callerId ? { callerId, phone } : undefined,
      input,
    },
  );
  request.log.info('voice.answered', {
    callerRef: callerId?.slice(0, 8) ?? 'withheld',
    step: route?.step ?? 'call',
    turn: route?.turn ?? 0,
    ...metricFields(
      {
        [WEBHOOK_METRICS.voiceSteps]: 1,
        ...(answer.outcome === 'transfer_ringing' || answer.outcome === 'transfer_voicemail'
          ? { [WEBHOOK_METRICS.casesOpened]: 1 }
          : {}),
      },
      { Outcome: answer.outcome },
    ),
  });
  return answer.twiml;
});

type VolunteerStepPorts = Parameters<typeof voicemailLeft>[0] & { pins?: PinGuard | undefined };

async function volunteerStep(
  path: string,
  params: VoiceCallForm,
  step: { code: string; language: Language; failures: number; pinOk: boolean },
  ports: VolunteerStepPorts,
) {
  switch (path) {
    case '/voice/whisper':
      return whisper(ports.config, step.code, step.language);
    case '/voice/whisper-accept':
      // On the volunteer's leg, `To` is the volunteer's phone.
      return acceptWhisper(ports, {
        code: step.code,
        digits: keypad(params.Digits),
        volunteerPhone: params.To,
      });
    case '/voice/dial-done':
      return dialEnded(ports, { code: step.code, language: step.language });
    case '/voice/voicemail':
      return voicemailLeft(ports, {
        code: step.code,
        language: step.language,
        callSid: params.CallSid,
        recordingUrl: params.RecordingUrl,
        recordingSid: params.RecordingSid,
        seconds: Number(params.RecordingDuration ?? 0),
      });
    default: {
      const volunteer = volunteerByPhone(await ports.roster.list(), params.From);
      if (!volunteer?.active) return { twiml: voiceTwiml([], { hangup: true }), outcome: 'not_a_volunteer' };
      const failures = Number.isInteger(step.failures) ? step.failures : 0;
      if (path === '/voice/dialback-pin') {
        return dialbackPin(ports, { volunteer, digits: keypad(params.Digits), failures });
      }
      // Only the URL the right PIN led to carries pin=ok (signed by Twilio); anything else hangs up.
      if (!step.pinOk) return { twiml: voiceTwiml([], { hangup: true }), outcome: 'dialback_without_pin' };
      return dialback(ports, {
        volunteer,
        digits: keypad(params.Digits),
        failures: Number.isInteger(step.failures) ? step.failures : 0,
        hotline: params.To,
      });
    }
  }
}
