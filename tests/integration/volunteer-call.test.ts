// The IVR's "talk to a person" against DynamoDB Local, through signed webhooks: every volunteer on shift
// rung at once with the hotline's number shown, a whisper to accept, voicemail when nobody does, its link
// by SMS, and a volunteer's dialback by case code.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoRosterStore } from '../../shared/adapters/dynamodb/roster-store.js';
import { parseRoster, type Volunteer } from '../../shared/volunteers/volunteer.js';
import { postSigned, setClock, sid, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { type CallTurn, heardIds, toTurn, type Verb, VoiceCall } from '../support/voice-call.js';

const HOTLINE = '+381110000000';
const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z';
const SATURDAY_NOON = '2026-11-28T11:00:00.000Z';
const RECORDING =
  'https://api.twilio.com/2010-04-01/Accounts/ACtest/Recordings/RE0123456789abcdef0123456789abcdef';

let hotline: LocalHotline;
let roster: Volunteer[];
const cases = () => new DynamoCaseStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName);
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const PINS = { aida: '111111', bakyt: '222222' };

beforeAll(async () => {
  hotline = await startTestHotline();
  roster = parseRoster([
    {
      volunteerId: 'aida',
      name: 'Aida',
      phone: '+381600000201',
      // Takes Kyrgyz and Russian cases, reads the hotline's texts in Russian (the first language).
      languages: ['ru', 'ky'],
      pin: PINS.aida,
      shifts: [{ days: [...weekdays], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'bakyt',
      name: 'Bakyt',
      phone: '+381600000202',
      languages: ['ky'],
      pin: PINS.bakyt,
      shifts: [{ days: [...weekdays], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'olga',
      name: 'Olga',
      phone: '+381600000203',
      languages: ['ru'],
      shifts: [{ days: [...weekdays], from: '09:00', to: '18:00' }],
    },
    {
      volunteerId: 'nurlan',
      name: 'Nurlan',
      phone: '+381600000204',
      languages: ['ky', 'ru'],
      coordinator: true,
    },
  ]);
  await new DynamoRosterStore(createDocumentClient(inject('dynamoEndpoint')), hotline.tableName).importRoster(
    roster,
    {
      replace: true,
    },
  );
  await setClock(hotline, WEDNESDAY_NOON);
});

afterAll(async () => {
  await setClock(hotline, null);
  await hotline.stop();
});

const phoneOf = (id: string) => roster.find((v) => v.volunteerId === id)?.phone ?? '';

/** A caller dials in, picks Kyrgyz, presses 4. */
async function askForPerson(
  from = uniquePhone('+996'),
): Promise<{ call: VoiceCall; turn: CallTurn; code: string }> {
  const call = new VoiceCall(hotline, from);
  await call.start();
  await call.press('1');
  const turn = await call.press('4');
  const code = /case=([1-9]\d{5})/.exec(turn.reply.xml)?.[1] ?? '';
  expect(code).not.toBe('');
  return { call, turn, code };
}

/** A request on a volunteer's leg or a follow-up of the call, posted as Twilio would. */
async function post(path: string, params: Record<string, string>): Promise<CallTurn> {
  const reply = await postSigned(hotline, path, { AccountSid: 'ACtest', CallSid: sid('CA'), ...params });
  expect(reply.status).toBe(200);
  return toTurn(reply);
}

const verb = (turn: CallTurn, name: string): Verb | undefined => turn.verbs.find((v) => v.name === name);
const pathOf = (url: string) => url.slice(hotline.publicBaseUrl.length);

async function outbox(): Promise<{ to: string; body: string }[]> {
  return (await (await fetch(`${hotline.url}/_local/outbox`)).json()) as { to: string; body: string }[];
}

describe('talking to a person by phone', () => {
  it('rings every on-shift volunteer with the caller’s language at once, showing the hotline’s number', async () => {
    const caller = uniquePhone('+996');
    const { turn, code } = await askForPerson(caller);

    expect(heardIds(turn)[0]).toBe('volunteer_connecting');
    const dial = verb(turn, 'Dial');
    expect(dial?.attributes).toMatchObject({ callerId: HOTLINE, timeout: '25', method: 'POST' });
    expect(pathOf(dial?.attributes.action ?? '')).toBe(`/voice/dial-done?case=${code}&lang=ky`);
    const numbers = dial?.children.filter((c) => c.name === 'Number') ?? [];
    // Kyrgyz on a Wednesday noon: Aida and Bakyt, not Olga (Russian only), not the off-shift coordinator.
    expect(numbers.map((n) => n.text).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
    for (const number of numbers)
      expect(pathOf(number.attributes.url ?? '')).toBe(`/voice/whisper?case=${code}&lang=ky`);
    expect(turn.reply.xml).not.toContain(caller);
  });

  it('whispers the case to whoever picks up; 1 takes the case and connects, the call ends with goodbye', async () => {
    const { code } = await askForPerson();

    const whisper = await post(`/voice/whisper?case=${code}&lang=ky`, { From: HOTLINE, To: phoneOf('aida') });
    const accepted = await post(`/voice/whisper-accept?case=${code}&lang=ky`, {
      From: HOTLINE,
      To: phoneOf('aida'),
      Digits: '1',
    });
    const ended = await post(`/voice/dial-done?case=${code}&lang=ky`, {
      From: uniquePhone(),
      To: HOTLINE,
      DialCallStatus: 'completed',
    });

    const gather = verb(whisper, 'Gather');
    expect(gather?.attributes).toMatchObject({ numDigits: '1' });
    expect(gather?.children[0]?.text).toContain(code.split('').join(' '));
    expect(gather?.children[0]?.text).toContain('кыргызский');
    expect(accepted.verbs.map((v) => v.name)).toEqual(['Say']); // no Hangup: Twilio bridges the call
    expect(ended.verbs.map((v) => v.name)).toEqual(['Play', 'Hangup']);
    expect(heardIds(ended)).toEqual(['goodbye']);
    const stored = await cases().get(code);
    expect(stored).toMatchObject({ status: 'taken', volunteerId: 'aida' });
    expect(stored?.events.map((e) => e.kind)).toEqual(['opened', 'call_offered', 'taken', 'call_connected']);
  });

  it('turns away a second volunteer who accepts a case someone else took', async () => {
    const { code } = await askForPerson();
    await post(`/voice/whisper-accept?case=${code}&lang=ky`, {
      From: HOTLINE,
      To: phoneOf('aida'),
      Digits: '1',
    });

    const late = await post(`/voice/whisper-accept?case=${code}&lang=ky`, {
      From: HOTLINE,
      To: phoneOf('bakyt'),
      Digits: '1',
    });

    expect(late.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect((await cases().get(code))?.volunteerId).toBe('aida');
  });

  it('connects exactly one of two volunteers who accept the same case at the same moment', async () => {
    const { code } = await askForPerson();
    const accept = (id: string) =>
      post(`/voice/whisper-accept?case=${code}&lang=ky`, { From: HOTLINE, To: phoneOf(id), Digits: '1' });

    const answers = await Promise.all([accept('aida'), accept('bakyt')]);

    const shapes = answers.map((turn) => turn.verbs.map((v) => v.name).join(',')).sort();
    expect(shapes).toEqual(['Say', 'Say,Hangup']);
    const stored = await cases().get(code);
    expect(stored?.events.filter((e) => e.kind === 'taken')).toHaveLength(1);
  });

  it('texts a volunteer who takes a case by phone what the caller wrote before', async () => {
    const caller = uniquePhone('+996');
    const sms = (body: string) =>
      postSigned(hotline, '/sms', {
        MessageSid: sid('SM'),
        AccountSid: 'ACtest',
        From: caller,
        To: HOTLINE,
        Body: body,
      });
    await sms('1');
    const opened = await sms('ADAM паспортумду алып коюшту');
    const code = /\b([1-9]\d{5})\b/.exec(opened.xml)?.[1] ?? '';
    const before = (await outbox()).length;

    await post(`/voice/whisper-accept?case=${code}&lang=ky`, {
      From: HOTLINE,
      To: phoneOf('bakyt'),
      Digits: '1',
    });

    expect((await outbox()).slice(before)).toEqual([
      expect.objectContaining({ to: phoneOf('bakyt'), body: `${code}: ADAM паспортумду алып коюшту` }),
    ]);
  });

  it('offers voicemail when nobody accepts, and texts its link with the case code to the volunteers on shift once', async () => {
    const { code, call } = await askForPerson();
    const declined = await post(`/voice/whisper-accept?case=${code}&lang=ky`, {
      From: HOTLINE,
      To: phoneOf('aida'),
      Digits: '',
    });

    const offered = await post(`/voice/dial-done?case=${code}&lang=ky`, {
      From: call.from,
      To: HOTLINE,
      DialCallStatus: 'no-answer',
    });
    const before = (await outbox()).length;
    const voicemail = {
      CallSid: call.callSid,
      From: call.from,
      To: HOTLINE,
      RecordingUrl: RECORDING,
      RecordingDuration: '42',
    };
    const saved = await post(`/voice/voicemail?case=${code}&lang=ky`, voicemail);
    const again = await post(`/voice/voicemail?case=${code}&lang=ky`, voicemail);
    const sent = (await outbox()).slice(before);

    expect(declined.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    const record = verb(offered, 'Record');
    expect(record?.attributes).toMatchObject({ maxLength: '120', playBeep: 'true', finishOnKey: '#' });
    expect(pathOf(record?.attributes.action ?? '')).toBe(`/voice/voicemail?case=${code}&lang=ky`);
    expect(heardIds(offered)[0]).toBe('voicemail_invite');
    expect(heardIds(saved)).toEqual(['voicemail_saved']);
    expect(again.reply.xml).toBe(saved.reply.xml);
    expect(sent.map((m) => m.to).sort()).toEqual([phoneOf('aida'), phoneOf('bakyt')]);
    for (const m of sent) {
      expect(m.body).toContain(`${RECORDING}.mp3`);
      expect(m.body).toContain(code);
      expect(m.body).not.toContain(call.from);
    }
    // Each in the language they read: Aida (ru, ky) Russian, Bakyt (ky) Kyrgyz.
    expect(sent.find((m) => m.to === phoneOf('aida'))?.body).toBe(
      `Голосовое по запросу ${code} (KY, 42 с): ${RECORDING}.mp3 Взять: TAKE ${code}`,
    );
    expect(sent.find((m) => m.to === phoneOf('bakyt'))?.body).toBe(
      `Үн кат, суроо ${code} (KY, 42 сек): ${RECORDING}.mp3 Алуу: TAKE ${code}`,
    );
  });

  it('goes straight to voicemail when nobody is on shift, and sends the link to the coordinators', async () => {
    await setClock(hotline, SATURDAY_NOON);
    try {
      const { turn, code, call } = await askForPerson();
      const before = (await outbox()).length;

      await post(`/voice/voicemail?case=${code}&lang=ky`, {
        CallSid: call.callSid,
        From: call.from,
        To: HOTLINE,
        RecordingUrl: RECORDING,
        RecordingDuration: '10',
      });

      expect(verb(turn, 'Dial')).toBeUndefined();
      expect(verb(turn, 'Record')).toBeDefined();
      const sent = (await outbox()).slice(before);
      expect(sent.map((m) => m.to)).toEqual([phoneOf('nurlan')]);
      expect(sent[0]?.body).toMatch(/^Үн кат, суроо/); // Nurlan (ky, ru) reads Kyrgyz
    } finally {
      await setClock(hotline, WEDNESDAY_NOON);
    }
  });

  it('answers a retried transfer step the same, with one case and no second ringing round', async () => {
    for (const from of ['+266696687', uniquePhone('+996')]) {
      const { call, turn, code } = await askForPerson(from);

      const again = await call.replay();

      expect(again.xml).toBe(turn.reply.xml);
      const stored = await cases().get(code);
      expect(stored?.events.filter((e) => e.kind === 'call_offered')).toHaveLength(1);
    }
  });

  it('rings a withheld caller through too, with a case that has no number to call back', async () => {
    const { turn, code } = await askForPerson('+266696687');

    expect(verb(turn, 'Dial')).toBeDefined();
    const stored = await cases().get(code);
    expect(stored).toMatchObject({ status: 'open', mayText: false });
    expect(stored?.callerPhone).toBeUndefined();
  });
});

describe('voicemail recordings', () => {
  const recordingSid = () => `RE${sid('CA').slice(2)}`;
  const deleted = async () =>
    (
      (await (await fetch(`${hotline.url}/_local/twilio/recordings/deleted`)).json()) as {
        recordingSid: string;
      }[]
    ).map((r) => r.recordingSid);
  const sms = (from: string, body: string) =>
    postSigned(hotline, '/sms', {
      MessageSid: sid('SM'),
      AccountSid: 'ACtest',
      From: from,
      To: HOTLINE,
      Body: body,
    });

  async function leaveVoicemail(caller: string): Promise<{ code: string; recording: string }> {
    const { code, call } = await askForPerson(caller);
    const recording = recordingSid();
    await post(`/voice/voicemail?case=${code}&lang=ky`, {
      CallSid: call.callSid,
      From: caller,
      To: HOTLINE,
      RecordingUrl: `${RECORDING}x`,
      RecordingSid: recording,
      RecordingDuration: '12',
    });
    return { code, recording };
  }

  it('deletes the case’s recording from Twilio when a volunteer closes the case', async () => {
    const { code, recording } = await leaveVoicemail(uniquePhone('+996'));
    expect(await deleted()).not.toContain(recording);

    await sms(phoneOf('aida'), `TAKE ${code} ${PINS.aida}`);
    await sms(phoneOf('aida'), `CLOSE ${code}`);

    expect(await deleted()).toContain(recording);
    expect((await cases().get(code))?.recordingSids).toEqual([]);
  });

  it('deletes the recording from Twilio when the caller erases their data', async () => {
    const caller = uniquePhone('+996');
    const { recording } = await leaveVoicemail(caller);

    await sms(caller, 'ӨЧҮР');
    await sms(caller, 'ООБА');

    expect(await deleted()).toContain(recording);
  });
});

describe('dialback: a volunteer calls the caller through the hotline', () => {
  it('asks a volunteer calling in for their PIN, then a case code, and connects them with the hotline’s number', async () => {
    const caller = uniquePhone('+996');
    const { code } = await askForPerson(caller);
    const from = { CallSid: sid('CA'), From: phoneOf('bakyt'), To: HOTLINE };

    const askedPin = await post('/voice', from);
    const askedCode = await post('/voice/dialback-pin?a=0', { ...from, Digits: PINS.bakyt });
    const connected = await post('/voice/dialback?a=0&pin=ok', { ...from, Digits: code });

    const pinGather = verb(askedPin, 'Gather');
    expect(pinGather?.attributes).toMatchObject({ numDigits: '6' });
    expect(pathOf(pinGather?.attributes.action ?? '')).toBe('/voice/dialback-pin?a=0');
    const codeGather = verb(askedCode, 'Gather');
    expect(codeGather?.attributes).toMatchObject({ numDigits: '6' });
    expect(pathOf(codeGather?.attributes.action ?? '')).toBe('/voice/dialback?a=0&pin=ok');
    const dial = verb(connected, 'Dial');
    expect(dial?.attributes.callerId).toBe(HOTLINE);
    expect(dial?.children.map((c) => c.text)).toEqual([caller]);
    expect(connected.reply.xml).not.toContain(phoneOf('bakyt'));
    const stored = await cases().get(code);
    expect(stored).toMatchObject({ status: 'taken', volunteerId: 'bakyt' });
    expect(stored?.events.at(-1)?.kind).toBe('dialback');
  });

  it('asks again after a wrong PIN and ends after the third, never reaching the code', async () => {
    const from = { CallSid: sid('CA'), From: phoneOf('aida'), To: HOTLINE };

    const first = await post('/voice/dialback-pin?a=0', { ...from, Digits: PINS.bakyt });
    const third = await post('/voice/dialback-pin?a=2', { ...from, Digits: '000000' });

    expect(pathOf(verb(first, 'Gather')?.attributes.action ?? '')).toBe('/voice/dialback-pin?a=1');
    expect(verb(third, 'Gather')).toBeUndefined();
    expect(third.verbs.at(-1)?.name).toBe('Hangup');
  });

  it('refuses dialback to a volunteer without a PIN, and a code step reached without the PIN', async () => {
    const { code } = await askForPerson();

    const noPin = await post('/voice', { From: phoneOf('olga'), To: HOTLINE });
    const skipped = await post('/voice/dialback?a=0', { From: phoneOf('aida'), To: HOTLINE, Digits: code });

    expect(noPin.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(noPin.verbs[0]?.text).toContain('PIN');
    expect(skipped.verbs.map((v) => v.name)).toEqual(['Hangup']);
    expect((await cases().get(code))?.status).toBe('open');
  });

  it('asks again after a wrong code, and ends after the third', async () => {
    const from = { CallSid: sid('CA'), From: phoneOf('aida'), To: HOTLINE };

    const first = await post('/voice/dialback?a=0&pin=ok', { ...from, Digits: '99999' });
    const third = await post('/voice/dialback?a=2&pin=ok', { ...from, Digits: '123' });

    expect(pathOf(verb(first, 'Gather')?.attributes.action ?? '')).toBe('/voice/dialback?a=1&pin=ok');
    expect(verb(third, 'Gather')).toBeUndefined();
    expect(third.verbs.at(-1)?.name).toBe('Hangup');
  });

  it('will not call back a case whose caller hid their number', async () => {
    const { code } = await askForPerson('+266696687');

    const refused = await post('/voice/dialback?a=0&pin=ok', {
      From: phoneOf('aida'),
      To: HOTLINE,
      Digits: code,
    });

    expect(verb(refused, 'Dial')).toBeUndefined();
    expect(verb(refused, 'Gather')?.children[0]?.text).toContain('скрытого номера');
  });

  it('does not treat an unknown number calling /voice/dialback as a volunteer', async () => {
    const { code } = await askForPerson();

    const refused = await post('/voice/dialback?a=0&pin=ok', {
      From: uniquePhone('+381'),
      To: HOTLINE,
      Digits: code,
    });

    expect(refused.verbs.map((v) => v.name)).toEqual(['Hangup']);
  });
});

describe('a volunteer’s PIN, across calls and texts', () => {
  const sms = async (from: string, body: string) => {
    const reply = await postSigned(hotline, '/sms', {
      MessageSid: sid('SM'),
      AccountSid: 'ACtest',
      From: from,
      To: HOTLINE,
      Body: body,
    });
    const response = (reply.twiml.Response as Record<string, unknown>[] | undefined)?.[0];
    return ((response?.Message as unknown[] | undefined) ?? []).map((m) =>
      typeof m === 'string' ? m : String((m as Record<string, unknown>)['#text'] ?? ''),
    );
  };
  const pinCall = (digits: string) =>
    post('/voice/dialback-pin?a=0', {
      CallSid: sid('CA'),
      From: phoneOf('bakyt'),
      To: HOTLINE,
      Digits: digits,
    });

  it('takes a case by text only with the volunteer’s PIN after the code', async () => {
    const { code } = await askForPerson(uniquePhone('+996'));

    expect((await sms(phoneOf('aida'), `TAKE ${code}`)).join(' ')).toContain(`TAKE ${code} PIN`);
    expect((await sms(phoneOf('aida'), `TAKE ${code} 999999`)).join(' ')).toContain('PIN не подходит');
    expect((await cases().get(code))?.status).toBe('open');
    await sms(phoneOf('aida'), `TAKE ${code} ${PINS.aida}`);
    expect((await cases().get(code))?.volunteerId).toBe('aida');
  });

  it('locks after five wrong PINs over several calls, refuses even the right one, tells the coordinator, then opens', async () => {
    await setClock(hotline, '2026-11-25T13:00:00.000Z');
    // What earlier tests queued has left: only this test's notices count.
    await hotline.settled();
    const before = hotline.outbox.list().length;
    const turns = [];
    for (let i = 0; i < 5; i++) turns.push(await pinCall('000000'));
    const right = await pinCall(PINS.bakyt);

    expect(turns.slice(0, 4).every((turn) => verb(turn, 'Gather') !== undefined)).toBe(true);
    expect(turns[4]?.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(verb(right, 'Gather')).toBeUndefined();
    expect(right.verbs[0]?.text).toContain('заблокирован');
    const notices = hotline.outbox.list().slice(before);
    expect(notices.map((m) => m.to)).toEqual([phoneOf('nurlan')]);
    expect(notices[0]?.body).toContain('Bakyt');

    await setClock(hotline, '2026-11-25T13:16:00.000Z');
    const opened = await pinCall(PINS.bakyt);
    expect(pathOf(verb(opened, 'Gather')?.attributes.action ?? '')).toBe('/voice/dialback?a=0&pin=ok');
    await setClock(hotline, WEDNESDAY_NOON);
  });
});
