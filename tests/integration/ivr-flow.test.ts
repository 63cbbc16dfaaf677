import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHotline } from '../../local/hotline.js';
import { ky } from '../../shared/messages/ky.js';
import { ru } from '../../shared/messages/ru.js';
import { setClock, startTestHotline, uniquePhone } from '../support/local-hotline.js';
import { type CallTurn, codeIn, heardIds, type Verb, VoiceCall } from '../support/voice-call.js';

let hotline: LocalHotline;

beforeAll(async () => {
  hotline = await startTestHotline();
  await setClock(hotline, '2026-04-01T10:00:00Z');
});

afterAll(async () => {
  await hotline.stop();
});

async function outboxTo(phone: string): Promise<{ to: string; body: string }[]> {
  const outbox = (await (await fetch(`${hotline.url}/_local/outbox`)).json()) as {
    to: string;
    body: string;
  }[];
  return outbox.filter((message) => message.to === phone);
}

/** How each kind of keypad input is gathered: one key, a date ended by #, the six-digit code from the SMS. */
const GATHERED = {
  key: { timeout: '6', finishOnKey: '', numDigits: '1' },
  date: { timeout: '8', finishOnKey: '#', numDigits: undefined },
  code: { timeout: '10', finishOnKey: '#', numDigits: '6' },
} as const;

/** Asserts what every <Gather> of the hotline must carry, and returns where its keys go. */
function expectGather(turn: CallTurn, step: string, input: keyof typeof GATHERED = 'key'): URL {
  expect(turn.verbs.map((verb) => verb.name)).toEqual(['Gather']);
  const gather = turn.gather as Verb;
  const { numDigits, ...rest } = GATHERED[input];
  expect(gather.attributes).toMatchObject({
    input: 'dtmf',
    method: 'POST',
    actionOnEmptyResult: 'true',
    ...rest,
  });
  expect(gather.attributes.numDigits).toBe(numDigits);
  const action = new URL(gather.attributes.action ?? '');
  expect(`${action.origin}`).toBe(new URL(hotline.publicBaseUrl).origin);
  expect(action.pathname).toBe(`/voice/${step}`);
  expect(action.searchParams.get('t')).toMatch(/^\d+$/);
  expect(action.searchParams.get('a')).toMatch(/^[0-2]$/);
  return action;
}

/** Kyrgyz is only ever played from recordings; Russian only spoken by the named Polly voice. */
function expectSpokenIn(turn: CallTurn, language: 'ky' | 'ru') {
  const inner = turn.gather?.children ?? turn.verbs;
  const speech = inner.filter((verb) => verb.name === 'Play' || verb.name === 'Say');
  expect(speech.length).toBeGreaterThan(0);
  for (const verb of speech) {
    if (language === 'ky') {
      expect(verb.name).toBe('Play');
      expect(verb.text).toMatch(new RegExp(`^${hotline.publicBaseUrl}/prompts/ky/[\\w-]+\\.wav$`));
    } else {
      expect(verb.name).toBe('Say');
      expect(verb.attributes).toEqual({ language: 'ru-RU', voice: 'Polly.Tatyana' });
    }
  }
}

describe.each([
  { language: 'ky' as const, key: '1', texts: ky },
  { language: 'ru' as const, key: '2', texts: ru },
])('every branch of the call in $language, over signed HTTP', ({ language, key, texts }) => {
  it('chooses the language, then walks the menus, topics, repeat and back', async () => {
    const call = new VoiceCall(hotline, uniquePhone('+381'));

    const first = await call.start();
    expectGather(first, 'language');
    expect(heardIds(first)).toEqual(['language_menu', 'language_menu']);

    const welcome = await call.press(key);
    expect(expectGather(welcome, 'menu').searchParams.get('lang')).toBe(language);
    expect(heardIds(welcome)).toEqual(['greeting', 'main_menu']);
    expectSpokenIn(welcome, language);

    const topics = await call.press('1');
    expectGather(topics, 'topics');
    expect(heardIds(topics)).toEqual(['topics_menu']);
    const heardTopics: string[][] = [];
    for (const topic of ['1', '2', '3', '4', '5']) {
      const played = await call.press(topic);
      expect(expectGather(played, 'topic').searchParams.get('topic')).toBe(topic);
      expectSpokenIn(played, language);
      heardTopics.push(heardIds(played));
      expect(heardIds(await call.press('*'))).toEqual(['topics_menu']);
    }
    expect(heardTopics).toEqual([
      ['topic_registration', 'topic_options'],
      ['topic_visa_free', 'topic_options'],
      ['topic_residence', 'topic_options'],
      ['topic_work_rights', 'topic_options'],
      ['topic_emergency', 'topic_options'],
    ]);
    expect(heardIds(await call.press('0'))).toEqual(['topics_menu']);
    const back = await call.press('*');
    expectGather(back, 'menu');
    expect(heardIds(back)).toEqual(['main_menu']);
  });

  it('says no date is stored, sets the entry date by keypad, offers and sends the SMS summary', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.press(key);

    const none = await call.press('2');
    expectGather(none, 'deadlines');
    expect(heardIds(none)).toEqual(['deadlines_none', 'topic_options']);
    await call.press('*');

    const prompt = await call.press('3');
    expectGather(prompt, 'entry', 'date');
    expect(heardIds(prompt)).toEqual(['entry_date_prompt']);

    const wrong = await call.press('31022026');
    expectGather(wrong, 'entry', 'date');
    expect(heardIds(wrong)).toEqual(['entry_date_invalid']);

    const readBack = await call.press('12032026');
    expect(expectGather(readBack, 'confirm').searchParams.get('date')).toBe('2026-03-12');
    expectSpokenIn(readBack, language);
    expect(heardIds(readBack)[0]).toBe('entry_date_readback');
    expect(heardIds(readBack).at(-1)).toBe('entry_date_confirm');

    const again = await call.press('2');
    expectGather(again, 'entry', 'date');
    await call.press('12032026');

    // Confirmed: the deadline of the typed date is spoken; saving it waits for the code sent by SMS.
    const confirmed = await call.press('1');
    const verify = expectGather(confirmed, 'verify', 'code');
    expect(verify.searchParams.get('then')).toBe('save');
    expect(verify.searchParams.get('date')).toBe('2026-03-12');
    expectSpokenIn(confirmed, language);
    expect(heardIds(confirmed)).not.toContain('entry_date_saved');
    expect(heardIds(confirmed).at(-1)).toBe('verify_code_sent');
    const [code] = (await outboxTo(phone)).map((message) => codeIn(message.body));
    expect(code).toMatch(/^\d{6}$/);

    const saved = await call.proveNumber();
    expect(expectGather(saved, 'saved').searchParams.get('v')).toBe('1');
    expect(heardIds(saved)[0]).toBe('entry_date_saved');
    expect(heardIds(saved).at(-1)).toBe('sms_summary_offer');

    const sent = await call.press('1');
    expectGather(sent, 'menu');
    expect(heardIds(sent)).toEqual(['sms_sent', 'main_menu']);
    // 12 March + 89 days = 9 June; 1 April to 9 June, today included, is 70 days: what the SMS line says.
    expect((await outboxTo(phone)).map((message) => message.body)).toEqual([
      texts.call_code.replace('{code}', code ?? ''),
      texts.entry_saved.replace('{lastDay}', '09.06.2026').replace('{daysLeft}', '70'),
    ]);

    const deadline = await call.press('2');
    expectGather(deadline, 'deadlines');
    expectSpokenIn(deadline, language);
    expect(heardIds(deadline)).not.toContain('deadlines_none');
  });

  it('asks for a person with nobody on the roster: offers a voicemail in the call’s language', async () => {
    const phone = uniquePhone('+381');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.press(key);

    const person = await call.press('4');
    expect(heardIds(person)).toEqual(['voicemail_invite', 'goodbye']);
    expectSpokenIn(person, language);
    expect(person.reply.xml).toMatch(
      /<Record [^>]*action="[^"]*\/voice\/voicemail\?case=[1-9]\d{5}&amp;lang=/,
    );
    expect(await outboxTo(phone)).toEqual([]);
  });

  it('switches language with 9, and ends after three failures naming the SMS keyword', async () => {
    const call = new VoiceCall(hotline, uniquePhone('+381'));
    await call.start();
    await call.press(key);
    const other = language === 'ky' ? 'ru' : 'ky';

    const switched = await call.press('9');
    expect(expectGather(switched, 'menu').searchParams.get('lang')).toBe(other);
    expectSpokenIn(switched, other);
    const back = await call.press('9');
    expectSpokenIn(back, language);

    const [first, second, third] = await call.keys('7', '', '#');
    expect(heardIds(first as CallTurn)).toEqual(['invalid_key', 'main_menu']);
    expect(heardIds(second as CallTurn)).toEqual(['no_input', 'main_menu']);
    expect(third?.verbs.map((verb) => verb.name)).toEqual([language === 'ky' ? 'Play' : 'Say', 'Hangup']);
    expect(heardIds(third as CallTurn)).toEqual(['too_many_failures']);
    const spoken = third?.spoken[0] ?? '';
    if (language === 'ru') expect(spoken).toContain('ПОМОЩЬ');
    else expect(spoken).toMatch(/\/ky\/too_many_failures\.wav$/);
  });

  it('says goodbye and hangs up when the caller is silent after hearing a topic', async () => {
    const call = new VoiceCall(hotline, uniquePhone('+381'));
    await call.start();
    await call.keys(key, '1', '2');

    const end = await call.press('');

    expect(end.verbs.map((verb) => verb.name)).toEqual([language === 'ky' ? 'Play' : 'Say', 'Hangup']);
    expect(heardIds(end)).toEqual(['goodbye']);
  });
});

describe('audio a Kyrgyz call plays', () => {
  it('answers 200 with WAV audio at every URL of a full walk, fragments of spoken dates included', async () => {
    const phone = uniquePhone('+996');
    const call = new VoiceCall(hotline, phone);
    await call.start();
    await call.keys('1', '1', '1', '*', '2', '*', '3', '*', '4', '*', '5', '*', '*', '2', '*', '3');
    await call.keys('12032026', '1');
    // A wrong code first, so its prompt is played too; then the code from the SMS.
    const code = (await outboxTo(phone)).map((message) => codeIn(message.body)).at(-1) ?? '';
    await call.press(`${code.slice(0, 5)}${(Number(code.slice(5)) + 1) % 10}`);
    await call.proveNumber();
    await call.keys('*', '2', '7', '4');

    const urls = [...new Set(call.turns.flatMap((turn) => turn.spoken))]
      .filter((part) => part.startsWith('play:'))
      .map((part) => part.slice('play:'.length));
    const answers = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url);
        const head = Buffer.from(await response.arrayBuffer()).subarray(0, 12);
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          riff: head.toString('ascii', 0, 4),
          wave: head.toString('ascii', 8, 12),
        };
      }),
    );

    expect(urls.length).toBeGreaterThan(25);
    expect(urls.some((url) => url.endsWith('/ky/month_06_loc.wav'))).toBe(true);
    for (const prompt of ['verify_code_sent', 'verify_code_wrong', 'entry_date_saved']) {
      expect(urls.some((url) => url.endsWith(`/ky/${prompt}.wav`))).toBe(true);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ status: 200, type: 'audio/wav', riff: 'RIFF', wave: 'WAVE' })]),
    );
  });
});
