// A caller asks for a person by SMS; volunteers on shift are told; one takes the case; words go both
// ways from the hotline's number; the case closes. Against DynamoDB Local, through signed webhooks.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { takeCase } from '../../shared/cases/case.js';
import { CaseChangedError } from '../../shared/ports/case-store.js';
import { parseRoster, type Volunteer } from '../../shared/volunteers/volunteer.js';
import {
  itemsOfCaller,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  uniquePhone,
} from '../support/local-hotline.js';

const HOTLINE = '+381110000000';
/** Wednesday 25 November 2026, 12:00 in Belgrade (11:00 UTC). */
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';
/** Saturday 28 November 2026, 12:00 in Belgrade: only the weekend volunteer is on. */
const SATURDAY_NOON = '2026-11-28T11:00:00.000Z';

let hotline: LocalHotline;
let roster: Volunteer[];
const db = () => createDocumentClient(inject('dynamoEndpoint'));

beforeAll(async () => {
  hotline = await startTestHotline();
  roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: '+381600000101',
      // Takes Kyrgyz and Russian cases, reads the hotline's texts in Russian (the first language).
      languages: ['ru', 'ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'bakyt',
      name: 'Bakyt',
      phone: '+381600000102',
      languages: ['ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'olga',
      name: 'Olga',
      phone: '+381600000103',
      languages: ['ru'],
      shifts: [{ days: ['wed'], from: '10:00', to: '14:00' }],
    },
    {
      volunteerId: 'nurlan',
      name: 'Nurlan',
      phone: '+381600000104',
      // Kyrgyz first: reads Kyrgyz although he speaks Russian too.
      languages: ['ky', 'ru'],
      coordinator: true,
      shifts: [],
    },
    {
      volunteerId: 'off',
      name: 'Off',
      phone: '+381600000105',
      languages: ['ky', 'ru'],
      active: false,
      shifts: [{ days: ['wed'], from: '00:00', to: '24:00' }],
    },
  ]);
  await new DynamoRosterStore(db(), hotline.tableName).importRoster(roster, { replace: true });
  await setClock(hotline, WEDNESDAY_NOON);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

/** Every item under a partition, straight from DynamoDB Local. */
async function itemsUnder(pk: string): Promise<Record<string, unknown>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: hotline.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

interface Sent {
  to?: string;
  from?: string;
  body: string;
}

/**
 * Every text a webhook caused, as the phones get them: the `<Message>`s of its TwiML answer (the answer to
 * the sender, without to/from), then what it put in the outbox (notices and relays to anyone else, sent
 * from the hotline's number through Twilio's Messages API once the write has landed).
 */
async function text(
  from: string,
  body: string,
  params: Partial<Record<string, string>> = {},
): Promise<Sent[]> {
  await hotline.settled();
  const before = hotline.outbox.list().length;
  const reply = await postSigned(hotline, '/sms', {
    ...smsParams(from, body),
    To: HOTLINE,
    ...params,
  } as Record<string, string>);
  expect(reply.status).toBe(200);
  const response = (reply.twiml.Response as Record<string, unknown>[] | undefined)?.[0];
  const messages = (response?.Message as unknown[] | undefined) ?? [];
  const inline = messages.map((message) => {
    if (typeof message === 'string') return { body: message };
    const m = message as Record<string, unknown>;
    return {
      body: String(m['#text'] ?? ''),
      ...(m['@to'] ? { to: String(m['@to']) } : {}),
      ...(m['@from'] ? { from: String(m['@from']) } : {}),
    };
  });
  await hotline.settled();
  const queued = hotline.outbox
    .list()
    .slice(before)
    .map((m) => ({
      body: m.body,
      to: m.channel === 'whatsapp' && !m.to.startsWith('whatsapp:') ? `whatsapp:${m.to}` : m.to,
      ...(m.from
        ? {
            from: m.channel === 'whatsapp' && !m.from.startsWith('whatsapp:') ? `whatsapp:${m.from}` : m.from,
          }
        : {}),
    }));
  return [...inline, ...queued];
}

const phoneOf = (id: string) => roster.find((v) => v.volunteerId === id)?.phone ?? '';
const codeIn = (body: string) => /\b([1-9]\d{5})\b/.exec(body)?.[1] ?? '';

async function openCaseFor(
  caller: string,
  body = 'ADAM айлыгымды бербей жатышат',
): Promise<{ code: string; sent: Sent[] }> {
  await text(caller, '1'); // a first text: the welcome; Kyrgyz chosen
  const sent = await text(caller, body);
  const code = codeIn(sent[0]?.body ?? '');
  expect(code).toMatch(/^[1-9]\d{5}$/);
  return { code, sent };
}

describe('asking for a person by SMS', () => {
  it('opens a case with a code and tells every on-shift volunteer with the caller’s language, never the caller’s number', async () => {
    const caller = uniquePhone('+996');

    const { code, sent } = await openCaseFor(caller);

    const [ack, help, ...notices] = sent;
    expect(ack?.to).toBeUndefined();
    expect(ack?.body).toContain(code);
    // The text is also about unpaid wages: the caller gets that help right after the code.
    expect(help?.to).toBeUndefined();
    expect(help?.body).toContain('+381112017485');
    // Kyrgyz on shift on a Wednesday noon: Aida and Bakyt; not Olga (Russian only), not the inactive one.
    expect(notices.map((n) => n.to).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
    for (const notice of notices) {
      expect(notice.from).toBe(HOTLINE);
      expect(notice.body).toContain(`TAKE ${code}`);
      expect(notice.body).toContain('айлыгымды');
      expect(notice.body).not.toContain(caller.slice(1));
    }
    // Each in the language they read: Aida (ru, ky) Russian, Bakyt (ky only) Kyrgyz.
    expect(notices.find((n) => n.to === phoneOf('aida'))?.body).toBe(
      `Новый запрос ${code} (KY): «ADAM айлыгымды бербей жатышат». Взять: TAKE ${code}`,
    );
    expect(notices.find((n) => n.to === phoneOf('bakyt'))?.body).toBe(
      `Жаңы суроо ${code} (KY): «ADAM айлыгымды бербей жатышат». Алуу: TAKE ${code}`,
    );
  });

  it('lets the first volunteer take the case; the second is told it is taken', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller);

    const taken = await text(phoneOf('aida'), `take ${code}`);
    const late = await text(phoneOf('bakyt'), `TAKE ${code}`);

    const toVolunteer = taken.find((m) => !m.to);
    expect(toVolunteer?.body).toContain(`Запрос ${code} ваш`);
    // The first message, handed over in a text of its own.
    expect(taken).toContainEqual({ body: `${code}: ADAM айлыгымды бербей жатышат` });
    const toCaller = taken.find((m) => m.to === caller);
    expect(toCaller?.from).toBe(HOTLINE);
    expect(toCaller?.body).toMatch(/Волонтёр/);
    expect(late).toEqual([{ body: `Суроо ${code} алынган, алган: Aida.` }]); // Bakyt reads Kyrgyz
  });

  it('relays the caller’s words to the volunteer and the volunteer’s answer to the caller, each from the hotline number', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const fromCaller = await text(caller, 'Кожоюнум паспортумду бербей жатат');
    const fromVolunteer = await text(phoneOf('aida'), `R ${code} Саламатсызбы! Кайсы шаарда иштейсиз?`);

    expect(fromCaller).toEqual([
      { to: phoneOf('aida'), from: HOTLINE, body: `${code}: Кожоюнум паспортумду бербей жатат` },
    ]);
    expect(fromVolunteer).toEqual([
      { to: caller, from: HOTLINE, body: 'Саламатсызбы! Кайсы шаарда иштейсиз?' },
    ]);
    for (const m of [...fromCaller, ...fromVolunteer]) {
      expect(m.body).not.toContain(phoneOf('aida').slice(1));
      expect(m.body).not.toContain(caller.slice(1));
    }
  });

  it('answers a WhatsApp caller on WhatsApp, and tells the volunteer by SMS from the plain hotline number', async () => {
    const caller = uniquePhone('+996');
    const whatsapp = { From: `whatsapp:${caller}`, To: `whatsapp:${HOTLINE}` };
    await text(caller, '1', whatsapp);
    const opened = await text(caller, 'ADAM', whatsapp);
    const code = codeIn(opened[0]?.body ?? '');
    const notices = opened.filter((m) => m.to);
    expect(notices.map((m) => m.to).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
    expect(notices.every((m) => m.from === HOTLINE)).toBe(true);

    const taken = await text(phoneOf('bakyt'), `TAKE ${code}`);

    expect(taken.find((m) => m.to)).toMatchObject({ to: `whatsapp:${caller}`, from: `whatsapp:${HOTLINE}` });
  });

  it('tells the volunteer to call instead once a WhatsApp caller has been silent for a day', async () => {
    const caller = uniquePhone('+996');
    const whatsapp = { From: `whatsapp:${caller}`, To: `whatsapp:${HOTLINE}` };
    await text(caller, '1', whatsapp);
    const code = codeIn((await text(caller, 'ADAM', whatsapp))[0]?.body ?? '');
    await text(phoneOf('aida'), `TAKE ${code}`);
    try {
      await setClock(hotline, '2026-11-26T10:59:00.000Z'); // 23:59 later: still inside the window
      const inside = await text(phoneOf('aida'), `R ${code} Саламатсызбы`);
      await setClock(hotline, '2026-11-26T11:01:00.000Z');
      const outside = await text(phoneOf('aida'), `R ${code} Саламатсызбы`);

      expect(inside).toEqual([
        { to: `whatsapp:${caller}`, from: `whatsapp:${HOTLINE}`, body: 'Саламатсызбы' },
      ]);
      expect(outside).toHaveLength(1);
      expect(outside[0]?.to).toBeUndefined();
      expect(outside[0]?.body).toContain('больше суток');
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });

  it('keeps what the caller writes before anyone takes the case and hands it over on take', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');

    const held = await text(caller, 'Мен Суботицада турам');
    const taken = await text(phoneOf('bakyt'), `TAKE ${code}`);

    expect(held).toHaveLength(1);
    expect(held[0]?.to).toBeUndefined();
    expect(held[0]?.body).toContain(code);
    // Bakyt (Kyrgyz only) reads the answer in Kyrgyz; the held message is the caller's own words.
    expect(taken.filter((m) => !m.to).map((m) => m.body)).toEqual([
      `Суроо ${code} сизде (KY). Билдирүү: 1, төмөндө. Жооп: R ${code} текст. Жабуу: CLOSE ${code}`,
      `${code}: Мен Суботицада турам`,
    ]);
  });

  it('closes the case politely: the caller is thanked, further words are a new conversation', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const closed = await text(phoneOf('aida'), `close ${code}`);
    const after = await text(caller, 'рахмат');
    const tooLate = await text(phoneOf('aida'), `R ${code} ещё одно`);

    expect(closed).toContainEqual({ body: `Запрос ${code} закрыт. Спасибо!` });
    expect(closed.find((m) => m.to === caller)?.body).toContain('Рахмат');
    expect(after.every((m) => m.to === undefined)).toBe(true);
    expect(tooLate).toEqual([{ body: `Запрос ${code} закрыт.` }]);
  });

  it('keeps the case’s history, thread and notes while open, and nothing of the caller once closed', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    const store = new DynamoCaseStore(db(), hotline.tableName);
    await text(caller, 'секрет');
    const waiting = await store.get(code);
    await text(phoneOf('aida'), `TAKE ${code}`);
    await text(phoneOf('aida'), `NOTE ${code} звонить после 18`);
    const open = await store.get(code);

    await text(phoneOf('aida'), `CLOSE ${code}`);
    const closed = await store.get(code);
    const trail = await itemsUnder(`CASE#${code}`);

    expect(open?.notes).toEqual([expect.objectContaining({ volunteerId: 'aida', text: 'звонить после 18' })]);
    expect(waiting?.waiting).toEqual(['секрет']); // held for the volunteer until taken…
    expect(open?.waiting).toEqual([]); // …then handed over…
    // …and kept in the case's thread for the console until the case closes.
    expect(open?.thread?.map((m) => [m.from, m.text])).toEqual([['caller', 'секрет']]);
    const profile = (await itemsOfCaller(hotline, caller)).find((item) => item.sk === 'PROFILE');
    expect(open?.expiresAt).toBe(profile?.expiresAt);
    expect(closed?.events.map((e) => e.kind)).toEqual([
      'opened',
      'notified',
      'held_for_volunteer',
      'taken',
      'note',
      'closed',
    ]);
    expect(closed?.events.find((e) => e.kind === 'taken')?.volunteerId).toBe('aida');
    expect(closed).toMatchObject({ status: 'closed', notes: [], waiting: [], thread: [] });
    expect(JSON.stringify(closed)).not.toContain('секрет');
    expect(closed?.callerId).toBeUndefined();
    expect(closed?.callerPhone).toBeUndefined();
    // The answered volunteer messages (whose TwiML named the caller) went with the close.
    expect(trail.map((item) => item.sk)).toEqual(['CASE']);
  });

  it('lets two volunteers race for one case and only one wins', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');

    const [a, b] = await Promise.all([
      text(phoneOf('aida'), `TAKE ${code}`),
      text(phoneOf('bakyt'), `TAKE ${code}`),
    ]);

    // Aida answers in Russian, Bakyt in Kyrgyz.
    const winners = [a, b].filter((reply) =>
      reply.some((m) => m.body.includes(`Запрос ${code} ваш`) || m.body.includes(`Суроо ${code} сизде`)),
    );
    const losers = [a, b].filter((reply) =>
      reply.some((m) => m.body.includes('уже взял') || m.body.includes('алынган')),
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    // Exactly one "a volunteer joined" went to the caller (through the outbox: both calls of text() saw it).
    await hotline.settled();
    expect(hotline.outbox.list().filter((m) => m.to === caller)).toHaveLength(1);
    const stored = await new DynamoCaseStore(db(), hotline.tableName).get(code);
    expect(stored?.events.filter((e) => e.kind === 'taken')).toHaveLength(1);
  });

  it('answers a retried volunteer message the same and relays it only once', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);
    const params = smsParams(phoneOf('aida'), `R ${code} Сейчас перезвоню`);

    const first = await text(phoneOf('aida'), params.Body ?? '', params);
    const retry = await text(phoneOf('aida'), params.Body ?? '', params);

    // The same answer to the volunteer; the relay to the caller left once (the outbox refuses its second write).
    expect(retry).toEqual(first.filter((m) => m.to !== caller));
    expect(first.filter((m) => m.to === caller).map((m) => m.body)).toEqual(['Сейчас перезвоню']);
    const stored = await new DynamoCaseStore(db(), hotline.tableName).get(code);
    expect(stored?.events.filter((e) => e.kind === 'relayed_to_caller')).toHaveLength(1);
  });
});

describe('nobody on shift', () => {
  it('tells the caller when volunteers are back and the emergency numbers, and keeps the case open', async () => {
    await setClock(hotline, SATURDAY_NOON);
    try {
      const caller = uniquePhone('+996');
      const { code, sent } = await openCaseFor(caller, 'ADAM');

      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toContain('30.11 09:00'); // Monday, Belgrade time
      expect(sent[0]?.body).toContain('192');
      expect(sent[0]?.body).toContain('ASTRA');
      const stored = await new DynamoCaseStore(db(), hotline.tableName).get(code);
      expect(stored).toMatchObject({ status: 'open', nextActionAt: '2026-11-30T08:00:00.000Z' });
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });
});

describe('a caller inside a case keeps their own controls', () => {
  it('erasing their data closes the case and tells the volunteer without a word of the conversation', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM менин атым Азамат');
    await text(phoneOf('aida'), `TAKE ${code}`);

    await text(caller, 'ӨЧҮР');
    const erased = await text(caller, 'ООБА');

    const toVolunteer = erased.find((m) => m.to === phoneOf('aida'));
    expect(toVolunteer?.body).toBe(`Запрос ${code} закрыт: человек удалил свои данные.`);
    expect(await itemsOfCaller(hotline, caller)).toEqual([]);
    const stored = await new DynamoCaseStore(db(), hotline.tableName).get(code);
    expect(stored).toMatchObject({ status: 'closed', closedReason: 'caller_erased' });
    expect(JSON.stringify(stored)).not.toContain(caller.slice(1));
    expect(JSON.stringify(stored)).not.toContain('Азамат');
    expect(stored?.callerId).toBeUndefined();
    // Aida's answered TAKE (its TwiML named the caller's number) went with the erasure.
    expect((await itemsUnder(`CASE#${code}`)).map((item) => item.sk)).toEqual(['CASE']);
  });

  it('STOP closes the case and tells the volunteer; the volunteer can no longer text the caller', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const stopped = await text(caller, 'STOP');
    const attempt = await text(phoneOf('aida'), `R ${code} алло?`);

    expect(stopped.find((m) => m.to === phoneOf('aida'))?.body).toContain('отписался');
    expect(attempt).toEqual([{ body: `Запрос ${code} закрыт.` }]);
  });

  it('a language change inside a case is answered, not relayed', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const switched = await text(caller, 'ЯЗЫК РУССКИЙ');
    const closed = await text(phoneOf('aida'), `CLOSE ${code}`);

    expect(switched).toHaveLength(1);
    expect(switched[0]?.to).toBeUndefined();
    expect(closed.find((m) => m.to === caller)?.body).toContain('Спасибо'); // now in Russian
  });
});

describe('volunteer commands', () => {
  it('lists the waiting cases in the volunteer’s languages and their own', async () => {
    const mine = await openCaseFor(uniquePhone('+996'), 'ADAM');
    const waiting = await openCaseFor(uniquePhone('+996'), 'ADAM');
    await text(phoneOf('bakyt'), `TAKE ${mine.code}`);

    const [listed] = await text(phoneOf('bakyt'), 'list');

    expect(listed?.body).toContain(waiting.code);
    expect(listed?.body).toMatch(new RegExp(`Сиздики: .*${mine.code}`)); // Bakyt reads Kyrgyz
  });

  it('explains the commands when a volunteer writes something else, and refuses a malformed code', async () => {
    const [help] = await text(phoneOf('olga'), 'привет');
    const [noCode] = await text(phoneOf('olga'), 'take 12');

    expect(help?.body).toContain('TAKE 123456');
    expect(noCode?.body).toContain('6 цифр');
  });

  it('does not let a volunteer answer into a case someone else took', async () => {
    const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const reply = await text(phoneOf('bakyt'), `R ${code} я тоже тут`);

    expect(reply).toEqual([{ body: `Суроо ${code} башка волонтёрдо.` }]); // Bakyt reads Kyrgyz
  });

  it('tells an inactive volunteer so, and does nothing else', async () => {
    const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');

    const reply = await text(phoneOf('off'), `TAKE ${code}`);

    expect(reply).toHaveLength(1);
    expect(reply[0]?.body).toContain('өчүрүлгөн'); // languages ky, ru: reads Kyrgyz
    const stored = await new DynamoCaseStore(db(), hotline.tableName).get(code);
    expect(stored?.status).toBe('open');
  });
});

describe('each volunteer reads the language first in their languages', () => {
  it('answers a Kyrgyz-only volunteer’s commands in Kyrgyz and frames what the caller does in Kyrgyz', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    const taken = await text(phoneOf('bakyt'), `TAKE ${code}`);
    const relayed = await text(caller, 'Саламатсызбы, мен Ништа турам');
    const noted = await text(phoneOf('bakyt'), `NOTE ${code} эртең чалуу`);
    const [help] = await text(phoneOf('bakyt'), 'салам');
    const stopped = await text(caller, 'STOP');
    const late = await text(phoneOf('bakyt'), `R ${code} алло?`);

    expect(taken.find((m) => !m.to)?.body).toBe(
      `Суроо ${code} сизде (KY). Жооп: R ${code} текст. Жабуу: CLOSE ${code}`,
    );
    // The caller's words go as written, under the case code.
    expect(relayed).toEqual([
      { to: phoneOf('bakyt'), from: HOTLINE, body: `${code}: Саламатсызбы, мен Ништа турам` },
    ]);
    expect(noted).toEqual([{ body: `Суроо ${code}: белги сакталды.` }]);
    expect(help?.body).toContain('Буйруктар: TAKE 123456 алуу');
    expect(stopped.find((m) => m.to === phoneOf('bakyt'))?.body).toBe(
      `Суроо ${code} жабылды: адам билдирүүлөрдөн баш тартты.`,
    );
    expect(late).toEqual([{ body: `Суроо ${code} жабык.` }]);
  });

  it('answers a volunteer whose languages start with ru in Russian, whatever the case’s language', async () => {
    const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');

    const taken = await text(phoneOf('aida'), `TAKE ${code}`);
    const closed = await text(phoneOf('aida'), `CLOSE ${code}`);

    expect(taken.find((m) => !m.to)?.body).toBe(
      `Запрос ${code} ваш (KY). Ответ: R ${code} текст. Закрыть: CLOSE ${code}`,
    );
    expect(closed).toContainEqual({ body: `Запрос ${code} закрыт. Спасибо!` });
  });
});

describe('nobody takes the case (the chase, run by the scheduled tick)', () => {
  async function tickAt(now: string) {
    await setClock(hotline, now);
    const response = await fetch(`${hotline.url}/_local/tick`, { method: 'POST' });
    expect(response.status).toBe(200);
  }
  /** Texts about the case the chase sent: what the outbox got after the case opened and its first notices. */
  const seenAtOpen = new Map<string, number>();
  async function outboxFor(code: string): Promise<{ to: string; body: string }[]> {
    const all = (await (await fetch(`${hotline.url}/_local/outbox`)).json()) as {
      to: string;
      body: string;
    }[];
    const about = all.filter((m) => m.body.includes(code));
    if (!seenAtOpen.has(code)) seenAtOpen.set(code, about.length);
    return about.slice(seenAtOpen.get(code));
  }

  it('tells the volunteers on shift again after the wait, then the coordinators, once each', async () => {
    await setClock(hotline, '2026-11-25T11:00:00.000Z');
    try {
      const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
      await outboxFor(code); // the notices at opening

      await tickAt('2026-11-25T11:05:00.000Z'); // before the 10-minute wait: nothing
      const early = await outboxFor(code);
      await tickAt('2026-11-25T11:11:00.000Z');
      await tickAt('2026-11-25T11:11:30.000Z'); // a second run in the same minute sends nothing more
      const again = await outboxFor(code);
      await tickAt('2026-11-25T11:22:00.000Z');
      const coordinators = (await outboxFor(code)).slice(again.length);

      expect(early).toEqual([]);
      expect(again.map((m) => m.to).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
      expect(again[0]?.body).toContain(`TAKE ${code}`);
      // The reminder in each one's language: Aida (ru, ky) Russian, Bakyt (ky) Kyrgyz.
      expect(again.find((m) => m.to === phoneOf('aida'))?.body).toContain('ждёт 11 мин');
      expect(again.find((m) => m.to === phoneOf('bakyt'))?.body).toContain('11 мүн. күтүүдө');
      expect(coordinators).toEqual([
        // Nurlan (ky, ru) reads Kyrgyz.
        expect.objectContaining({ to: phoneOf('nurlan'), body: expect.stringContaining('Координаторго') }),
      ]);
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });

  it('stops chasing a case once someone takes it', async () => {
    await setClock(hotline, '2026-11-25T12:00:00.000Z');
    try {
      const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
      await text(phoneOf('aida'), `TAKE ${code}`);
      await outboxFor(code); // the notices at opening and the take

      await tickAt('2026-11-25T12:30:00.000Z');

      expect(await outboxFor(code)).toEqual([]);
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });

  it('tells the volunteers when their shift starts about a case opened while nobody was on', async () => {
    await setClock(hotline, SATURDAY_NOON);
    try {
      const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
      await outboxFor(code); // what opening sent (nobody is on shift: nothing)
      await tickAt('2026-11-29T20:00:00.000Z'); // Sunday evening: still nobody
      const sunday = await outboxFor(code);
      await tickAt('2026-11-30T08:01:00.000Z'); // Monday 09:01 Belgrade

      expect(sunday).toEqual([]);
      expect((await outboxFor(code)).map((m) => m.to).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });
});

describe('what a case does not do', () => {
  it('does not plan reminders for a date a caller writes to their volunteer', async () => {
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const relayed = await text(caller, 'КИРДИМ 12.11.2026');

    expect(relayed).toEqual([{ to: phoneOf('aida'), from: HOTLINE, body: `${code}: КИРДИМ 12.11.2026` }]);
    const items = await itemsOfCaller(hotline, caller);
    expect(items.filter((item) => String(item.sk).startsWith('REMINDER#'))).toEqual([]);
    expect(items.find((item) => item.sk === 'PROFILE')?.entryDate).toBeUndefined();
  });

  it('refuses an answer that is empty once control characters are removed', async () => {
    const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);

    const reply = await text(phoneOf('aida'), `R ${code} \u0001\u0002`);

    expect(reply).toHaveLength(1);
    expect(reply[0]?.to).toBeUndefined();
    expect(reply[0]?.body).toContain('Нет текста');
  });

  it('gives a case back to the volunteers when its volunteer is paused, and lets another take it', async () => {
    const rosterStore = new DynamoRosterStore(db(), hotline.tableName);
    const caller = uniquePhone('+996');
    const { code } = await openCaseFor(caller, 'ADAM');
    await text(phoneOf('aida'), `TAKE ${code}`);
    const aida = roster.find((v) => v.volunteerId === 'aida');
    if (!aida) throw new Error('no aida');
    await rosterStore.update({ ...aida, active: false });
    try {
      const held = await text(caller, 'алло?');
      const reopened = await new DynamoCaseStore(db(), hotline.tableName).get(code);
      const taken = await text(phoneOf('bakyt'), `TAKE ${code}`);

      expect(held).toHaveLength(1);
      expect(held[0]?.to).toBeUndefined(); // not relayed to a paused volunteer
      expect(reopened).toMatchObject({ status: 'open', notifyRound: 0 });
      expect(taken.find((m) => !m.to)?.body).toContain(`Суроо ${code} сизде`); // Bakyt reads Kyrgyz
      expect(taken).toContainEqual({ body: `${code}: алло?` });
    } finally {
      await rosterStore.update(aida);
    }
  });
});

describe('the case store', () => {
  it('lets exactly one of two writes based on the same read win', async () => {
    const store = new DynamoCaseStore(db(), hotline.tableName);
    const { code } = await openCaseFor(uniquePhone('+996'), 'ADAM');
    const read = await store.get(code);
    if (!read) throw new Error('no case');
    const now = new Date(WEDNESDAY_NOON);
    const takes = ['aida', 'bakyt'].map((id) => takeCase(read, id, now));

    const results = await Promise.allSettled(
      takes.map((take) => (take.kind === 'taken' ? store.save(take.next, read.version) : Promise.reject())),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(CaseChangedError);
  });
});
