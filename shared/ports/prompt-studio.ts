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

/**
 * The browser uploads into `uploads/` (a place only the upload URL can write, emptied after a day); the
 * server checks the file and writes the checked bytes to `recorded/`, where calls play them and the browser
 * cannot write: a second PUT to the upload URL changes nothing a call plays.
 */
export interface PromptAudioStore {
  /** Where the browser PUTs the file for this key and version (valid a few minutes). */
  uploadTarget(key: PromptKey, version: string): Promise<UploadTarget>;
  /** The uploaded file, to check; undefined when nothing was uploaded or it is larger than `maxBytes`. */
  read(key: PromptKey, version: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Writes the checked file where calls play it (recordedAudioPath). */
  publish(key: PromptKey, version: string, bytes: Uint8Array): Promise<void>;
}

/** The recorded file's path under the prompts' base URL (and in the bucket or folder). */
export const recordedAudioPath = (key: PromptKey, version: string) => `recorded/${key}-${version}.wav`;
/** Where the browser's upload lands before it is checked. */
export const uploadedAudioPath = (key: PromptKey, version: string) => `uploads/${key}-${version}.wav`;
