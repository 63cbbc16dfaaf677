// The limits with the deployment's defaults, through the local runtime: floods by text and by call, SMS
// pumping and foreign numbers cost almost nothing, and an honest caller notices no difference.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SegmentedMessage } from 'sms-segments-calculator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { runAdmin } from '../../scripts/admin-cli.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { DEFAULT_LIMITS } from '../../shared/limits/settings.js';
import { ru } from '../../shared/messages/ru.js';
import { SMS_APOLOGY } from '../../shared/messages/system.js';
import { callerIdFor } from '../../shared/privacy.js';
import { parseRoster } from '../../shared/volunteers/volunteer.js';
import {
  itemsOfCaller,
  messageBodies,
  postSigned,
  setClock,
  smsParams,
  startTestHotline,
  TEST_HASH_KEY,
  uniquePhone,
} from '../support/local-hotline.js';
import { type CallTurn, VoiceCall } from '../support/voice-call.js';

/** Wednesday 25 November 2026, 12:00 in Belgrade (11:00 UTC): Aida is on shift. */
const NOON = Date.parse('2026-11-25T11:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(NOON + minutes * 60_000 + seconds * 1000).toISOString();
const AIDA = '+381600000301';
const NURLAN = '+381600000302';

let hotline: LocalHotline;
const db = () => createDocumentClient(inject('dynamoEndpoint'));

beforeAll(async () => {
  // The deployment's defaults, but for the day's ceiling: a coordinator's day of testing passes $50 of
  // estimated texts. tests/integration/spend-ceiling.test.ts runs with the ceiling.
  hotline = await startTestHotline({ DAILY_SPEND_CEILING_USD: '100000' });
  const roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: AIDA,
      languages: ['ru', 'ky'],
      shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
    { volunteerId: 'nurlan', name: 'Nurlan', phone: NURLAN, languages: ['ky', 'ru'], coordinator: true },
  ]);
  await new DynamoRosterStore(db(), hotline.tableName).importRoster(roster, { replace: true });
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

async function text(from: string, body: string, when?: string) {
  if (when) await setClock(hotline, when);
  const reply = await postSigned(hotline, '/sms', smsParams(from, body));
  expect(reply.status).toBe(200);
  return reply;
}

const replies = async (from: string, body: string, when?: string) =>
  messageBodies(await text(from, body, when));

async function tick(when: string) {
  await setClock(hotline, when);
  const response = await fetch(`${hotline.url}/_local/tick`, { method: 'POST' });
  expect(response.status).toBe(200);
}

const outboxTo = (number: string) => hotline.outbox.list().filter((m) => m.to === number);

describe('an honest caller', () => {
  it('gets every answer of an ordinary conversation under the default limits', async () => {
    const phone = uniquePhone('+996');
    const script = ['помощь', '2', '1', '2', '3', '4', '5', 'въезд 12.11.2026', '6', '0'];
    const answered: string[][] = [];
    for (const [index, body] of script.entries()) answered.push(await replies(phone, body, at(0, index * 5)));

    expect(answered.every((bodies) => bodies.length > 0)).toBe(true);
    expect(answered.flat()).not.toContain(ru.limit_notice);
  });
});

describe('a flood of texts from one number', () => {
  it('answers a script texting once a second with the welcome alone, blocks it for an hour, then answers again', async () => {
    const phone = uniquePhone('+381');
    const bodies: string[] = [];
    for (let i = 0; i < 60; i++) bodies.push(...(await replies(phone, `zzqx ${i}`, at(10, i))));

    // The first text is a new caller's (the welcome); every later one came a second after the one before,
    // faster than anyone reads an answer: no "not understood" at all, then the flood block.
    expect(bodies).toHaveLength(1);
    const blocks = await blockEntries();
    expect(blocks.some((b) => b.sk === callerIdFor(phone, TEST_HASH_KEY) && b.automatic === true)).toBe(true);
    // The automatic block keeps no number.
    expect(JSON.stringify(blocks)).not.toContain(phone.slice(1));

    expect(await replies(phone, 'меню', at(11))).toEqual([]);
    expect((await replies(phone, 'меню', at(10 + DEFAULT_LIMITS.floodBlockMinutes + 1))).length).toBe(1);
  });

  it('answers a person who is not understood at a person’s pace: the welcome, then "not understood" once an hour', async () => {
    const phone = uniquePhone('+381');
    const answered: string[][] = [];
    for (let i = 0; i < 4; i++) answered.push(await replies(phone, `ыыы qq ${i}`, at(100, i * 30)));
    // The next clock hour answers once more.
    answered.push(await replies(phone, 'ыыы qq 5', at(160, 30)));
    answered.push(await replies(phone, 'ыыы qq 6', at(161, 30)));

    expect(DEFAULT_LIMITS.unknownRepliesPerHour).toBe(1);
    expect(answered.map((bodies) => bodies.length)).toEqual([1, 1, 0, 0, 1, 0]);
    expect(answered[1]).toEqual([ru.unknown]);
    expect(answered[4]).toEqual([ru.unknown]);
  });

  it('answers a slow stream of texts nobody understands with the welcome and one "not understood", never the hour’s notice', async () => {
    const phone = uniquePhone('+381');
    const answered: string[] = [];
    // More than the hour's reply budget, spread over 55 minutes of one clock hour: each slower than the gap.
    const count = DEFAULT_LIMITS.callerRepliesPerHour + 5;
    for (let i = 0; i < count; i++) {
      answered.push(...(await replies(phone, `zzq ${i} ыфв`, at(420, Math.floor((i * 3300) / count)))));
    }
    expect(answered).toHaveLength(2);
    expect(answered[1]).toBe(ru.unknown);
    expect(answered.some((body) => body.includes('192') && body !== ru.unknown && body !== answered[0])).toBe(
      false,
    );
  });

  it('leaves a text not understood unanswered when it follows the last one within seconds, and answers the next', async () => {
    const phone = uniquePhone('+381');
    const gap = DEFAULT_LIMITS.unknownReplyGapSeconds;
    expect((await replies(phone, 'ыыы qq', at(110))).length).toBe(1);
    // Sent before the welcome could be read: no answer, and not the hour's one.
    expect(await replies(phone, 'ыыы qq 2', at(110, gap - 7))).toEqual([]);
    expect(await replies(phone, 'ыыы qq 3', at(110, gap - 4))).toEqual([]);
    expect(await replies(phone, 'ыыы qq 4', at(110, 2 * gap + 20))).toEqual([ru.unknown]);
    // A keyword is answered however soon it comes.
    expect((await replies(phone, '5', at(110, 3 * gap + 61))).length).toBe(1);
  });

  it('still stops a flooding number that texts STOP, silently', async () => {
    const phone = uniquePhone('+381');
    for (let i = 0; i < 12; i++) await text(phone, `abc ${i}`, at(200, i));
    expect(await replies(phone, 'STOP', at(200, 30))).toEqual([]);
    const profile = (await itemsOfCaller(hotline, phone)).find((item) => item.sk === 'PROFILE');
    expect(profile?.optedOut).toBe(true);
  });

  it('gives the one notice past the hour’s replies, then silence, while STOP still answers', async () => {
    const phone = uniquePhone('+996');
    const answered: string[][] = [];
    // Spread out so that it is no flood: nine a minute.
    for (let i = 0; i < DEFAULT_LIMITS.callerRepliesPerHour + 5; i++) {
      answered.push(await replies(phone, i % 2 ? '1' : '2', at(300 + Math.floor(i / 9), (i % 9) * 6)));
    }
    const flat = answered.map((bodies) => bodies.join('\n'));
    expect(flat.slice(0, DEFAULT_LIMITS.callerRepliesPerHour).every((body) => body.length > 0)).toBe(true);
    expect(flat.filter((body) => body.includes('полиция 192') && body.length < 80)).toHaveLength(1);
    expect(flat.slice(DEFAULT_LIMITS.callerRepliesPerHour + 1)).toEqual(['', '', '', '']);
    expect((await replies(phone, 'STOP', at(306))).length).toBe(1);
  });

  it('answers forty texts sent at once from one phone without a single apology', async () => {
    const phone = uniquePhone('+996');
    await setClock(hotline, at(400));
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postSigned(hotline, '/sms', smsParams(phone, `${i % 5}`))),
    );
    expect(all.every((reply) => reply.status === 200)).toBe(true);
    expect(all.flatMap(messageBodies)).not.toContain(SMS_APOLOGY);
  });
});

describe('texts only where the hotline serves', () => {
  it('answers nothing by SMS to a number outside the allowed countries', async () => {
    expect(await replies('+12025550123', 'помощь', at(500))).toEqual([]);
    expect(await replies('+447700900123', '5', at(500))).toEqual([]);
  });

  it('answers a WhatsApp caller on a Russian number (no SMS route to pump)', async () => {
    expect((await replies(`whatsapp:${uniquePhone('+7')}`, 'помощь', at(501))).length).toBe(1);
  });
});

describe('the block list', () => {
  const io = () => {
    const lines: string[] = [];
    return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
  };
  const admin = async (...argv: string[]) => {
    const { lines, io: sink } = io();
    const code = await runAdmin(argv, sink, {
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      TABLE_NAME: hotline.tableName,
      CALLER_HASH_KEY: TEST_HASH_KEY,
    });
    return { code, out: lines.join('\n') };
  };

  it('silences a number a coordinator blocks, stores nothing for it, rejects its calls, and lets it back', async () => {
    const phone = uniquePhone('+381');
    expect((await replies(phone, 'помощь', at(600))).length).toBe(1);
    const before = (await itemsOfCaller(hotline, phone)).length;

    const added = await admin('blocklist', 'add', phone, '--reason', 'threats to volunteers');
    expect(added.code).toBe(0);
    expect(added.out).not.toContain(phone);
    const listed = await admin('blocklist', 'list');
    expect(listed.out).toContain('threats to volunteers');
    expect(listed.out).not.toContain(phone);

    expect(await replies(phone, '5', at(601))).toEqual([]);
    expect((await itemsOfCaller(hotline, phone)).length).toBe(before);
    const call = new VoiceCall(hotline, phone);
    const turn = await call.start();
    expect(turn.verbs.map((v) => v.name)).toEqual(['Reject']);

    expect((await admin('blocklist', 'remove', phone)).code).toBe(0);
    expect((await replies(phone, '5', at(602))).length).toBe(1);
    expect((await admin('blocklist', 'remove', phone)).code).toBe(1);
  });

  it('refuses a number that is not in E.164 form', async () => {
    const refused = await admin('blocklist', 'add', '0641234567');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('E.164');
  });
});

describe('a flood inside a case', () => {
  it('reaches the volunteer as one relay and one combined text, not sixty', async () => {
    const caller = `whatsapp:${uniquePhone('+996')}`;
    await replies(caller, 'оператор', at(700));
    const code = (await replies(caller, 'мне нужна помощь', at(700, 5)))
      .join(' ')
      .match(/\b[1-9]\d{5}\b/)?.[0];
    const opened =
      code ??
      hotline.outbox
        .list()
        .at(-1)
        ?.body.match(/\b[1-9]\d{5}\b/)?.[0];
    expect(opened).toBeDefined();
    const taken = await postSigned(hotline, '/sms', smsParams(AIDA, `TAKE ${opened}`));
    expect(taken.status).toBe(200);

    const relays: string[] = [];
    for (let i = 0; i < 60; i++) {
      const reply = await text(caller, `сообщение ${i}`, at(701, i));
      relays.push(...messageBodies(reply));
    }
    await tick(at(703));
    const combined = outboxTo(AIDA).filter((m) => m.body.startsWith(`${opened} (`));
    expect(relays.length + combined.length).toBeLessThanOrEqual(2);
    expect(combined).toHaveLength(1);
  });
});

describe('calls', () => {
  async function askForPerson(from: string) {
    const call = new VoiceCall(hotline, from);
    await call.start();
    await call.press('2');
    return call.press('4');
  }

  it('opens at most the hour’s cases for withheld calls; the rest share one voicemail case', async () => {
    await setClock(hotline, at(800));
    const turns: CallTurn[] = [];
    for (let i = 0; i < 12; i++) turns.push(await askForPerson('+266696687'));
    const dialled = turns.filter((turn) => turn.verbs.some((v) => v.name === 'Dial'));
    expect(dialled.length).toBeLessThanOrEqual(DEFAULT_LIMITS.withheldCasesPerHour);
    const caseOf = (turn: CallTurn) => {
      const verb = turn.verbs.find((v) => v.name === 'Record' || v.name === 'Dial');
      const action = verb?.attributes.action ?? '';
      return action ? new URL(action).searchParams.get('case') : null;
    };
    // Nobody is on shift after midnight: the hour's own cases each take a voicemail, then one shared case.
    const codes = turns.map(caseOf);
    expect(new Set(codes.slice(0, DEFAULT_LIMITS.withheldCasesPerHour)).size).toBe(
      DEFAULT_LIMITS.withheldCasesPerHour,
    );
    expect(new Set(codes.slice(DEFAULT_LIMITS.withheldCasesPerHour)).size).toBe(1);
    expect(codes.every((code) => code !== null)).toBe(true);
    const open = await openCases();
    expect(open.length).toBeLessThanOrEqual(DEFAULT_LIMITS.withheldCasesPerHour + 1 + 1);
  });

  it('sends the IVR’s SMS to a number once a day, however often it is asked', async () => {
    const phone = uniquePhone('+996');
    await setClock(hotline, at(900));
    // Each call proves the number with the code texted to it (the Russian chosen in the first call).
    const [codeStart = ''] = ru.call_code.split('{code}');
    const codes = () => outboxTo(phone).filter((message) => message.body.startsWith(codeStart)).length;
    const summaries = () => outboxTo(phone).length - codes();
    for (let i = 0; i < DEFAULT_LIMITS.ivrCodesPerDay; i++) {
      const call = new VoiceCall(hotline, phone);
      await call.start();
      await call.keys(...(i === 0 ? ['2'] : []), '3', '20112026', '1');
      await call.proveNumber();
      await call.press('1');
    }
    // The codes are a daily allowance of their own: one call more gets none.
    const more = new VoiceCall(hotline, phone);
    await more.start();
    await more.keys('3', '20112026', '1');

    expect(summaries()).toBe(DEFAULT_LIMITS.ivrSmsPerDay);
    expect(codes()).toBe(DEFAULT_LIMITS.ivrCodesPerDay);
  });

  /** A forged Serbian number that asks for its entry date to be set: the IVR texts it a code. */
  async function askForACode(when: string): Promise<string> {
    const phone = uniquePhone('+381');
    await setClock(hotline, when);
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('2', '3', '20112026', '1');
    return phone;
  }
  const codesTo = (phones: readonly string[]) =>
    hotline.outbox
      .list()
      .filter((m) => phones.includes(m.to) && m.body.startsWith(ru.call_code.split('{code}')[0] ?? ''));

  it('texts codes to forged numbers three times an hour at most, all numbers together: under $1 an hour', async () => {
    const hour = 1440 + 180; // Thursday, 14:00 UTC
    const phones: string[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.ivrSmsPerHour + 4; i++)
      phones.push(await askForACode(at(hour, i * 20)));

    expect(codesTo(phones)).toHaveLength(DEFAULT_LIMITS.ivrSmsPerHour);
    // An SNS part to a Serbian number costs $0.25 (bench/prices.json): an hour of forged ids, under $1.
    expect(codesTo(phones).length).toBeLessThanOrEqual(3);
    // The next hour has its own allowance.
    const next = await askForACode(at(hour + 60));
    expect(codesTo([next])).toHaveLength(1);
  });

  it('stops the IVR’s texts at the day’s total, however a flood spreads over the hours', async () => {
    const day = 3 * 1440; // Saturday, from 11:00 UTC
    const phones: string[] = [];
    const hours = Math.ceil(DEFAULT_LIMITS.ivrSmsTotalPerDay / DEFAULT_LIMITS.ivrSmsPerHour) + 1;
    expect(11 + hours).toBeLessThan(24);
    for (let h = 0; h < hours; h++) {
      for (let i = 0; i < DEFAULT_LIMITS.ivrSmsPerHour; i++)
        phones.push(await askForACode(at(day + h * 60, i * 60)));
    }

    expect(phones.length).toBeGreaterThan(DEFAULT_LIMITS.ivrSmsTotalPerDay);
    expect(codesTo(phones)).toHaveLength(DEFAULT_LIMITS.ivrSmsTotalPerDay);
  });

  it('tells the volunteers of a flood’s voicemails on the hour’s shared case in one short digest, then the coordinators', async () => {
    const start = 1440; // Thursday 12:00 in Belgrade: Aida is on shift.
    const sent = () =>
      hotline.outbox
        .list()
        .slice(before)
        .filter((m) => m.to === AIDA || m.to === NURLAN);
    const before = hotline.outbox.list().length;
    const voicemails = 6;
    const turns: CallTurn[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.withheldCasesPerHour + 1 + voicemails; i++) {
      await setClock(hotline, at(start, i * 5));
      const call = new VoiceCall(hotline, '+266696687');
      await call.start();
      await call.press('2');
      const turn = await call.press('4');
      turns.push(turn);
      const record = turn.verbs.find((v) => v.name === 'Record')?.attributes.action;
      if (!record) continue;
      // The shared case's first caller hangs up without a word, and the chase lets the case go ...
      if (i === DEFAULT_LIMITS.withheldCasesPerHour) {
        await tick(at(start, i * 5 + 1));
        continue;
      }
      // ... until a voicemail comes: each of the others leaves one.
      const recording = `RE${String(i).padStart(32, '0')}`;
      await postSigned(hotline, record.slice(hotline.publicBaseUrl.length), {
        CallSid: call.callSid,
        AccountSid: 'ACtest',
        From: '+266696687',
        To: '+381110000000',
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/${recording}`,
        RecordingSid: recording,
        RecordingDuration: '20',
      });
    }
    expect(turns.filter((turn) => turn.verbs.some((v) => v.name === 'Record'))).toHaveLength(voicemails + 1);
    for (let minute = 1; minute <= 45; minute++) await tick(at(start + minute));

    const texts = sent();
    // No link per voicemail: one digest to the volunteer on shift, a reminder with the count, the coordinators.
    expect(texts.some((m) => m.body.includes('api.twilio.com'))).toBe(false);
    expect(texts.filter((m) => m.to === AIDA).map((m) => m.body)).toEqual([
      expect.stringContaining(`голосовых: ${voicemails}.`),
      expect.stringContaining(`голосовых: ${voicemails}.`),
    ]);
    expect(texts.filter((m) => m.to === NURLAN)).toHaveLength(1);
    const parts = texts.reduce((sum, m) => sum + new SegmentedMessage(m.body).segmentsCount, 0);
    expect(parts).toBe(3);
  });
});

async function blockEntries(): Promise<Record<string, unknown>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: hotline.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'BLOCKLIST' },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function openCases(): Promise<Record<string, unknown>[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: hotline.tableName,
      IndexName: 'due',
      KeyConditionExpression: 'duePk = :pk',
      ExpressionAttributeValues: { ':pk': 'CASES#OPEN' },
    }),
  );
  return result.Items ?? [];
}
