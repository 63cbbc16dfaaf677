import { describe, expect, it } from 'vitest';
import { ky } from '../../../shared/messages/ky.js';
import { ru } from '../../../shared/messages/ru.js';
import { INTENTS } from '../../../shared/sms/intents.js';
import {
  KEYWORD_ENTRIES,
  type KeywordEntry,
  matchKeyword,
  NOT_KEYWORDS,
  parseLanguageChoice,
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
    ['токтт', 'stop'],
    ['stpo', 'stop'],
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

  it('reads ТИЛ with an unreadable choice as a plain language switch', () => {
    expect(matchKeyword('тил французский')).toEqual({ intent: 'language', language: 'ky' });
  });

  it.each([
    ['Стоп, а что дальше?'],
    ['stop please'],
    ['ТОКТОТ баарын'],
    ['Да, удалите'],
    ['ДА спасибо'],
    ['start work tomorrow'],
    ['удалить номер хозяина'],
    ['не стоп'],
  ])('does not act on a STOP-like word inside the sentence %j', (text) => {
    expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
  });

  it.each([
    ['СТОП!', 'stop'],
    ['  stop  ', 'stop'],
    ['Да.', 'confirm_delete'],
    ['ООБА!!!', 'confirm_delete'],
  ])('acts on the STOP-like command %j when it is the whole message', (text, intent) => {
    expect(matchKeyword(text).intent).toBe(intent);
  });

  it('keeps the rest of a non-command message out of the way: ПОМОЩЬ пожалуйста is the menu', () => {
    expect(matchKeyword('ПОМОЩЬ пожалуйста')).toEqual({ intent: 'menu', language: 'ru' });
  });

  it('prefers the longer phrase: ТЕЗ ЖАРДАМ is emergency, not the menu', () => {
    expect(matchKeyword('тез жардам керек').intent).toBe('info_emergency');
  });

  it.each([['выезд 12.03.2026'], ['ВЫЕХАЛ 12.03'], ['vyezd 12.03']])(
    'never reads %j (exit) as an entry date, though it is one letter from ВЪЕЗД',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
    },
  );

  it.each([['Салам, жардам керек'], ['good morning'], [''], ['   '], ['🙏🙏🙏'], ['?'], ['مرحبا']])(
    'reads %j as unknown',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
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

    expect(INTENTS.filter((intent) => !intentsWith(['ky', 'any']).has(intent))).toEqual([]);
    expect(INTENTS.filter((intent) => !intentsWith(['ru', 'any']).has(intent))).toEqual([]);
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
    const refused = new Set(NOT_KEYWORDS.map(normalizeText));
    for (const entry of KEYWORD_ENTRIES.filter((candidate) => candidate.typoTolerant)) {
      for (const typo of oneLetterTypos(entry.folded).filter((candidate) => !refused.has(candidate))) {
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
    ['orus cha', undefined],
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
