// The local runtime's prompt audio store: the browser PUTs to a loopback route of the local runtime
// (`/_local/prompt-upload/…`, signed like a presigned URL and valid 5 minutes), which writes the file into
// the prompts folder (PROMPTS_AUDIO_DIR, default prompts/audio) under `uploads/`; once checked, the
// console writes it under `recorded/`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type PromptAudioStore,
  type PromptKey,
  recordedAudioPath,
  uploadedAudioPath,
} from '../../ports/prompt-studio.js';

export const LOCAL_UPLOAD_PREFIX = '/_local/prompt-upload/';
const VALID_SECONDS = 300;

const signatureOf = (key: string, path: string, expires: number) =>
  createHmac('sha256', key).update(`prompt-upload:${path}:${expires}`).digest('base64url');

export function localPromptAudio(options: {
  dir: string;
  signingKey: string;
  now: () => Date;
}): PromptAudioStore {
  return {
    async uploadTarget(key, version) {
      const path = uploadedAudioPath(key, version);
      const expires = Math.floor(options.now().getTime() / 1000) + VALID_SECONDS;
      const signature = signatureOf(options.signingKey, path, expires);
      return {
        url: `${LOCAL_UPLOAD_PREFIX}${path}?expires=${expires}&signature=${signature}`,
        method: 'PUT',
        headers: { 'content-type': 'audio/wav' },
      };
    },
    async read(key: PromptKey, version: string, maxBytes: number) {
      const file = join(options.dir, uploadedAudioPath(key, version));
      try {
        if ((await stat(file)).size > maxBytes) return undefined;
        return new Uint8Array(await readFile(file));
      } catch {
        return undefined;
      }
    },
    async publish(key, version, bytes) {
      const file = join(options.dir, recordedAudioPath(key, version));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
    },
  };
}

/** The path a local upload URL may write, when its signature holds and it has not expired. */
export function checkLocalUpload(
  url: URL,
  signingKey: string,
  now: Date,
): { path: string } | { refused: string } {
  const path = url.pathname.slice(LOCAL_UPLOAD_PREFIX.length);
  if (!/^uploads\/(ky|ru)\/[a-z0-9_]+-[0-9a-z]+\.wav$/.test(path)) return { refused: 'not an upload path' };
  const expires = Number(url.searchParams.get('expires'));
  const given = url.searchParams.get('signature') ?? '';
  const expected = signatureOf(signingKey, path, expires);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
    return { refused: 'bad signature' };
  if (!(expires * 1000 > now.getTime())) return { refused: 'expired' };
  return { path };
}
