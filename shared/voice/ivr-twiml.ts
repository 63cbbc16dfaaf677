// Renders an IVR answer as TwiML: the speech inside a <Gather> whose action URL carries the next step,
// or the speech and <Hangup/> when the call ends.

import { appendSpeech, VoiceResponse } from '../adapters/twilio/twiml.js';
import type { HotlineConfig } from '../config.js';
import { type IvrReply, ivrActionPath } from '../conversation/ivr.js';
import { speechParts } from './prompt-url.js';

type IvrConfig = Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'>;

/**
 * Keypad settings per kind of input. A menu takes one key, `#` included (no finish key), so `#` is a
 * wrong key rather than silence. A date is typed up to `#`; the timeout also ends it, so a caller who
 * forgets `#` is not lost. Twilio's timeout counts from the end of the prompt and between keys.
 */
export const GATHER_INPUT = {
  key: { numDigits: 1, finishOnKey: '', timeout: 6 },
  date: { finishOnKey: '#', timeout: 8 },
  /** The six-digit code from the SMS: done at the sixth digit or `#`. */
  code: { numDigits: 6, finishOnKey: '#', timeout: 10 },
} as const;

export function ivrTwiml(config: IvrConfig, reply: IvrReply): string {
  const response = new VoiceResponse();
  const parts = speechParts(config, reply.speech);
  if (!reply.gather) {
    appendSpeech(response, parts);
    response.hangup();
    return response.toString();
  }
  const gather = response.gather({
    input: ['dtmf'],
    // Absolute, so Twilio calls (and signs) exactly the URL the signature check rebuilds, stage path included.
    action: `${config.PUBLIC_BASE_URL}${ivrActionPath(reply.gather.route)}`,
    method: 'POST',
    // Silence comes back to the same step too: the state machine counts it and re-prompts.
    actionOnEmptyResult: true,
    ...GATHER_INPUT[reply.gather.input],
  });
  appendSpeech(gather, parts);
  return response.toString();
}

/**
 * For a blocked number: `<Reject>` on the incoming call (Twilio bills nothing for a call it rejects),
 * `<Hangup>` on any later step.
 */
export function rejectTwiml(incoming: boolean): string {
  const response = new VoiceResponse();
  if (incoming) response.reject({ reason: 'rejected' });
  else response.hangup();
  return response.toString();
}
