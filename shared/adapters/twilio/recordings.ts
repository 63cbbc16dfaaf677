// Deleting a voicemail recording from the NGO's Twilio account, when its case closes or its caller erases
// their data: the hotline's erasure then reaches the recording too. One HTTPS DELETE per recording with
// fetch (the twilio REST client is too heavy for a webhook bundle).
import { RECORDING_SID, type RecordingEraser } from '../../ports/recordings.js';

export { RECORDING_SID };

export interface RecordingAccount {
  /** The Twilio account the webhook came from (its `AccountSid`). */
  accountSid: string;
  authToken: string;
  /** `https://api.twilio.com`, or the local runtime's stand-in. */
  apiBase: string;
}

export function twilioRecordingEraser(
  account: RecordingAccount,
  fetchFn: typeof fetch = fetch,
): RecordingEraser {
  return {
    async deleteAll(recordingSids) {
      const failed: string[] = [];
      const auth = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
      for (const sid of recordingSids) {
        if (!RECORDING_SID.test(sid)) continue;
        const url = `${account.apiBase}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Recordings/${sid}.json`;
        try {
          const response = await fetchFn(url, {
            method: 'DELETE',
            headers: { authorization: `Basic ${auth}` },
            signal: AbortSignal.timeout(3000),
          });
          if (response.status !== 204 && response.status !== 404) failed.push(sid);
        } catch {
          failed.push(sid);
        }
      }
      return failed;
    },
  };
}

/**
 * A recording's audio, fetched with the account's key (the console plays voicemail through its own
 * authenticated route, never Twilio's URL). Undefined when it is gone or Twilio does not answer.
 */
export async function fetchRecording(
  account: RecordingAccount,
  recordingSid: string,
  fetchFn: typeof fetch = fetch,
): Promise<{ type: string; body: Buffer } | undefined> {
  if (!RECORDING_SID.test(recordingSid)) return undefined;
  const auth = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
  const url = `${account.apiBase}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Recordings/${recordingSid}.mp3`;
  try {
    const response = await fetchFn(url, {
      headers: { authorization: `Basic ${auth}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return undefined;
    return {
      type: response.headers.get('content-type') ?? 'audio/mpeg',
      body: Buffer.from(await response.arrayBuffer()),
    };
  } catch {
    return undefined;
  }
}
