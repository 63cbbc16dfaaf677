// The case chase's hourly read of Twilio's usage records, against the local runtime's stand-in: the same
// REST path, Basic auth and JSON shape Twilio's API has, answering what the TwiML replies sent today.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { LOCAL_DEFAULTS } from '../../local/hotline.js';
import { twilioUsageReader } from '../../shared/adapters/twilio/usage.js';
import { postSigned, setClock, smsParams, startTestHotline, uniquePhone } from '../support/local-hotline.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const tick = async () =>
  (await (await fetch(`${hotline.url}/_local/tick`, { method: 'POST' })).json()) as {
    jobs: { job: string; result: Record<string, unknown> }[];
  };
const chase = async () => (await tick()).jobs.find((job) => job.job === 'escalations')?.result ?? {};

describe('Twilio’s usage records', () => {
  it('are read at the top of the hour only, and report what the day’s replies cost', async () => {
    await setClock(hotline, '2026-11-25T10:30:00.000Z');
    const phone = uniquePhone('+381');
    await postSigned(hotline, '/sms', smsParams(phone, '2'));
    await postSigned(hotline, '/sms', smsParams(phone, '1'));
    expect((await chase()).twilioSpendTodayUsd).toBeUndefined();

    await setClock(hotline, '2026-11-25T11:00:00.000Z');
    const spent = (await chase()).twilioSpendTodayUsd;
    expect(typeof spent).toBe('number');
    // The Russian menu (2 segments) and the registration article (4), at $0.41.
    expect(spent).toBeCloseTo(6 * 0.41, 2);
  });

  it('refuses a reader with the wrong auth token', async () => {
    const reader = twilioUsageReader({
      accountSid: LOCAL_DEFAULTS.twilioAccountSid,
      authToken: 'wrong',
      apiBase: `${hotline.url}/_local/twilio`,
    });
    await expect(reader.todaySpendUsd()).rejects.toThrow(/401/);
  });
});
