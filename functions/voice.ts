// Lambda: Twilio Voice webhook, POST /voice and the /voice/... action URLs its TwiML names.
import { hotlineConfig } from '../shared/config.js';
import { twilioWebhook } from '../shared/http/twilio-webhook.js';
import { voiceTwiml } from '../shared/twilio/twiml.js';
import { voiceCallSchema } from '../shared/twilio/webhook-schemas.js';
import { promptUrl } from '../shared/voice/prompt-url.js';

const config = hotlineConfig();

export const handler = twilioWebhook(
  { kind: 'voice', schema: voiceCallSchema, promptUrl },
  async (request) => {
    request.log.info('voice.received', { step: request.path, status: request.params.CallStatus });
    return voiceTwiml([
      { kind: 'play', url: promptUrl(config, 'greeting', 'ky') },
      { kind: 'say', language: 'ru-RU', text: 'Здравствуйте! Это линия помощи мигрантам из Кыргызстана.' },
    ]);
  },
);
