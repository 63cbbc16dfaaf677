import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fragments,
  type ManifestItem,
  manifestItems,
  PROMPT_AUDIO_DIR,
  type PromptId,
  prompts,
} from '../../../shared/voice/prompts.js';
import { decodeWav, rmsOf, TELEPHONE_SAMPLE_RATE } from '../../../shared/voice/wav.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const promptIds = Object.keys(prompts) as PromptId[];
const withAudio = manifestItems().filter(
  (item): item is ManifestItem & { entry: { audio: string } } => item.entry.audio !== null,
);

/** Budgets in seconds of placeholder audio: callers pay for every second they listen. */
const MAX_PROMPT_SECONDS = 30;
const MAX_FRAGMENT_SECONDS = 2.5;

describe('prompt manifest', () => {
  it('gives every prompt a Kyrgyz and a Russian entry with text', () => {
    // Prepare
    const languages = ['ky', 'ru'] as const;

    // Act
    const missing = promptIds.flatMap((id) =>
      languages
        .filter((language) => !prompts[id][language]?.text.trim())
        .map((language) => `${id}/${language}`),
    );

    // Assess
    expect(promptIds.length).toBeGreaterThanOrEqual(20);
    expect(missing).toEqual([]);
  });

  it('includes the prompts the IVR flow needs', () => {
    // Prepare
    const needed = [
      'language_menu',
      'greeting',
      'main_menu',
      'topics_menu',
      'topic_registration',
      'topic_visa_free',
      'topic_residence',
      'topic_work_rights',
      'topic_emergency',
      'deadlines_none',
      'entry_date_prompt',
      'entry_date_confirm',
      'entry_date_saved',
      'entry_date_invalid',
      'volunteer_unavailable',
      'invalid_key',
      'no_input',
      'too_many_failures',
      'apology',
      'goodbye',
    ];

    // Act
    const absent = needed.filter((id) => !promptIds.includes(id as PromptId));

    // Assess
    expect(absent).toEqual([]);
  });

  it('plays every Kyrgyz prompt and fragment from audio, because no Twilio voice speaks Kyrgyz', () => {
    // Prepare
    const kyrgyz = manifestItems().filter((item) => item.language === 'ky');

    // Act
    const spokenByTts = kyrgyz.filter((item) => item.entry.source === 'tts').map((item) => item.id);

    // Assess
    expect(kyrgyz.length).toBeGreaterThan(promptIds.length);
    expect(spokenByTts).toEqual([]);
  });

  it('keeps each audio file at prompts/audio/<language>/<id>.wav, where the prompt URL points', () => {
    // Prepare
    const expected = (item: ManifestItem) => `${PROMPT_AUDIO_DIR}/${item.language}/${item.id}.wav`;

    // Act
    const misplaced = withAudio
      .filter((item) => item.entry.audio !== expected(item))
      .map((item) => item.entry.audio);

    // Assess
    expect(misplaced).toEqual([]);
  });

  it('has no audio file that no manifest entry names', () => {
    // Prepare
    const named = new Set(withAudio.map((item) => item.entry.audio));

    // Act
    const orphans = (['ky', 'ru'] as const).flatMap((language) => {
      const dir = resolve(ROOT, PROMPT_AUDIO_DIR, language);
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .map((name) => `${PROMPT_AUDIO_DIR}/${language}/${name}`)
        .filter((path) => !named.has(path));
    });

    // Assess
    expect(orphans).toEqual([]);
  });

  it('names the SMS keyword in each language when it gives up after three failures', () => {
    // Prepare
    const entry = prompts.too_many_failures;

    // Act
    const texts = { ky: entry.ky.text, ru: entry.ru.text };

    // Assess
    expect(texts.ky).toContain('ЖАРДАМ');
    expect(texts.ru).toContain('ПОМОЩЬ');
  });

  it('gives police, ambulance and ASTRA numbers in the apology in both languages', () => {
    // Prepare
    const astra = '0 1 1, 7 8 5, 0 0 0 0';

    // Act
    const texts = [prompts.apology.ky.text, prompts.apology.ru.text, prompts.topic_emergency.ky.text];

    // Assess
    for (const text of texts) {
      expect(text).toContain('192');
      expect(text).toContain('194');
      expect(text).toContain(astra);
    }
  });

  it('keeps Russian text-to-speech prompts short enough to speak in about half a minute', () => {
    // Prepare
    const maxCharacters = 400;

    // Act
    const tooLong = promptIds.filter((id) => prompts[id].ru.text.length > maxCharacters);

    // Assess
    expect(tooLong).toEqual([]);
  });
});

describe('prompt audio files', () => {
  it.each(withAudio.map((item) => [`${item.language}/${item.id}`, item] as const))(
    'has a playable 8 kHz mono WAV for %s',
    (_name, item) => {
      // Prepare
      const path = resolve(ROOT, item.entry.audio);
      const budget = item.kind === 'fragment' ? MAX_FRAGMENT_SECONDS : MAX_PROMPT_SECONDS;

      // Act
      const wav = decodeWav(new Uint8Array(readFileSync(path)));

      // Assess
      expect(wav.sampleRate).toBe(TELEPHONE_SAMPLE_RATE);
      expect(wav.channels).toBe(1);
      expect(wav.durationSeconds).toBeGreaterThanOrEqual(0.2);
      expect(wav.durationSeconds).toBeLessThanOrEqual(budget);
      expect(rmsOf(wav.samples)).toBeGreaterThan(0.02);
    },
  );

  it('covers every Kyrgyz fragment with a file', () => {
    // Prepare
    const fragmentIds = Object.keys(fragments);

    // Act
    const withoutFile = fragmentIds.filter(
      (id) => !withAudio.some((item) => item.kind === 'fragment' && item.id === id),
    );

    // Assess
    expect(fragmentIds.length).toBeGreaterThan(60);
    expect(withoutFile).toEqual([]);
  });
});
