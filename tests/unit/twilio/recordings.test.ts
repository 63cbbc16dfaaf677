import { describe, expect, it } from 'vitest';
import { twilioRecordingEraser } from '../../../shared/adapters/twilio/recordings.js';

const sid = (n: number) => `RE${String(n).padStart(32, '0')}`;

describe('deleting voicemail recordings from Twilio', () => {
  it('sends one authenticated DELETE per recording and counts a recording already gone as deleted', async () => {
    const calls: { url: string; method?: string; auth?: string }[] = [];
    const statuses = [204, 404, 500];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      calls.push({
        url,
        method: init?.method,
        auth: (init?.headers as Record<string, string> | undefined)?.authorization,
      });
      return new Response(null, { status: statuses[calls.length - 1] ?? 204 });
    }) as unknown as typeof fetch;
    const eraser = twilioRecordingEraser(
      { accountSid: 'AC123', authToken: 'token', apiBase: 'https://api.example' },
      fakeFetch,
    );

    const failed = await eraser.deleteAll([sid(1), sid(2), sid(3), 'not-a-sid']);

    expect(failed).toEqual([sid(3)]);
    expect(calls.map((c) => c.url)).toEqual(
      [1, 2, 3].map((n) => `https://api.example/2010-04-01/Accounts/AC123/Recordings/${sid(n)}.json`),
    );
    expect(calls.every((c) => c.method === 'DELETE')).toBe(true);
    expect(calls[0]?.auth).toBe(`Basic ${Buffer.from('AC123:token').toString('base64')}`);
  });

  it('reports a recording it could not reach as not deleted', async () => {
    const eraser = twilioRecordingEraser(
      { accountSid: 'AC1', authToken: 't', apiBase: 'https://api.example' },
      (async () => {
        throw new TypeError('fetch failed');
      }) as unknown as typeof fetch,
    );

    expect(await eraser.deleteAll([sid(7)])).toEqual([sid(7)]);
  });
});
