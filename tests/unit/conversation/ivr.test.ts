import { describe, expect, it } from 'vitest';
import {
  type CallProof,
  decideCall,
  IVR_STEPS,
  type IvrCaller,
  type IvrReply,
  type IvrRoute,
  ivrActionPath,
  keypadDate,
  MAX_FAILURES,
  parseIvrRoute,
  shownNumber,
} from '../../../shared/conversation/ivr.js';
import type { LocalDate } from '../../../shared/deadlines/index.js';
import { ky } from '../../../shared/messages/ky.js';
import { ru } from '../../../shared/messages/ru.js';
import {
  fragments,
  isFragmentId,
  isPromptId,
  type PromptId,
  prompts,
} from '../../../shared/voice/prompts.js';

const NOW = new Date('2026-04-01T10:00:00Z');
const SHOWN: IvrCaller = { identified: true, kyrgyzNumber: false };
const KYRGYZ: IvrCaller = { identified: true, kyrgyzNumber: true };
const WITHHELD: IvrCaller = { identified: false, kyrgyzNumber: false };

/** What the caller hears, as prompt ids (Kyrgyz recordings, Russian texts matched back to their id). */
function heard(reply: IvrReply): string[] {
  return reply.speech.map((segment) => {
    if (segment.kind === 'play') return segment.promptId;
    const id = (Object.keys(prompts) as PromptId[]).find(
      (candidate) => prompts[candidate].ru.text === segment.text,
    );
    return id ?? `say:${segment.text}`;
  });
}

/** The call from its first request, pressing each entry in turn at whatever the last answer asked. */
function walk(caller: IvrCaller, keys: string[], now = NOW): IvrReply[] {
  const replies = [decideCall({ kind: 'call' }, caller, now)];
  for (const digits of keys) {
    const route = replies.at(-1)?.gather?.route;
    if (!route) throw new Error(`the call had ended before "${digits}"`);
    replies.push(decideCall({ kind: 'keys', route, digits }, caller, now));
  }
  return replies;
}

const last = (replies: IvrReply[]) => replies.at(-1) as IvrReply;
const menuRoute = (language: 'ky' | 'ru', extra: Partial<IvrRoute> = {}): IvrRoute => ({
  step: 'menu',
  language,
  turn: 3,
  failures: 0,
  ...extra,
});

describe('the start of a call', () => {
  it('offers the short bilingual language menu, Kyrgyz first, when the language is not known', () => {
    const reply = decideCall({ kind: 'call' }, SHOWN, NOW);

    expect(heard(reply)).toEqual(['language_menu', 'language_menu']);
    expect(reply.speech.map((segment) => segment.kind)).toEqual(['play', 'say']);
    expect(reply.gather).toEqual({ route: { step: 'language', turn: 1, failures: 0 }, input: 'key' });
  });

  it('skips the language menu and greets in the language the caller chose by text or in an earlier call', () => {
    const reply = decideCall({ kind: 'call' }, { ...SHOWN, profile: { ...profile(), language: 'ru' } }, NOW);

    expect(heard(reply)).toEqual(['greeting', 'main_menu']);
    expect(reply.speech.every((segment) => segment.kind === 'say')).toBe(true);
    expect(reply.gather?.route).toEqual({ step: 'menu', language: 'ru', turn: 1, failures: 0 });
  });

  it('remembers the language chosen with 1 or 2 and greets in it', () => {
    const [, kyrgyz] = walk(SHOWN, ['1']);
    const [, russian] = walk(SHOWN, ['2']);

    expect(kyrgyz?.effect).toEqual({ kind: 'set_language', language: 'ky' });
    expect(heard(kyrgyz as IvrReply)).toEqual(['greeting', 'main_menu']);
    expect(kyrgyz?.speech.every((segment) => segment.kind === 'play')).toBe(true);
    expect(russian?.effect).toEqual({ kind: 'set_language', language: 'ru' });
    expect(russian?.gather?.route.language).toBe('ru');
  });

  it('goes on in Kyrgyz, without storing a choice, when a +996 caller presses nothing', () => {
    const [, reply] = walk(KYRGYZ, ['']);

    expect(reply?.outcome).toBe('language_suggested');
    expect(reply?.effect).toEqual({ kind: 'none' });
    expect(reply?.gather?.route.language).toBe('ky');
  });

  it('asks again when another caller presses nothing or a wrong key, and stops after three tries', () => {
    const replies = walk(SHOWN, ['', '7', '']);

    expect(replies.slice(1, 3).map((reply) => reply.outcome)).toEqual(['no_input', 'invalid_key']);
    expect(replies[2]?.gather?.route).toMatchObject({ step: 'language', failures: 2 });
    expect(heard(last(replies))).toEqual(['too_many_failures', 'too_many_failures']);
    expect(last(replies).gather).toBeUndefined();
  });

  it('stores nothing for a withheld number', () => {
    const [, reply] = walk(WITHHELD, ['2']);

    expect(reply?.effect).toEqual({ kind: 'none' });
    expect(reply?.gather?.route.language).toBe('ru');
  });
});

describe('the main menu', () => {
  it.each([
    ['1', 'topics', ['topics_menu']],
    ['3', 'entry', ['entry_date_prompt']],
    ['0', 'menu', ['main_menu']],
    ['*', 'menu', ['main_menu']],
  ] as const)('answers key %s with the %s step', (digits, step, prompt) => {
    const reply = decideCall({ kind: 'keys', route: menuRoute('ky'), digits }, SHOWN, NOW);

    expect(reply.gather?.route).toMatchObject({ step, language: 'ky', turn: 4, failures: 0 });
    expect(heard(reply)).toEqual(prompt);
  });

  it('switches language with 9 and remembers it', () => {
    const reply = decideCall({ kind: 'keys', route: menuRoute('ky'), digits: '9' }, SHOWN, NOW);

    expect(reply.effect).toEqual({ kind: 'set_language', language: 'ru' });
    expect(reply.gather?.route).toMatchObject({ step: 'menu', language: 'ru' });
    expect(reply.speech.every((segment) => segment.kind === 'say')).toBe(true);
  });

  it('says which key was wrong, asks again and counts the failure', () => {
    const reply = decideCall({ kind: 'keys', route: menuRoute('ru'), digits: '7' }, SHOWN, NOW);

    expect(heard(reply)).toEqual(['invalid_key', 'main_menu']);
    expect(reply.gather?.route).toMatchObject({ step: 'menu', failures: 1 });
  });

  it(`ends politely with the SMS keyword after ${MAX_FAILURES} failures in a row`, () => {
    const reply = decideCall(
      { kind: 'keys', route: menuRoute('ru', { failures: MAX_FAILURES - 1 }), digits: '' },
      SHOWN,
      NOW,
    );

    expect(heard(reply)).toEqual(['too_many_failures']);
    expect(prompts.too_many_failures.ru.text).toContain('ПОМОЩЬ');
    expect(reply.gather).toBeUndefined();
    expect(reply.outcome).toBe('too_many_failures');
  });

  it('starts counting again after a good key', () => {
    const replies = walk({ ...SHOWN, profile: { ...profile(), language: 'ky' } }, ['7', '7', '1', '7']);

    expect(replies.map((reply) => reply.gather?.route.failures)).toEqual([0, 1, 2, 0, 1]);
  });

  it('explains that nothing can be stored for a withheld number instead of asking for a date', () => {
    const reply = decideCall({ kind: 'keys', route: menuRoute('ky'), digits: '3' }, WITHHELD, NOW);

    expect(heard(reply)).toEqual(['number_hidden', 'main_menu']);
    expect(reply.outcome).toBe('number_hidden');
  });
});

describe('information topics', () => {
  it.each([
    ['1', 'topic_registration'],
    ['2', 'topic_visa_free'],
    ['3', 'topic_residence'],
    ['4', 'topic_work_rights'],
    ['5', 'topic_emergency'],
  ] as const)('plays topic %s (%s) and then how to repeat or go back', (digits, topic) => {
    const [, , reply] = walk({ ...SHOWN, profile: { ...profile(), language: 'ru' } }, ['1', digits]);

    expect(heard(reply as IvrReply)).toEqual([topic, 'topic_options']);
    expect(reply?.gather?.route).toMatchObject({ step: 'topic', topic: Number(digits) });
  });

  it('repeats the topic with 0, goes back to the topics with *, and says goodbye after silence', () => {
    const caller = { ...SHOWN, profile: { ...profile(), language: 'ky' as const } };
    const [, , , again] = walk(caller, ['1', '2', '0']);
    const [, , , back] = walk(caller, ['1', '2', '*']);
    const [, , , silence] = walk(caller, ['1', '2', '']);

    expect(heard(again as IvrReply)).toEqual(['topic_visa_free', 'topic_options']);
    expect(heard(back as IvrReply)).toEqual(['topics_menu']);
    expect(heard(silence as IvrReply)).toEqual(['goodbye']);
    expect(silence?.gather).toBeUndefined();
  });

  it('answers a wrong key after a topic with the options only, not the whole topic again', () => {
    const [, , , reply] = walk({ ...SHOWN, profile: { ...profile(), language: 'ru' } }, ['1', '2', '5']);

    expect(heard(reply as IvrReply)).toEqual(['invalid_key', 'topic_options']);
  });
});

describe('my deadlines', () => {
  it('speaks the nearest deadline with the count an SMS gives: 12 March entry → 9 June, 70 days left on 1 April', () => {
    const caller = { ...SHOWN, profile: { ...profile(), language: 'ru' as const, entryDate: '2026-03-12' } };

    const [, reply] = walk(caller, ['2']);

    // 12 March + 89 days = 9 June (the entry day counts); 1 April to 9 June, both counted, is 70 days.
    expect(heard(reply as IvrReply)).toEqual([
      'say:Ваш срок пребывания в Сербии заканчивается 9 июня, осталось 70 дней.',
      'topic_options',
    ]);
  });

  it('speaks it in Kyrgyz from fragments', () => {
    const caller = { ...SHOWN, profile: { ...profile(), language: 'ky' as const, entryDate: '2026-03-12' } };

    const [, reply] = walk(caller, ['2']);

    const words = heard(reply as IvrReply).map((id) => (isFragmentId(id) ? fragments[id].text : id));
    expect(words.join(' ')).toBe(
      'Сербияда болуу мөөнөтүңүз тогузунчу июнда бүтөт жетимиш күн калды topic_options',
    );
  });

  it('chooses a permit expiry that comes before the end of the stay, as the SMS line does', () => {
    const caller = {
      ...SHOWN,
      profile: { ...profile(), language: 'ru' as const, entryDate: '2026-03-12', permitExpiry: '2026-05-01' },
    };

    const [, reply] = walk(caller, ['2']);

    expect(heard(reply as IvrReply)[0]).toBe(
      'say:Ваш срок пребывания в Сербии заканчивается 1 мая, осталось 31 день.',
    );
  });

  it('says that no date is stored yet', () => {
    const [, reply] = walk({ ...SHOWN, profile: { ...profile(), language: 'ky' } }, ['2']);

    expect(heard(reply as IvrReply)).toEqual(['deadlines_none', 'topic_options']);
  });
});

describe('setting the entry date by keypad', () => {
  const caller = { ...SHOWN, profile: { ...profile(), language: 'ru' as const } };

  it('reads the typed date back and asks to confirm with 1 or 2', () => {
    const [, , reply] = walk(caller, ['3', '12032026']);

    expect(heard(reply as IvrReply)).toEqual([
      'entry_date_readback',
      'say:12 марта 2026 года',
      'entry_date_confirm',
    ]);
    expect(reply?.gather?.route).toMatchObject({ step: 'confirm', date: '2026-03-12' });
    expect(reply?.effect).toEqual({ kind: 'none' });
  });

  it('accepts six digits as a year in this century', () => {
    const [, , reply] = walk(caller, ['3', '120326']);

    expect(reply?.gather?.route.date).toBe('2026-03-12');
  });

  it('saves only on 1, says the end of the stay and offers the same confirmation by SMS', () => {
    const [, , , saved] = walk(caller, ['3', '12032026', '1']);

    expect(saved?.effect).toEqual({ kind: 'set_entry', entryDate: '2026-03-12' });
    expect(heard(saved as IvrReply)).toEqual([
      'entry_date_saved',
      'say:Ваш срок пребывания в Сербии заканчивается 9 июня, осталось 70 дней.',
      'sms_summary_offer',
    ]);
    expect(saved?.gather?.route).toMatchObject({ step: 'saved', date: '2026-03-12' });
  });

  it('sends the SMS line’s own confirmation text when the caller presses 1 for it', () => {
    const [, , , , sent] = walk(caller, ['3', '12032026', '1', '1']);

    expect(sent?.effect).toMatchObject({
      kind: 'send_sms',
      purpose: 'entry_summary',
      body: ru.entry_saved.replace('{lastDay}', '09.06.2026').replace('{daysLeft}', '70'),
    });
    expect(heard(sent as IvrReply)).toEqual(['sms_sent', 'main_menu']);
  });

  it('asks for the date again on 2 and stores nothing', () => {
    const [, , , reply] = walk(caller, ['3', '12032026', '2']);

    expect(heard(reply as IvrReply)).toEqual(['entry_date_prompt']);
    expect(reply?.effect).toEqual({ kind: 'none' });
  });

  it.each([
    ['31022026', 'a day that does not exist'],
    ['12052026', 'a date in the future'],
    ['12031999', 'a date more than a year back'],
    ['1203', 'too few digits'],
  ])('refuses %s (%s) and asks again', (digits) => {
    const [, , reply] = walk(caller, ['3', digits]);

    expect(heard(reply as IvrReply)).toEqual(['entry_date_invalid']);
    expect(reply?.gather).toMatchObject({ route: { step: 'entry', failures: 1 }, input: 'date' });
  });

  it('ends the call with the SMS keyword after three impossible dates', () => {
    const replies = walk(caller, ['3', '00000000', '99999999', '31022026']);

    expect(heard(last(replies))).toEqual(['too_many_failures']);
  });

  it('goes back to the main menu with * inside the date', () => {
    const [, , reply] = walk(caller, ['3', '12*']);

    expect(heard(reply as IvrReply)).toEqual(['main_menu']);
  });

  it('does not take 9 and 0 inside a date as language switch or repeat', () => {
    const [, , nine] = walk(caller, ['3', '9']);
    const [, , zero] = walk(caller, ['3', '0']);

    expect(nine?.outcome).toBe('invalid_date');
    expect(zero?.outcome).toBe('invalid_date');
  });

  it('offers no SMS to a caller who sent STOP, and goes back to the main menu instead', () => {
    const stopped = { ...SHOWN, profile: { ...profile(), language: 'ky' as const, optedOut: true } };

    const [, , , saved] = walk(stopped, ['3', '12032026', '1']);

    expect(saved?.effect).toEqual({ kind: 'set_entry', entryDate: '2026-03-12' });
    expect(heard(saved as IvrReply).at(-1)).toBe('main_menu');
  });

  it('says when the stay already ended for an entry date 100 days back', () => {
    const [, , , saved] = walk(caller, ['3', '22122025', '1']);

    // 22 December + 89 days = 21 March, 11 days before 1 April.
    expect(heard(saved as IvrReply)[1]).toBe(
      'say:Ваш срок пребывания в Сербии закончился 21 марта, 11 дней назад.',
    );
  });
});

describe('a shown number proves it holds the number before stored dates are spoken or changed', () => {
  /** A CallProof with a known code: what a test types is checked against it. */
  const CODE = '123456';
  const PROOF: CallProof = {
    issue: () => ({ code: CODE, proof: 'c0de'.repeat(8) }),
    check: (typed, proof) => typed === CODE && proof === 'c0de'.repeat(8),
  };
  const stored = {
    ...SHOWN,
    proof: PROOF,
    profile: { ...profile(), language: 'ru' as const, entryDate: '2026-03-12' },
  };
  const DEADLINE_12_MARCH = 'say:Ваш срок пребывания в Сербии заканчивается 9 июня, осталось 70 дней.';
  const DEADLINE_22_MARCH = 'say:Ваш срок пребывания в Сербии заканчивается 19 июня, осталось 80 дней.';

  it('texts a code on key 2 instead of speaking a stored deadline, and speaks it once the code is typed', () => {
    const [, asked, proved] = walk(stored, ['2', CODE]);

    expect(heard(asked as IvrReply)).toEqual(['verify_code_sent']);
    expect(asked?.effect).toEqual({
      kind: 'send_sms',
      purpose: 'code',
      body: ru.call_code.replace('{code}', CODE),
      failedSpeech: expect.any(Array),
      failedReply: expect.any(Object),
    });
    // A code that cannot be sent leaves the caller at the main menu, keys and all, not at the code prompt.
    const failed = asked?.effect.kind === 'send_sms' ? asked.effect.failedReply : undefined;
    expect(heard(failed as IvrReply)).toEqual(['verify_unavailable', 'main_menu']);
    expect(failed?.gather).toMatchObject({ route: { step: 'menu' }, input: 'key' });
    expect(asked?.gather).toMatchObject({
      route: { step: 'verify', unlocks: 'deadlines', proof: 'c0de'.repeat(8), failures: 0 },
      input: 'code',
    });
    expect(asked?.gather?.route.verified).toBeUndefined();
    expect(heard(proved as IvrReply)).toEqual([DEADLINE_12_MARCH, 'topic_options']);
    expect(proved?.gather?.route).toMatchObject({ step: 'deadlines', verified: true });
  });

  it('asks again on a wrong code, counting it, and ends the call after three', () => {
    const replies = walk(stored, ['2', '654321', '', '12345']);

    expect(replies.slice(2).map((reply) => reply.outcome)).toEqual([
      'code_wrong',
      'code_wrong',
      'too_many_failures',
    ]);
    expect(replies[3]?.gather?.route).toMatchObject({ step: 'verify', failures: 2 });
    expect(replies.flatMap(heard)).not.toContain(DEADLINE_12_MARCH);
    expect(last(replies).gather).toBeUndefined();
  });

  it('does not take 9, 0 or a code from another call as a code; * goes back to the main menu', () => {
    const [, , nine] = walk(stored, ['2', '9']);
    const [, , zero] = walk(stored, ['2', '0']);
    const [, , back] = walk(stored, ['2', '*']);
    const other = { ...stored, proof: { ...PROOF, check: () => false } };
    const [, , elsewhere] = walk(other, ['2', CODE]);

    expect([nine?.outcome, zero?.outcome, elsewhere?.outcome]).toEqual([
      'code_wrong',
      'code_wrong',
      'code_wrong',
    ]);
    expect(heard(back as IvrReply)).toEqual(['main_menu']);
    expect(back?.gather?.route.verified).toBeUndefined();
  });

  it('speaks the typed date’s deadline on confirm, without stored trips, and saves it only after the code', () => {
    const travelled = {
      ...stored,
      profile: { ...stored.profile, earlierStays: [{ entry: '2025-12-01', exit: '2026-01-29' }] },
    };

    const [, , , confirmed, saved] = walk(travelled, ['3', '22032026', '1', CODE]);

    expect(heard(confirmed as IvrReply)).toEqual([DEADLINE_22_MARCH, 'verify_code_sent']);
    expect(confirmed?.effect).toMatchObject({ kind: 'send_sms', purpose: 'code' });
    expect(confirmed?.gather?.route).toMatchObject({ step: 'verify', unlocks: 'save', date: '2026-03-22' });
    expect(saved?.effect).toEqual({ kind: 'set_entry', entryDate: '2026-03-22' });
    expect(heard(saved as IvrReply)[0]).toBe('entry_date_saved');
    // Once proved, the stored trip counts: its 60 days leave 30 from 22 March, to 20 April.
    expect(heard(saved as IvrReply)[1]).toBe(
      'say:Ваш срок пребывания в Сербии заканчивается 20 апреля, осталось 20 дней.',
    );
    expect(saved?.gather?.route).toMatchObject({ step: 'saved', verified: true });
  });

  it('asks for a code even with nothing stored before saving a date, but not to say that nothing is stored', () => {
    const empty = { ...SHOWN, proof: PROOF, profile: { ...profile(), language: 'ru' as const } };

    const [, none, , , , confirmed] = walk(empty, ['2', '*', '3', '12032026', '1']);

    expect(heard(none as IvrReply)).toEqual(['deadlines_none', 'topic_options']);
    expect(none?.effect).toEqual({ kind: 'none' });
    expect(confirmed?.outcome).toBe('code_sent');
  });

  it('needs no second code in the same call: a proved call saves on 1 and speaks deadlines at once', () => {
    const replies = walk(stored, ['2', CODE, '*', '3', '22032026', '1', '1', '2']);
    const [saved, sent, deadline] = replies.slice(-3);

    expect(replies.slice(2).every((reply) => reply.gather?.route.verified === true)).toBe(true);
    expect(replies.filter((reply) => reply.outcome === 'code_sent')).toHaveLength(1);
    expect(saved?.effect).toEqual({ kind: 'set_entry', entryDate: '2026-03-22' });
    expect(sent?.effect).toMatchObject({ kind: 'send_sms', purpose: 'entry_summary' });
    // The profile of this walk is not updated between steps: the stored 12 March is what it reads.
    expect(heard(deadline as IvrReply)[0]).toBe(DEADLINE_12_MARCH);
  });

  it('offers no code to a caller who sent STOP: it says the number cannot be checked and stores nothing', () => {
    const stopped = { ...stored, profile: { ...stored.profile, optedOut: true } };

    const [, deadlines] = walk(stopped, ['2']);
    const [, , , confirmed] = walk(stopped, ['3', '22032026', '1']);

    expect(heard(deadlines as IvrReply)).toEqual(['verify_unavailable', 'main_menu']);
    expect(heard(confirmed as IvrReply)).toEqual([DEADLINE_22_MARCH, 'verify_unavailable', 'main_menu']);
    expect([deadlines?.effect, confirmed?.effect]).toEqual([{ kind: 'none' }, { kind: 'none' }]);
    expect([deadlines?.outcome, confirmed?.outcome]).toEqual(['code_unavailable', 'code_unavailable']);
  });
});

describe('talking to a person', () => {
  it.each([
    ['a shown number', SHOWN],
    ['a withheld number', WITHHELD],
  ] as const)('hands the call to volunteers on key 4, in the call’s language, for %s', (_name, caller) => {
    const reply = decideCall({ kind: 'keys', route: menuRoute('ru'), digits: '4' }, caller, NOW);

    expect(reply.transfer).toEqual({ language: 'ru' });
    expect(reply.gather).toBeUndefined();
    expect(reply.effect).toEqual({ kind: 'none' });
    expect(heard(reply)).toEqual(['volunteer_connecting']);
  });

  it('still sends our numbers by SMS on 1 from a person-step URL an older deployment wrote', () => {
    const caller = { ...SHOWN, profile: { ...profile(), language: 'ky' as const } };
    const route = { step: 'person' as const, language: 'ky' as const, turn: 5, failures: 0 };

    const sent = decideCall({ kind: 'keys', route, digits: '1' }, caller, NOW);

    expect(sent.effect).toMatchObject({ kind: 'send_sms', purpose: 'numbers', body: ky.info_emergency });
  });
});

describe('action URLs', () => {
  it('round-trips every step through its action path', () => {
    const routes: IvrRoute[] = [
      ...IVR_STEPS.map(
        (step): IvrRoute => ({
          step,
          language: step === 'language' ? undefined : 'ru',
          turn: 7,
          failures: 2,
          topic: step === 'topic' ? 4 : undefined,
          date: step === 'confirm' || step === 'saved' || step === 'verify' ? '2026-03-12' : undefined,
          unlocks: step === 'verify' ? 'save' : undefined,
          proof: step === 'verify' ? '0123456789abcdef0123456789abcdef' : undefined,
        }),
      ),
      { step: 'verify', language: 'ky', turn: 3, failures: 0, unlocks: 'deadlines', proof: 'f'.repeat(16) },
      // Proved earlier in the call: `v=1` on every later step.
      { step: 'deadlines', language: 'ky', turn: 5, failures: 0, verified: true },
      { step: 'confirm', language: 'ru', turn: 9, failures: 1, date: '2026-03-12', verified: true },
    ];

    const parsed = routes.map((route) => {
      const [path = '', query = ''] = ivrActionPath(route).split('?');
      return parseIvrRoute(path, new URLSearchParams(query));
    });

    expect(parsed).toEqual(
      routes.map((route) =>
        Object.fromEntries(Object.entries(route).filter(([, value]) => value !== undefined)),
      ),
    );
  });

  it.each([
    ['/voice/menu', 'lang=de&t=1&a=0'],
    ['/voice/menu', 't=1&a=0'],
    ['/voice/language', 'lang=ky&t=1&a=0'],
    ['/voice/menu', 'lang=ky&t=1&a=3'],
    ['/voice/menu', 'lang=ky&t=x&a=0'],
    ['/voice/topic', 'lang=ky&t=1&a=0&topic=6'],
    ['/voice/confirm', 'lang=ky&t=1&a=0&date=2026-02-31'],
    ['/voice/unknown', 'lang=ky&t=1&a=0'],
    ['/voice/verify', 'lang=ky&t=1&a=0&p=0123456789abcdef'],
    ['/voice/verify', 'lang=ky&t=1&a=0&then=open&p=0123456789abcdef'],
    ['/voice/verify', 'lang=ky&t=1&a=0&then=deadlines&p=0123456789'],
    ['/voice/verify', 'lang=ky&t=1&a=0&then=deadlines&p=0123456789ABCDEF'],
    ['/voice/verify', 'lang=ky&t=1&a=0&then=save&p=0123456789abcdef'],
  ])('rejects %s?%s, which this code never writes', (path, query) => {
    expect(parseIvrRoute(path, new URLSearchParams(query))).toBeUndefined();
  });
});

describe('numbers and dates', () => {
  it.each([
    ['+996700123456', '+996700123456'],
    ['+381641112223', '+381641112223'],
    ['+266696687', undefined],
    ['anonymous', undefined],
    ['', undefined],
    ['client:alice', undefined],
  ])('takes %s as a shown number: %s', (from, expected) => {
    expect(shownNumber(from)).toBe(expected);
  });

  it('checks a keypad date against today in Belgrade', () => {
    const today = '2026-04-01' as LocalDate;

    expect(keypadDate('01042026', today)).toBe('2026-04-01');
    expect(keypadDate('02042026', today)).toBeUndefined();
  });
});

describe('the manifest covers the flow', () => {
  it('names only prompts and fragments that exist, in both languages, on every path walked above', () => {
    const caller = { ...SHOWN, profile: { ...profile(), language: 'ky' as const, entryDate: '2026-03-12' } };
    const paths = [
      ['1', '1', '0', '*', '*', '2', '0', '9', '*', '3', '12032026', '9', '1', '1'],
      ['2', '4', '1', '9', '3', '*', '7', '7'],
    ];

    const named = paths.flatMap((keys) => walk(caller, keys).flatMap(heard));

    expect(named.filter((id) => !id.startsWith('say:') && !isPromptId(id) && !isFragmentId(id))).toEqual([]);
  });
});

function profile(): NonNullable<IvrCaller['profile']> {
  return {
    language: undefined,
    latin: false,
    optedOut: false,
    entryDate: undefined,
    permitExpiry: undefined,
  };
}
