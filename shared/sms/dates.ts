// Reads a date the way migrants type it by SMS: 12.03.2026, 12/03/26, 2026-03-12, 12.03, 120326,
// "12 марта", "12-март", "20 мартта", "5-апрелде", "12 marta", the Kyrgyz month names, "бүгүн",
// "позавчера", "3 дня назад", "3 күн мурун", "12 числа", "12 марта прошлого года", "былтыр 12-март",
// with a time after the date ignored ("12.03 в 14:30"). Day comes before month, as in Kyrgyzstan,
// Russia and Serbia.
//
// A date is found as a *mention* inside the text: a run of digits, or a day next to a month word, or a
// relative phrase. Words around it are ignored, so "мен 12.03 келдим" and "приехал в сербию 5 марта"
// read. A month word must be a month name (or a known abbreviation) with at most a case ending, never
// any word that starts like one: "Марат" is not March, "жаңы" not January, "майрамдан" not May.
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz and Russian words below (month forms, relative days).

import { collapseRepeats, foldWord, type MessageToken, tokenize } from './normalize.js';

/** `past` for an entry date (it has happened), `future` for a permit expiry (it is coming). */
export type DateMode = 'past' | 'future';

export type DateProblem = 'unreadable' | 'impossible' | 'future' | 'too_old';

export type ParsedDate =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: DateProblem };

/**
 * How far back an entry date may lie. The 90/180 count looks back 180 days; a year leaves room
 * for people who have stayed on a permit and still catches a mistyped year. A year named in words
 * ("прошлого года", "былтыр") is no typo, so it may reach back to the start of last year.
 */
export { ENTRY_LOOKBACK_DAYS } from './date-basics.js';

import { ENTRY_LOOKBACK_DAYS } from './date-basics.js';

/** A single permit lasts up to 3 years; an expiry further out than this is a mistyped year. */
export const PERMIT_LOOKAHEAD_YEARS = 5;

/** Where a date sits in a text: `text.slice(start, end)` (UTF-16 offsets) is the date as typed. */
export interface DateMention {
  readonly start: number;
  readonly end: number;
}

const fold = (words: readonly string[]): string[] => words.map(foldWord);

/**
 * Month names (Russian in every case, Latin transliteration, English), folded. A token is a month
 * when it is one of these, or one of these plus a case ending (Russian) or suffix (Kyrgyz: мартта,
 * апрелде, январында), or one of the abbreviations below.
 */
const MONTH_NAMES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['январь', 'yanvar', 'january']],
  [2, ['февраль', 'fevral', 'february']],
  [3, ['март', 'march']],
  [4, ['апрель', 'april']],
  [5, ['май', 'мая', 'мае', 'may']],
  [6, ['июнь', 'june']],
  [7, ['июль', 'july']],
  [8, ['август', 'august']],
  [9, ['сентябрь', 'september']],
  [10, ['октябрь', 'october']],
  [11, ['ноябрь', 'november']],
  [12, ['декабрь', 'december']],
].map(([month, names]) => [month as number, fold(names as string[])] as const);

/** Abbreviations people type; not СЕН, which in Kyrgyz is "you". */
const MONTH_ABBREVIATIONS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['янв', 'jan', 'yanv']],
  [2, ['фев', 'февр', 'feb', 'fev', 'fevr']],
  [3, ['мар', 'mar']],
  [4, ['апр', 'apr']],
  [6, ['июн', 'jun', 'iyun']],
  [7, ['июл', 'jul', 'iyul']],
  [8, ['авг', 'aug', 'avg']],
  [9, ['сент', 'сентяб', 'sep', 'sept', 'sent']],
  [10, ['окт', 'oct', 'okt']],
  [11, ['ноя', 'нояб', 'nov', 'noyab']],
  [12, ['дек', 'декаб', 'dec', 'dek', 'dekab']],
].map(([month, names]) => [month as number, fold(names as string[])] as const);

/** Russian case endings and Kyrgyz case suffixes after a month name, folded (ө ү are о у). */
const MONTH_ENDINGS = fold([
  // Russian: марта, марте, марту, мартом, января, январе, январю, январём
  'а',
  'е',
  'у',
  'ом',
  'я',
  'ю',
  'ем',
  // Kyrgyz: locative, ablative, dative, genitive, accusative, possessive (+ locative/ablative)
  'та',
  'да',
  'те',
  'де',
  'тан',
  'дан',
  'тен',
  'ден',
  'ка',
  'га',
  'ке',
  'ге',
  'тын',
  'дын',
  'тин',
  'дин',
  'нын',
  'нин',
  'тун',
  'дун',
  'ты',
  'ды',
  'ти',
  'ди',
  'ы',
  'и',
  'ында',
  'инде',
  'ынан',
  'инен',
  'ына',
  'ине',
  'ынын',
  'инин',
  'дагы',
  'таги',
  'даги',
  'тагы',
  'ки',
]);

/** Real words that a month name plus an ending would spell: майка is a T-shirt, not May. */
const NOT_MONTHS = new Set(fold(['майка', 'майки', 'майку', 'майкой', 'маята', 'юна', 'мартина']));

const MONTH_FORMS: ReadonlyMap<string, number> = (() => {
  const forms = new Map<string, number>();
  for (const [month, names] of MONTH_NAMES) {
    for (const name of names) {
      forms.set(name, month);
      for (const ending of MONTH_ENDINGS) {
        const form = collapseRepeats(name + ending);
        if (!NOT_MONTHS.has(form)) forms.set(form, month);
      }
    }
  }
  for (const [month, names] of MONTH_ABBREVIATIONS) for (const name of names) forms.set(name, month);
  return forms;
})();

/**
 * Kyrgyz month names (Kyrgyz Wikipedia, "Айлардын кыргызча аталышы"). Calendars are known to
 * disagree on them, so the reply always shows the date back as digits for the caller to check.
 * The second word, when given, must follow: ЖАЛГАН alone means "false", not March.
 */
const KYRGYZ_MONTHS: ReadonlyArray<readonly [number, string, string | undefined]> = [
  [1, 'үчтүн', undefined],
  [2, 'бирдин', undefined],
  [3, 'жалган', 'куран'],
  [4, 'чын', 'куран'],
  [5, 'бугу', undefined],
  [6, 'кулжа', undefined],
  [7, 'теке', undefined],
  [8, 'баш', 'оона'],
  [9, 'аяк', 'оона'],
  [10, 'тогуздун', undefined],
  [11, 'жетинин', undefined],
  [12, 'бештин', undefined],
].map(([month, first, second]) => [
  month as number,
  foldWord(first as string),
  second === undefined ? undefined : foldWord(second as string),
]);

/** Words for a day relative to today, one or two words long. */
const RELATIVE_DAYS: ReadonlyArray<readonly [number, readonly (readonly string[])[]]> = [
  [0, [['бүгүн'], ['сегодня'], ['today']]],
  [-1, [['кечээ'], ['вчера'], ['yesterday']]],
  [1, [['эртең'], ['завтра'], ['tomorrow']]],
  [-2, [['позавчера'], ['мурдагы', 'күнү'], ['бүрүнкү', 'күнү']]],
  [2, [['послезавтра'], ['бүрсүгүнү']]],
].map(([offset, phrases]) => [offset as number, (phrases as string[][]).map(fold)] as const);

/** "3 дня назад", "3 күн мурун", "2 недели назад", "эки жума мурун", "келгениме 10 күн болду". */
const DAY_UNITS = new Set(fold(['день', 'дня', 'дней', 'дн', 'сутки', 'суток', 'күн', 'day', 'days']));
const WEEK_UNITS = new Set(
  fold(['неделя', 'недели', 'неделю', 'недель', 'нед', 'жума', 'апта', 'week', 'weeks']),
);
const AGO = new Set(fold(['назад', 'мурун', 'мурда', 'илгери', 'ago', 'болду']));
/** A unit alone means one of it: "неделю назад", "день назад". */
const ONE_UNIT = new Set(fold(['неделю', 'неделя', 'день', 'week', 'day']));
/** Between a unit and "назад": "3 дня тому назад". */
const AGO_FILLERS = new Set(fold(['тому']));

/** Small numbers written as words, for "два дня назад", "эки жума мурун". */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['один', 'одна', 'одну', 'бир']],
      [2, ['два', 'две', 'эки']],
      [3, ['три', 'үч']],
      [4, ['четыре', 'төрт']],
      [5, ['пять', 'беш']],
      [6, ['шесть', 'алты']],
      [7, ['семь', 'жети']],
      [8, ['восемь', 'сегиз']],
      [9, ['девять', 'тогуз']],
      [10, ['десять', 'он']],
    ] as const
  ).flatMap(([value, words]) => words.map((word) => [foldWord(word), value] as const)),
);

/** "12 числа": the 12th of this month (or the last month for an entry, the next for an expiry). */
const DAY_OF_MONTH = new Set(fold(['числа', 'число', 'chisla', 'chislo']));

/**
 * Between a day and its month: "12-го марта", "1-е апреля", and the Kyrgyz ordinal suffix
 * "5-инчи мартта", "3-үнчү апрелде".
 */
const DAY_FILLERS = new Set(
  fold(['го', 'е', 'ое', 'ого', 'th', 'st', 'nd', 'rd', 'инчи', 'ынчы', 'үнчү', 'унчу', 'нчи', 'нчы', 'нчу']),
);

/**
 * A Kyrgyz possessive with a locative, ablative or dative stuck to a day number: "8инде келдим"
 * (on the 8th), "мартын 23үндө", "октябрдын 1инен декабрдын 15ине чейин" (from the 1st to the
 * 15th). Without a month it is that day of this month, like "8 числа".
 */
const DAY_SUFFIX_LIST = [
  'инде',
  'ында',
  'үндө',
  'унда',
  'сында',
  'синде',
  'сунда',
  'сүндө',
  'инен',
  'ынан',
  'үнөн',
  'унан',
  'синен',
  'сынан',
  'ине',
  'ына',
  'үнө',
  'уна',
  'сине',
  'сына',
];
const DAY_SUFFIXES = new Set(fold(DAY_SUFFIX_LIST));

/** Between a month and its day: "март айынын бешинде", "мартын 5-күнү" is left out. */
const MONTH_OF = new Set(fold(['айынын', 'айдын', 'айынан']));

/**
 * Days written as words, before a month: "беш март", "он экинчи мартта", "жыйырманчы февралда",
 * "пятого марта", "двадцать первого января". Kyrgyz cardinals and ordinals, Russian ordinals
 * (genitive and neuter); a ten and a unit combine only within one language, so "он пятого"
 * (Russian "he" and "fifth") is the fifth.
 */
const DAY_WORDS: Readonly<
  Record<'ky' | 'ru', { tens: ReadonlyMap<string, number>; days: ReadonlyMap<string, number> }>
> = (() => {
  const table = (entries: readonly (readonly [number, readonly string[]])[]) =>
    new Map(entries.flatMap(([value, words]) => words.map((word) => [foldWord(word), value] as const)));
  const ruOrdinals = (value: number, stem: string) => [value, [`${stem}ого`, `${stem}ое`]] as const;
  return {
    ky: {
      tens: table([
        [10, ['он']],
        [20, ['жыйырма']],
        [30, ['отуз']],
      ]),
      days: table([
        [1, ['бир', 'биринчи']],
        [2, ['эки', 'экинчи']],
        [3, ['үч', 'үчүнчү']],
        [4, ['төрт', 'төртүнчү']],
        [5, ['беш', 'бешинчи']],
        [6, ['алты', 'алтынчы']],
        [7, ['жети', 'жетинчи']],
        [8, ['сегиз', 'сегизинчи']],
        [9, ['тогуз', 'тогузунчу']],
        [10, ['он', 'онунчу']],
        [20, ['жыйырма', 'жыйырманчы']],
        [30, ['отуз', 'отузунчу']],
      ]),
    },
    ru: {
      tens: table([
        [20, ['двадцать']],
        [30, ['тридцать']],
      ]),
      days: table([
        ruOrdinals(1, 'перв'),
        ruOrdinals(2, 'втор'),
        [3, ['третьего', 'третье']],
        ruOrdinals(4, 'четверт'),
        ruOrdinals(5, 'пят'),
        ruOrdinals(6, 'шест'),
        ruOrdinals(7, 'седьм'),
        ruOrdinals(8, 'восьм'),
        ruOrdinals(9, 'девят'),
        ruOrdinals(10, 'десят'),
        ruOrdinals(11, 'одиннадцат'),
        ruOrdinals(12, 'двенадцат'),
        ruOrdinals(13, 'тринадцат'),
        ruOrdinals(14, 'четырнадцат'),
        ruOrdinals(15, 'пятнадцат'),
        ruOrdinals(16, 'шестнадцат'),
        ruOrdinals(17, 'семнадцат'),
        ruOrdinals(18, 'восемнадцат'),
        ruOrdinals(19, 'девятнадцат'),
        ruOrdinals(20, 'двадцат'),
        ruOrdinals(30, 'тридцат'),
      ]),
    },
  };
})();

/** Kyrgyz day numbers with a suffix, after a month: "март айынын бешинде", "мартын онунда". */
const SUFFIXED_DAY_WORDS: ReadonlyMap<string, number> = new Map(
  [...DAY_WORDS.ky.days].flatMap(([word, day]) =>
    fold(DAY_SUFFIX_LIST).map((suffix) => [collapseRepeats(word + suffix), day] as const),
  ),
);

/**
 * Days of the week (ISO: Monday 1 ... Sunday 7). Russian in the accusative after "в"/"во"
 * ("в субботу", "в прошлую субботу"); Kyrgyz bare, with the locative ("ишембиде") or before
 * "күнү". Friday is only "жума күнү": жума alone is "week". An entry is the last such day before
 * today, an expiry the next one after it.
 */
const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['понедельник', 'дүйшөмбү']],
      [2, ['вторник', 'шейшемби']],
      [3, ['среду', 'шаршемби']],
      [4, ['четверг', 'бейшемби']],
      [5, ['пятницу']],
      [6, ['субботу', 'ишемби']],
      [7, ['воскресенье', 'voskresenie', 'жекшемби']],
    ] as const
  ).flatMap(([weekday, words]) => words.map((word) => [foldWord(word), weekday] as const)),
);
/** Kyrgyz weekday names, which may take the locative: "ишембиде", "дүйшөмбүдө". */
const KYRGYZ_WEEKDAYS = new Set(fold(['дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'ишемби', 'жекшемби']));
const WEEKDAY_LOCATIVES = fold(['де', 'дө', 'да']);
/** Before a Russian weekday: "в субботу", "в прошлую субботу", "прошлый вторник". */
const WEEKDAY_OPENERS = new Set(fold(['в', 'во', 'прошлую', 'прошлый', 'прошлое', 'прошлой']));
const KYRGYZ_FRIDAY = [foldWord('жума'), foldWord('күнү')] as const;

/** After a year: "2026 г.", "2026-жылы", "2027-жылдын". */
const YEAR_WORDS = new Set(
  fold(['г', 'гг', 'год', 'года', 'году', 'жыл', 'жылы', 'жылдын', 'жылга', 'жылда', 'year']),
);

/** A year said in words, next to the date: "12 марта прошлого года", "былтыр 12-март". */
const YEAR_SHIFTS: ReadonlyArray<readonly [number, readonly (readonly string[])[]]> = [
  [
    -1,
    [
      ['прошлого', 'года'],
      ['прошлом', 'году'],
      ['прошлый', 'год'],
      ['былтыр'],
      ['былтыркы'],
      ['өткөн', 'жылы'],
      ['мурунку', 'жылы'],
      ['last', 'year'],
    ],
  ],
  [0, [['этого', 'года'], ['этом', 'году'], ['быйыл'], ['this', 'year']]],
  [
    1,
    [
      ['следующего', 'года'],
      ['следующем', 'году'],
      ['будущего', 'года'],
      ['будущем', 'году'],
      ['келерки', 'жылы'],
      ['кийинки', 'жылы'],
      ['next', 'year'],
    ],
  ],
].map(([shift, phrases]) => [shift as number, (phrases as string[][]).map(fold)] as const);

/** Words before a time written with a dot ("в 14.30"); a colon (14:30) is always a time. */
const TIME_MARKERS = new Set(fold(['в', 'во', 'at', 'саат', 'saat', 'около']));

type MentionValue =
  | {
      readonly kind: 'calendar';
      readonly day: number;
      readonly month: number;
      readonly year?: number;
      /** Year said in words, relative to this year. */
      readonly yearShift?: number;
    }
  | { readonly kind: 'day_of_month'; readonly day: number }
  | { readonly kind: 'relative'; readonly days: number }
  /** A day of the week, ISO (Monday 1 ... Sunday 7). */
  | { readonly kind: 'weekday'; readonly weekday: number };

interface Mention extends DateMention {
  readonly value: MentionValue;
}

/** Reads a date typed by a caller, picking the year from `today` (YYYY-MM-DD) when none is given. */
export function parseDate(text: string, today: string, mode: DateMode = 'past'): ParsedDate {
  const todayDay = dayNumberOf(today);
  const mentions = mentionsIn(text);
  const [only] = mentions;
  // None, or two dates where one is wanted ("12 марта 5 апреля"): ask again rather than guess.
  if (only === undefined || mentions.length > 1) return unreadable();
  return resolve(only.value, todayDay, mode);
}

/**
 * Whether the one date in `text` names its year, in digits or in words ("12.03.2025", "былтыр
 * 3-июнь", "в прошлом году 1 сентября"). A stay that opens with such a date runs forward from it.
 */
export function dateHasYear(text: string): boolean {
  const [only, more] = mentionsIn(text);
  if (only === undefined || more !== undefined || only.value.kind !== 'calendar') return false;
  return only.value.year !== undefined || only.value.yearShift !== undefined;
}

/**
 * Where the dates in a text are, in order; the keyword matcher picks the one next to its verb.
 * `tokens`, when given, must be `tokenize(text)` (the matcher has them already).
 */
export function findDateMentions(text: string, tokens?: readonly MessageToken[]): DateMention[] {
  return mentionsIn(text, tokens).map(({ start, end }) => ({ start, end }));
}

// In its own module so that what only formats a date (the IVR, reminders) does not bundle the parser.
export { formatDate } from './date-basics.js';

// ---------------------------------------------------------------------------------------------------------
// Finding mentions

/** A token of the text, or a run of numbers joined by date separators (12.03.2026, 12 03 2026). */
type Element =
  | { readonly kind: 'word'; readonly token: MessageToken }
  | {
      readonly kind: 'numbers';
      readonly digits: readonly string[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'time'; readonly start: number; readonly end: number };

function mentionsIn(text: string, tokens: readonly MessageToken[] = tokenize(text)): Mention[] {
  const elements = elementsOf(text, tokens);
  const mentions: Mention[] = [];
  let index = 0;
  while (index < elements.length) {
    const found = mentionAt(elements, index);
    if (found === undefined) {
      index += 1;
      continue;
    }
    mentions.push(found.mention);
    index = found.next;
  }
  return mentions;
}

function elementsOf(text: string, tokens: readonly MessageToken[]): Element[] {
  const elements: Element[] = [];
  let index = 0;
  const between = (left: MessageToken, right: MessageToken) => text.slice(left.end, right.start);
  // 14:30 is a time once a date came before it; "кирдим 12:03" alone is a date typed with a colon.
  let dateBefore = false;
  const timeAt = (at: number) => timeAfter(tokens, at, between, dateBefore);
  while (index < tokens.length) {
    const token = tokens[index]!;
    if (token.kind === 'word') {
      elements.push({ kind: 'word', token });
      if (isDateWord(token.folded)) dateBefore = true;
      index += 1;
      continue;
    }
    const time = timeAt(index);
    if (time !== undefined) {
      elements.push({ kind: 'time', start: token.start, end: tokens[time]!.end });
      index = time + 1;
      continue;
    }
    let last = index;
    dateBefore = true;
    while (
      tokens[last + 1]?.kind === 'number' &&
      DATE_SEPARATOR.test(between(tokens[last]!, tokens[last + 1]!)) &&
      timeAt(last + 1) === undefined
    ) {
      last += 1;
    }
    const run = tokens.slice(index, last + 1);
    elements.push({
      kind: 'numbers',
      digits: run.map((number) => number.folded),
      start: token.start,
      end: tokens[last]!.end,
    });
    index = last + 1;
  }
  return elements;
}

/** What may stand between the numbers of one date: a dot, slash, dash, comma or colon, or spaces. */
const DATE_SEPARATOR = /^\s*[./\-,:]?\s*$/;

/**
 * A time: 14:30 after a date or after "в"/"саат", 14.30 after "в"/"саат". The index of the
 * minutes, or undefined.
 */
function timeAfter(
  tokens: readonly MessageToken[],
  index: number,
  between: (left: MessageToken, right: MessageToken) => string,
  dateBefore: boolean,
): number | undefined {
  const hours = tokens[index];
  const minutes = tokens[index + 1];
  if (hours?.kind !== 'number' || minutes?.kind !== 'number') return undefined;
  if (hours.folded.length > 2 || minutes.folded.length !== 2) return undefined;
  const separator = between(hours, minutes).trim();
  const previous = tokens[index - 1];
  const marked = previous?.kind === 'word' && TIME_MARKERS.has(previous.folded);
  if ((separator === ':' && (marked || dateBefore)) || (separator === '.' && marked)) return index + 1;
  return undefined;
}

/** Last words of the relative-day phrases. */
const RELATIVE_DAY_ENDS = new Set(
  RELATIVE_DAYS.flatMap(([, phrases]) => phrases.map((phrase) => phrase.at(-1))),
);

/** A month or relative-day word: a time after it is the time of that day. */
function isDateWord(folded: string): boolean {
  return MONTH_FORMS.has(folded) || RELATIVE_DAY_ENDS.has(folded);
}

interface Found {
  readonly mention: Mention;
  /** Index of the first element after the mention. */
  readonly next: number;
}

function mentionAt(elements: readonly Element[], index: number): Found | undefined {
  const element = elements[index]!;
  if (element.kind === 'numbers') {
    const { digits } = element;
    const [single] = digits;
    if (digits.length === 1 && single !== undefined && single.length <= 2) {
      return afterDay(elements, index, Number(single));
    }
    const parts = numericParts(digits);
    if (parts === undefined) return undefined;
    return withYearAround(elements, index, index, parts);
  }
  if (element.kind !== 'word') return undefined;

  const relative = relativeAt(elements, index);
  if (relative !== undefined) return relative;

  const count = NUMBER_WORDS.get(element.token.folded);
  if (count !== undefined) {
    const ago = agoAt(elements, index + 1, count);
    if (ago !== undefined) return mention(elements, index, ago.last, { kind: 'relative', days: ago.days });
  }
  // "неделю назад": one week.
  const oneUnit = ONE_UNIT.has(element.token.folded) ? agoAt(elements, index, 1) : undefined;
  if (oneUnit !== undefined) {
    return mention(elements, index, oneUnit.last, { kind: 'relative', days: oneUnit.days });
  }

  const weekday = weekdayAt(elements, index);
  if (weekday !== undefined) return weekday;

  // A day in words before its month: "беш март", "пятого марта", "он экинчи мартта".
  const dayWords = dayWordsAt(elements, index);
  if (dayWords !== undefined) {
    const after = monthAt(elements, dayWords.last + 1);
    if (after !== undefined) {
      return withYearAround(elements, index, after.last, { day: dayWords.day, month: after.month });
    }
  }

  // Month first: "марта 12", "мартын 23үндө", "март айынын бешинде".
  const month = monthAt(elements, index);
  if (month !== undefined) {
    const at = isWordIn(elements[month.last + 1], MONTH_OF) ? month.last + 2 : month.last + 1;
    const day = elements[at];
    const [digits] = day?.kind === 'numbers' ? day.digits : [];
    const single = day?.kind === 'numbers' && day.digits.length === 1;
    if (single && digits !== undefined && digits.length <= 2 && monthAt(elements, at + 1) === undefined) {
      const end = isWordIn(elements[at + 1], DAY_SUFFIXES) ? at + 1 : at;
      return withYearAround(elements, index, end, { day: Number(digits), month: month.month });
    }
    const suffixed = suffixedDayAt(elements, at);
    if (suffixed !== undefined) {
      return withYearAround(elements, index, suffixed.last, { day: suffixed.day, month: month.month });
    }
  }
  return undefined;
}

/** A lone day number: followed by a month, by "числа", or by "дня назад". */
function afterDay(elements: readonly Element[], index: number, day: number): Found | undefined {
  let next = index + 1;
  const filler = elements[next];
  if (filler?.kind === 'word' && DAY_FILLERS.has(filler.token.folded)) next += 1;
  const month = monthAt(elements, next);
  if (month !== undefined) return withYearAround(elements, index, month.last, { day, month: month.month });
  const word = elements[next];
  if (word?.kind === 'word' && DAY_OF_MONTH.has(word.token.folded)) {
    return mention(elements, index, next, { kind: 'day_of_month', day });
  }
  // "8инде": the 8th, of the month that follows or of this one.
  if (next === index + 1 && word?.kind === 'word' && DAY_SUFFIXES.has(word.token.folded)) {
    const monthAfter = monthAt(elements, next + 1);
    if (monthAfter !== undefined) {
      return withYearAround(elements, index, monthAfter.last, { day, month: monthAfter.month });
    }
    return mention(elements, index, next, { kind: 'day_of_month', day });
  }
  const ago = agoAt(elements, index + 1, day);
  if (ago !== undefined) return mention(elements, index, ago.last, { kind: 'relative', days: ago.days });
  return undefined;
}

/** A unit of time and "ago" from `index`: "дня назад", "жума мурун", "күн болду". */
function agoAt(
  elements: readonly Element[],
  index: number,
  count: number,
): { last: number; days: number } | undefined {
  const unit = elements[index];
  if (unit?.kind !== 'word') return undefined;
  const days = DAY_UNITS.has(unit.token.folded) ? 1 : WEEK_UNITS.has(unit.token.folded) ? 7 : undefined;
  if (days === undefined) return undefined;
  let next = index + 1;
  const filler = elements[next];
  if (filler?.kind === 'word' && AGO_FILLERS.has(filler.token.folded)) next += 1;
  const ago = elements[next];
  if (ago?.kind !== 'word' || !AGO.has(ago.token.folded)) return undefined;
  return { last: next, days: -count * days };
}

function relativeAt(elements: readonly Element[], index: number): Found | undefined {
  for (const [offset, phrases] of RELATIVE_DAYS) {
    for (const phrase of phrases) {
      if (wordsAt(elements, index, phrase)) {
        return mention(elements, index, index + phrase.length - 1, { kind: 'relative', days: offset });
      }
    }
  }
  return undefined;
}

/** A day written in words at `index`: one word, or a ten and a unit of the same language. */
function dayWordsAt(elements: readonly Element[], index: number): { day: number; last: number } | undefined {
  const first = elements[index];
  if (first?.kind !== 'word') return undefined;
  const second = elements[index + 1];
  for (const language of ['ky', 'ru'] as const) {
    const { tens, days } = DAY_WORDS[language];
    const ten = tens.get(first.token.folded);
    const unit = second?.kind === 'word' ? days.get(second.token.folded) : undefined;
    if (ten !== undefined && unit !== undefined && unit < 10) return { day: ten + unit, last: index + 1 };
  }
  for (const language of ['ky', 'ru'] as const) {
    const day = DAY_WORDS[language].days.get(first.token.folded);
    if (day !== undefined) return { day, last: index };
  }
  return undefined;
}

/** "бешинде", "он бешинде": a Kyrgyz day in words with its suffix. */
function suffixedDayAt(
  elements: readonly Element[],
  index: number,
): { day: number; last: number } | undefined {
  const first = elements[index];
  if (first?.kind !== 'word') return undefined;
  const alone = SUFFIXED_DAY_WORDS.get(first.token.folded);
  if (alone !== undefined) return { day: alone, last: index };
  const ten = DAY_WORDS.ky.tens.get(first.token.folded);
  const second = elements[index + 1];
  const unit = second?.kind === 'word' ? SUFFIXED_DAY_WORDS.get(second.token.folded) : undefined;
  return ten !== undefined && unit !== undefined && unit < 10
    ? { day: ten + unit, last: index + 1 }
    : undefined;
}

function isWordIn(element: Element | undefined, words: ReadonlySet<string>): boolean {
  return element?.kind === 'word' && words.has(element.token.folded);
}

/** "в субботу", "ишембиде", "жума күнү". */
function weekdayAt(elements: readonly Element[], index: number): Found | undefined {
  const element = elements[index];
  if (element?.kind !== 'word') return undefined;
  const { folded } = element.token;
  if (wordsAt(elements, index, KYRGYZ_FRIDAY)) {
    return mention(elements, index, index + 1, { kind: 'weekday', weekday: 5 });
  }
  for (const name of KYRGYZ_WEEKDAYS) {
    if (folded !== name && !WEEKDAY_LOCATIVES.some((ending) => folded === collapseRepeats(name + ending)))
      continue;
    const weekday = WEEKDAYS.get(name)!;
    const last = isWord(elements[index + 1], 'күнү') ? index + 1 : index;
    return mention(elements, index, last, { kind: 'weekday', weekday });
  }
  const weekday = WEEKDAYS.get(folded);
  if (weekday === undefined || KYRGYZ_WEEKDAYS.has(folded)) return undefined;
  const before = elements[index - 1];
  if (before?.kind !== 'word' || !WEEKDAY_OPENERS.has(before.token.folded)) return undefined;
  return mention(elements, index - 1, index, { kind: 'weekday', weekday });
}

function monthAt(elements: readonly Element[], index: number): { month: number; last: number } | undefined {
  const element = elements[index];
  if (element?.kind !== 'word') return undefined;
  const { folded } = element.token;
  const next = elements[index + 1];
  for (const [month, first, second] of KYRGYZ_MONTHS) {
    if (folded !== first) continue;
    if (second === undefined) return { month, last: index };
    if (next?.kind === 'word' && next.token.folded.startsWith(second)) return { month, last: index + 1 };
  }
  const month = MONTH_FORMS.get(folded);
  return month === undefined ? undefined : { month, last: index };
}

/**
 * A day and month from `first` to `last`, with the year around it: a four-digit year after it
 * ("12 марта 2026", "2026 г."), a year before it ("2026-жылы 12-март"), a two-digit year after it
 * only with a year word ("12 марта 26 г."), or a year in words ("прошлого года", "былтыр").
 */
function withYearAround(
  elements: readonly Element[],
  first: number,
  last: number,
  parts: { day: number; month: number; year?: number },
): Found {
  let start = first;
  let end = last;
  let { year } = parts;
  let yearShift: number | undefined;

  if (year === undefined) {
    const after = elements[end + 1];
    const yearWord = elements[end + 2];
    const hasYearWord = yearWord?.kind === 'word' && YEAR_WORDS.has(yearWord.token.folded);
    if (after?.kind === 'numbers' && after.digits.length === 1) {
      const [digits = ''] = after.digits;
      if (digits.length === 4 || (digits.length === 2 && hasYearWord)) {
        year = yearOf(digits);
        end += hasYearWord ? 2 : 1;
      }
    }
  }
  if (year === undefined) {
    const before = yearBefore(elements, start);
    if (before !== undefined) {
      year = before.year;
      start = before.first;
    }
  }
  if (year === undefined) {
    const after = yearShiftAt(elements, end + 1);
    const before = after === undefined ? yearShiftEndingAt(elements, start - 1) : undefined;
    if (after !== undefined) {
      yearShift = after.shift;
      end = after.last;
    } else if (before !== undefined) {
      yearShift = before.shift;
      start = before.first;
    }
  }
  const value: MentionValue = {
    kind: 'calendar',
    day: parts.day,
    month: parts.month,
    ...(year === undefined ? {} : { year }),
    ...(yearShift === undefined ? {} : { yearShift }),
  };
  return mention(elements, start, end, value);
}

/** "2026-жылы" or "2026 г." just before `index`. */
function yearBefore(
  elements: readonly Element[],
  index: number,
): { year: number; first: number } | undefined {
  const word = elements[index - 1];
  const number = elements[index - 2];
  if (word?.kind !== 'word' || !YEAR_WORDS.has(word.token.folded)) return undefined;
  if (number?.kind !== 'numbers' || number.digits.length !== 1) return undefined;
  const [digits = ''] = number.digits;
  return digits.length === 4 ? { year: Number(digits), first: index - 2 } : undefined;
}

function yearShiftAt(
  elements: readonly Element[],
  index: number,
): { shift: number; last: number } | undefined {
  // "в прошлом году": the preposition may stand before the phrase.
  const start = isWord(elements[index], 'в') ? index + 1 : index;
  for (const [shift, phrases] of YEAR_SHIFTS) {
    for (const phrase of phrases) {
      if (wordsAt(elements, start, phrase)) return { shift, last: start + phrase.length - 1 };
    }
  }
  return undefined;
}

function yearShiftEndingAt(
  elements: readonly Element[],
  last: number,
): { shift: number; first: number } | undefined {
  for (const [shift, phrases] of YEAR_SHIFTS) {
    for (const phrase of phrases) {
      const first = last - phrase.length + 1;
      if (first >= 0 && wordsAt(elements, first, phrase)) {
        return { shift, first: isWord(elements[first - 1], 'в') ? first - 1 : first };
      }
    }
  }
  return undefined;
}

function isWord(element: Element | undefined, folded: string): boolean {
  return element?.kind === 'word' && element.token.folded === foldWord(folded);
}

function wordsAt(elements: readonly Element[], index: number, phrase: readonly string[]): boolean {
  return phrase.every((word, offset) => {
    const element = elements[index + offset];
    return element?.kind === 'word' && element.token.folded === word;
  });
}

function mention(elements: readonly Element[], first: number, last: number, value: MentionValue): Found {
  return {
    mention: { start: startOf(elements[first]!), end: endOf(elements[last]!), value },
    next: last + 1,
  };
}

function startOf(element: Element): number {
  return element.kind === 'word' ? element.token.start : element.start;
}

function endOf(element: Element): number {
  return element.kind === 'word' ? element.token.end : element.end;
}

interface DateParts {
  readonly day: number;
  readonly month: number;
  readonly year?: number;
}

/** 12.03, 12.03.26, 12.03.2026, 2026-03-12, 120326, 12032026, 20260312; undefined for other runs. */
function numericParts(texts: readonly string[]): DateParts | undefined {
  const [first, second, third] = texts;
  if (first === undefined) return undefined;
  if (texts.length === 1) {
    if (first.length === 8) return compactParts(first);
    if (first.length === 6) {
      return {
        day: Number(first.slice(0, 2)),
        month: Number(first.slice(2, 4)),
        ...yearPart(first.slice(4)),
      };
    }
    return undefined;
  }
  if (second === undefined || texts.length > 3) return undefined;
  if (third === undefined) {
    return isDayOrMonthText(first) && isDayOrMonthText(second)
      ? { day: Number(first), month: Number(second) }
      : undefined;
  }
  if (first.length === 4) {
    return isDayOrMonthText(second) && isDayOrMonthText(third)
      ? { day: Number(third), month: Number(second), year: Number(first) }
      : undefined;
  }
  if (!isDayOrMonthText(first) || !isDayOrMonthText(second) || !isYearText(third)) return undefined;
  return { day: Number(first), month: Number(second), ...yearPart(third) };
}

/**
 * Eight digits with no separators: 20260312 or 12032026. Both readings cannot be valid at once,
 * because a year starting 19 or 20 read as a month is never 1-12.
 */
function compactParts(digits: string): DateParts {
  const yearFirst = Number(digits.slice(0, 4));
  const monthAfterYear = Number(digits.slice(4, 6));
  if (yearFirst >= 1900 && yearFirst <= 2099 && monthAfterYear >= 1 && monthAfterYear <= 12) {
    return { year: yearFirst, month: monthAfterYear, day: Number(digits.slice(6, 8)) };
  }
  return {
    day: Number(digits.slice(0, 2)),
    month: Number(digits.slice(2, 4)),
    year: Number(digits.slice(4, 8)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// From a mention to a calendar day

function resolve(value: MentionValue, todayDay: number, mode: DateMode): ParsedDate {
  switch (value.kind) {
    case 'relative':
      return withinRange(todayDay + value.days, todayDay, mode);
    case 'day_of_month':
      return dayOfMonth(value.day, todayDay, mode);
    case 'weekday': {
      // 1970-01-01 was a Thursday (ISO 4).
      const todayWeekday = ((((todayDay + 3) % 7) + 7) % 7) + 1;
      const back = (todayWeekday - value.weekday + 7) % 7 || 7;
      const ahead = (value.weekday - todayWeekday + 7) % 7 || 7;
      return withinRange(mode === 'past' ? todayDay - back : todayDay + ahead, todayDay, mode);
    }
    case 'calendar':
      return calendarDay(value, todayDay, mode);
  }
}

function calendarDay(
  value: Extract<MentionValue, { kind: 'calendar' }>,
  todayDay: number,
  mode: DateMode,
): ParsedDate {
  const { day, month, year, yearShift } = value;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) {
    return { ok: false, reason: 'impossible' };
  }
  if (year !== undefined) {
    if (year < 1900 || year > 2200 || day > daysInMonth(year, month))
      return { ok: false, reason: 'impossible' };
    return withinRange(dayNumber(year, month, day), todayDay, mode);
  }
  if (yearShift !== undefined) {
    const named = yearOfDay(todayDay) + yearShift;
    if (day > daysInMonth(named, month)) return { ok: false, reason: 'impossible' };
    // "Last year" in words is no mistyped year: any day of last year is accepted for an entry.
    const candidate = dayNumber(named, month, day);
    if (mode === 'past' && yearShift < 0 && candidate <= todayDay)
      return { ok: true, date: isoDate(candidate) };
    return withinRange(candidate, todayDay, mode);
  }
  return withinRange(nearestOccurrence(day, month, todayDay, mode), todayDay, mode);
}

/** "12 числа": this month's 12th; for an entry, last month's if this one is still ahead (and so on). */
function dayOfMonth(day: number, todayDay: number, mode: DateMode): ParsedDate {
  if (day < 1 || day > 31) return { ok: false, reason: 'impossible' };
  const today = new Date(todayDay * DAY_MS);
  const step = mode === 'past' ? -1 : 1;
  for (let shift = 0; shift <= 2; shift += 1) {
    const monthIndex = today.getUTCMonth() + step * shift;
    const year = today.getUTCFullYear() + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    if (day > daysInMonth(year, month)) continue;
    const candidate = dayNumber(year, month, day);
    if (mode === 'past' ? candidate <= todayDay : candidate >= todayDay) {
      return withinRange(candidate, todayDay, mode);
    }
  }
  return { ok: false, reason: 'impossible' };
}

/**
 * Without a year: the most recent occurrence for an entry, the next one for an expiry. 29.02
 * may be up to four years away; that lands outside the allowed range and says so.
 */
function nearestOccurrence(day: number, month: number, todayDay: number, mode: DateMode): number {
  const todayYear = yearOfDay(todayDay);
  const step = mode === 'past' ? -1 : 1;
  for (let shift = 0; shift <= 4; shift += 1) {
    const year = todayYear + step * shift;
    if (day > daysInMonth(year, month)) continue;
    const candidate = dayNumber(year, month, day);
    if (mode === 'past' ? candidate <= todayDay : candidate >= todayDay) return candidate;
  }
  // Unreachable for a day that exists in a leap year; keeps the function total.
  return todayDay + step * 5 * 366;
}

function withinRange(candidate: number, todayDay: number, mode: DateMode): ParsedDate {
  if (mode === 'past') {
    if (candidate > todayDay) return { ok: false, reason: 'future' };
    if (candidate < todayDay - ENTRY_LOOKBACK_DAYS) return { ok: false, reason: 'too_old' };
  } else {
    if (candidate < todayDay) return { ok: false, reason: 'too_old' };
    const todayDate = new Date(todayDay * DAY_MS);
    const limit = dayNumber(
      todayDate.getUTCFullYear() + PERMIT_LOOKAHEAD_YEARS,
      todayDate.getUTCMonth() + 1,
      Math.min(todayDate.getUTCDate(), 28),
    );
    if (candidate > limit) return { ok: false, reason: 'future' };
  }
  return { ok: true, date: isoDate(candidate) };
}

function isDayOrMonthText(digits: string): boolean {
  return digits.length >= 1 && digits.length <= 2;
}

function isYearText(digits: string): boolean {
  return digits.length === 2 || digits.length === 4;
}

/** Two-digit years are this century: nobody entering Serbia today writes 1999 as 99. */
function yearOf(digits: string): number {
  const year = Number(digits);
  return digits.length === 2 ? 2000 + year : year;
}

function yearPart(digits: string | undefined): { year?: number } {
  return digits === undefined ? {} : { year: yearOf(digits) };
}

function unreadable(): ParsedDate {
  return { ok: false, reason: 'unreadable' };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01; years here are always 1900 or later, where Date.UTC is exact. */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(dayNumberValue: number): string {
  return new Date(dayNumberValue * DAY_MS).toISOString().slice(0, 10);
}

function dayNumberOf(today: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const [, year, month, day] = match ?? [];
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  const result = dayNumber(Number(year), Number(month), Number(day));
  if (isoDate(result) !== today) throw new RangeError(`today is not a calendar date: ${today}`);
  return result;
}
