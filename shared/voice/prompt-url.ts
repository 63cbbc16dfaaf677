// Where Twilio fetches a recorded prompt: the local runtime serves them, in AWS the prompts' HTTPS delivery.
import type { HotlineConfig } from '../config.js';

export function promptUrl(
  config: Pick<HotlineConfig, 'PUBLIC_BASE_URL' | 'PROMPTS_BASE_URL'>,
  promptId: string,
  language: 'ky' | 'ru',
): string {
  const base = config.PROMPTS_BASE_URL ?? `${config.PUBLIC_BASE_URL}/prompts`;
  return `${base}/${language}/${promptId}.wav`;
}
