import { describe, expect, it } from 'vitest';
import { ky } from '../../../shared/messages/ky.js';
import { ru } from '../../../shared/messages/ru.js';
import { INTENTS, WHOLE_MESSAGE_INTENTS } from '../../../shared/sms/intents.js';
import {
  KEYWORD_ENTRIES,
  type KeywordEntry,
  matchKeyword,
  NOT_KEYWORDS,
  parseLanguageChoice,
  READING_ORDER,
  typoDistance,
} from '../../../shared/sms/keywords.js';
import { normalizeText } from '../../../shared/sms/normalize.js';

describe('matchKeyword', () => {
  describe('reads each intent in Kyrgyz and Russian, Cyrillic and Latin', () => {
    it.each([
      ['ЖАРДАМ', 'menu', 'ky'],
      ['jardam', 'menu', 'ky'],
      ['МААЛЫМАТ', 'menu', 'ky'],
      ['ПОМОЩЬ', 'menu', 'ru'],
      ['pomosh', 'menu', 'ru'],
      ['КАТТОО', 'info_registration', 'ky'],
      ['kattoo', 'info_registration', 'ky'],
      ['РЕГИСТРАЦИЯ', 'info_registration', 'ru'],
      ['registratsiya', 'info_registration', 'ru'],
      ['ВИЗАСЫЗ', 'info_visa_free', 'ky'],
      ['vizasyz', 'info_visa_free', 'ky'],
      ['БЕЗВИЗ', 'info_visa_free', 'ru'],
      ['без визы', 'info_visa_free', 'ru'],
      ['ЖАШОО', 'info_residence', 'ky'],
      ['zhashoo', 'info_residence', 'ky'],
      ['ВНЖ', 'info_residence', 'ru'],
      ['vnzh', 'info_residence', 'ru'],
      ['ЖУМУШ', 'info_work', 'ky'],
      ['jumush', 'info_work', 'ky'],
      ['РАБОТА', 'info_work', 'ru'],
      ['zarplata', 'info_work', 'ru'],
      ['ТЕЗ ЖАРДАМ', 'info_emergency', 'ky'],
      ['shashylysh', 'info_emergency', 'ky'],
      ['СРОЧНО', 'info_emergency', 'ru'],
      ['srochno', 'info_emergency', 'ru'],
      ['КИРДИМ', 'set_entry', 'ky'],
      ['keldim', 'set_entry', 'ky'],
      ['ВЪЕЗД', 'set_entry', 'ru'],
      ['vezd', 'set_entry', 'ru'],
      ["v'ezd", 'set_entry', 'ru'],
      ['УРУКСАТ', 'set_permit', 'ky'],
      ['uruksat', 'set_permit', 'ky'],
      ['РАЗРЕШЕНИЕ', 'set_permit', 'ru'],
      ['razreshenie', 'set_permit', 'ru'],
      ['МӨӨНӨТ', 'my_deadlines', 'ky'],
      ['moonot', 'my_deadlines', 'ky'],
      ['СРОКИ', 'my_deadlines', 'ru'],
      ['sroki', 'my_deadlines', 'ru'],
      ['ТИЛ', 'language', 'ky'],
      ['til', 'language', 'ky'],
      ['ЯЗЫК', 'language', 'ru'],
      ['yazyk', 'language', 'ru'],
      ['ЛАТЫН', 'latin', 'ky'],
      ['ЛАТИНИЦА', 'latin', 'ru'],
      ['latinitsa', 'latin', 'ru'],
      ['ТОКТОТ', 'stop', 'ky'],
      ['toktot', 'stop', 'ky'],
      ['СТОП', 'stop', 'ru'],
      ['БАШТА', 'start', 'ky'],
      ['bashta', 'start', 'ky'],
      ['СТАРТ', 'start', 'ru'],
      ['ӨЧҮР', 'delete', 'ky'],
      ['ochur', 'delete', 'ky'],
      ['УДАЛИТЬ', 'delete', 'ru'],
      ['udalit', 'delete', 'ru'],
      ['ООБА', 'confirm_delete', 'ky'],
      ['ooba', 'confirm_delete', 'ky'],
      ['ДА', 'confirm_delete', 'ru'],
      ['da', 'confirm_delete', 'ru'],
      ['АДАМ', 'person', 'ky'],
      ['ЧЕЛОВЕК', 'person', 'ru'],
      ['chelovek', 'person', 'ru'],
    ])('reads %j as %s with language hint %s', (text, intent, language) => {
      expect(matchKeyword(text)).toEqual({ intent, language });
    });
  });

  it.each([
    ['STOP', 'stop'],
    ['START', 'start'],
    ['HELP', 'menu'],
    ['INFO', 'menu'],
    ['МЕНЮ', 'menu'],
    ['SOS', 'info_emergency'],
    ['ВИЗА', 'info_visa_free'],
    ['LATIN', 'latin'],
    ['DELETE', 'delete'],
    ['YES', 'confirm_delete'],
    ['ОПЕРАТОР', 'person'],
  ])('reads the shared or English word %j as %s without a language hint', (text, intent) => {
    expect(matchKeyword(text)).toEqual({ intent });
  });

  it.each([['JARDAM'], ['zhardam'], ['djardam'], ['жардам'], ['ЖАРДАМ!!'], ['Жардам.']])(
    'reads every spelling of ЖАРДАМ, here %j, as the menu',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'menu', language: 'ky' });
    },
  );

  it.each([
    ['ЖАРДМ', 'menu'],
    ['жрадам', 'menu'],
    ['жардамм', 'menu'],
    ['помошь', 'menu'],
    ['КИРДМ 12.03', 'set_entry'],
    ['кирдм', 'set_entry'],
    ['РАЗРЕШЕНЕ 01.09.2027', 'set_permit'],
    ['уруксот', 'set_permit'],
  ])('tolerates one typo in %j', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it.each([['визв'], ['адм'], ['срк'], ['тл']])(
    'does not guess a short or exact-only keyword from the typo %j',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
    },
  );

  it('does not accept two typos', () => {
    expect(matchKeyword('жрдм')).toEqual({ intent: 'unknown' });
  });

  it.each([
    ['0', 'menu'],
    ['1', 'info_registration'],
    ['2', 'info_visa_free'],
    ['3', 'info_residence'],
    ['4', 'info_work'],
    ['5', 'info_emergency'],
    ['6', 'my_deadlines'],
    ['7', 'person'],
    ['8', 'language'],
    ['9', 'latin'],
    [' 5. ', 'info_emergency'],
    ['5\uFE0F\u20E3', 'info_emergency'],
  ])('reads the menu digit %j as %s', (text, intent) => {
    expect(matchKeyword(text)).toEqual({ intent });
  });

  it.each([['12'], ['1 марта'], ['5 5'], ['12.03.2026']])(
    'does not read %j as a menu digit, since digits act only alone',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
    },
  );

  it.each([
    ['КИРДИМ 12.03.2026', 'set_entry', '12.03.2026', 'ky'],
    ['кирдим12.03.2026', 'set_entry', '12.03.2026', 'ky'],
    ['въезд 12 марта', 'set_entry', '12 марта', 'ru'],
    ['Въезд: 12/03/26 ', 'set_entry', '12/03/26', 'ru'],
    ['kirdim 12 marta', 'set_entry', '12 marta', 'ky'],
    ['УРУКСАТ 01.09.2027', 'set_permit', '01.09.2027', 'ky'],
    ['разрешение до 1 сентября 2027', 'set_permit', 'до 1 сентября 2027', 'ru'],
  ])('passes what follows %j on as the argument, verbatim', (text, intent, argument, language) => {
    expect(matchKeyword(text)).toEqual({ intent, argument, language });
  });

  it('gives a date keyword sent alone no argument', () => {
    expect(matchKeyword('КИРДИМ')).toEqual({ intent: 'set_entry', language: 'ky' });
  });

  it.each([
    ['ТИЛ 1', 'ky', 'ky'],
    ['тил 2', 'ru', 'ky'],
    ['ЯЗЫК RU', 'ru', 'ru'],
    ['язык кыргызча', 'ky', 'ru'],
    ['КЫРГЫЗЧА', 'ky', 'ky'],
    ['Русский', 'ru', 'ru'],
    ['орусча', 'ru', 'ky'],
  ])('reads %j as switching to %s', (text, argument, language) => {
    expect(matchKeyword(text)).toEqual({ intent: 'language', argument, language });
  });

  // Changed with issue 13: ТИЛ followed by anything but a language is no switch at all (it was a
  // switch to the other language), since a language switch must be the whole message.
  it('does not switch language on ТИЛ followed by something that is not a language', () => {
    expect(matchKeyword('тил французский')).toEqual({ intent: 'unknown' });
  });

  // Changed with issue 13: these were all `unknown`; a stop word in a sentence now asks for the stop
  // hint (one line on how to stop), still never a stop.
  it.each([
    ['Стоп, а что дальше?', 'stop_hint'],
    ['stop please', 'stop_hint'],
    ['ТОКТОТ баарын', 'stop_hint'],
    ['не стоп', 'stop_hint'],
    ['ДА спасибо', 'unknown'],
    ['start work tomorrow', 'unknown'],
    ['удалить номер хозяина', 'unknown'],
  ])('does not act on a STOP-like word inside the sentence %j: it is %s', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it.each([
    ['СТОП!', 'stop'],
    ['  stop  ', 'stop'],
    ['Да.', 'confirm_delete'],
    ['ООБА!!!', 'confirm_delete'],
  ])('acts on the STOP-like command %j when it is the whole message', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it.each([
    ['Да, удалите', 'confirm_delete'],
    ['ооба өчүргүлө', 'confirm_delete'],
    ['удалите мои данные', 'delete'],
    ['маалыматымды өчүрүп салгыла', 'delete'],
    ['udalite moi dannye', 'delete'],
  ])('acts on the command %j with only companion words beside it, as %s', (text, intent) => {
    // Erasure still waits for its confirmation (the conversation asks first); "да удалите" is a
    // confirmation only when that question is pending.
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it('keeps the rest of a non-command message out of the way: ПОМОЩЬ пожалуйста is the menu', () => {
    expect(matchKeyword('ПОМОЩЬ пожалуйста')).toEqual({ intent: 'menu', language: 'ru' });
  });

  it('prefers the longer phrase: ТЕЗ ЖАРДАМ is emergency, not the menu', () => {
    expect(matchKeyword('тез жардам керек').intent).toBe('info_emergency');
  });

  // Changed with issue 13: exits were `unknown`; they are now their own intent, never an entry.
  it.each([
    ['выезд 12.03.2026', '12.03.2026'],
    ['ВЫЕХАЛ 12.03', '12.03'],
    ['vyezd 12.03', '12.03'],
  ])('reads %j as an exit, never an entry date, though it is one letter from ВЪЕЗД', (text, argument) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'set_exit', argument });
  });

  it.each([['good morning'], [''], ['   '], ['🙏🙏🙏'], ['?'], ['مرحبا']])('reads %j as unknown', (text) => {
    expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
  });
});

describe('destructive commands act on their exact spellings only (issue 13)', () => {
  const DESTRUCTIVE = [...WHOLE_MESSAGE_INTENTS] as string[];

  it.each([
    ['күт', 'wait: one letter from QUIT'],
    ['кут', 'wait, without ү'],
    ['kut', 'wait, Latin'],
    ['кайт', 'go back: one letter from QUIT'],
    ['kaity', 'go back, Latin'],
    ['стой', 'halt: one letter from СТОП'],
    ['stoy', 'halt, Latin'],
    ['купить', 'to buy: one letter from QUIT'],
    ['kupit', 'to buy, Latin'],
    ['токтой тур', 'hold on'],
    ['токтт', 'a typo of ТОКТОТ'],
    ['stpo', 'a typo of STOP'],
    ['кууйт', '"chases": folds like QUIT, but Cyrillic'],
    ['энд', 'folds like END, but Cyrillic'],
  ])('does not stop on %j (%s)', (text) => {
    expect(matchKeyword(text).intent).not.toBe('stop');
  });

  it.each([['учур'], ['отур'], ['uchur'], ['OTUR'], ['өчү'], ['көчүр']])(
    'does not start erasure on %j, one letter from ӨЧҮР',
    (text) => {
      expect(matchKeyword(text).intent).not.toBe('delete');
    },
  );

  it.each([['башка'], ['bashka'], ['баштан'], ['тарт']])('does not re-subscribe on %j', (text) => {
    expect(matchKeyword(text).intent).not.toBe('start');
  });

  it.each([['оба'], ['ада'], ['даже'], ['ooba rahmat bolsun']])(
    'does not read %j as a yes to erasure',
    (text) => {
      expect(matchKeyword(text).intent).not.toBe('confirm_delete');
    },
  );

  it.each([
    ['руки болят не могу работать', 'руки is one letter from RUSSKIY'],
    ['руки', 'alone'],
    ['тыл', 'folds like ТИЛ'],
    ['тили', 'its language'],
    ['ооруша', 'Kyrgyz illness word, once folded like ORUSCHA'],
    ['оорушу', 'Kyrgyz illness word'],
    ['oorusha', 'the same in Latin'],
    ['мен кыргызча жазам', 'I write Kyrgyz: a name inside a sentence'],
    ['кыргызча же орусча', 'two languages'],
  ])('does not switch language on %j (%s)', (text) => {
    expect(matchKeyword(text).intent).not.toBe('language');
  });

  it.each([
    ['ORUSCHA', 'ru'],
    ['oruscha', 'ru'],
    ['ОРУСЧА', 'ru'],
    ['KYRGYZCHA', 'ky'],
    ['тил кыргызча', 'ky'],
    ['орусча жазыңыз', 'ru'],
    ['пишите по-киргизски', 'ky'],
    ['kyrgyzcha jazyngyzchy', 'ky'],
    ['русский тилде жазыңыз', 'ru'],
    ['по-русски', 'ru'],
  ])('switches language on %j, the whole message, to %s', (text, argument) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'language', argument });
  });

  it.each([['стоп пожалуйста'], ['больше не пишите'], ['жазбагыла'], ['stop please'], ['токтоткула']])(
    'answers the polite stop sentence %j with the stop hint, not a stop',
    (text) => {
      expect(matchKeyword(text).intent).toBe('stop_hint');
    },
  );

  it.each([
    ['мага мындан ары жазбаңыз'],
    ['не присылайте мне смс'],
    ['хватит писать'],
    ['ne pishite mne bolshe'],
    ['maga eskertme jiberbegile'],
    ['отпишите меня'],
    ['эскертмелерди токтотуп коюңузчу'],
    ['стоп жазбагыла'],
  ])('answers %j with the stop hint too', (text) => {
    expect(matchKeyword(text).intent).toBe('stop_hint');
  });

  it.each([['айлыгымды токтотуп коюшту'], ['жумуш токтоп калды']])(
    'does not take %j (something else stopped) for a stop request',
    (text) => {
      expect(matchKeyword(text).intent).not.toMatch(/^stop/);
    },
  );

  it('never lets a destructive spelling tolerate a typo', () => {
    const tolerant = KEYWORD_ENTRIES.filter(
      (entry) => DESTRUCTIVE.includes(entry.intent) && entry.typoTolerant,
    ).map((entry) => entry.spelling);

    expect(tolerant).toEqual([]);
  });
});

describe('reading the whole message (issue 13)', () => {
  it.each([
    ['здравствуйте мне нужна помощь', 'menu'],
    ['мои сроки', 'my_deadlines'],
    ['mne nujen chelovek', 'person'],
    ['салам жардам керек', 'menu'],
    ['Салам, жардам керек', 'menu'],
    ['хочу поговорить с человеком', 'person'],
    ['адам менен сүйлөшкүм келет', 'person'],
    ['сколько можно быть без визы', 'info_visa_free'],
    ['нужна ли регистрация если живу у знакомых', 'info_registration'],
    ['пишите латиницей телефон не читает', 'latin'],
  ])('finds the keyword behind a greeting or pronoun in %j: %s', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it.each([
    ['я приехал 5 марта', '5 марта'],
    ['здравствуйте я приехал 15.03 когда надо уехать', '15.03'],
    ['приехал в сербию 28 февраля сколько дней осталось', 'в сербию 28 февраля'],
    ['мен 12.03 келдим', '12.03'],
    ['салам мен 1-апрелде келдим', '1-апрелде'],
    ['5 марта келдим', '5 марта'],
    ['кечээ келдим', 'кечээ'],
    ['жаңы келдим 12.03', '12.03'],
  ])('reads %j as an entry with the date next to the verb: %j', (text, argument) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'set_entry', argument });
  });

  it.each([
    ['мен', 'I'],
    ['мени', 'me'],
    ['мени угуп жатасызбы', 'can you hear me'],
    ['мен азыр жумуштамын кийин жазам', 'I am at work now'],
    ['менин атым Айбек', 'my name is'],
  ])('does not read %j (%s) as the menu', (text) => {
    expect(matchKeyword(text).intent).not.toBe('menu');
  });

  it.each([
    ['уехал 5 марта', 'set_exit'],
    ['я уехал из сербии 2 апреля', 'set_exit'],
    ['чыктым', 'set_exit'],
    ['чыктым 18.02', 'set_exit'],
    ['выехал', 'set_exit'],
    ['выезд', 'set_exit'],
    ['serbiyadan 25.03 chyktym', 'set_exit'],
    ['Сербиядан 1-апрелде чыгып кеттим', 'set_exit'],
    ['съехал с квартиры 3 марта', 'info_registration'],
    ['калдым 20 мартта', 'unknown'],
    ['уехал 1 марта, приехал 5 марта', 'set_exit'],
  ])('never reads the exit or stay in %j as an entry: it is %s', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it.each([
    ['уехал 5 марта', '5 марта'],
    ['чыктым 18.02', '18.02'],
    ['6 апреля чыктым', '6 апреля'],
  ])('gives the exit in %j its date %j', (text, argument) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'set_exit', argument });
  });

  it.each([
    ['мен келдим', 'I am here: no date, so no entry'],
    ['Токтогулдан келдим', 'I come from Toktogul'],
    ['Марат 12.03 келди', 'Marat came: someone else'],
    ['хочу приехать 5 мая', 'a plan, not an arrival'],
  ])('does not read %j (%s) as an entry', (text) => {
    expect(matchKeyword(text).intent).not.toBe('set_entry');
  });

  describe('when several keywords appear, READING_ORDER decides', () => {
    it.each([
      ['помогите нужен человек', 'person'],
      ['срочно нужна помощь', 'info_emergency'],
      ['стоп пожалуйста помощь не нужна', 'stop_hint'],
      ['приехал 5 марта какие мои сроки', 'set_entry'],
      ['men 7 aprelde keldim kancha kun kaldy', 'set_entry'],
      ['мои сроки по регистрации', 'my_deadlines'],
      ['регистрация и работа', 'info_registration'],
      ['помощь по работе', 'info_work'],
      ['ВНЖ до 1 марта 2027', 'set_permit'],
      ['ВНЖ заканчивается 20 мая', 'set_permit'],
      ['uruksat kantip alam', 'info_residence'],
      ['единое разрешение как подать', 'info_residence'],
    ])('reads %j as %s', (text, intent) => {
      expect(matchKeyword(text).intent).toBe(intent);
    });

    it('lists every intent read anywhere in a message, and none of the whole-message commands', () => {
      const listed = new Set(READING_ORDER.map((rank) => rank.intent));
      const anywhere = INTENTS.filter((intent) => !WHOLE_MESSAGE_INTENTS.has(intent));

      expect(anywhere.filter((intent) => !listed.has(intent))).toEqual([]);
      expect([...listed].filter((intent) => WHOLE_MESSAGE_INTENTS.has(intent))).toEqual([]);
    });
  });

  it('does not take people counted for a person asked for', () => {
    expect(matchKeyword('нас 5 человек').intent).not.toBe('person');
  });

  it('still reads a keyword sent alone as before', () => {
    expect(matchKeyword('ЖАРДАМ')).toEqual({ intent: 'menu', language: 'ky' });
  });
});

describe('false positives on real Kyrgyz words (a sample; the full scan is bench/vocabulary-scan.ts)', () => {
  // Common forms from ../shared/data/vocabulary/ky-words.txt that were once one typo from a keyword.
  it.each([['кылдым'], ['кийдим'], ['келди'], ['мүнөт'], ['алтын'], ['жарам'], ['күмүш'], ['ката'], ['кат']])(
    'reads %j, alone and opening a sentence, as no keyword',
    (word) => {
      expect(matchKeyword(word)).toEqual({ intent: 'unknown' });
      expect(matchKeyword(`${word} бүгүн эмне болду`).intent).toBe('unknown');
    },
  );
});

describe('the keyword table', () => {
  it('reads every spelling in the table, sent alone, as its own intent', () => {
    const misread = KEYWORD_ENTRIES.filter((entry) => matchKeyword(entry.spelling).intent !== entry.intent);

    expect(misread.map((entry) => entry.spelling)).toEqual([]);
  });

  it('gives every intent at least one keyword in Kyrgyz or shared words, and one in Russian or shared', () => {
    const intentsWith = (languages: readonly string[]) =>
      new Set(
        KEYWORD_ENTRIES.filter((entry) => languages.includes(entry.writtenIn)).map((entry) => entry.intent),
      );

    // `help` is read from the topic lexicon (shared/sms/topics), not from the keyword table.
    const tabled = INTENTS.filter((intent) => intent !== 'help');
    expect(tabled.filter((intent) => !intentsWith(['ky', 'any']).has(intent))).toEqual([]);
    expect(tabled.filter((intent) => !intentsWith(['ru', 'any']).has(intent))).toEqual([]);
  });

  it('answers each digit of the menu the callers read with the intent the menu names', () => {
    // Digit → what the menu text (shared/messages/*.ts `menu`) promises; matched as a caller sends it.
    const promised: Record<string, string> = {
      '0': 'menu',
      '1': 'info_registration',
      '2': 'info_visa_free',
      '3': 'info_residence',
      '4': 'info_work',
      '5': 'info_emergency',
      '6': 'my_deadlines',
      '7': 'person',
      '8': 'language',
      '9': 'latin',
    };

    const matched = Object.fromEntries(
      Object.keys(promised).map((digit) => [digit, matchKeyword(digit).intent]),
    );

    expect(matched).toEqual(promised);
    for (const menu of [ky.menu, ru.menu]) {
      for (const digit of ['1', '2', '3', '4', '5', '6', '7', '8', '9'])
        expect(menu).toMatch(new RegExp(`(^|\\s)${digit} `));
    }
  });

  it('has no two intents whose keywords collide within typo reach after folding', () => {
    const collisions: string[] = [];
    for (const [index, a] of KEYWORD_ENTRIES.entries()) {
      for (const b of KEYWORD_ENTRIES.slice(index + 1)) {
        if (sameMeaning(a, b)) continue;
        const distance = typoDistance(a.folded, b.folded);
        // One typo from each side meets in the middle at distance 2; one typo reaches an exact word at 1.
        const reach = (a.typoTolerant ? 1 : 0) + (b.typoTolerant ? 1 : 0);
        if (distance <= reach) collisions.push(`${a.spelling} (${a.intent}) ~ ${b.spelling} (${b.intent})`);
      }
    }

    expect(collisions).toEqual([]);
  });

  it('reads every one-letter typo of a typo-tolerant keyword as that keyword, never as another intent', () => {
    const misread: string[] = [];
    // A real word on NOT_KEYWORDS is never read as a typo, alone or inside a phrase (ТЕЗ ЖАРАМ).
    const refused = new Set(NOT_KEYWORDS.map(normalizeText));
    const isRefused = (typo: string) => typo.split(' ').some((word) => refused.has(word));
    for (const entry of KEYWORD_ENTRIES.filter((candidate) => candidate.typoTolerant)) {
      for (const typo of oneLetterTypos(entry.folded).filter((candidate) => !isRefused(candidate))) {
        const match = matchKeyword(typo);
        if (match.intent !== entry.intent) misread.push(`${typo} → ${match.intent} (wanted ${entry.intent})`);
      }
    }

    expect(misread).toEqual([]);
  });
});

describe('parseLanguageChoice', () => {
  it.each([
    ['1', 'ky'],
    ['2', 'ru'],
    ['KG', 'ky'],
    ['ky', 'ky'],
    ['ru', 'ru'],
    ['РУС', 'ru'],
    ['кыргызча', 'ky'],
    ['kyrgyzcha', 'ky'],
    ['кыргызский', 'ky'],
    ['русский', 'ru'],
    ['руский', 'ru'],
    ['ТИЛ 2', 'ru'],
    ['орусча жазыңыз', 'ru'],
    ['orus cha', undefined],
    ['руки', undefined],
    ['русские', undefined],
    ['1 мен кыргызча жазам', undefined],
    ['3', undefined],
    ['', undefined],
  ])('reads %j as %s', (text, language) => {
    expect(parseLanguageChoice(text)).toBe(language);
  });
});

describe('typoDistance', () => {
  it.each([
    ['stop', 'stop', 0],
    ['stop', 'stpo', 1],
    ['stop', 'sto', 1],
    ['stop', 'sstop', 1],
    ['stop', 'stap', 1],
    ['jardam', 'adam', 2],
    ['', 'abc', 3],
    ['ca', 'abc', 3],
  ])('measures %j to %j as %i', (a, b, distance) => {
    expect(typoDistance(a, b)).toBe(distance);
  });
});

function sameMeaning(a: KeywordEntry, b: KeywordEntry): boolean {
  return a.intent === b.intent && a.names === b.names;
}

/**
 * Deletions, swaps of neighbours, substitutions and insertions on the folded form; only those
 * that stay one edit away once folded again (an edit that makes "sh" or a doubled letter is not).
 */
function oneLetterTypos(word: string): string[] {
  const letters = [...word];
  const alphabet = [...'abdefgijklmnoprstuvzčš'];
  const typos = new Set<string>();
  letters.forEach((letter, index) => {
    if (letter === ' ') return;
    typos.add(splice(letters, index, 1));
    const next = letters[index + 1];
    if (next !== undefined && next !== ' ') typos.add(splice(letters, index, 2, next, letter));
    for (const other of alphabet) typos.add(splice(letters, index, 1, other));
  });
  for (let index = 0; index <= letters.length; index += 1) {
    for (const other of alphabet) typos.add(splice(letters, index, 0, other));
  }
  typos.delete(word);
  return [...typos].filter((typo) => normalizeText(typo) === typo);
}

function splice(letters: readonly string[], start: number, remove: number, ...insert: string[]): string {
  const copy = [...letters];
  copy.splice(start, remove, ...insert);
  return copy.join('');
}
