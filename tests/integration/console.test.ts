// The volunteers' console API from outside, as a browser uses it: sign-in with the code that reaches the
// volunteer's phone (read from the outbox), the session cookie, the Origin check, the cases a volunteer may
// see, the SMS commands' rules, replies reaching the caller on their channel, the roster for coordinators.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consoleKeys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import type {
  CaseDetail,
  CaseList,
  CommandAnswer,
  Figures,
  Me,
  RosterView,
} from '../../shared/console/api.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import { consoleApi } from '../support/console-api.js';
import {
  messageBodies,
  postSigned,
  postTelegram,
  setClock,
  smsParams,
  startTestHotline,
  telegramUpdate,
  uniqueChatId,
  uniquePhone,
} from '../support/local-hotline.js';
import { VoiceCall } from '../support/voice-call.js';

const AIDA = '+381600000301'; // ru, ky
const BAKYT = '+381600000302'; // ky only
const OLGA = '+381600000303'; // ru only
const NURLAN = '+381600000304'; // coordinator
const PAUSED = '+381600000305';
/** Each used up by one test: the day's codes, a sign-out, a lock. */
const LIMITED = '+381600000306';
const LEAVER = '+381600000307';
const GUESSED = '+381600000399';
/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';

let hotline: LocalHotline;
let origin: string;

const weekdays = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }];

beforeAll(async () => {
  hotline = await startTestHotline();
  origin = hotline.url;
  const roster = parseRoster([
    { volunteerId: 'aida', name: 'Aida', phone: AIDA, languages: ['ru', 'ky'], shifts: weekdays },
    { volunteerId: 'bakyt', name: 'Bakyt', phone: BAKYT, languages: ['ky'], shifts: weekdays },
    { volunteerId: 'olga', name: 'Olga', phone: OLGA, languages: ['ru'], shifts: weekdays },
    { volunteerId: 'nurlan', name: 'Nurlan', phone: NURLAN, languages: ['ky', 'ru'], coordinator: true },
    { volunteerId: 'paused', name: 'Paused', phone: PAUSED, languages: ['ru'], active: false },
    { volunteerId: 'limited', name: 'Limited', phone: LIMITED, languages: ['ru'] },
    { volunteerId: 'leaver', name: 'Leaver', phone: LEAVER, languages: ['ru'] },
    { volunteerId: 'guessed', name: 'Guessed', phone: GUESSED, languages: ['ru'] },
    { volunteerId: 'late', name: 'Late', phone: '+381600000308', languages: ['ru'] },
  ]);
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    roster,
    { replace: true },
  );
  await setClock(hotline, WEDNESDAY_NOON);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const api = consoleApi(
  () => hotline.url,
  () => origin,
);

/** The six-digit code in the newest sign-in text to `phone`, as the volunteer reads it. */
async function codeSentTo(phone: string): Promise<string | undefined> {
  await hotline.settled();
  const texts = hotline.outbox.list().filter((m) => m.to === phone && /\b\d{6}\b/.test(m.body));
  return /\b(\d{6})\b/.exec(texts[texts.length - 1]?.body ?? '')?.[1];
}

const codesSentTo = async (phone: string) => {
  await hotline.settled();
  return hotline.outbox.list().filter((m) => m.to === phone && /\b\d{6}\b/.test(m.body)).length;
};

const sessions = new Map<string, string>();

/** A session of the volunteer with this phone, signed in once per file (a code is one text a minute). */
async function signIn(phone: string): Promise<string> {
  let cookie = sessions.get(phone);
  if (!cookie) {
    cookie = await freshSignIn(phone);
    sessions.set(phone, cookie);
  }
  return cookie;
}

/** Signs in with the code the phone received; answers the session cookie. */
async function freshSignIn(phone: string): Promise<string> {
  expect((await api('/sign-in', { body: { phone } })).status).toBe(202);
  const code = await codeSentTo(phone);
  const verified = await api<Me>('/sign-in/verify', { body: { phone, code } });
  expect(verified.status).toBe(200);
  const cookie = verified.cookies[0]?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** A caller on SMS asks for a person; answers the case code. */
async function smsCase(text = 'мне нужен человек'): Promise<{ code: string; phone: string }> {
  const phone = uniquePhone();
  const reply = await postSigned(hotline, '/sms', smsParams(phone, text));
  const code = /\b([1-9]\d{5})\b/.exec(messageBodies(reply).join(' '))?.[1];
  if (!code) throw new Error(`no case code in ${messageBodies(reply).join(' | ')}`);
  return { code, phone };
}

describe('POST /console/api/sign-in', () => {
  it('answers 202 for any number and texts a six-digit code only to an active volunteer’s own phone', async () => {
    const stranger = uniquePhone('+381');
    const before = hotline.outbox.list().length;

    const forVolunteer = await api('/sign-in', { body: { phone: OLGA } });
    const forStranger = await api('/sign-in', { body: { phone: stranger } });
    const forPaused = await api('/sign-in', { body: { phone: PAUSED } });

    expect([forVolunteer.status, forStranger.status, forPaused.status]).toEqual([202, 202, 202]);
    expect(forStranger.body).toEqual(forVolunteer.body);
    await hotline.settled();
    const sent = hotline.outbox.list().slice(before);
    expect(sent.map((m) => m.to)).toEqual([OLGA]);
    expect(sent[0]?.body).toMatch(/\b\d{6}\b/);
    // From the hotline's own number, in the volunteer's reading language (Olga reads Russian).
    expect(sent[0]?.from).toBe('+381110000000');
    expect(sent[0]?.body).toContain('Код входа');
  });

  it('refuses a request from another site (no Origin, or a foreign one) with 403 and sends nothing', async () => {
    const before = await codesSentTo(AIDA);

    const foreign = await api('/sign-in', { body: { phone: AIDA }, origin: 'https://evil.example' });
    const none = await api('/sign-in', { body: { phone: AIDA }, origin: null });

    expect([foreign.status, none.status]).toEqual([403, 403]);
    expect(foreign.body.error).toBe('wrong_origin');
    expect(await codesSentTo(AIDA)).toBe(before);
  });

  it('does not send a second code within a minute, nor more than five a day', async () => {
    const phone = LIMITED;
    const before = await codesSentTo(phone);
    await api('/sign-in', { body: { phone } });
    await api('/sign-in', { body: { phone } });
    expect(await codesSentTo(phone)).toBe(before + 1);

    for (let minute = 2; minute <= 8; minute++) {
      await setClock(hotline, new Date(Date.parse(WEDNESDAY_NOON) + minute * 60_000).toISOString());
      await api('/sign-in', { body: { phone } });
    }
    expect(await codesSentTo(phone)).toBe(before + 5);
    await setClock(hotline, WEDNESDAY_NOON);
  });
});

describe('POST /console/api/sign-in/verify', () => {
  it('sets an HttpOnly, SameSite session cookie (not Secure on loopback) for the right code', async () => {
    await setClock(hotline, '2026-11-25T10:00:00.000Z');
    await api('/sign-in', { body: { phone: AIDA } });
    const code = await codeSentTo(AIDA);

    const verified = await api<Me>('/sign-in/verify', { body: { phone: AIDA, code } });
    await setClock(hotline, WEDNESDAY_NOON);

    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      volunteerId: 'aida',
      name: 'Aida',
      languages: ['ru', 'ky'],
      coordinator: false,
      consoleOnly: false,
      telegramLinked: false,
    });
    const cookie = verified.cookies[0] ?? '';
    expect(cookie).toMatch(/^hotline_console=[\w-]{43}\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toMatch(/SameSite=(Strict|Lax)/);
    expect(cookie).not.toContain('Secure');
    const me = await api<Me>('/me', { cookie: cookie.split(';')[0] });
    expect(me.body.volunteerId).toBe('aida');
  });

  it('works once: the same code again is refused', async () => {
    await setClock(hotline, '2026-11-25T11:30:00.000Z');
    await api('/sign-in', { body: { phone: OLGA } });
    const code = await codeSentTo(OLGA);
    expect((await api('/sign-in/verify', { body: { phone: OLGA, code } })).status).toBe(200);

    const again = await api('/sign-in/verify', { body: { phone: OLGA, code } });

    expect(again.status).toBe(401);
    await setClock(hotline, WEDNESDAY_NOON);
  });

  it('refuses a code after its ten minutes', async () => {
    const start = Date.parse('2026-11-25T13:00:00.000Z');
    await setClock(hotline, new Date(start).toISOString());
    await api('/sign-in', { body: { phone: NURLAN } });
    const code = await codeSentTo(NURLAN);

    await setClock(hotline, new Date(start + 10 * 60_000 + 1000).toISOString());
    const late = await api('/sign-in/verify', { body: { phone: NURLAN, code } });

    expect(late.status).toBe(401);
    expect(late.body.error).toBe('wrong_code');
    await setClock(hotline, WEDNESDAY_NOON);
  });

  it('answers 429 after five wrong codes, even for the right one, for 15 minutes', async () => {
    const phone = GUESSED;
    const start = Date.parse('2026-11-25T14:00:00.000Z');
    await setClock(hotline, new Date(start).toISOString());
    // A volunteer whose code we know, and an attacker who guesses.
    await api('/sign-in', { body: { phone } });
    const code = await codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await api('/sign-in/verify', { body: { phone, code: wrong } })).status);
    const right = await api('/sign-in/verify', { body: { phone, code } });

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('locked');
    expect(Number(right.body.retryAfterSeconds)).toBeGreaterThan(14 * 60);

    // 15 minutes on, a new code works again.
    await setClock(hotline, new Date(start + 16 * 60_000).toISOString());
    await api('/sign-in', { body: { phone } });
    const fresh = await codeSentTo(phone);
    expect((await api('/sign-in/verify', { body: { phone, code: fresh } })).status).toBe(200);
    await setClock(hotline, WEDNESDAY_NOON);
  });

  it('answers a number off the roster like a wrong code, and locks it the same way (no enumeration)', async () => {
    const stranger = uniquePhone('+381');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api('/sign-in/verify', { body: { phone: stranger, code: '123456' } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('keeps no phone number in the sign-in records', async () => {
    const client = createDocumentClient(inject('dynamoEndpoint'));
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const items = await client.send(
      new QueryCommand({
        TableName: hotline.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': consoleKeys.signIn('x').pk },
      }),
    );
    expect(items.Items?.length).toBeGreaterThan(0);
    expect(JSON.stringify(items.Items)).not.toMatch(/\+?381\d{6,}/);
  });
});

describe('sessions', () => {
  it('answer 401 to every read without a session, or with a forged or signed-out one', async () => {
    const cookie = await freshSignIn(LEAVER);
    const forged = `${cookie.slice(0, -4)}AAAA`;

    expect((await api('/cases')).status).toBe(401);
    expect((await api('/me', { cookie: forged })).status).toBe(401);
    expect((await api('/cases/12345', { cookie: 'hotline_console=nonsense' })).status).toBe(401);

    const out = await api('/sign-out', { body: {}, cookie });
    expect(out.status).toBe(200);
    expect(out.cookies[0]).toContain('Max-Age=0');
    expect((await api('/me', { cookie })).status).toBe(401);
  });

  it('end when the volunteer is paused, and after twelve hours', async () => {
    await setClock(hotline, '2026-11-25T10:30:00.000Z');
    const cookie = await freshSignIn(LIMITED.replace('306', '308'));
    const store = new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName);
    const late = (await store.list()).find((v) => v.volunteerId === 'late')!;
    await store.update({ ...late, active: false });
    expect((await api('/me', { cookie })).status).toBe(401);
    await store.update({ ...late, active: true });
    expect((await api('/me', { cookie })).status).toBe(200);

    await setClock(hotline, '2026-11-25T22:29:00.000Z');
    expect((await api('/me', { cookie })).status).toBe(200);
    await setClock(hotline, '2026-11-25T22:31:00.000Z');
    expect((await api('/me', { cookie })).status).toBe(401);
    await setClock(hotline, WEDNESDAY_NOON);
  });
});

describe('cases', () => {
  it('lists a Kyrgyz case for Bakyt but not for Olga (Russian only), never with the caller’s number', async () => {
    const { code, phone } = await smsCase('адам керек жардам');
    const bakyt = await signIn(BAKYT);
    const olga = await signIn(OLGA);

    const forBakyt = await api<CaseList>('/cases', { cookie: bakyt });
    const forOlga = await api<CaseList>('/cases', { cookie: olga });

    const line = forBakyt.body.cases.find((c) => c.code === code);
    expect(line).toMatchObject({
      code,
      language: 'ky',
      status: 'open',
      channel: 'sms',
      mine: false,
      canText: true,
    });
    expect(forOlga.body.cases.some((c) => c.code === code)).toBe(false);
    expect((await api(`/cases/${code}`, { cookie: olga })).status).toBe(404);
    expect((await api(`/cases/${code}/take`, { body: {}, cookie: olga })).status).toBe(404);
    const detail = await api<CaseDetail>(`/cases/${code}`, { cookie: bakyt });
    const digits = phone.slice(1);
    expect(JSON.stringify(forBakyt.body)).not.toContain(digits);
    expect(JSON.stringify(detail.body)).not.toContain(digits);
    expect(detail.body.thread).toContainEqual(
      expect.objectContaining({ kind: 'caller', text: 'адам керек жардам' }),
    );
  });

  it('take, reply, note, close: the reply reaches the SMS caller from the hotline number and the thread shows it all', async () => {
    const { code, phone } = await smsCase('мне нужен человек');
    const aida = await signIn(AIDA);

    const taken = await api<CommandAnswer>(`/cases/${code}/take`, { body: {}, cookie: aida });
    expect(taken.status).toBe(200);
    expect(taken.body.outcome).toBe('taken');
    expect(taken.body.case.mine).toBe(true);

    const replied = await api<CommandAnswer>(`/cases/${code}/reply`, {
      body: { text: 'Здравствуйте, я Аида. Сколько месяцев не платят?' },
      cookie: aida,
    });
    expect(replied.status).toBe(200);
    expect(replied.body.outcome).toBe('relayed');
    await hotline.settled();
    const toCaller = hotline.outbox.list().filter((m) => m.to === phone);
    expect(toCaller.map((m) => m.body)).toContain('Здравствуйте, я Аида. Сколько месяцев не платят?');
    expect(toCaller.every((m) => m.from === '+381110000000' && m.channel === 'sms')).toBe(true);
    // Nothing of it goes to the volunteer's phone: the console is where she reads it.
    expect(hotline.outbox.list().some((m) => m.to === AIDA && m.body.includes('Сколько месяцев'))).toBe(
      false,
    );

    // The caller answers by SMS; the console shows it in the thread.
    await postSigned(hotline, '/sms', smsParams(phone, 'три месяца'));
    await api(`/cases/${code}/note`, { body: { text: 'строительство, Нови Сад' }, cookie: aida });
    const detail = await api<CaseDetail>(`/cases/${code}`, { cookie: aida });
    const kinds = detail.body.thread
      .filter((e) => e.kind !== 'event')
      .map((e) => [e.kind, 'text' in e ? e.text : '']);
    expect(kinds).toEqual([
      ['caller', 'мне нужен человек'],
      ['reply', 'Здравствуйте, я Аида. Сколько месяцев не платят?'],
      ['caller', 'три месяца'],
      ['note', 'строительство, Нови Сад'],
    ]);

    const closed = await api<CommandAnswer>(`/cases/${code}/close`, { body: {}, cookie: aida });
    expect(closed.body.outcome).toBe('closed');
    expect((await api(`/cases/${code}`, { cookie: aida })).status).toBe(404);
    expect((await api<CaseList>('/cases', { cookie: aida })).body.cases.some((c) => c.code === code)).toBe(
      false,
    );
  });

  it('the first take wins: a second volunteer gets 409 with who has it, and cannot reply', async () => {
    const { code } = await smsCase('адам керек');
    const aida = await signIn(AIDA);
    const bakyt = await signIn(BAKYT);

    const [first, second] = await Promise.all([
      api(`/cases/${code}/take`, { body: {}, cookie: aida }),
      api(`/cases/${code}/take`, { body: {}, cookie: bakyt }),
    ]);

    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? aida : bakyt;
    const winner = first.status === 409 ? 'Bakyt' : 'Aida';
    expect((first.status === 409 ? first : second).body.message).toContain(winner);
    const reply = await api(`/cases/${code}/reply`, { body: { text: 'привет' }, cookie: loser });
    expect(reply.status).toBe(403);
  });

  it('refuses an empty reply, and a reply before the case is taken', async () => {
    const { code } = await smsCase('нужен человек');
    const aida = await signIn(AIDA);
    expect((await api(`/cases/${code}/reply`, { body: { text: 'x' }, cookie: aida })).status).toBe(409);
    await api(`/cases/${code}/take`, { body: {}, cookie: aida });
    const empty = await api(`/cases/${code}/reply`, { body: { text: '   ' }, cookie: aida });
    expect(empty.status).toBe(400);
  });

  it('answers a Telegram caller on Telegram', async () => {
    const chat = uniqueChatId();
    await postTelegram(hotline, telegramUpdate(chat, 'мне нужен человек'));
    await hotline.settled();
    const code = /\b([1-9]\d{5})\b/.exec(
      hotline.outbox
        .list()
        .filter((m) => m.to === String(chat))
        .map((m) => m.body)
        .join(' '),
    )?.[1];
    const aida = await signIn(AIDA);
    await api(`/cases/${code}/take`, { body: {}, cookie: aida });

    await api(`/cases/${code}/reply`, { body: { text: 'Я на связи' }, cookie: aida });

    await hotline.settled();
    expect(
      hotline.outbox
        .list()
        .some((m) => m.channel === 'telegram' && m.to === String(chat) && m.body === 'Я на связи'),
    ).toBe(true);
  });

  it('records every read and change beside the case, without words, for coordinators to see', async () => {
    const { code } = await smsCase('адам керек');
    const bakyt = await signIn(BAKYT);
    const at = (minutes: number) =>
      setClock(hotline, new Date(Date.parse(WEDNESDAY_NOON) + minutes * 60_000).toISOString());
    await at(1);
    await api(`/cases/${code}`, { cookie: bakyt });
    await at(2);
    await api(`/cases/${code}`, { cookie: bakyt });
    await at(3);
    await api(`/cases/${code}/take`, { body: {}, cookie: bakyt });
    await at(4);
    await api(`/cases/${code}/reply`, { body: { text: 'Саламатсызбы' }, cookie: bakyt });
    await at(5);

    const nurlan = await signIn(NURLAN);
    const detail = await api<CaseDetail>(`/cases/${code}`, { cookie: nurlan });
    const forBakyt = await api<CaseDetail>(`/cases/${code}`, { cookie: bakyt });

    const access = detail.body.access ?? [];
    // Two reads within ten minutes are one line.
    expect(access.filter((a) => a.volunteerId === 'bakyt').map((a) => a.action)).toEqual([
      'read',
      'take',
      'reply',
    ]);
    expect(access.some((a) => a.volunteerId === 'nurlan' && a.action === 'read')).toBe(true);
    expect(JSON.stringify(access)).not.toContain('Саламатсызбы');
    expect(forBakyt.body.access).toBeUndefined();
    await setClock(hotline, WEDNESDAY_NOON);
  });
});

describe('voicemail in the console', () => {
  it('plays through the console’s own route with a session, never Twilio’s URL, and records who played it', async () => {
    const caller = uniquePhone('+996');
    const call = new VoiceCall(hotline, caller);
    await call.start();
    await call.press('1');
    const turn = await call.press('4');
    const code = /case=([1-9]\d{5})/.exec(turn.reply.xml)?.[1] ?? '';
    const recording = `RE${'ab'.repeat(16)}`;
    await postSigned(hotline, `/voice/voicemail?case=${code}&lang=ky`, {
      AccountSid: 'ACtest',
      CallSid: call.callSid,
      From: caller,
      To: '+381110000000',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/${recording}`,
      RecordingSid: recording,
      RecordingDuration: '12',
    });
    const bakyt = await signIn(BAKYT);

    const detail = await api<CaseDetail>(`/cases/${code}`, { cookie: bakyt });
    expect(detail.body.voicemails).toEqual([{ url: `/console/api/cases/${code}/voicemail/1` }]);
    expect(JSON.stringify(detail.body)).not.toContain('twilio.com');
    const audio = await fetch(`${hotline.url}${detail.body.voicemails[0]?.url}`, {
      headers: { cookie: bakyt },
    });
    const signedOut = await fetch(`${hotline.url}${detail.body.voicemails[0]?.url}`);

    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toMatch(/^audio\//);
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(signedOut.status).toBe(401);
    const nurlan = await signIn(NURLAN);
    const access = (await api<CaseDetail>(`/cases/${code}`, { cookie: nurlan })).body.access ?? [];
    expect(access.some((a) => a.volunteerId === 'bakyt' && a.action === 'voicemail')).toBe(true);
  });
});

describe('a volunteer who works in the console', () => {
  it('gets short pings without the caller’s words on their phone, for a new case and each new message', async () => {
    const bakyt = await signIn(BAKYT);
    const set = await api<Me>('/me', { body: { consoleOnly: true }, cookie: bakyt });
    expect(set.body.consoleOnly).toBe(true);
    try {
      const { code, phone } = await smsCase('адам керек, паспортумду алып коюшту');
      await hotline.settled();
      const notice = hotline.outbox
        .list({ inline: true })
        .filter((m) => m.to === BAKYT && m.body.includes(code));
      expect(notice.length).toBeGreaterThan(0);
      expect(notice.every((m) => !m.body.includes('паспорт'))).toBe(true);

      await api(`/cases/${code}/take`, { body: {}, cookie: bakyt });
      const before = hotline.outbox.list({ inline: true }).length;
      await postSigned(hotline, '/sms', smsParams(phone, 'мен Белградда турам'));
      await hotline.settled();
      const ping = hotline.outbox
        .list({ inline: true })
        .slice(before)
        .filter((m) => m.to === BAKYT);
      expect(ping.map((m) => m.body)).toEqual([
        `Суроо ${code}: жаңы билдирүү. Консолдон окуп, жооп бериңиз.`,
      ]);
      // The words are in the console.
      const detail = await api<CaseDetail>(`/cases/${code}`, { cookie: bakyt });
      expect(detail.body.thread).toContainEqual(
        expect.objectContaining({ kind: 'caller', text: 'мен Белградда турам' }),
      );
    } finally {
      await api('/me', { body: { consoleOnly: false }, cookie: bakyt });
    }
  });

  it('refuses a preference that is not true or false', async () => {
    const bakyt = await signIn(BAKYT);
    expect((await api('/me', { body: { consoleOnly: 'yes' }, cookie: bakyt })).status).toBe(400);
  });
});

describe('case figures (coordinators)', () => {
  it('count the week’s cases per language, taken and closed, with the median minutes to take', async () => {
    const nurlan = await signIn(NURLAN);
    const before = await api<Figures>('/figures', { cookie: nurlan });
    const week = (figures: Figures, language: 'ky' | 'ru') =>
      figures.weeks.find((w) => w.week === '2026-W48' && w.language === language);
    const { code } = await smsCase('адам керек');
    await setClock(hotline, '2026-11-25T11:12:00.000Z');
    await api(`/cases/${code}/take`, { body: {}, cookie: nurlan });
    await setClock(hotline, WEDNESDAY_NOON);

    const after = await api<Figures>('/figures', { cookie: nurlan });

    expect(after.status).toBe(200);
    expect(after.body.weeks).toHaveLength(16);
    expect(week(after.body, 'ky')?.opened).toBe((week(before.body, 'ky')?.opened ?? 0) + 1);
    expect(week(after.body, 'ky')?.taken).toBe((week(before.body, 'ky')?.taken ?? 0) + 1);
    expect(week(after.body, 'ky')?.medianMinutesToTake).toEqual(expect.any(Number));
    expect(JSON.stringify(after.body)).not.toMatch(/\+\d{8,}/);
    expect((await api('/figures', { cookie: await signIn(AIDA) })).status).toBe(403);
  });
});

describe('roster (coordinators)', () => {
  it('is refused to a volunteer who is not a coordinator', async () => {
    const aida = await signIn(AIDA);
    expect((await api('/roster', { cookie: aida })).status).toBe(403);
    expect((await api('/roster', { body: { volunteerId: 'x1' }, cookie: aida })).status).toBe(403);
  });

  it('ends a volunteer’s sessions for good when a coordinator pauses them, even once they are active again', async () => {
    const nurlan = await signIn(NURLAN);
    await setClock(hotline, '2026-11-25T09:00:00.000Z');
    const olgaSession = await freshSignIn(OLGA);
    await setClock(hotline, WEDNESDAY_NOON);
    expect((await api('/me', { cookie: olgaSession })).status).toBe(200);

    await api('/roster/olga', { body: { active: false }, cookie: nurlan });
    await api('/roster/olga', { body: { active: true }, cookie: nurlan });

    expect((await api('/me', { cookie: olgaSession })).status).toBe(401);
    // Her choice of pings is one attribute: it never writes back an older copy of her record.
    const fresh = await freshSignIn(OLGA);
    expect((await api<Me>('/me', { body: { consoleOnly: true }, cookie: fresh })).body).toMatchObject({
      coordinator: false,
      consoleOnly: true,
    });
    await api('/me', { body: { consoleOnly: false }, cookie: fresh });
    sessions.set(OLGA, fresh);
  });

  it('adds a volunteer with a shift, pauses and removes them, with the admin command’s validation', async () => {
    const nurlan = await signIn(NURLAN);

    const bad = await api('/roster', {
      body: { volunteerId: 'Zed', name: '', phone: '0600', languages: ['en'] },
      cookie: nurlan,
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/E\.164/);

    const added = await api<RosterView>('/roster', {
      body: {
        volunteerId: 'zarina',
        name: 'Zarina',
        phone: '+381600000388',
        languages: ['ky'],
        shifts: [{ days: ['wed'], from: '10:00', to: '14:00' }],
      },
      cookie: nurlan,
    });
    expect(added.status).toBe(200);
    expect(added.body.volunteers.find((v) => v.volunteerId === 'zarina')).toMatchObject({
      active: true,
      onShift: true,
      shifts: [{ days: ['wed'], from: '10:00', to: '14:00' }],
    });

    const duplicatePhone = await api('/roster', {
      body: { volunteerId: 'zarina2', name: 'Z2', phone: '+381600000388', languages: ['ky'] },
      cookie: nurlan,
    });
    expect(duplicatePhone.status).toBe(400);

    const paused = await api<RosterView>('/roster/zarina', { body: { active: false }, cookie: nurlan });
    expect(paused.body.volunteers.find((v) => v.volunteerId === 'zarina')?.active).toBe(false);
    const self = await api('/roster/nurlan', { body: { active: false }, cookie: nurlan });
    expect(self.status).toBe(409);
    const removed = await api<RosterView>('/roster/zarina/remove', { body: {}, cookie: nurlan });
    expect(removed.body.volunteers.some((v) => v.volunteerId === 'zarina')).toBe(false);
  });
});

describe('the page', () => {
  it('is served at /console with a strict Content-Security-Policy, its script and styles beside it', async () => {
    const page = await fetch(`${hotline.url}/console`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('/console/app.js');
    const script = await fetch(`${hotline.url}/console/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${hotline.url}/console/app.css`)).status).toBe(200);
  });
});
