// Lambda: Twilio Messaging webhook (SMS and WhatsApp), POST /sms. A text from a volunteer's phone is a
// command (take, reply, note, close, list); any other is a caller's.
import { twimlAnswer } from '../shared/adapters/twilio/twiml.js';
import { inboundMessageSchema } from '../shared/adapters/twilio/webhook-schemas.js';
import { parseAddress } from '../shared/callers/caller.js';
import { hotlineClock } from '../shared/clock.js';
import { answerCallerText, callerTextDependencies, recordingEraserFor } from '../shared/edge/caller-texts.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { metricFields, WEBHOOK_METRICS } from '../shared/metrics.js';
import { callerIdFor } from '../shared/privacy.js';
import { receiveVolunteerSms } from '../shared/use-cases/volunteer-sms.js';
import { volunteerByPhone } from '../shared/volunteers/roster.js';

export const handler = twilioWebhook({ kind: 'messaging', schema: inboundMessageSchema }, async (request) => {
  const { config, cases, inbox, roster, limits } = callerTextDependencies();
  const recordings = recordingEraserFor(config, {
    accountSid: request.params.AccountSid,
    authToken: request.twilioAuthToken,
  });
  const inline = twimlAnswer(request.params.To);
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
        inline,
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
