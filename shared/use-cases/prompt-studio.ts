// Use case: the console's prompt studio. Coordinators see every IVR prompt with what a call plays now,
// record a new voice in the browser, upload it (locally into the prompts folder, deployed into the prompts
// bucket), and once the file checks out (WAV, 8000 Hz, mono, not silent, within the prompt's length) the
// next call plays it (shared/voice/prompt-url.ts).
import { randomBytes } from 'node:crypto';
import type { PromptList, PromptUpload, PromptView } from '../console/api.js';
import type { PromptAudioStore, PromptKey, PromptRecordings } from '../ports/prompt-studio.js';
import { audioUrl, promptKeyOf, recordedUrl } from '../voice/prompt-url.js';
import { isPromptId, type ManifestItem, manifestItems, promptEntry } from '../voice/prompts.js';
import { decodeWav, InvalidWavError, rmsOf, TELEPHONE_SAMPLE_RATE } from '../voice/wav.js';
import type { Volunteer } from '../volunteers/volunteer.js';

/** Longest recording: a prompt, and a fragment (a number or a month, composed into sentences). */
export const PROMPT_SECONDS = { prompt: 30, fragment: 2.5 } as const;
/** A 30 s prompt is 240 KB of µ-law (480 KB as 16-bit PCM): anything larger is not a prompt. */
const MAX_UPLOAD_BYTES = 1_000_000;
/** Quieter than this (RMS) is silence, not a voice. */
const SILENT_RMS = 0.01;

export interface StudioPorts {
  recordings: PromptRecordings;
  audio: PromptAudioStore;
  urls: { PUBLIC_BASE_URL: string; PROMPTS_BASE_URL?: string | undefined };
  now: () => Date;
}

const recordable = (item: ManifestItem): item is ManifestItem & { entry: { audio: string } } =>
  item.entry.source !== 'tts' && item.entry.audio !== null;

function itemFor(key: PromptKey): (ManifestItem & { entry: { audio: string } }) | undefined {
  return manifestItems()
    .filter(recordable)
    .find((item) => promptKeyOf(item.entry.audio) === key);
}

export async function listPrompts(ports: StudioPorts, roster: readonly Volunteer[]): Promise<PromptList> {
  const recorded = await ports.recordings.all();
  const prompts = manifestItems().map((item): PromptView => {
    const gloss =
      item.language === 'ky' && item.kind === 'prompt' && isPromptId(item.id)
        ? promptEntry(item.id, 'ru').text
        : undefined;
    const base = {
      language: item.language,
      id: item.id,
      kind: item.kind,
      text: item.entry.text,
      ...(gloss ? { gloss } : {}),
      maxSeconds: PROMPT_SECONDS[item.kind],
    };
    if (!recordable(item)) return { ...base, key: `${item.language}/${item.id}`, status: 'tts' };
    const key = promptKeyOf(item.entry.audio);
    const recording = recorded.get(key);
    return {
      ...base,
      key,
      status: recording ? 'recorded' : 'placeholder',
      ...(recording
        ? {
            recorded: {
              at: recording.at,
              by: recording.by,
              name: roster.find((v) => v.volunteerId === recording.by)?.name ?? recording.by,
            },
          }
        : {}),
      playUrl: recording
        ? recordedUrl(ports.urls, key, recording.version)
        : audioUrl(ports.urls, item.entry.audio),
    };
  });
  return { prompts, format: { sampleRate: 8000, channels: 1, encoding: 'mulaw' } };
}

export async function startUpload(ports: StudioPorts, key: PromptKey): Promise<PromptUpload | undefined> {
  if (!itemFor(key)) return undefined;
  const version = `${ports.now().getTime().toString(36)}${randomBytes(3).toString('hex')}`;
  return { ...(await ports.audio.uploadTarget(key, version)), version };
}

export type ConfirmResult = { ok: true } | { ok: false; status: 400 | 404; message: string };

/** Checks the uploaded file and, when it is fit for a call, makes it the prompt's voice. */
export async function confirmUpload(
  ports: StudioPorts,
  key: PromptKey,
  version: string,
  by: Volunteer,
): Promise<ConfirmResult> {
  const item = itemFor(key);
  if (!item) return { ok: false, status: 404, message: `No recordable prompt ${key}` };
  if (!/^[0-9a-z]{6,24}$/.test(version)) return { ok: false, status: 400, message: 'Unknown upload version' };
  const bytes = await ports.audio.read(key, version, MAX_UPLOAD_BYTES);
  if (!bytes)
    return {
      ok: false,
      status: 400,
      message: 'Nothing was uploaded for this version, or it is larger than 1 MB',
    };
  let wav: ReturnType<typeof decodeWav>;
  try {
    wav = decodeWav(bytes);
  } catch (error) {
    if (error instanceof InvalidWavError)
      return { ok: false, status: 400, message: `Not a usable WAV: ${error.message}` };
    throw error;
  }
  const max = PROMPT_SECONDS[item.kind];
  const problems = [
    wav.sampleRate !== TELEPHONE_SAMPLE_RATE ? `${wav.sampleRate} Hz (the IVR plays 8000 Hz)` : '',
    wav.channels !== 1 ? `${wav.channels} channels (mono only)` : '',
    wav.encoding === 'pcm8' ? '8-bit PCM (µ-law or 16-bit PCM)' : '',
    wav.durationSeconds > max ? `${wav.durationSeconds.toFixed(1)} s (at most ${max} s)` : '',
    wav.durationSeconds < 0.2 ? 'shorter than 0.2 s' : '',
    rmsOf(wav.samples) < SILENT_RMS ? 'silent or far too quiet' : '',
  ].filter(Boolean);
  if (problems.length > 0)
    return { ok: false, status: 400, message: `The recording cannot be used: ${problems.join('; ')}` };
  // The checked bytes, not whatever the upload URL holds by now, are what calls play.
  await ports.audio.publish(key, version, bytes);
  await ports.recordings.record(key, { version, at: ports.now().toISOString(), by: by.volunteerId });
  return { ok: true };
}
