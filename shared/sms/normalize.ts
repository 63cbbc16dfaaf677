// Folds what a migrant types on a basic phone into one canonical form, so that JARDAM, zhardam,
// djardam, жардам and ЖАРДАМ!! all compare equal. The canonical form is a Latin skeleton:
// Cyrillic is transliterated, and the many Latin spellings of one Cyrillic letter collapse to one
// letter (ж/zh/dj/j → j, ш/sh/š → š, ч/ch/č → č, ы/y/i → i, ң → n, ө → o, ү → u).
// It is for matching only: never show it to anyone.
//
// Every token also carries a `strict` form for the commands that change what we send or hold (stop,
// start, delete, confirm-delete, language): the same folding, but ы stays apart from и (Latin y from i)
// and doubled letters are kept, so ТЫЛ is not ТИЛ and ОБА is not ООБА (see keywords.ts).

/** One word or number of an incoming message, with where it sits in the original text. */
export interface MessageToken {
  /** The characters as typed, for echoing an argument back verbatim. */
  readonly raw: string;
  /** Canonical form used for matching. */
  readonly folded: string;
  /**
   * Stricter form for destructive commands: case, punctuation, look-alike letters and ң/ө/ү are
   * folded as in `folded`, but ы (Latin y) stays distinct from и (i), q w x stay as typed, and
   * doubled letters are not collapsed.
   */
  readonly strict: string;
  /** The alphabet the word is typed in; a Cyrillic word typed partly with Latin look-alikes is Cyrillic. */
  readonly script: 'cyrillic' | 'latin' | 'other';
  readonly kind: 'word' | 'number';
  /** UTF-16 offsets into the original text: `text.slice(start, end)` is the token and what joined it. */
  readonly start: number;
  readonly end: number;
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const ASCII_DIGIT = /^[0-9]$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/** Apostrophes typed inside words (v'ezd, об’ява): they join, they do not split. */
const APOSTROPHES = new Set(["'", '’', 'ʼ', '`', '´', 'ʻ', '‘']);

/**
 * Latin letters that look like Cyrillic ones. A Cyrillic word whose other letters are all such
 * look-alikes (CTOП, ЖAPДAM) is read as Cyrillic; a pure Latin word is left alone.
 */
const LATIN_LOOKALIKE_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  K: 'К',
  k: 'к',
  M: 'М',
  O: 'О',
  o: 'о',
  P: 'Р',
  p: 'р',
  T: 'Т',
  X: 'Х',
  x: 'х',
  Y: 'У',
  y: 'у',
  '0': 'о',
  '3': 'з',
};

/**
 * Letters that a plain Unicode decomposition would get wrong: Latin letters whose diacritic
 * changes the sound (Serbian, Turkish and Kyrgyz-Latin keyboards), Kyrgyz letters and the
 * neighbouring Cyrillic letters phones offer in their place. Output is already canonical.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  // Latin
  š: 'š',
  ş: 'š',
  ș: 'š',
  ž: 'j',
  đ: 'j',
  č: 'č',
  ć: 'č',
  ç: 'č',
  ı: 'i',
  ñ: 'n',
  ŋ: 'n',
  ğ: 'g',
  ɵ: 'o',
  // Kyrgyz and look-alike Cyrillic letters from other keyboards
  ң: 'н',
  ӊ: 'н',
  ҥ: 'н',
  ө: 'о',
  ӧ: 'о',
  ү: 'у',
  ұ: 'у',
  ӱ: 'у',
  ў: 'у',
  ғ: 'г',
  қ: 'к',
  ҳ: 'х',
  һ: 'х',
  і: 'и',
  ї: 'и',
  й: 'и',
  є: 'е',
  ё: 'е',
  // Serbian Cyrillic, since the phone may have a Serbian keyboard
  ј: 'j',
  ђ: 'j',
  џ: 'j',
  ћ: 'č',
  љ: 'л',
  њ: 'н',
};

const CYRILLIC_TO_CANONICAL: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'č',
  ш: 'š',
  щ: 'š',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/**
 * Latin transliteration habits, longest first so `shch` is not read as `sh` + `ch`.
 * `sch` is щ only at the end of a word (pomosch); inside a word it is с + ч, as in the Kyrgyz
 * suffix -ча (ORUSCHA = орусча) and Russian счёт. Reading it as щ everywhere made ORUSCHA fold
 * to "oruša", the same as the Kyrgyz illness words ооруша, оорушу...
 */
const LATIN_SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch/g, 'š'],
  [/sch$/, 'š'],
  [/sch/g, 'sč'],
  [/tch|ch/g, 'č'],
  [/sh/g, 'š'],
  [/dzh|zh|dj/g, 'j'],
  [/kh/g, 'h'],
  [/c/g, 'ts'],
  [/x/g, 'h'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/q/g, 'k'],
];

/** The strict form keeps y, w, q and x as typed: YAZYK is not YAZIK, QUIT is not KUIT. */
const STRICT_LATIN_SPELLINGS = LATIN_SPELLINGS.filter(
  ([pattern]) => !['y', 'w', 'q', 'x'].includes(pattern.source),
);

/** In the strict form ы is y, the letter Latin spellings use for it, so it stays apart from и. */
const STRICT_CYRILLIC: Readonly<Record<string, string>> = { ...CYRILLIC_TO_CANONICAL, ы: 'y' };

/** Splits a message into words and numbers and folds each to its canonical form. Never throws. */
export function tokenize(text: string): MessageToken[] {
  const points = codePoints(text);
  const tokens: MessageToken[] = [];
  let index = 0;
  while (index < points.length) {
    const kind = points[index]!.kind;
    if (kind === 'digit') {
      let end = index;
      while (points[end + 1]?.kind === 'digit') end += 1;
      tokens.push(numberToken(points, index, end));
      index = end + 1;
    } else if (kind === 'letter') {
      const end = wordEnd(points, index);
      const word = wordToken(points, index, end);
      if (word.folded !== '') tokens.push(word);
      index = end + 1;
    } else {
      index += 1;
    }
  }
  return tokens;
}

/** The canonical form of a whole message: folded tokens separated by single spaces. */
export function normalizeText(text: string): string {
  return tokenize(text)
    .map((token) => token.folded)
    .join(' ');
}

/** Folds one word (no spaces) to its canonical form; keyword and month tables use it too. */
export function foldWord(word: string): string {
  return tokenize(word)
    .map((token) => token.folded)
    .join('');
}

type CharacterKind = 'letter' | 'digit' | 'mark' | 'apostrophe' | 'other';

interface CodePoint {
  readonly char: string;
  readonly offset: number;
  readonly kind: CharacterKind;
}

function codePoints(text: string): CodePoint[] {
  const points: CodePoint[] = [];
  let offset = 0;
  for (const char of text) {
    points.push({ char, offset, kind: classify(char) });
    offset += char.length;
  }
  return points;
}

function classify(char: string): CharacterKind {
  const compatible = safeNormalize(char, 'NFKC');
  if (ASCII_DIGIT.test(compatible)) return 'digit';
  if (LETTER.test(char)) return 'letter';
  if (MARK.test(char)) return 'mark';
  if (APOSTROPHES.has(char)) return 'apostrophe';
  return 'other';
}

/**
 * A word runs over letters, combining marks, inner apostrophes, and a 0 or 3 sitting between two
 * letters, where people type it for O or З (ST0P, T0KT0T, РА3РЕШЕНИЕ).
 */
function wordEnd(points: readonly CodePoint[], start: number): number {
  let end = start;
  while (end + 1 < points.length) {
    const { char: next, kind } = points[end + 1]!;
    if (kind === 'letter' || kind === 'mark') {
      end += 1;
      continue;
    }
    const joinsWord = points[end + 2]?.kind === 'letter';
    if (joinsWord && (kind === 'apostrophe' || next === '0' || next === '3')) {
      end += 1;
      continue;
    }
    break;
  }
  return end;
}

function numberToken(points: readonly CodePoint[], start: number, end: number): MessageToken {
  const chars = points.slice(start, end + 1).map((point) => point.char);
  const digits = chars.map((char) => safeNormalize(char, 'NFKC')).join('');
  return {
    raw: chars.join(''),
    folded: digits,
    strict: digits,
    script: 'other',
    kind: 'number',
    ...span(points, start, end),
  };
}

function wordToken(points: readonly CodePoint[], start: number, end: number): MessageToken {
  const raw = points
    .slice(start, end + 1)
    .map((point) => point.char)
    .join('');
  const letters = [...raw].filter((char) => !APOSTROPHES.has(char));
  const foreign = letters.filter((char) => !CYRILLIC.test(char) && !MARK.test(char));
  // CTOП is Cyrillic typed with Latin look-alikes; pomoщь is transliteration finished in Cyrillic.
  const lookalikes =
    foreign.length < letters.length &&
    foreign.length > 0 &&
    foreign.every((char) => LATIN_LOOKALIKE_TO_CYRILLIC[char] !== undefined);
  const unified = letters.map((char) => {
    if (lookalikes) return LATIN_LOOKALIKE_TO_CYRILLIC[char] ?? char;
    // A lone inner 0 or 3 in a Latin word is the letter it looks like.
    if (char === '0') return 'o';
    if (char === '3') return 'z';
    return char;
  });
  const script = unified.some((char) => CYRILLIC.test(char))
    ? 'cyrillic'
    : unified.some((char) => LATIN.test(char))
      ? 'latin'
      : 'other';
  const { folded, strict } = foldLetters(unified);
  return {
    raw,
    folded,
    strict,
    script,
    kind: 'word',
    ...span(points, start, end),
  };
}

function span(points: readonly CodePoint[], start: number, end: number): { start: number; end: number } {
  const last = points[end]!;
  return { start: points[start]!.offset, end: last.offset + last.char.length };
}

function foldLetters(letters: readonly string[]): { folded: string; strict: string } {
  const plain = letters.map(foldLetter).join('');
  const spelled = (spellings: typeof LATIN_SPELLINGS, table: Readonly<Record<string, string>>) => {
    const latin = spellings.reduce((word, [pattern, canonical]) => word.replace(pattern, canonical), plain);
    let canonical = '';
    for (const char of latin) canonical += table[char] ?? char;
    return canonical;
  };
  return {
    folded: collapseRepeats(spelled(LATIN_SPELLINGS, CYRILLIC_TO_CANONICAL)),
    strict: spelled(STRICT_LATIN_SPELLINGS, STRICT_CYRILLIC),
  };
}

function foldLetter(char: string): string {
  const lower = safeNormalize(char, 'NFKC').toLowerCase();
  let folded = '';
  for (const single of lower) {
    const explicit = LETTER_FOLDS[single];
    if (explicit !== undefined) {
      folded += explicit;
      continue;
    }
    // Diacritics that do not change the sound (é, ö, ӱ...) drop; the base letter stays.
    const base = safeNormalize(single, 'NFKD').replace(/\p{M}/gu, '');
    folded += LATIN.test(base) || CYRILLIC.test(base) ? (LETTER_FOLDS[base] ?? base) : base;
  }
  return folded;
}

/** Doubled letters (МААЛЫМАТ, stoop, ТТОКТОТ) carry no meaning for matching. */
export function collapseRepeats(word: string): string {
  let collapsed = '';
  let previous = '';
  for (const char of word) {
    if (char !== previous) collapsed += char;
    previous = char;
  }
  return collapsed;
}

function safeNormalize(text: string, form: 'NFKC' | 'NFKD'): string {
  try {
    return text.normalize(form);
  } catch {
    return text;
  }
}
