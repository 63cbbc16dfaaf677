// Lambda: Twilio Voice webhook, POST /voice (the incoming call) and the /voice/<step> action URLs its
// <Gather>s name. The call flow itself is shared/conversation/ivr.ts; docs/ivr.md draws it.
import { documentClient } from '../shared/aws/dynamodb.js';
import { snsClient } from '../shared/aws/sns.js';
import { DynamoCallerStore } from '../shared/callers/caller-store.js';
import { hotlineClock } from '../shared/clock.js';
import { hotlineConfig } from '../shared/config.js';
import { type IvrInput, parseIvrRoute, shownNumber } from '../shared/conversation/ivr.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { SnsNotifier } from '../shared/notify/sns-notifier.js';
import { callerIdFor } from '../shared/privacy.js';
import { voiceTwiml } from '../shared/twilio/twiml.js';
import { voiceCallSchema } from '../shared/twilio/webhook-schemas.js';
import { answerCall } from '../shared/use-cases/answer-call.js';
import { ivrTwiml } from '../shared/voice/ivr-twiml.js';
import { speechParts } from '../shared/voice/prompt-url.js';
import { composePrompt } from '../shared/voice/speech.js';

const config = hotlineConfig();
const callers = new DynamoCallerStore(documentClient(config), config.TABLE_NAME);
const notifier = new SnsNotifier(snsClient(config), {
  senderId: config.SMS_SENDER_ID,
  maxPriceUsd: config.SMS_MAX_PRICE_USD,
});

/** Kyrgyz recording first, then Russian: a fault may come before the caller has chosen. */
const apology = () =>
  voiceTwiml(speechParts(config, [...composePrompt('ky', 'apology'), ...composePrompt('ru', 'apology')]), {
    hangup: true,
  });

export const handler = twilioWebhook({ kind: 'voice', schema: voiceCallSchema, apology }, async (request) => {
  const route = request.path === '/voice' ? undefined : parseIvrRoute(request.path, request.query);
  if (!route && request.path !== '/voice') request.log.warn('voice.unknown_step', { step: request.path });
  // An action URL this code never wrote (an older deployment's) starts the call flow again.
  const input: IvrInput = route
    ? { kind: 'keys', route, digits: request.params.Digits ?? '' }
    : { kind: 'call' };
  const phone = shownNumber(request.params.From);
  const callerId = phone ? callerIdFor(phone, request.callerHashKey) : undefined;
  const answer = await answerCall(
    {
      callers,
      notifier,
      clock: hotlineClock,
      render: (reply) => ivrTwiml(config, reply),
      retentionDays: config.RETENTION_DAYS,
      log: request.log,
    },
    { callSid: request.params.CallSid, caller: phone && callerId ? { callerId, phone } : undefined, input },
  );
  request.log.info('voice.answered', {
    callerRef: callerId?.slice(0, 8) ?? 'withheld',
    step: route?.step ?? 'call',
    turn: route?.turn ?? 0,
    outcome: answer.outcome,
  });
  return answer.twiml;
});
