// Lambda: Twilio Voice webhook, POST /voice and the /voice/... action URLs its TwiML names.
import { hotlineConfig } from '../shared/config.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { voiceTwiml } from '../shared/twilio/twiml.js';
import { voiceCallSchema } from '../shared/twilio/webhook-schemas.js';
import { speechParts } from '../shared/voice/prompt-url.js';
import { composePrompt } from '../shared/voice/speech.js';

const config = hotlineConfig();

/** Kyrgyz recording first, then Russian: the caller's language is not known yet. */
const bilingual = (id: 'greeting' | 'apology') =>
  speechParts(config, [...composePrompt('ky', id), ...composePrompt('ru', id)]);

export const handler = twilioWebhook(
  {
    kind: 'voice',
    schema: voiceCallSchema,
    apology: () => voiceTwiml(bilingual('apology'), { hangup: true }),
  },
  async (request) => {
    request.log.info('voice.received', { step: request.path, status: request.params.CallStatus });
    return voiceTwiml(bilingual('greeting'));
  },
);
