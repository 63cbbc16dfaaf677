// Issue 13 item 5 end to end: the travel history is kept in the profile item, reminders follow it,
// and erasure (which deletes the caller's partition) takes the stays with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import {
  itemsOfCaller,
  messageBodies,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  await setClock(hotline, '2026-04-10T09:00:00Z');
});

afterAll(async () => {
  await hotline.stop();
});

const text = async (phone: string, body: string) =>
  messageBodies(await postSigned(hotline, '/sms', smsParams(phone, body)));

describe('the travel history in DynamoDB', () => {
  it('stores an earlier stay in the profile, plans reminders for 15.05.2026, and erases it all', async () => {
    const phone = uniquePhone('+996');
    await text(phone, 'жардам');
    const entry = await text(phone, 'кирдим 01.04.2026');
    const stay = await text(phone, '05.01-18.02');

    expect(entry).toHaveLength(2);
    expect(stay[0]).toContain('15.05.2026');
    const items = await itemsOfCaller(hotline, phone);
    const profile = items.find((item) => item.sk === 'PROFILE');
    expect(profile?.earlierStays).toEqual([{ entry: '2026-01-05', exit: '2026-02-18' }]);
    expect(profile?.entryDate).toBe('2026-04-01');
    const visa = items.filter((item) => item.type === 'reminder' && item.kind === 'visa-free-stay-ends');
    expect(visa.length).toBeGreaterThan(0);
    expect(visa.every((item) => item.deadline === '2026-05-15')).toBe(true);

    await text(phone, 'өчүр');
    await text(phone, 'ооба');

    expect(await itemsOfCaller(hotline, phone)).toEqual([]);
  });
});
