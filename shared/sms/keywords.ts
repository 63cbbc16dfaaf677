// The SMS keyword table and the matcher that reads an incoming message against it.
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz and Russian words below before launch.
// To add a spelling: put it in the right intent, language and script, then run
// `npx vitest run tests/unit/sms` — a test fails if the new word can be confused with another
// intent's word (see docs/keywords.md). Spellings are written the way a caller would type them;
// the matcher folds case, ң/ө/ү, transliterations and doubled letters itself (normalize.ts).

import { INTENT_ARGUMENT, type Intent, type Language, WHOLE_MESSAGE_INTENTS } from './intents.js';
import { foldWord, type MessageToken, tokenize } from './normalize.js';

export interface Spellings {
  readonly cyrillic?: readonly string[];
  readonly latin?: readonly string[];
}

/** Spellings by the language they are written in; `any` is for words both languages (or English) use. */
export interface KeywordSpellings {
  readonly ky?: Spellings;
  readonly ru?: Spellings;
  readonly any?: Spellings;
  /**
   * Spellings matched only exactly, never with a typo, because a typo of them could also be a
   * typo of another intent's word (ВИЗА/ВЪЕЗД, АДАМ/ЖАРДАМ, СРОК/СТОП, ЖАШОО/КАТТОО, АЙЛЫК/ЯЗЫК).
   * Doubled letters are folded anyway, so ЖАШО still finds ЖАШОО.
   */
  readonly exactOnly?: readonly string[];
}

export const KEYWORDS: Readonly<Record<Intent, KeywordSpellings>> = {
  menu: {
    ky: { cyrillic: ['ЖАРДАМ', 'МААЛЫМАТ'], latin: ['JARDAM', 'ZHARDAM', 'DJARDAM', 'MAALYMAT'] },
    ru: { cyrillic: ['ПОМОЩЬ', 'ПОМОГИТЕ'], latin: ['POMOSH', 'POMOSHCH', 'POMOGITE'] },
    any: { cyrillic: ['МЕНЮ', 'ИНФО'], latin: ['MENU', 'MENYU', 'INFO', 'HELP'] },
  },
  info_registration: {
    ky: { cyrillic: ['КАТТОО'], latin: ['KATTOO'] },
    ru: { cyrillic: ['РЕГИСТРАЦИЯ'], latin: ['REGISTRATSIYA', 'REGISTRACIYA'] },
  },
  info_visa_free: {
    ky: { cyrillic: ['ВИЗАСЫЗ'], latin: ['VIZASYZ'] },
    ru: { cyrillic: ['БЕЗВИЗ', 'БЕЗ ВИЗЫ'], latin: ['BEZVIZ', 'BEZ VIZY'] },
    any: { cyrillic: ['ВИЗА'], latin: ['VIZA', 'VISA'] },
    exactOnly: ['ВИЗА', 'VIZA', 'VISA'],
  },
  info_residence: {
    ky: { cyrillic: ['ЖАШОО'], latin: ['JASHOO', 'ZHASHOO'] },
    ru: { cyrillic: ['ВНЖ', 'ПРОЖИВАНИЕ'], latin: ['VNZH', 'PROZHIVANIE'] },
    any: { cyrillic: ['БОРАВАК'], latin: ['BORAVAK'] },
    exactOnly: ['ЖАШОО', 'JASHOO', 'ZHASHOO'],
  },
  info_work: {
    ky: { cyrillic: ['ЖУМУШ', 'АЙЛЫК'], latin: ['JUMUSH', 'ZHUMUSH', 'AYLYK'] },
    ru: { cyrillic: ['РАБОТА', 'ЗАРПЛАТА'], latin: ['RABOTA', 'ZARPLATA'] },
    exactOnly: ['АЙЛЫК', 'AYLYK'],
  },
  info_emergency: {
    ky: { cyrillic: ['ШАШЫЛЫШ', 'ТЕЗ ЖАРДАМ'], latin: ['SHASHYLYSH', 'TEZ JARDAM'] },
    ru: { cyrillic: ['СРОЧНО'], latin: ['SROCHNO'] },
    any: { cyrillic: ['СОС'], latin: ['SOS'] },
  },
  set_entry: {
    ky: { cyrillic: ['КИРДИМ', 'КЕЛДИМ'], latin: ['KIRDIM', 'KELDIM'] },
    ru: {
      cyrillic: ['ВЪЕЗД', 'ВЬЕЗД', 'ВЪЕХАЛ', 'ВЪЕХАЛА', 'ПРИЕХАЛ', 'ПРИЕХАЛА'],
      latin: ['VEZD', "V'EZD", 'PRIEHAL', 'PRIEKHAL'],
    },
  },
  set_permit: {
    ky: { cyrillic: ['УРУКСАТ'], latin: ['URUKSAT'] },
    ru: { cyrillic: ['РАЗРЕШЕНИЕ'], latin: ['RAZRESHENIE'] },
  },
  my_deadlines: {
    ky: { cyrillic: ['МӨӨНӨТ', 'МӨӨНӨТТӨР'], latin: ['MOONOT', 'MÖÖNÖT'] },
    ru: { cyrillic: ['СРОКИ', 'СРОК'], latin: ['SROKI', 'SROK'] },
    exactOnly: ['СРОК', 'SROK'],
  },
  language: {
    ky: { cyrillic: ['ТИЛ'], latin: ['TIL'] },
    ru: { cyrillic: ['ЯЗЫК'], latin: ['YAZYK'] },
  },
  latin: {
    ky: { cyrillic: ['ЛАТЫН'], latin: ['LATYN'] },
    ru: { cyrillic: ['ЛАТИНИЦА', 'ТРАНСЛИТ'], latin: ['LATINITSA', 'TRANSLIT'] },
    any: { latin: ['LATIN'] },
  },
  stop: {
    ky: { cyrillic: ['ТОКТОТ', 'ТОКТО'], latin: ['TOKTOT', 'TOKTO'] },
    ru: { cyrillic: ['СТОП'] },
    // Twilio's own opt-out words, so our state agrees with Twilio's when it blocks a number.
    any: { latin: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] },
  },
  start: {
    ky: { cyrillic: ['БАШТА'], latin: ['BASHTA'] },
    ru: { cyrillic: ['СТАРТ'] },
    any: { latin: ['START', 'UNSTOP'] },
    exactOnly: ['UNSTOP'],
  },
  delete: {
    ky: { cyrillic: ['ӨЧҮР', 'ӨЧҮРҮҮ'], latin: ['OCHUR', 'ÖCHÜR'] },
    ru: { cyrillic: ['УДАЛИТЬ'], latin: ['UDALIT'] },
    any: { latin: ['DELETE'] },
  },
  confirm_delete: {
    ky: { cyrillic: ['ООБА'], latin: ['OOBA'] },
    ru: { cyrillic: ['ДА'], latin: ['DA'] },
    any: { latin: ['YES'] },
  },
  person: {
    ky: { cyrillic: ['АДАМ'], latin: ['ADAM'] },
    ru: { cyrillic: ['ЧЕЛОВЕК'], latin: ['CHELOVEK'] },
    any: { cyrillic: ['ОПЕРАТОР', 'ВОЛОНТЕР'], latin: ['OPERATOR', 'VOLONTER'] },
    exactOnly: ['АДАМ', 'ADAM'],
  },
};

/**
 * Names of a language, sent alone or after ТИЛ/ЯЗЫК: each is the `language` intent with that
 * language as its argument. Keyed by the language named; inside, by the language written in.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, KeywordSpellings>> = {
  ky: {
    ky: { cyrillic: ['КЫРГЫЗЧА'], latin: ['KYRGYZCHA'] },
    ru: { cyrillic: ['КЫРГЫЗСКИЙ'], latin: ['KYRGYZSKIY'] },
  },
  ru: {
    ky: { cyrillic: ['ОРУСЧА'], latin: ['ORUSCHA'] },
    ru: { cyrillic: ['РУССКИЙ'], latin: ['RUSSKIY'] },
  },
};

/** Short codes accepted only as the argument of ТИЛ/ЯЗЫК (`ТИЛ 1`, `ЯЗЫК RU`), never alone. */
const LANGUAGE_CODES: Readonly<Record<Language, readonly string[]>> = {
  ky: ['1', 'KY', 'KG', 'KGZ', 'КЫР', 'КЫРГ', 'КГ'],
  ru: ['2', 'RU', 'RUS', 'РУ', 'РУС'],
};

/**
 * The digit menu, valid only when the digit is the whole message (so a date never reads as a
 * menu choice). 1-5 information, 6 deadlines, 7 a person, 8 language, 9 Latin letters, 0 menu.
 */
export const DIGIT_MENU: Readonly<Record<string, Intent>> = {
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

/**
 * Real words one typo away from a keyword that mean something else: ВЫЕЗД is "exit", and saving
 * an exit date as the entry date would count the 90 days wrongly. Compared folded, so the Latin
 * VYEZD is refused too: it is how both ВЫЕЗД and ВЪЕЗД get transliterated, and VEZD is not.
 */
export const NOT_KEYWORDS: readonly string[] = ['выезд', 'выехал', 'выехала'];

export type KeywordMatch =
  | { readonly intent: Intent; readonly argument?: string; readonly language?: Language }
  | { readonly intent: 'unknown' };

/** One spelling of the table, folded for matching. */
export interface KeywordEntry {
  readonly intent: Intent;
  readonly spelling: string;
  /** Language the spelling is written in; `any` when it says nothing about the caller's language. */
  readonly writtenIn: Language | 'any';
  readonly script: 'cyrillic' | 'latin';
  /** Folded words of the spelling (one for most, two for ТЕЗ ЖАРДАМ). */
  readonly folded: string;
  readonly wordCount: number;
  readonly typoTolerant: boolean;
  /** For language names: the language they name. */
  readonly names?: Language;
}

/** Keywords of 4+ letters tolerate one typo; shorter ones are too easy to hit by accident. */
export const TYPO_MIN_LETTERS = 4;

export const KEYWORD_ENTRIES: readonly KeywordEntry[] = [
  ...Object.entries(KEYWORDS).flatMap(([intent, spellings]) => compile(intent as Intent, spellings)),
  ...Object.entries(LANGUAGE_NAMES).flatMap(([named, spellings]) =>
    compile('language', spellings, named as Language),
  ),
];

const NOT_KEYWORD_SET = new Set(NOT_KEYWORDS.map(foldWord));

/**
 * Reads a message as a keyword command. The keyword must open the message; what follows it is
 * the argument (a date for КИРДИМ/ВЪЕЗД, a language for ТИЛ/ЯЗЫК) and is ignored for the other
 * intents, except STOP-like commands, which must be the whole message. Exact spellings win over
 * typos, longer phrases over shorter; a tie between intents is `unknown`, never a guess.
 */
export function matchKeyword(text: string): KeywordMatch {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (first === undefined) return { intent: 'unknown' };
  if (first.kind === 'number') {
    const intent = tokens.length === 1 ? DIGIT_MENU[first.folded] : undefined;
    return intent === undefined ? { intent: 'unknown' } : { intent };
  }
  if (NOT_KEYWORD_SET.has(first.folded)) return { intent: 'unknown' };

  const best = bestCandidates(tokens);
  const chosen = best[0];
  if (chosen === undefined) return { intent: 'unknown' };
  if (best.some((candidate) => !sameMeaning(candidate.entry, chosen.entry))) return { intent: 'unknown' };

  const { intent } = chosen.entry;
  const rest = tokens[chosen.entry.wordCount];
  const restText = rest === undefined ? '' : text.slice(rest.start).trim();
  const language = languageHint(
    best.map((candidate) => candidate.entry),
    tokens.slice(0, chosen.entry.wordCount),
  );
  const argument = argumentOf(intent, chosen.entry, restText);
  return {
    intent,
    ...(argument === undefined ? {} : { argument }),
    ...(language === undefined ? {} : { language }),
  };
}

/**
 * Reads a language choice: 1 or 2 (as the welcome message offers), a code (KY, RU, КГ) or a
 * language name (КЫРГЫЗЧА, РУССКИЙ, ОРУСЧА). The conversation layer also uses it for a bare
 * 1 or 2 sent in answer to the welcome message, where the digit menu does not apply yet.
 */
export function parseLanguageChoice(text: string): Language | undefined {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (first === undefined) return undefined;
  for (const language of ['ky', 'ru'] as const) {
    if (LANGUAGE_CODES[language].some((code) => foldWord(code) === first.folded)) return language;
  }
  const names = KEYWORD_ENTRIES.filter((entry) => entry.names !== undefined);
  const candidates = rankCandidates(tokens, names);
  const named = new Set(candidates.map((candidate) => candidate.entry.names));
  const only = candidates[0]?.entry.names;
  return named.size === 1 ? only : undefined;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and swaps of two neighbouring letters each cost one.
 */
export function typoDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const rows = left.length + 1;
  const columns = right.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number): number => distance[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      const swapped =
        row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1];
      if (swapped) best = Math.min(best, at(row - 2, column - 2) + 1);
      distance[row]![column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

interface Candidate {
  readonly entry: KeywordEntry;
  readonly distance: number;
}

function bestCandidates(tokens: readonly MessageToken[]): Candidate[] {
  const fitting = KEYWORD_ENTRIES.filter(
    (entry) => !WHOLE_MESSAGE_INTENTS.has(entry.intent) || tokens.length === entry.wordCount,
  );
  return rankCandidates(tokens, fitting);
}

/** Candidates of the best rank: exact before typo, then the longest phrase. */
function rankCandidates(tokens: readonly MessageToken[], entries: readonly KeywordEntry[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const entry of entries) {
    const opening = tokens.slice(0, entry.wordCount);
    if (opening.length < entry.wordCount || opening.some((token) => token.kind !== 'word')) continue;
    const phrase = opening.map((token) => token.folded).join(' ');
    const distance = phraseDistance(phrase, entry);
    if (distance <= 1) candidates.push({ entry, distance });
  }
  const closest = Math.min(...candidates.map((candidate) => candidate.distance));
  const atClosest = candidates.filter((candidate) => candidate.distance === closest);
  const longest = Math.max(...atClosest.map((candidate) => candidate.entry.wordCount));
  return atClosest.filter((candidate) => candidate.entry.wordCount === longest);
}

function phraseDistance(phrase: string, entry: KeywordEntry): number {
  if (phrase === entry.folded) return 0;
  return entry.typoTolerant && isOneTypoApart(phrase, entry.folded) ? 1 : Number.POSITIVE_INFINITY;
}

/**
 * Same answer as `typoDistance(a, b) === 1` for different strings, in one pass: this runs for
 * every keyword on every message, the full table only in tests.
 */
function isOneTypoApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let index = 0;
  while (index < shorter.length && shorter[index] === longer[index]) index += 1;
  if (shorter.length !== longer.length) return shorter.slice(index) === longer.slice(index + 1);
  if (shorter.slice(index + 1) === longer.slice(index + 1)) return true;
  const swapped = shorter[index] === longer[index + 1] && shorter[index + 1] === longer[index];
  return swapped && shorter.slice(index + 2) === longer.slice(index + 2);
}

function sameMeaning(a: KeywordEntry, b: KeywordEntry): boolean {
  return a.intent === b.intent && a.names === b.names;
}

/**
 * The caller's language, when the words they typed belong to one language only. A Cyrillic
 * message is judged by Cyrillic spellings (СТОП is Russian) and a Latin one by Latin spellings
 * (STOP is English, so no hint).
 */
function languageHint(
  entries: readonly KeywordEntry[],
  typed: readonly MessageToken[],
): Language | undefined {
  const typedScript = typed.some((token) => /\p{Script=Cyrillic}/u.test(token.raw)) ? 'cyrillic' : 'latin';
  const sameScript = entries.filter((entry) => entry.script === typedScript);
  const judged = sameScript.length > 0 ? sameScript : entries;
  const languages = new Set(judged.map((entry) => entry.writtenIn));
  const [only] = [...languages];
  return languages.size === 1 && only !== 'any' ? only : undefined;
}

function argumentOf(intent: Intent, entry: KeywordEntry, restText: string): string | undefined {
  switch (INTENT_ARGUMENT[intent]) {
    case 'date':
      return restText === '' ? undefined : restText;
    case 'language':
      return entry.names ?? parseLanguageChoice(restText);
    case 'none':
      return undefined;
  }
}

function compile(intent: Intent, spellings: KeywordSpellings, names?: Language): KeywordEntry[] {
  const exactOnly = new Set(spellings.exactOnly ?? []);
  const languages = ['ky', 'ru', 'any'] as const;
  return languages.flatMap((writtenIn) => {
    const byScript = spellings[writtenIn];
    const scripts = [
      ['cyrillic', byScript?.cyrillic ?? []],
      ['latin', byScript?.latin ?? []],
    ] as const;
    return scripts.flatMap(([script, written]) =>
      written.map((spelling): KeywordEntry => {
        const words = tokenize(spelling).map((token) => token.folded);
        const folded = words.join(' ');
        return {
          intent,
          spelling,
          writtenIn,
          script,
          folded,
          wordCount: words.length,
          typoTolerant: !exactOnly.has(spelling) && folded.replace(/ /g, '').length >= TYPO_MIN_LETTERS,
          ...(names === undefined ? {} : { names }),
        };
      }),
    );
  });
}
