import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { WELCOME } from '../../shared/messages/catalogue.js';
import { ky } from '../../shared/messages/ky.js';
import { kyLatn } from '../../shared/messages/ky-latn.js';
import { ru } from '../../shared/messages/ru.js';
import { ruLatn } from '../../shared/messages/ru-latn.js';
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
  await setClock(hotline, '2026-04-01T10:00:00Z');
});

afterAll(async () => {
  await hotline.stop();
});

/** Sends each text in turn from one phone and returns the reply texts of each. */
async function conversation(phone: string, texts: string[]): Promise<string[][]> {
  const replies: string[][] = [];
  for (const text of texts)
    replies.push(messageBodies(await postSigned(hotline, '/sms', smsParams(phone, text))));
  return replies;
}

describe('scripted conversations over signed HTTP, against DynamoDB Local', () => {
  it('runs in Kyrgyz Cyrillic: welcome, language, menu, entry date, deadlines', async () => {
    const phone = uniquePhone('+996');

    const replies = await conversation(phone, ['салам', '1', '0', 'КИРДИМ 12.03.2026', '6']);

    expect(replies[0]).toEqual([WELCOME.cyrillic]);
    expect(replies[1]).toEqual([ky.language_set]);
    expect(replies[2]).toEqual([ky.menu]);
    expect(replies[3]?.[0]).toContain('09.06.2026');
    expect(replies[4]?.[0]).toContain('09.06.2026');
    const profile = (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
    expect(profile).toMatchObject({ language: 'ky', entryDate: '2026-03-12', latin: false });
  });

  it('runs in Kyrgyz with Latin letters: keyword typed with a typo, then Latin mode', async () => {
    const phone = uniquePhone('+381');

    const replies = await conversation(phone, ['жардам', '9', 'kirdim 12.03.2026', 'MAALYMAT']);

    expect(replies[0]).toEqual([ky.menu]);
    expect(replies[1]).toEqual([kyLatn.latin_on]);
    expect(replies[2]?.[0]).toContain('09.06.2026');
    expect(replies[2]?.[0]).toMatch(/^[\x20-\x7E\n\u00e4\u00f6\u00fc\u00c4\u00d6\u00dc]*$/);
    expect(replies[3]?.[0]).toBe(kyLatn.menu);
  });

  it('runs in Russian Cyrillic: keyword, permit date, STOP and START', async () => {
    const phone = uniquePhone('+381');

    const replies = await conversation(phone, ['ПОМОЩЬ', 'разрешение 01.05.2027', 'СТОП', 'инфо', 'СТАРТ']);

    expect(replies[0]).toEqual([ru.menu]);
    expect(replies[1]?.[0]).toContain('01.02.2027');
    expect(replies[2]).toEqual([ru.stopped]);
    expect(replies[3]).toEqual([]);
    expect(replies[4]).toEqual([ru.started]);
  });

  it('runs in Russian with Latin letters from WhatsApp, the same as SMS', async () => {
    const phone = uniquePhone('+7');

    const replies = await conversation(`whatsapp:${phone}`, ['помощь', '9', '1']);

    expect(replies[0]).toEqual([ru.menu]);
    expect(replies[1]).toEqual([ruLatn.latin_on]);
    expect(replies[2]).toEqual([ruLatn.info_registration]);
  });
});

describe('reminders follow the caller’s dates', () => {
  it('writes pending reminders on the due index for an entry date, and removes them on STOP', async () => {
    const phone = uniquePhone('+996');
    await conversation(phone, ['жардам', 'кирдим 12.03.2026']);

    const planned = (await itemsOfCaller(hotline, phone)).filter((item) => item.type === 'reminder');
    expect(planned.length).toBeGreaterThan(0);
    for (const reminder of planned) expect(String(reminder.duePk)).toMatch(/^DUE#\d{4}-\d{2}-\d{2}$/);

    await conversation(phone, ['токтот']);

    expect((await itemsOfCaller(hotline, phone)).filter((item) => item.type === 'reminder')).toEqual([]);
  });

  it('replaces the plan when the entry date changes', async () => {
    const phone = uniquePhone('+996');
    await conversation(phone, ['жардам', 'кирдим 12.03.2026']);
    const before = (await itemsOfCaller(hotline, phone)).filter((item) => item.type === 'reminder');

    await conversation(phone, ['кирдим 20.03.2026']);

    const after = (await itemsOfCaller(hotline, phone)).filter((item) => item.type === 'reminder');
    expect(after.length).toBeGreaterThan(0);
    const replaced = new Set(before.map((item) => item.sk));
    expect(after.filter((item) => replaced.has(item.sk))).toEqual([]);
    const profile = (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
    const ids = (profile?.reminderIds ?? { entry: [] }) as { entry: string[] };
    expect([...ids.entry].sort()).toEqual(after.map((item) => item.reminderId).sort());
  });
});

describe('deleting one’s data', () => {
  it('asks once, then erases every item about the caller and confirms in one last message', async () => {
    const phone = uniquePhone('+996');
    await conversation(phone, ['жардам', 'кирдим 12.03.2026', 'разрешение 01.05.2027']);
    expect((await itemsOfCaller(hotline, phone)).length).toBeGreaterThan(3);

    const [ask, done] = await conversation(phone, ['өчүр', 'ооба']);

    expect(ask).toEqual([ky.delete_ask]);
    expect(done).toEqual([ky.deleted]);
    expect(await itemsOfCaller(hotline, phone)).toEqual([]);
  });

  it('answers a retry of the erasing message the same way, without recreating the caller', async () => {
    const phone = uniquePhone('+996');
    await conversation(phone, ['жардам', 'өчүр']);
    const confirm = smsParams(phone, 'ооба');

    const first = await postSigned(hotline, '/sms', confirm);
    const retry = await postSigned(hotline, '/sms', confirm);

    expect(retry.xml).toBe(first.xml);
    expect(await itemsOfCaller(hotline, phone)).toEqual([]);
  });
});

describe('bad input', () => {
  it('answers any text whatsoever with 200 and one valid TwiML document', async () => {
    const phone = uniquePhone('+381');
    const awkward = fc.oneof(
      fc.string({ maxLength: 1600, unit: 'grapheme' }),
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.constantFrom(
        '',
        ' ',
        '</Message>',
        '<Response><Hangup/></Response>',
        ']]>',
        '&amp;',
        '\u0000\u0007',
        '12345678901234',
      ),
      fc.string({ maxLength: 1600 }).map((text) => text.padEnd(1600, 'ж')),
    );

    await fc.assert(
      fc.asyncProperty(awkward, async (body) => {
        const reply = await postSigned(hotline, '/sms', smsParams(phone, body));
        expect(reply.status).toBe(200);
        expect(XMLValidator.validate(reply.xml)).toBe(true);
        expect(reply.xml).toContain('<Response');
        expect(reply.xml).not.toContain('<Hangup');
      }),
      { numRuns: 1000 },
    );
  }, 180_000);
});
