// Reads an earlier stay in Serbia typed as two dates: "05.01-18.02", "был с 05.01 по 18.02",
// "05.01ден 18.02ге чейин", "кирдим 05.01 чыктым 18.02", "въезд 20.11.2025 выезд 15.01.2026",
// "10-январда келип 2-мартта чыгып кеткем"; and a trip told with its verbs, each date next to its
// verb, with a new entry after it: "5-январда келгем 20-февралда чыгып кеттим кайра 15-мартта келдим"
// (findTravel).
//
// Without a year, `to` is its most recent past occurrence and `from` the latest one not after `to`, so
// "15.12-20.01" read on 10.04.2026 is 15.12.2025–20.01.2026 (a stay across the new year).
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz and Russian joining words below.

import { type DateMention, dateHasYear, findDateMentions, parseDate } from './dates.js';
import { foldWord, type MessageToken, tokenize } from './normalize.js';

/** An earlier stay, both days included: `YYYY-MM-DD`. */
export interface StayRange {
  readonly from: string;
  readonly to: string;
}

/** Two numeric dates joined by a dash: 05.01-18.02, 10.01.2026 - 25.02.2026, 3.01–1.02. */
const DASHED =
  /(?<![\d.])(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)\s*[-–—]\s*(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)(?![\d.]*\d)/u;

/** Two numeric dates side by side ("05.01 18.02"): a range only as the answer to our question. */
const SIDE_BY_SIDE =
  /(?<![\d.])(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)\s+(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)(?![\d.]*\d)/u;

/**
 * Words that may stand between the two dates of a range, folded: "по", "до", "чейин", and the exit
 * verbs that close it ("кирдим 05.01 чыктым 18.02"). A Kyrgyz ablative stuck to the first date
 * ("05.01ден") is dropped before the gap is read.
 */
const JOINERS = new Set(
  [
    'ПО',
    'ДО',
    'PO',
    'DO',
    'ЧЕЙИН',
    'CHEYIN',
    'CHEIN',
    'ВЫЕЗД',
    'ВЫЕХАЛ',
    'ВЫЕХАЛА',
    'УЕХАЛ',
    'УЕХАЛА',
    'VYEZD',
    'VYEHAL',
    'VYEKHAL',
    'UEHAL',
    'ЧЫКТЫМ',
    'ЧЫКТЫК',
    'CHYKTYM',
    'CHIKTIM',
    // "10-январда келип 2-мартта чыгып кеткем": having come on one date, left on the other.
    'КЕЛИП',
    'КИРИП',
    'KELIP',
    'KIRIP',
  ].map(foldWord),
);
const ABLATIVE = /^(?:ДЕН|ДАН|ТЕН|ТАН|DEN|DAN|TEN|TAN)$/iu;

export interface RangeOptions {
  /** Also read two dates with nothing between them ("05.01 18.02"): the answer to our question. */
  readonly loose?: boolean;
}

/** The stay a text gives as two dates, or undefined when it does not give exactly one. */
export function findStayRange(
  text: string,
  today: string,
  options: RangeOptions = {},
): StayRange | undefined {
  const dashed = DASHED.exec(text) ?? (options.loose ? SIDE_BY_SIDE.exec(text) : null);
  if (dashed) return resolveRange(dashed[1] ?? '', dashed[2] ?? '', today);

  const mentions = findDateMentions(text);
  if (mentions.length !== 2) return undefined;
  const [first, second] = mentions as [(typeof mentions)[0], (typeof mentions)[0]];
  const gap = tokenize(text.slice(first.end, second.start)).filter((token) => token.kind === 'word');
  const words = gap.filter((token, index) => !(index === 0 && ABLATIVE.test(token.raw)));
  const fromText = text.slice(first.start, first.end);
  // "1-январдан 28-февралга", "октябрдын 1инен": the ablative is part of the date the reader took.
  const ablativeInside = /(?:ден|дан|тен|тан|нен|нан|нөн|den|dan|ten|tan|nen|nan|non)$/iu.test(fromText);
  const joined =
    (words.length === 0 && (gap.length > 0 || ablativeInside || options.loose === true)) ||
    (words.length === 1 && JOINERS.has(words[0]!.folded));
  if (!joined) return undefined;
  return resolveRange(fromText, text.slice(second.start, second.end), today);
}

function resolveRange(fromText: string, toText: string, today: string): StayRange | undefined {
  if (dateHasYear(fromText) && !dateHasYear(toText)) {
    // "былтыр 3-июндан 25-августка чейин": the year named at the start holds for the whole stay, and
    // `to` is the first occurrence on or after `from`.
    const from = parseDate(fromText, today, 'past');
    if (!from.ok) return undefined;
    const to = parseDate(toText, from.date, 'future');
    return to.ok && to.date <= today ? { from: from.date, to: to.date } : undefined;
  }
  const to = parseDate(toText, today, 'past');
  if (!to.ok) return undefined;
  // `from` is read as if today were `to`: its latest occurrence not after the end of the stay.
  const from = parseDate(fromText, to.date, 'past');
  if (!from.ok) return undefined;
  return { from: from.date, to: to.date };
}

/** A trip told with its verbs: the earlier stay it closes, and the entry that followed, if any. */
export interface TravelTold {
  readonly stay: StayRange;
  /** A new entry after the stay (YYYY-MM-DD): "... кайра 15-мартта келдим". */
  readonly reentry?: string;
}

/**
 * Entry and exit verbs for reading a trip (folded): the keywords' own, their participles (келип,
 * кирип, приехав) and the pluperfect чыгып кеткем. Plans ("хочу опять приехать") are not verbs here.
 * NATIVE SPEAKERS SHOULD REVIEW.
 */
const ENTRY_VERBS = new Set(
  [
    'КИРДИМ',
    'КИРДИК',
    'КЕЛДИМ',
    'КЕЛДИК',
    'КИРГЕМ',
    'КЕЛГЕМ',
    'КЕЛИП',
    'КИРИП',
    'KIRDIM',
    'KELDIM',
    'KIRGEM',
    'KELGEM',
    'KELIP',
    'KIRIP',
    'ВЪЕЗД',
    'ВЬЕЗД',
    'ВЪЕХАЛ',
    'ВЪЕХАЛА',
    'ПРИЕХАЛ',
    'ПРИЕХАЛА',
    'ПРИЕХАЛИ',
    'ПРИЕХАВ',
    'ЗАЕХАЛ',
    'ЗАЕХАЛА',
    'ПРИЛЕТЕЛ',
    'ПРИЛЕТЕЛА',
    'PRIEHAL',
    'PRIEKHAL',
    'PRIEHALA',
    'ZAEHAL',
  ].map(foldWord),
);
/** "Came back": an entry only after an exit in the same text ("уехал 19 февраля вернулся 1 марта"). */
const RETURN_VERBS = new Set(['ВЕРНУЛСЯ', 'ВЕРНУЛАСЬ', 'ВЕРНУЛИСЬ', 'VERNULSYA'].map(foldWord));
const EXIT_VERBS = new Set(
  [
    'ЧЫКТЫМ',
    'ЧЫКТЫК',
    'ЧЫККАМ',
    'CHYKTYM',
    'CHIKTIM',
    'CHYKKAM',
    'ВЫЕЗД',
    'ВЫЕХАЛ',
    'ВЫЕХАЛА',
    'ВЫЕХАЛИ',
    'ВЫЕХАВ',
    'УЕХАЛ',
    'УЕХАЛА',
    'УЕХАЛИ',
    'VYEZD',
    'VYEHAL',
    'VYEKHAL',
    'VYEHALA',
    'UEHAL',
    'UEKHAL',
    'UEHALA',
  ].map(foldWord),
);
/** Two-word exits: чыгып кеттим / кеткем, учуп кеттим (the second word starts with кет). */
const EXIT_OPENERS = new Set(['ЧЫГЫП', 'УЧУП', 'CHYGYP', 'UCHUP'].map(foldWord));
const GONE = foldWord('КЕТ');

interface Verb {
  readonly kind: 'entry' | 'exit';
  readonly start: number;
  readonly end: number;
}

function verbsIn(tokens: readonly MessageToken[]): Verb[] {
  const verbs: Verb[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') return;
    const afterExit = verbs.some((verb) => verb.kind === 'exit');
    if (ENTRY_VERBS.has(token.folded) || (afterExit && RETURN_VERBS.has(token.folded)))
      verbs.push({ kind: 'entry', start: token.start, end: token.end });
    else if (EXIT_VERBS.has(token.folded)) verbs.push({ kind: 'exit', start: token.start, end: token.end });
    else if (EXIT_OPENERS.has(token.folded) && tokens[index + 1]?.folded.startsWith(GONE)) {
      verbs.push({ kind: 'exit', start: token.start, end: tokens[index + 1]!.end });
    }
  });
  return verbs;
}

/**
 * A trip told with entry and exit verbs, each verb with its date: the date before it when the text
 * opens with a date (Kyrgyz and colloquial Russian put the verb last: "6 января приехал 19 февраля
 * выехал"), else the date after it ("приехал 6 января выехал 19 февраля"). A date no verb claims
 * ("... 25 апреля хочу опять приехать") is left out. The latest exit with an entry before it is the
 * stay; an entry after that exit is the new entry. Undefined when the verbs give no such stay.
 */
export function findTravel(text: string, today: string): TravelTold | undefined {
  const tokens = tokenize(text);
  const verbs = verbsIn(tokens);
  if (!verbs.some((verb) => verb.kind === 'entry') || !verbs.some((verb) => verb.kind === 'exit'))
    return undefined;
  const mentions = findDateMentions(text, tokens);
  const [firstMention] = mentions;
  const [firstVerb] = verbs;
  if (firstMention === undefined || firstVerb === undefined) return undefined;
  const verbLast = firstMention.start < firstVerb.start;
  const events: { kind: Verb['kind']; text: string }[] = [];
  verbs.forEach((verb, index) => {
    const mention: DateMention | undefined = verbLast
      ? mentions.filter((m) => m.start >= (verbs[index - 1]?.end ?? 0) && m.end <= verb.start).at(-1)
      : mentions.find(
          (m) => m.start >= verb.end && m.end <= (verbs[index + 1]?.start ?? Number.POSITIVE_INFINITY),
        );
    if (mention !== undefined) events.push({ kind: verb.kind, text: text.slice(mention.start, mention.end) });
  });
  const dates = resolveInOrder(
    events.map((event) => event.text),
    today,
  );
  if (dates === undefined) return undefined;
  const exitIndex = events.findLastIndex(
    (event, index) => event.kind === 'exit' && events.slice(0, index).some((e) => e.kind === 'entry'),
  );
  if (exitIndex < 0) return undefined;
  const entryIndex = events.findLastIndex((event, index) => event.kind === 'entry' && index < exitIndex);
  const stay = { from: dates[entryIndex]!, to: dates[exitIndex]! };
  const reentryIndex = events.findLastIndex((event, index) => event.kind === 'entry' && index > exitIndex);
  const reentry = reentryIndex < 0 ? undefined : dates[reentryIndex];
  return reentry === undefined || reentry < stay.to ? { stay } : { stay, reentry };
}

/**
 * Dates told in the order they happened: without a year, each is its latest occurrence not after
 * the next one (the last, not after today); a first date that names its year runs forward instead.
 */
function resolveInOrder(texts: readonly string[], today: string): string[] | undefined {
  const dates: string[] = [];
  const [first] = texts;
  if (first !== undefined && dateHasYear(first)) {
    let cursor = today;
    for (const [index, text] of texts.entries()) {
      const parsed =
        index === 0 || dateHasYear(text) ? parseDate(text, today, 'past') : parseDate(text, cursor, 'future');
      if (!parsed.ok || parsed.date > today || (index > 0 && parsed.date < cursor)) return undefined;
      dates.push(parsed.date);
      cursor = parsed.date;
    }
    return dates;
  }
  let cursor = today;
  for (const text of [...texts].reverse()) {
    const parsed = parseDate(text, dateHasYear(text) ? today : cursor, 'past');
    if (!parsed.ok || parsed.date > cursor) return undefined;
    dates.unshift(parsed.date);
    cursor = parsed.date;
  }
  return dates;
}
