// A voicemail played back in the page: the Twilio stand-in keeps each recording (a short tone stands in for
// the caller's words) and serves it to the page at /_local/twilio/recordings/RE….mp3, as the console plays
// it through the hotline. A volunteer's notice names Twilio's link; the page plays the same recording.
import { t } from './labels.js';

const RECORDING = /\/Recordings\/(RE[0-9a-f]{32})(?:\.mp3)?\b/;

/** The recording a text or URL names (a voicemail notice's link), if any. */
export const recordingIn = (text: string): string | undefined => RECORDING.exec(text)?.[1];

export function voicemailPlayer(sid: string): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.controls = true;
  audio.preload = 'none';
  audio.className = 'voicemail';
  audio.src = `/_local/twilio/recordings/${sid}.mp3`;
  audio.setAttribute('aria-label', t('voicemailAudio'));
  return audio;
}
