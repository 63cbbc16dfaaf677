// Port: deleting voicemail recordings where they are kept (Twilio). The adapter is
// shared/adapters/twilio/recordings.ts.

export interface RecordingEraser {
  /** Deletes each recording; one that is gone already counts as deleted. Returns the sids not deleted. */
  deleteAll(recordingSids: readonly string[]): Promise<string[]>;
}

/** A Twilio recording's id, as a voicemail webhook gives it: anything else is never stored or sent to the API. */
export const RECORDING_SID = /^RE[0-9a-f]{32}$/;
