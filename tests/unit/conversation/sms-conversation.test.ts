import { describe, expect, it } from 'vitest';
import { type Caller, recordContact } from '../../../shared/callers/caller.js';
import { decideSmsReply } from '../../../shared/conversation/sms-conversation.js';
import { WELCOME } from '../../../shared/messages/catalogue.js';
import { ky } from '../../../shared/messages/ky.js';
import { kyLatn } from '../../../shared/messages/ky-latn.js';
import { ru } from '../../../shared/messages/ru.js';
import { ruLatn } from '../../../shared/messages/ru-latn.js';

const NOW = new Date('2026-04-01T10:00:00Z');
const KYRGYZ_NUMBER = '+996700111222';
const SERBIAN_NUMBER = '+381641112223';

function newCaller(phone: string): Caller {
  return recordContact(undefined, { callerId: 'c1', phone, channel: 'sms' }, NOW, 180);
}

/** Runs a whole conversation through the pure decision, as the use case would. */
function converse(phone: string, texts: string[], now = NOW) {
  let caller: Caller | undefined;
  const turns = [];
  for (const text of texts) {
    const contacted = recordContact(caller, { callerId: 'c1', phone, channel: 'sms' }, now, 180);
    const decision = decideSmsReply(contacted, text, caller === undefined, now);
    turns.push(decision);
    caller = decision.caller;
  }
  return turns;
}

describe('first contact', () => {
  it('answers unknown first words with the bilingual welcome and waits for a language choice', () => {
    const [first] = converse(KYRGYZ_NUMBER, ['салам']);

    expect(first?.replies).toEqual([WELCOME.cyrillic]);
    expect(first?.caller.awaiting).toBe('language');
  });

  it('takes 2 after the welcome as Russian and answers in Russian', () => {
    const [, second] = converse(KYRGYZ_NUMBER, ['салам', '2']);

    expect(second?.caller.language).toBe('ru');
    expect(second?.replies).toEqual([ru.language_set]);
  });

  it('answers a Kyrgyz keyword at once in Kyrgyz, without asking for a language', () => {
    const [first] = converse(SERBIAN_NUMBER, ['жардам']);

    expect(first?.caller.language).toBe('ky');
    expect(first?.replies).toEqual([ky.menu]);
  });

  it('answers a Russian keyword typed in Latin letters in Russian', () => {
    const [first] = converse(KYRGYZ_NUMBER, ['pomosh']);

    expect(first?.caller.language).toBe('ru');
    // A first text in Latin letters is answered in Latin letters (docs/keywords.md).
    expect(first?.caller.latin).toBe(true);
    expect(first?.replies).toEqual([ruLatn.menu]);
  });
});

describe('dates', () => {
  it('stores an entry date and answers with the last lawful day and the days left', () => {
    const [, saved] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026']);

    // 12 March + 89 days = 9 June (entry day counts); 1 April to 9 June inclusive = 70 days.
    expect(saved?.caller.entryDate).toBe('2026-03-12');
    expect(saved?.replies[0]).toContain('09.06.2026');
    expect(saved?.replies[0]).toContain('70');
  });

  it('plans reminders for a new entry date, and none again when the same date is sent twice', () => {
    const [, first, again] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026', 'въезд 12.03.2026']);

    expect(first?.reminderPlans.entry?.length).toBeGreaterThan(0);
    expect(again?.reminderPlans).toEqual({});
  });

  it('asks for a correction when the entry date is in the future, and stores nothing', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.05.2026']);

    expect(turn?.replies).toEqual([ru.date_future]);
    expect(turn?.caller.entryDate).toBeUndefined();
    expect(turn?.reminderPlans).toEqual({});
  });

  it('stores a permit expiry and says when the extension window opens', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'разрешение 01.05.2027']);

    expect(turn?.caller.permitExpiry).toBe('2027-05-01');
    expect(turn?.replies[0]).toContain('01.05.2027');
    expect(turn?.replies[0]).toContain('01.02.2027');
  });

  it('answers "my deadlines" with the nearest deadline, or says no date is known yet', () => {
    const turns = converse(SERBIAN_NUMBER, ['помощь', '6', 'въезд 12.03.2026', '6']);

    expect(turns[1]?.replies).toEqual([ru.no_dates]);
    expect(turns[3]?.replies[0]).toContain('09.06.2026');
  });

  it('says the stay has run out, rather than "no dates", when asked after the 90 days ended', () => {
    const [, , asked] = converse(
      SERBIAN_NUMBER,
      ['помощь', 'въезд 12.03.2026', '6'],
      new Date('2026-07-01T10:00:00Z'),
    );

    expect(asked?.replies).toEqual(['По нашему счёту 90 дней прошли 09.06.2026. Помощь: 7']);
  });
});

describe('STOP, START and erasure', () => {
  it('stops with a confirmation, cancels reminders, then stays silent until START', () => {
    const turns = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026', 'стоп', 'помощь', 'старт']);

    expect(turns[2]?.replies).toEqual([ru.stopped]);
    expect(turns[2]?.reminderPlans).toEqual({ entry: [], permit: [] });
    expect(turns[3]?.replies).toEqual([]);
    expect(turns[4]?.replies).toEqual([ru.started]);
    expect(turns[4]?.reminderPlans.entry?.length).toBeGreaterThan(0);
  });

  // Changed with issue 13: the reply was the "not understood" hint; a stop word in a sentence now
  // gets the line on how to stop. It still does not stop.
  it('does not stop when STOP appears inside a sentence, and says how to stop', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'please stop my boss']);

    expect(turn?.caller.optedOut).toBe(false);
    expect(turn?.reminderPlans).toEqual({});
    expect(turn?.replies).toEqual([ru.stop_hint]);
  });

  it('asks once before erasing, and erases on the confirmation', () => {
    const [, ask, yes] = converse(SERBIAN_NUMBER, ['помощь', 'удалить', 'да']);

    expect(ask?.replies).toEqual([ru.delete_ask]);
    expect(ask?.erase).toBe(false);
    expect(yes?.replies).toEqual([ru.deleted]);
    expect(yes?.erase).toBe(true);
  });

  it('never erases on a yes that answers no deletion question', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'да']);

    expect(turn?.erase).toBe(false);
  });

  it('still erases after STOP, since deleting one’s data must always work', () => {
    const turns = converse(SERBIAN_NUMBER, ['помощь', 'стоп', 'удалить', 'да']);

    expect(turns[3]?.erase).toBe(true);
  });
});

describe('language and script', () => {
  it('switches to Latin letters on 9 and answers in GSM-7 from then on', () => {
    const [, on, menu] = converse(SERBIAN_NUMBER, ['помощь', '9', '0']);

    expect(on?.caller.latin).toBe(true);
    expect(menu?.replies).toEqual([ruLatn.menu]);
  });

  it('switches language on 8 and keeps the new one', () => {
    const [, switched, menu] = converse(SERBIAN_NUMBER, ['помощь', '8', '0']);

    expect(switched?.caller.language).toBe('ky');
    expect(menu?.replies).toEqual([ky.menu]);
  });

  it('answers unreadable text with a short hint rather than silence', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', '🙂🙂']);

    expect(turn?.replies).toEqual([ru.unknown]);
  });

  it('treats a caller who has not chosen a language by the number: Kyrgyz for +996', () => {
    const caller = newCaller(KYRGYZ_NUMBER);

    const turn = decideSmsReply(caller, '🙂', false, NOW);

    expect(turn.replies).toEqual([ky.unknown]);
  });
});

describe('everyday words do no damage (issue 13)', () => {
  it.each([['күт'], ['кайт'], ['стой'], ['купить'], ['кут'], ['stoy']])(
    'does not opt the caller out on %j, nor cancel the reminders',
    (text) => {
      const [, , turn] = converse(SERBIAN_NUMBER, ['жардам', 'кирдим 12.03.2026', text]);

      expect(turn?.caller.optedOut).toBe(false);
      expect(turn?.reminderPlans).toEqual({});
    },
  );

  it.each([['учур'], ['отур']])('does not start erasure on %j, and the next ооба erases nothing', (text) => {
    const [, asked, yes] = converse(KYRGYZ_NUMBER, ['жардам', text, 'ооба']);

    expect(asked?.caller.awaiting).toBeUndefined();
    expect(yes?.erase).toBe(false);
  });

  it('does not re-subscribe on башка ("other")', () => {
    const turns = converse(KYRGYZ_NUMBER, ['жардам', 'токтот', 'башка']);

    expect(turns[2]?.caller.optedOut).toBe(true);
    expect(turns[2]?.replies).toEqual([]);
  });

  it('does not switch language on "руки болят не могу работать"', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'руки болят не могу работать']);

    expect(turn?.caller.language).toBe('ru');
  });

  it('does not take "руки" for РУССКИЙ in answer to the welcome', () => {
    const [, turn] = converse(KYRGYZ_NUMBER, ['salam', 'руки болят']);

    expect(turn?.intent).not.toBe('language_choice');
  });

  it('switches language on a whole-message request such as "орусча жазыңыз"', () => {
    const [, turn] = converse(KYRGYZ_NUMBER, ['жардам', 'орусча жазыңыз']);

    expect(turn?.caller.language).toBe('ru');
    expect(turn?.replies).toEqual([ru.language_set]);
  });

  it('still asks before erasing on "удалите мои данные", and erases on "да удалите"', () => {
    const [, ask, yes] = converse(SERBIAN_NUMBER, ['помощь', 'удалите мои данные', 'да удалите']);

    expect(ask?.replies).toEqual([ru.delete_ask]);
    expect(ask?.erase).toBe(false);
    expect(yes?.erase).toBe(true);
  });
});

describe('a stop asked for in a sentence (issue 13)', () => {
  it.each([
    ['стоп пожалуйста', ru.stop_hint],
    ['больше не пишите', ru.stop_hint],
    ['stop please', ru.stop_hint],
  ])('answers %j with one line on how to stop, and keeps the reminders', (text, reply) => {
    const [, , turn] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026', text]);

    expect(turn?.intent).toBe('stop_hint');
    expect(turn?.replies).toEqual([reply]);
    expect(turn?.caller.optedOut).toBe(false);
    expect(turn?.reminderPlans).toEqual({});
  });

  it.each([['жазбагыла'], ['токтоткула']])('answers the Kyrgyz %j in Kyrgyz', (text) => {
    const [, turn] = converse(KYRGYZ_NUMBER, ['жардам', text]);

    expect(turn?.replies).toEqual([ky.stop_hint]);
    expect(turn?.caller.optedOut).toBe(false);
  });

  it('tells how to stop with a word that does stop', () => {
    const [, hint, stop] = converse(SERBIAN_NUMBER, ['помощь', 'стоп пожалуйста', 'СТОП']);

    expect(hint?.replies[0]).toContain('СТОП');
    expect(stop?.caller.optedOut).toBe(true);
  });
});

describe('reading the whole message (issue 13)', () => {
  it.each([
    ['здравствуйте мне нужна помощь', ru.menu],
    ['мои сроки', ru.no_dates],
  ])('answers %j though the keyword is not the first word', (text, reply) => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', text]);

    expect(turn?.replies).toEqual([reply]);
  });

  it('answers a first text "салам жардам керек" with the Kyrgyz menu', () => {
    const [first] = converse(SERBIAN_NUMBER, ['салам жардам керек']);

    expect(first?.replies).toEqual([ky.menu]);
  });

  it('hands "mne nujen chelovek" to a person', () => {
    const [, turn] = converse(SERBIAN_NUMBER, ['помощь', 'mne nujen chelovek']);

    expect(turn?.intent).toBe('person');
  });

  it.each([
    ['я приехал 5 марта', '2026-03-05'],
    ['мен 12.03 келдим', '2026-03-12'],
    ['жаңы келдим 12.03', '2026-03-12'],
    ['мен 3 күн мурун келдим', '2026-03-29'],
  ])('saves the entry date in %j', (text, date) => {
    const [, turn] = converse(KYRGYZ_NUMBER, ['жардам', text]);

    expect(turn?.caller.entryDate).toBe(date);
  });

  it('does not read a Kyrgyz sentence opening with мен/мени as the menu', () => {
    const [, turn] = converse(KYRGYZ_NUMBER, ['жардам', 'мени угуп жатасызбы']);

    expect(turn?.replies).toEqual([ky.unknown]);
  });
});

describe('exit verbs never save an entry (issue 13)', () => {
  it.each([
    ['уехал 5 марта', '2026-03-05'],
    ['чыктым 18.02', '2026-02-18'],
  ])(
    'answers %j, an exit before the saved entry, by asking for the whole trip; saves nothing',
    (text, date) => {
      const [, , turn] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026', text]);

      expect(turn?.intent).toBe('set_exit');
      expect(turn?.args?.date).toBe(date);
      expect(turn?.caller.entryDate).toBe('2026-03-12');
      expect(turn?.caller.earlierStays).toBeUndefined();
      expect(turn?.reminderPlans).toEqual({});
      expect(turn?.replies[0]).toMatch(/05\.01-18\.02/);
    },
  );

  it.each([
    ['выехал 20.03', '2026-03-20'],
    ['выезд 01.04.2026', '2026-04-01'],
  ])('closes the open stay with %j, never saving it as an entry', (text, date) => {
    const [, , turn] = converse(SERBIAN_NUMBER, ['помощь', 'въезд 12.03.2026', text]);

    expect(turn?.intent).toBe('set_exit');
    expect(turn?.args?.date).toBe(date);
    expect(turn?.caller.entryDate).toBeUndefined();
    expect(turn?.caller.earlierStays).toEqual([{ entry: '2026-03-12', exit: date }]);
    expect(turn?.reminderPlans).toEqual({ entry: [] });
  });

  it.each([['съехал с квартиры 3 марта'], ['калдым 20 мартта'], ['выехал'], ['чыктым']])(
    'never saves an entry date for %j',
    (text) => {
      const [, turn] = converse(KYRGYZ_NUMBER, ['жардам', text]);

      expect(turn?.caller.entryDate).toBeUndefined();
      expect(turn?.reminderPlans).toEqual({});
    },
  );
});

describe('help from any words (issue 13)', () => {
  it.each([
    ['паспортумду алып коюшту', 'documents', 'ky', false, '+381117850000'],
    ['mne ne platyat zarplatu', 'wages', 'ru', true, '+381112017485'],
    ['меня задержала полиция', 'police', 'ru', false, '192'],
    ['meni urup ketishti', 'violence', 'ky', true, '192'],
    ['упал на стройке сломал ногу', 'health', 'ru', false, '194'],
    ['bizdi kamap koyushtu', 'trafficking', 'ky', true, '+381117850000'],
  ] as const)(
    'answers the first text %j with %s help at once, with 7 for a person',
    (text, topic, language, latin, number) => {
      const [first] = converse(SERBIAN_NUMBER, [text]);

      expect(first?.intent).toBe('help');
      expect(first?.topic).toBe(topic);
      expect(first?.caller.language).toBe(language);
      expect(first?.caller.latin).toBe(latin);
      expect(first?.caller.awaiting).toBeUndefined();
      expect(first?.replies[0]).toContain(number);
      expect(first?.replies[0]).toMatch(/(Адам|Adam|Человек|Chelovek).*7|7 -/);
    },
  );

  it('lets the caller reach a person with the one key the help names', () => {
    const [, second] = converse(SERBIAN_NUMBER, ['полиция кармады', '7']);

    expect(second?.intent).toBe('person');
  });

  it('gives a known caller help in their own language and script', () => {
    const [, second] = converse(SERBIAN_NUMBER, ['жардам', 'хозяин квартирадан кууп жиберди']);

    expect(second?.replies).toEqual([ky.help_housing]);
  });
});

describe('the reply speaks the caller’s script and language (issue 13)', () => {
  it('answers a first text in Latin letters in Latin letters, and keeps to them', () => {
    const [first, second] = converse(SERBIAN_NUMBER, ['salam', '1']);

    expect(first?.replies).toEqual([WELCOME.latin]);
    expect(second?.caller.latin).toBe(true);
    expect(second?.replies).toEqual([kyLatn.language_set]);
  });

  it('answers a first Cyrillic text in Cyrillic', () => {
    const [first] = converse(SERBIAN_NUMBER, ['помощь']);

    expect(first?.caller.latin).toBe(false);
  });

  it('does not undo a first LATIN request: it turns Latin on', () => {
    const [first] = converse(SERBIAN_NUMBER, ['latin']);

    expect(first?.caller.latin).toBe(true);
  });

  it('takes Kyrgyz words on a Serbian number for Kyrgyz', () => {
    const [first] = converse(SERBIAN_NUMBER, ['мени кармап калышты жардам керек']);

    expect(first?.caller.language).toBe('ky');
  });
});

describe('a text the hotline does not understand from a known caller', () => {
  it.each([
    ['ky', 'жардам', ky.unknown],
    ['ru', 'помощь', ru.unknown],
  ] as const)('names the person option and SOS in one segment (%s)', (_language, first, unknown) => {
    const [, second] = converse(SERBIAN_NUMBER, [first, 'ну ладно бирок']);

    expect(second?.replies).toEqual([unknown]);
    expect(unknown).toMatch(/7/);
    expect(unknown).toContain('SOS');
    expect(unknown.length).toBeLessThanOrEqual(70);
  });
});
