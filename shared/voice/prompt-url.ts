// Turns composed speech into TwiML parts: recorded audio by URL (served locally by `npm start`, in AWS by
// the prompts' HTTPS delivery), Russian text as <Say>.

import type { SpeechPart } from '../adapters/twilio/twiml.js';
import type { HotlineConfig } from '../config.js';
import { PROMPT_AUDIO_DIR } from './prompts.js';
import type { SpeechSegment } from './speech.js';

type PromptConfig = Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'>;

/** `prompts/audio/ky/greeting.wav` → `<PROMPTS_BASE_URL>/ky/greeting.wav`. */
export function audioUrl(config: PromptConfig, audioPath: string): string {
  const base = config.PROMPTS_BASE_URL ?? `${config.PUBLIC_BASE_URL}/prompts`;
  return `${base}/${audioPath.replace(`${PROMPT_AUDIO_DIR}/`, '')}`;
}

export function speechParts(config: PromptConfig, segments: readonly SpeechSegment[]): SpeechPart[] {
  return segments.map((segment) =>
    segment.kind === 'play'
      ? { kind: 'play', url: audioUrl(config, segment.audio) }
      : { kind: 'say', text: segment.text, language: segment.language },
  );
}
