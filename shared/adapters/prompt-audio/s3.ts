// The deployed prompt audio store: the prompts bucket, `recorded/<language>/<id>-<version>.wav`. The
// browser PUTs through a presigned URL (5 minutes); the console function reads the file back through
// another to check it. The credentials are the function's own (its role may only write `recorded/*`).
import { type PromptAudioStore, recordedAudioPath, uploadedAudioPath } from '../../ports/prompt-studio.js';
import { type AwsCredentials, presignS3Url } from '../aws/presign.js';

export function s3PromptAudio(options: {
  bucket: string;
  region: string;
  credentials: () => AwsCredentials;
  now: () => Date;
  fetchFn?: typeof fetch;
}): PromptAudioStore {
  const host = `${options.bucket}.s3.${options.region}.amazonaws.com`;
  const url = (method: 'GET' | 'PUT', path: string) =>
    presignS3Url({
      method,
      host,
      key: path,
      region: options.region,
      credentials: options.credentials(),
      now: options.now(),
      expiresSeconds: 300,
    });
  return {
    async uploadTarget(key, version) {
      return {
        url: url('PUT', uploadedAudioPath(key, version)),
        method: 'PUT',
        headers: { 'content-type': 'audio/wav' },
      };
    },
    async read(key, version, maxBytes) {
      const response = await (options.fetchFn ?? fetch)(url('GET', uploadedAudioPath(key, version)), {
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) return undefined;
      if (Number(response.headers.get('content-length') ?? maxBytes + 1) > maxBytes) {
        await response.body?.cancel();
        return undefined;
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    async publish(key, version, bytes) {
      const response = await (options.fetchFn ?? fetch)(url('PUT', recordedAudioPath(key, version)), {
        method: 'PUT',
        headers: { 'content-type': 'audio/wav' },
        body: Buffer.from(bytes),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`The prompts bucket refused the recording: ${response.status}`);
    },
  };
}

/** The function's credentials, as Lambda puts them in the environment. */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: env.AWS_SESSION_TOKEN,
  };
}
