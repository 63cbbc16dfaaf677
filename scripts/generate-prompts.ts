// Makes placeholder audio for every prompt and fragment whose file is missing: eSpeak-NG (WebAssembly)
// speaks the manifest text, then it is trimmed, normalised and resampled to 8 kHz mono µ-law WAV.
// Human recordings (`source: 'recording'`) are never touched.
//
//   npx tsx scripts/generate-prompts.ts            only missing placeholder files
//   npx tsx scripts/generate-prompts.ts --force    every placeholder again (recordings still kept)

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ESpeakNg from 'espeak-ng';
import {
  type Language,
  type ManifestItem,
  manifestItems,
  PROMPT_AUDIO_DIR,
} from '../shared/voice/prompts.js';
import {
  decodeWav,
  encodeMulawWav,
  normalise,
  resample,
  TELEPHONE_SAMPLE_RATE,
  trimSilence,
} from '../shared/voice/wav.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ESPEAK_VOICES: Record<Language, string> = { ky: 'ky', ru: 'ru' };

/** Slower than eSpeak's default 175 words a minute: a phone line and a second language both blur speech. */
const WORDS_PER_MINUTE = 145;

/** Fragments are stitched together, so they keep little silence; whole prompts get a breath after them. */
const MARGIN_SECONDS = { fragment: 0.03, prompt: 0.15 } as const;

interface Options {
  readonly force: boolean;
}

async function main(options: Options): Promise<void> {
  const started = performance.now();
  const items = manifestItems().filter((item) => item.entry.source !== 'tts');
  const missingRecordings = items.filter(
    (item) => item.entry.source === 'recording' && !existsSync(absolute(item)),
  );
  const todo = items.filter(
    (item) => item.entry.source === 'placeholder' && (options.force || !existsSync(absolute(item))),
  );

  const synthesiser = await loadSynthesiser();
  let bytesWritten = 0;
  for (const [index, item] of todo.entries()) {
    const wav = await synthesise(synthesiser, item);
    const path = absolute(item);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, wav.bytes);
    bytesWritten += wav.bytes.byteLength;
    const shown = relative(resolve(ROOT, PROMPT_AUDIO_DIR), path);
    console.log(
      `[${index + 1}/${todo.length}] ${shown} ${wav.seconds.toFixed(1)} s ${Math.ceil(wav.bytes.byteLength / 1024)} KB`,
    );
  }

  const kept = items.filter((item) => item.entry.source === 'placeholder').length - todo.length;
  const recordings = items.filter((item) => item.entry.source === 'recording').length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `generated ${todo.length} (${Math.ceil(bytesWritten / 1024)} KB) in ${seconds} s; ` +
      `kept ${kept} existing placeholders and ${recordings} recordings; total audio ${totalAudioKb()} KB`,
  );
  for (const orphan of orphanFiles(items)) console.warn(`warning: ${orphan} is in no manifest entry`);
  for (const item of missingRecordings) {
    console.error(`error: ${item.entry.audio} is marked as a recording but the file is missing`);
  }
  if (missingRecordings.length > 0) process.exitCode = 1;
}

type Synthesiser = (voice: string, text: string) => Promise<Uint8Array>;

/**
 * The espeak-ng package is the eSpeak CLI compiled with Emscripten: each call runs `main` once in a
 * fresh instance. Compiling the 18 MB WebAssembly module once and only instantiating it per call
 * keeps a prompt at about 0.2 s instead of 0.4 s.
 */
async function loadSynthesiser(): Promise<Synthesiser> {
  const wasmPath = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
  const module = await WebAssembly.compile(readFileSync(wasmPath));
  return async (voice, text) => {
    const errors: string[] = [];
    const espeak = await ESpeakNg({
      arguments: ['-v', voice, '-s', String(WORDS_PER_MINUTE), '-w', '/prompt.wav', text],
      print: () => {},
      printErr: (line: string) => {
        // Emscripten reports the CLI's normal exit on stderr; it is not an error.
        if (!line.includes('keepRuntimeAlive')) errors.push(line);
      },
      instantiateWasm: (
        imports: WebAssembly.Imports,
        receive: (instance: WebAssembly.Instance) => void,
      ): Record<string, never> => {
        void WebAssembly.instantiate(module, imports).then(receive);
        return {};
      },
    });
    if (errors.length > 0) throw new Error(`espeak-ng (${voice}): ${errors.join('; ')}`);
    return espeak.FS.readFile('/prompt.wav');
  };
}

async function synthesise(
  synthesiser: Synthesiser,
  item: ManifestItem,
): Promise<{ bytes: Uint8Array; seconds: number }> {
  const raw = decodeWav(await synthesiser(ESPEAK_VOICES[item.language], item.entry.text));
  const trimmed = trimSilence(raw.samples, raw.sampleRate, MARGIN_SECONDS[item.kind]);
  if (trimmed.length === 0) throw new Error(`espeak-ng produced silence for ${item.id} (${item.language})`);
  const telephone = resample(normalise(trimmed), raw.sampleRate, TELEPHONE_SAMPLE_RATE);
  return {
    bytes: encodeMulawWav(telephone, TELEPHONE_SAMPLE_RATE),
    seconds: telephone.length / TELEPHONE_SAMPLE_RATE,
  };
}

function absolute(item: ManifestItem): string {
  if (item.entry.audio === null) throw new Error(`${item.id} (${item.language}) has no audio path`);
  return resolve(ROOT, item.entry.audio);
}

function orphanFiles(items: readonly ManifestItem[]): string[] {
  const known = new Set(
    items.map((item) => (item.entry.audio === null ? '' : resolve(ROOT, item.entry.audio))),
  );
  const orphans: string[] = [];
  for (const language of ['ky', 'ru'] as const) {
    const dir = resolve(ROOT, PROMPT_AUDIO_DIR, language);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const path = resolve(dir, name);
      if (!known.has(path)) orphans.push(relative(ROOT, path));
    }
  }
  return orphans;
}

function totalAudioKb(): number {
  let bytes = 0;
  for (const language of ['ky', 'ru'] as const) {
    const dir = resolve(ROOT, PROMPT_AUDIO_DIR, language);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) bytes += readFileSync(resolve(dir, name)).byteLength;
  }
  return Math.ceil(bytes / 1024);
}

function parseOptions(argv: readonly string[]): Options {
  const unknown = argv.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    console.error(`usage: ${basename(process.argv[1] ?? 'generate-prompts.ts')} [--force]`);
    process.exit(2);
  }
  return { force: argv.includes('--force') };
}

await main(parseOptions(process.argv.slice(2)));
