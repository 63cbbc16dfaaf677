import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { ru } from '../../shared/messages/ru.js';
import {
  itemsOfCaller,
  messageBodies,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';
import { type CallTurn, codeIn, heardIds, toTurn, VoiceCall } from '../support/voice-call.js';

const TODAY = { year: 2026, month: 4, day: 1 };
let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  await setClock(hotline, '2026-04-01T10:00:00Z');
});

afterAll(async () => {
  await hotline.stop();
});

async function sms(phone: string, text: string): Promise<string[]> {
  return messageBodies(await postSigned(hotline, '/sms', smsParams(phone, text)));
}

async function outboxTo(phone: string): Promise<{ to: string; body: string }[]> {
  const outbox = (await (await fetch(`${hotline.url}/_local/outbox`)).json()) as {
    to: string;
    body: string;
  }[];
  return outbox.filter((message) => message.to === phone);
}

/** The codes texted to the number so far, oldest first. */
async function codesTo(phone: string): Promise<string[]> {
  return (await outboxTo(phone)).flatMap((message) => codeIn(message.body) ?? []);
}

/** Six digits that are not the code: the code with its last digit changed. */
function wrongCode(code: string): string {
  return `${code.slice(0, 5)}${(Number(code.slice(5)) + 1) % 10}`;
}

/** The step the call's keys go to next, and whether its action URL says the number is proved. */
function nextStep(turn: CallTurn): { step: string; proved: boolean } {
  const action = new URL(turn.gather?.attributes.action ?? 'http://ended/');
  return { step: action.pathname, proved: action.searchParams.get('v') === '1' };
}

/** What a Russian call says for a deadline, as the SMS counts the days. */
function russianDeadline(entry: { year: number; month: number; day: number }): string {
  const expected = lastDayOf(entry);
  return `say:Ваш срок пребывания в Сербии заканчивается ${expected.day} ${RUSSIAN_MONTHS[expected.month]}, осталось ${expected.daysLeft} ${daysWord(expected.daysLeft)}.`;
}

async function profileOf(phone: string): Promise<Record<string, unknown> | undefined> {
  return (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
}

async function remindersOf(phone: string): Promise<string[]> {
  return (await itemsOfCaller(hotline, phone))
    .filter((item) => item.type === 'reminder')
    .map((item) => String(item.reminderId))
    .sort();
}

/** Computed here without the deadline engine: entry day + 89 days is the 90th day of the stay. */
function lastDayOf(entry: { year: number; month: number; day: number }) {
  const last = new Date(Date.UTC(entry.year, entry.month - 1, entry.day + 89));
  const today = Date.UTC(TODAY.year, TODAY.month - 1, TODAY.day);
  return {
    day: last.getUTCDate(),
    month: last.getUTCMonth() + 1,
    year: last.getUTCFullYear(),
    dotted: `${String(last.getUTCDate()).padStart(2, '0')}.${String(last.getUTCMonth() + 1).padStart(2, '0')}.${last.getUTCFullYear()}`,
    daysUntil: Math.round((last.getTime() - today) / 86_400_000),
    /** As every SMS counts them: today and the last day included. */
    daysLeft: Math.round((last.getTime() - today) / 86_400_000) + 1,
  };
}

/** 1 день, 2–4 дня, 5–20 дней, 21 день …: enough for the counts these tests meet. */
function daysWord(n: number): string {
  if (n % 10 === 1 && n % 100 !== 11) return 'день';
  if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return 'дня';
  return 'дней';
}

const RUSSIAN_MONTHS = ['', 'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа'];
const KYRGYZ_MONTH_FILES = ['', '01', '02', '03', '04', '05', '06', '07', '08'];

describe('the spoken deadline, for dates the caller stored by SMS', () => {
  it.each([
    { entry: { year: 2026, month: 3, day: 22 }, text: '22.03.2026' },
    { entry: { year: 2026, month: 1, day: 10 }, text: '10.01.2026' },
  ])(
    'says the last day of a stay entered $text and the days until it, in Russian',
    async ({ entry, text }) => {
      const phone = uniquePhone('+381');
      await sms(phone, `въезд ${text}`);
      const expected = lastDayOf(entry);

      const call = new VoiceCall(hotline, phone);
      const greeting = await call.start();
      await call.press('2');
      const deadline = await call.proveNumber();

      expect(heardIds(greeting)).toEqual(['greeting', 'main_menu']);
      expect(deadline.spoken[0]).toBe(
        `say:Ваш срок пребывания в Сербии заканчивается ${expected.day} ${RUSSIAN_MONTHS[expected.month]}, осталось ${expected.daysLeft} ${daysWord(expected.daysLeft)}.`,
      );
    },
  );

  it('plays the same deadline in Kyrgyz as day, month (locative) and day count fragments', async () => {
    const phone = uniquePhone('+996');
    await sms(phone, 'кирдим 22.03.2026');
    const expected = lastDayOf({ year: 2026, month: 3, day: 22 });

    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.press('2');
    const deadline = await call.proveNumber();

    // 19 June, 80 days left as an SMS counts them: "он тогузунчу июнда бүтөт сексен күн калды".
    expect([expected.day, expected.month, expected.daysLeft]).toEqual([19, 6, 80]);
    expect(heardIds(deadline)).toEqual([
      'deadline_stay',
      'num_10',
      'ord_9',
      `month_${KYRGYZ_MONTH_FILES[expected.month]}_loc`,
      'deadline_ends',
      'num_80',
      'days_left',
      'topic_options',
    ]);
  });
});

describe('a date set by keypad', () => {
  it('is stored in the caller’s profile and is what SMS "my deadlines" (6) answers with', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '3', '22032026', '1');
    await call.proveNumber();

    const reply = await sms(phone, '6');

    const expected = lastDayOf({ year: 2026, month: 3, day: 22 });
    expect(await profileOf(phone)).toMatchObject({ entryDate: '2026-03-22', language: 'ru' });
    expect(reply).toEqual([
      ru.deadlines.replace('{deadline}', expected.dotted).replace('{daysLeft}', String(expected.daysLeft)),
    ]);
  });

  it('plans exactly the reminders the SMS line plans for the same date', async () => {
    const byVoice = uniquePhone('+381');
    const bySms = uniquePhone('+381');
    const call = new VoiceCall(hotline, byVoice);
    await call.start();
    await call.keys('2', '3', '22032026', '1');
    await call.proveNumber();
    await sms(bySms, 'въезд 22.03.2026');

    const planned = await remindersOf(byVoice);

    expect(planned.length).toBeGreaterThan(0);
    expect(planned).toEqual(await remindersOf(bySms));
    const ids = (await profileOf(byVoice))?.reminderIds as { entry: string[] } | undefined;
    expect(ids?.entry.sort()).toEqual(planned);
  });

  it('replaces an entry date and its reminders set earlier by SMS', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'въезд 12.03.2026');
    const before = await remindersOf(phone);

    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('3', '22032026', '1');
    await call.proveNumber();

    const after = await remindersOf(phone);
    expect((await profileOf(phone))?.entryDate).toBe('2026-03-22');
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
  });

  it('stores nothing when the caller hangs up at the read-back, before confirming', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'помощь');
    const call = new VoiceCall(hotline, phone);
    await call.start();

    await call.keys('3', '22032026');

    expect((await profileOf(phone))?.entryDate).toBeUndefined();
    expect(await remindersOf(phone)).toEqual([]);
  });

  it('is not stored for a caller who sent STOP: no code can be texted, so the call says so', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'помощь');
    await sms(phone, 'стоп');
    const call = new VoiceCall(hotline, phone);
    await call.start();

    const [, , confirmed] = await call.keys('3', '22032026', '1');

    expect(heardIds(confirmed as CallTurn)).toEqual([
      russianDeadline({ year: 2026, month: 3, day: 22 }),
      'verify_unavailable',
      'main_menu',
    ]);
    expect(nextStep(confirmed as CallTurn).step).toBe('/voice/menu');
    expect(await outboxTo(phone)).toEqual([]);
    expect((await profileOf(phone))?.entryDate).toBeUndefined();
    expect(await remindersOf(phone)).toEqual([]);
  });
});

describe('a call that shows a number but has not proved it holds it', () => {
  it('does not speak the stored deadline until the code texted to the number is typed; a wrong code does not', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'въезд 22.03.2026');
    const deadline = russianDeadline({ year: 2026, month: 3, day: 22 });
    const call = new VoiceCall(hotline, phone);
    await call.start();

    const asked = await call.press('2');
    const [code = ''] = await codesTo(phone);
    const wrong = await call.press(wrongCode(code));
    const proved = await call.proveNumber();

    expect(heardIds(asked)).toEqual(['verify_code_sent']);
    expect(asked.gather?.attributes).toMatchObject({ numDigits: '6', finishOnKey: '#' });
    expect(new URL(asked.gather?.attributes.action ?? '').searchParams.get('then')).toBe('deadlines');
    expect(await outboxTo(phone)).toEqual([
      expect.objectContaining({ body: ru.call_code.replace('{code}', code) }),
    ]);
    // The code reaches the caller by SMS only: never in the TwiML, where the action URL carries its hash.
    expect(asked.reply.xml).not.toContain(code);
    expect(heardIds(wrong)).toEqual(['verify_code_wrong']);
    expect(nextStep(wrong).step).toBe('/voice/verify');
    expect([...asked.spoken, ...wrong.spoken]).not.toContain(deadline);
    expect(proved.spoken[0]).toBe(deadline);
    expect(await codesTo(phone)).toEqual([code]);
  });

  it('ends the call after three wrong codes without speaking the stored deadline', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'въезд 22.03.2026');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.press('2');
    const [code = ''] = await codesTo(phone);

    const tries = await call.keys(wrongCode(code), '', wrongCode(code));

    expect(tries.map(heardIds)).toEqual([
      ['verify_code_wrong'],
      ['verify_code_wrong'],
      ['too_many_failures'],
    ]);
    expect(tries.at(-1)?.gather).toBeUndefined();
    expect(tries.flatMap((turn) => turn.spoken)).not.toContain(
      russianDeadline({ year: 2026, month: 3, day: 22 }),
    );
  });

  it('speaks the deadline of a date typed and confirmed without the code, but keeps the stored date and its reminders', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'въезд 12.03.2026');
    const profileBefore = await profileOf(phone);
    const remindersBefore = await remindersOf(phone);
    const call = new VoiceCall(hotline, phone);
    await call.start();

    const [, , confirmed] = await call.keys('3', '22032026', '1');
    await call.press('*'); // no code: back to the main menu
    await call.keys('3', '22032026', '1');

    expect(heardIds(confirmed as CallTurn)).toEqual([
      russianDeadline({ year: 2026, month: 3, day: 22 }),
      'verify_code_sent',
    ]);
    expect(new URL(confirmed?.gather?.attributes.action ?? '').searchParams.get('then')).toBe('save');
    expect((await profileOf(phone))?.entryDate).toBe('2026-03-12');
    expect((await profileOf(phone))?.reminderIds).toEqual(profileBefore?.reminderIds);
    expect(await remindersOf(phone)).toEqual(remindersBefore);
    const old = lastDayOf({ year: 2026, month: 3, day: 12 });
    expect(await sms(phone, '6')).toEqual([
      ru.deadlines.replace('{deadline}', old.dotted).replace('{daysLeft}', String(old.daysLeft)),
    ]);
  });

  it('needs no second code for the rest of the call once the right code is typed', async () => {
    const phone = uniquePhone('+381');
    await sms(phone, 'въезд 12.03.2026');
    const call = new VoiceCall(hotline, phone);
    await call.start();

    await call.press('2');
    const deadline = await call.proveNumber();
    const menu = await call.press('*');
    const [prompt, readBack, saved] = await call.keys('3', '22032026', '1');
    const sent = await call.press('1');
    const again = await call.press('2');

    expect(deadline.spoken[0]).toBe(russianDeadline({ year: 2026, month: 3, day: 12 }));
    for (const turn of [deadline, menu, prompt, readBack, saved, sent, again]) {
      expect(nextStep(turn as CallTurn).proved).toBe(true);
    }
    expect(heardIds(saved as CallTurn)[0]).toBe('entry_date_saved');
    expect(heardIds(sent)).toEqual(['sms_sent', 'main_menu']);
    expect(again.spoken[0]).toBe(russianDeadline({ year: 2026, month: 3, day: 22 }));
    expect((await profileOf(phone))?.entryDate).toBe('2026-03-22');
    expect(await codesTo(phone)).toHaveLength(1);
  });
});

describe('a replayed step', () => {
  it('answers the confirmation again with the same TwiML and sends no second code', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '3', '22032026');
    const confirmed = await call.press('1');

    const replay = await call.replay();

    expect(replay.xml).toBe(confirmed.reply.xml);
    expect(await codesTo(phone)).toHaveLength(1);
  });

  it('answers the code that saved the date again with the same TwiML and writes nothing more', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '3', '22032026', '1');
    const saved = await call.proveNumber();
    const itemsAfter = await itemsOfCaller(hotline, phone);

    const replay = await call.replay();

    expect(heardIds(saved)[0]).toBe('entry_date_saved');
    expect(replay.xml).toBe(saved.reply.xml);
    expect(await itemsOfCaller(hotline, phone)).toEqual(itemsAfter);
  });

  it('sends the SMS summary once when the step that asked for it is posted three times', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '3', '22032026', '1');
    await call.proveNumber();
    const sent = await call.press('1');

    const replays = await Promise.all([call.replay(), call.replay()]);

    expect(heardIds(sent)[0]).toBe('sms_sent');
    expect(replays.map((reply) => reply.xml)).toEqual([sent.reply.xml, sent.reply.xml]);
    // The code that proved the number, and the summary once.
    const texts = await outboxTo(phone);
    expect(texts.filter((message) => codeIn(message.body) === undefined)).toHaveLength(1);
    expect(texts).toHaveLength(2);
  });

  it('does not switch the language again when a 9 pressed earlier in the call is posted again', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '9', '9');
    const switchedToKyrgyz = call.turns[2] as CallTurn;
    const before = await profileOf(phone);

    const replay = toTurn(await call.replay(2));

    expect(before).toMatchObject({ language: 'ru' });
    expect(replay.reply.xml).toBe(switchedToKyrgyz.reply.xml);
    expect(await profileOf(phone)).toEqual(before);
  });
});

describe('the language of the next call', () => {
  it('comes from the SMS conversation: a Russian keyword texted earlier skips the language menu', async () => {
    const phone = uniquePhone('+996');
    await sms(phone, 'помощь');

    const first = await new VoiceCall(hotline, phone).start();

    expect(heardIds(first)).toEqual(['greeting', 'main_menu']);
    expect(first.spoken.every((part) => part.startsWith('say:'))).toBe(true);
  });

  it('comes from an earlier call, where the caller pressed 1 for Kyrgyz', async () => {
    const phone = uniquePhone('+381');
    const earlier = new VoiceCall(hotline, phone);
    await earlier.start();
    await earlier.press('1');

    const next = await new VoiceCall(hotline, phone).start();

    expect(heardIds(next)).toEqual(['greeting', 'main_menu']);
    expect(next.spoken.every((part) => part.startsWith('play:'))).toBe(true);
    expect(await sms(phone, '0')).toEqual([expect.stringMatching(/[ңөү]/)]);
  });
});

describe('a withheld number', () => {
  it('walks the menus, explains that nothing can be stored, and leaves nothing in the table', async () => {
    const call = new VoiceCall(hotline, '+266696687');
    await call.start();

    const [, deadlines, entry, person] = await call.keys('2', '2', '3', '4');

    expect(heardIds(deadlines as CallTurn)).toEqual(['number_hidden', 'main_menu']);
    expect(heardIds(entry as CallTurn)).toEqual(['number_hidden', 'main_menu']);
    expect(heardIds(person as CallTurn)).toEqual(['voicemail_invite', 'goodbye']);
    expect(await itemsOfCaller(hotline, '+266696687')).toEqual([]);
  });
});
