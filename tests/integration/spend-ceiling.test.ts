// The day's spend ceiling, through the local runtime with a ceiling of $3: once the hotline's estimated
// spend on texts reaches it, only STOP, erasure and emergency answers go out, until the next UTC day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { ru } from '../../shared/messages/ru.js';
import {
  LOOSE_LIMITS,
  messageBodies,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';
import { VoiceCall } from '../support/voice-call.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline({ ...LOOSE_LIMITS, DAILY_SPEND_CEILING_USD: '3' });
  await setClock(hotline, '2026-11-25T09:00:00.000Z');
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const replies = async (from: string, body: string) =>
  messageBodies(await postSigned(hotline, '/sms', smsParams(from, body)));

describe('the daily spend ceiling', () => {
  it('leaves only emergency, STOP and erasure answers once the day’s estimate is reached, until the next day', async () => {
    const first = uniquePhone('+381');
    await replies(first, '2');
    // Information articles are four UCS-2 segments each ($1.64 at $0.41): two of them pass $3.
    expect(await replies(first, '1')).toEqual([ru.info_registration]);
    expect(await replies(first, '2')).toEqual([ru.info_visa_free]);

    const second = uniquePhone('+996');
    expect(await replies(second, '2')).toEqual([]);
    expect(await replies(first, '3')).toEqual([]);
    expect(await replies(first, '5')).toEqual([ru.info_emergency]);
    expect(await replies(first, 'STOP')).toEqual([ru.stopped]);

    // The IVR's SMS stays silent past the ceiling too; the call says it could not send.
    const call = new VoiceCall(hotline, second);
    await call.start();
    // The language is known from the text: the call opens on the main menu.
    await call.keys('3', '20112026', '1');
    await call.press('1');
    expect(hotline.outbox.list().filter((m) => m.to === second)).toEqual([]);

    await setClock(hotline, '2026-11-26T09:00:00.000Z');
    expect(await replies(second, '1')).toHaveLength(1);
  });
});
