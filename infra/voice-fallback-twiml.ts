// The static voice fallback: TwiML that Twilio fetches when the voice webhook fails or times out, so it
// must not depend on Lambda. Built at synth time and deployed beside the prompts, served by CloudFront.
import { RUSSIAN_VOICE, VoiceResponse } from '../shared/adapters/twilio/twiml.js';
import { prompts } from '../shared/voice/prompts.js';

/** Object key in the prompts bucket: `<prompts base URL>/fallback.xml`. */
export const VOICE_FALLBACK_KEY = 'fallback.xml';

/** Spoken by Polly: the apology, the emergency numbers and ASTRA (+381 11 785 0000), digit by digit. */
export const VOICE_FALLBACK_RUSSIAN =
  'Извините, техническая неполадка. Позвоните позже или напишите SMS со словом ПОМОЩЬ. ' +
  'В экстренном случае: полиция — 192, скорая помощь — 194. ' +
  'АСТРА, помощь при обмане с работой: плюс 3 8 1, 1 1, 7 8 5, 0 0 0 0.';

/** The Kyrgyz recording's URL under the prompts' HTTPS base (`<base>/ky/apology.wav`). */
export function apologyAudioUrl(promptsBaseUrl: string): string {
  return `${promptsBaseUrl}/${prompts.apology.ky.audio.replace(/^prompts\/audio\//, '')}`;
}

/** Kyrgyz apology (recorded, with the same numbers), the Russian apology by TTS, then hang up. */
export function voiceFallbackTwiml(promptsBaseUrl: string): string {
  const response = new VoiceResponse();
  response.play(apologyAudioUrl(promptsBaseUrl));
  response.say({ language: 'ru-RU', voice: RUSSIAN_VOICE }, VOICE_FALLBACK_RUSSIAN);
  response.hangup();
  return response.toString();
}
