// What a caller hears, in words: a <Play> of a Kyrgyz recording is shown as its text from the IVR's prompt
// manifest (shared/voice/prompts.ts, the one source of every prompt's words and audio), with the Russian
// text of the same prompt as a gloss; the fragments a spoken date or number is stitched from join into one
// line. The file names stay in "How it works" (each answer's TwiML).
import { type Language, manifestItems, PROMPT_AUDIO_DIR, prompts } from '../../../shared/voice/prompts.js';

export interface Heard {
  text: string;
  /** The same prompt in Russian (a whole prompt only, not a fragment). */
  gloss?: string;
  /** A piece of a spoken number or date, which joins the line before it. */
  fragment: boolean;
  language: Language;
}

/** `ky/greeting` → what it says; built once from the manifest. */
const byKey = new Map<string, Heard>();
for (const item of manifestItems()) {
  const { entry } = item;
  if (!entry.audio) continue;
  const key = entry.audio.replace(`${PROMPT_AUDIO_DIR}/`, '').replace(/\.wav$/, '');
  const gloss =
    item.kind === 'prompt' && item.language === 'ky'
      ? prompts[item.id as keyof typeof prompts]?.ru.text
      : undefined;
  byKey.set(key, {
    text: entry.text,
    ...(gloss ? { gloss } : {}),
    fragment: item.kind === 'fragment',
    language: item.language,
  });
}

/**
 * The words of a prompt's audio, from its URL: `…/prompts/ky/greeting.wav`, or the console studio's
 * recording of it, `…/prompts/recorded/ky/greeting-<version>.wav`. Undefined for audio not in the manifest.
 */
export function heardFromAudio(url: string): Heard | undefined {
  const path = new URL(url, 'http://page/').pathname;
  const match = /\/prompts\/(?:recorded\/)?([a-z]{2}\/[a-z0-9_]+?)(?:-[^/]+)?\.wav$/.exec(path);
  return match?.[1] ? byKey.get(match[1]) : undefined;
}
