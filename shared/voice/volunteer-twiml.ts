// TwiML of calls that involve volunteers: ringing them (with a whisper to accept), voicemail, and a
// volunteer's dialback. Every `<Dial>` shows the hotline's number, so neither side learns the other's.

import { appendSpeech, RUSSIAN_VOICE, VoiceResponse } from '../adapters/twilio/twiml.js';
import type { Language } from '../callers/caller.js';
import type { HotlineConfig } from '../config.js';
import { volunteerSpeech } from '../messages/volunteer.js';
import { speechParts } from './prompt-url.js';
import { composePrompt, type SpeechSegment } from './speech.js';

type UrlConfig = Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'>;

export interface CallSettings {
  ringSeconds: number;
  voicemailMaxSeconds: number;
}

const url = (config: UrlConfig, path: string, query: Record<string, string>) =>
  `${config.PUBLIC_BASE_URL}${path}?${new URLSearchParams(query).toString()}`;

const sayRussian = (target: VoiceResponse | VoiceResponse.Gather, text: string) =>
  target.say({ language: 'ru-RU', voice: RUSSIAN_VOICE }, text);

/**
 * "Connecting you", then every number at once. Each phone that picks up first hears the whisper and must
 * press 1; otherwise the Dial ends and the caller is offered voicemail (dial-done).
 */
export function ringVolunteersTwiml(
  config: UrlConfig & CallSettings,
  input: { speech: SpeechSegment[]; code: string; language: Language; numbers: string[]; hotline: string },
): string {
  const response = new VoiceResponse();
  appendSpeech(response, speechParts(config, input.speech));
  const query = { case: input.code, lang: input.language };
  const dial = response.dial({
    callerId: input.hotline,
    timeout: config.ringSeconds,
    action: url(config, '/voice/dial-done', query),
    method: 'POST',
  });
  for (const number of input.numbers) {
    dial.number({ url: url(config, '/voice/whisper', query), method: 'POST' }, number);
  }
  return response.toString();
}

/** The voicemail offer and `<Record>`; silence (no recording) ends with goodbye. */
export function voicemailTwiml(
  config: UrlConfig & CallSettings,
  input: { code: string; language: Language; lead?: SpeechSegment[] },
): string {
  const response = new VoiceResponse();
  appendSpeech(
    response,
    speechParts(config, [...(input.lead ?? []), ...composePrompt(input.language, 'voicemail_invite')]),
  );
  response.record({
    action: url(config, '/voice/voicemail', { case: input.code, lang: input.language }),
    method: 'POST',
    maxLength: config.voicemailMaxSeconds,
    timeout: 5,
    finishOnKey: '#',
    playBeep: true,
    trim: 'trim-silence',
  });
  appendSpeech(response, speechParts(config, composePrompt(input.language, 'goodbye')));
  response.hangup();
  return response.toString();
}

export function spokenEndTwiml(config: UrlConfig, speech: SpeechSegment[]): string {
  const response = new VoiceResponse();
  appendSpeech(response, speechParts(config, speech));
  response.hangup();
  return response.toString();
}

/** Played to the volunteer who picked up, before the caller is connected. */
export function whisperTwiml(config: UrlConfig, code: string, language: Language): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 8,
    action: url(config, '/voice/whisper-accept', { case: code, lang: language }),
    method: 'POST',
  });
  sayRussian(gather, volunteerSpeech.whisper(code, language));
  sayRussian(response, volunteerSpeech.notAccepted());
  response.hangup();
  return response.toString();
}

/** To the volunteer: an empty answer after the speech ends the whisper, and Twilio bridges the call. */
export function volunteerSaysTwiml(text: string, options: { hangup: boolean }): string {
  const response = new VoiceResponse();
  sayRussian(response, text);
  if (options.hangup) response.hangup();
  return response.toString();
}

/**
 * A volunteer called the hotline: their PIN (step `pin`), then which case to call back (step `code`).
 * The code step's URL says the PIN was right; Twilio signs it, so nobody can skip to it.
 */
export function dialbackAskTwiml(
  config: UrlConfig,
  text: string,
  failures: number,
  step: 'pin' | 'code' = 'code',
): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    // Six digits for both; `#` ends a five-digit code from before codes grew to six.
    numDigits: 6,
    finishOnKey: '#',
    timeout: 10,
    action:
      step === 'pin'
        ? url(config, '/voice/dialback-pin', { a: String(failures) })
        : url(config, '/voice/dialback', { a: String(failures), pin: 'ok' }),
    method: 'POST',
    actionOnEmptyResult: true,
  });
  sayRussian(gather, text);
  return response.toString();
}

export function dialbackTwiml(input: {
  text: string;
  hotline: string;
  callerPhone: string;
  ringSeconds: number;
}): string {
  const response = new VoiceResponse();
  sayRussian(response, input.text);
  const dial = response.dial({ callerId: input.hotline, timeout: Math.max(input.ringSeconds, 30) });
  dial.number(input.callerPhone);
  sayRussian(response, volunteerSpeech.callEnded());
  response.hangup();
  return response.toString();
}
