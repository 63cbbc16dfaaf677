// Port: the prompt studio's recordings (which IVR prompts have a voice recorded in the console, by whom)
// and where their audio goes (locally a folder, deployed the prompts bucket). The DynamoDB adapter is
// shared/adapters/dynamodb/prompt-recordings.ts; the audio stores are shared/adapters/prompt-audio/.

/** `ky/greeting`: a language and a manifest id. */
export type PromptKey = string;

export interface PromptRecording {
  /** Names the file (`recorded/ky/greeting-<version>.wav`): a new recording is a new file, never cached stale. */
  version: string;
  at: string;
  /** The volunteer id of the coordinator who recorded it. */
  by: string;
}

export interface PromptRecordings {
  all(): Promise<Map<PromptKey, PromptRecording>>;
  record(key: PromptKey, recording: PromptRecording): Promise<void>;
}

export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
}

export interface PromptAudioStore {
  /** Where the browser PUTs the file for this key and version (valid a few minutes). */
  uploadTarget(key: PromptKey, version: string): Promise<UploadTarget>;
  /** The uploaded file, to check before it is used; undefined when nothing was uploaded. */
  read(key: PromptKey, version: string): Promise<Uint8Array | undefined>;
}

/** The recorded file's path under the prompts' base URL (and in the bucket or folder). */
export const recordedAudioPath = (key: PromptKey, version: string) => `recorded/${key}-${version}.wav`;
