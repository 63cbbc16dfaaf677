// Lambda: Twilio Messaging webhook (SMS and WhatsApp), POST /sms. A text from a volunteer's phone is a
// command (take, reply, note, close, list); any other is a caller's.
import { twimlAnswer } from '../shared/adapters/twilio/twiml.js';
import { inboundMessageSchema } from '../shared/adapters/twilio/webhook-schemas.js';
import { parseAddress } from '../shared/callers/caller.js';
import {
  answerCallerText,
  answerVolunteerText,
  callerTextDependencies,
  recordingEraserFor,
} from '../shared/edge/caller-texts.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { callerIdFor } from '../shared/privacy.js';
import { volunteerByPhone } from '../shared/volunteers/roster.js';

export const handler = twilioWebhook({ kind: 'messaging', schema: inboundMessageSchema }, async (request) => {
  const { config, roster } = callerTextDependencies();
  const recordings = recordingEraserFor(config, {
    accountSid: request.params.AccountSid,
    authToken: request.twilioAuthToken,
  });
  // With the hotline's number configured for the outbox, notices and relays leave through it (atomic with
  // the change); the TwiML carries only the answer to the sender.
  const inline = twimlAnswer(request.params.To, {
    othersQueued: Boolean(config.TWILIO_NUMBER && config.TWILIO_ACCOUNT_SID),
  });
  const { phone, channel } = parseAddress(request.params.From);
  const volunteers = await roster.list();
  const volunteer = volunteerByPhone(volunteers, phone);
  if (volunteer) {
    const answer = await answerVolunteerText(
      { log: request.log, inline, recordings },
      {
        volunteer,
        roster: volunteers,
        messageSid: request.params.MessageSid,
        body: request.params.Body,
        hotline: request.params.To,
      },
    );
    return answer.twiml;
  }
  const outcome = await answerCallerText(
    // The roster this request already read: no second read when the case layer needs it.
    { log: request.log, inline, recordings, roster: volunteers },
    {
      callerId: callerIdFor(phone, request.callerHashKey),
      phone,
      channel,
      messageSid: request.params.MessageSid,
      body: request.params.Body,
      hotline: request.params.To,
    },
  );
  return outcome.twiml;
});
