// Turns composed speech into TwiML parts: recorded audio by URL (served locally by `npm start`, in AWS by
// the prompts' HTTPS delivery), Russian text as <Say>.

import type { SpeechPart } from '../adapters/twilio/twiml.js';
import type { HotlineConfig } from '../config.js';
import { recordedAudioPath } from '../ports/prompt-studio.js';
import { PROMPT_AUDIO_DIR } from './prompts.js';
import type { SpeechSegment } from './speech.js';

type PromptConfig = Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'>;

const baseOf = (config: PromptConfig) => config.PROMPTS_BASE_URL ?? `${config.PUBLIC_BASE_URL}/prompts`;

/** `prompts/audio/ky/greeting.wav` → `ky/greeting`: how the prompt studio names a recording. */
export function promptKeyOf(audioPath: string): string {
  return audioPath.replace(`${PROMPT_AUDIO_DIR}/`, '').replace(/\.wav$/, '');
}

/**
 * The prompts recorded in the console's studio (key → version), as the voice function last read them
 * (functions/voice.ts refreshes it before each call's step). Empty: every prompt plays its file.
 */
let recorded: ReadonlyMap<string, string> = new Map();

export function useRecordedPrompts(versions: ReadonlyMap<string, string>): void {
  recorded = versions;
}

/** A recording's URL: a new version is a new file, so no cache ever serves the old voice. */
export function recordedUrl(config: PromptConfig, key: string, version: string): string {
  return `${baseOf(config)}/${recordedAudioPath(key, version)}`;
}

/**
 * `prompts/audio/ky/greeting.wav` → `<PROMPTS_BASE_URL>/ky/greeting.wav`, or the studio's recording of it
 * when there is one (`<PROMPTS_BASE_URL>/recorded/ky/greeting-<version>.wav`).
 */
export function audioUrl(config: PromptConfig, audioPath: string): string {
  const key = promptKeyOf(audioPath);
  const version = recorded.get(key);
  if (version) return recordedUrl(config, key, version);
  return `${baseOf(config)}/${audioPath.replace(`${PROMPT_AUDIO_DIR}/`, '')}`;
}

export function speechParts(config: PromptConfig, segments: readonly SpeechSegment[]): SpeechPart[] {
  return segments.map((segment) =>
    segment.kind === 'play'
      ? { kind: 'play', url: audioUrl(config, segment.audio) }
      : { kind: 'say', text: segment.text, language: segment.language },
  );
}
