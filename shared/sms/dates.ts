// Reads a date the way migrants type it by SMS: 12.03.2026, 12/03/26, 2026-03-12, 12.03,
// "12 марта", "12-март", "12 marta", "бүгүн", and the Kyrgyz month names. Day comes before month,
// as in Kyrgyzstan, Russia and Serbia.

import { foldWord, type MessageToken, tokenize } from './normalize.js';

/** `past` for an entry date (it has happened), `future` for a permit expiry (it is coming). */
export type DateMode = 'past' | 'future';

export type DateProblem = 'unreadable' | 'impossible' | 'future' | 'too_old';

export type ParsedDate =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: DateProblem };

/**
 * How far back an entry date may lie. The 90/180 count looks back 180 days; a year leaves room
 * for people who have stayed on a permit and still catches a mistyped year.
 */
export const ENTRY_LOOKBACK_DAYS = 366;

/** A single permit lasts up to 3 years; an expiry further out than this is a mistyped year. */
export const PERMIT_LOOKAHEAD_YEARS = 5;

/** Month names by their opening letters, in every case and spelling people use (folded). */
const MONTH_STEMS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['янв', 'jan', 'yan']],
  [2, ['фев', 'feb']],
  [3, ['мар']],
  [4, ['апр']],
  [5, ['май', 'мая', 'мае', 'may', 'mai']],
  [6, ['июн', 'jun', 'iyun']],
  [7, ['июл', 'jul', 'iyul']],
  [8, ['авг', 'aug']],
  // Not СЕН: in Kyrgyz it is "you".
  [9, ['сент', 'sep']],
  [10, ['окт', 'oct']],
  [11, ['ноя', 'nov']],
  [12, ['дек', 'dec']],
].map(([month, stems]) => [month as number, (stems as string[]).map(foldWord)] as const);

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

const RELATIVE_DAYS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [0, ['бүгүн', 'сегодня', 'today']],
  [-1, ['кечээ', 'вчера', 'yesterday']],
  [1, ['эртең', 'завтра', 'tomorrow']],
].map(([offset, words]) => [offset as number, (words as string[]).map(foldWord)] as const);

/** Reads a date typed by a caller, picking the year from `today` (YYYY-MM-DD) when none is given. */
export function parseDate(text: string, today: string, mode: DateMode = 'past'): ParsedDate {
  const todayDay = dayNumberOf(today);
  const tokens = tokenize(text);
  const numbers = tokens.filter((token) => token.kind === 'number');
  const months = monthsIn(tokens);

  if (numbers.length === 0 && months.length === 0) {
    const offset = relativeDayIn(tokens);
    return offset === undefined ? unreadable() : withinRange(todayDay + offset, todayDay, mode);
  }
  const parts = months.length > 0 ? partsWithMonthName(numbers, months) : numericParts(numbers);
  if (parts === undefined) return unreadable();
  return resolve(parts, todayDay, mode);
}

/** `2026-03-12` → `12.03.2026`, the form callers read and type. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

interface DateParts {
  readonly day: number;
  readonly month: number;
  readonly year?: number;
}

function partsWithMonthName(
  numbers: readonly MessageToken[],
  months: readonly number[],
): DateParts | undefined {
  const [month] = months;
  if (months.length !== 1 || month === undefined || numbers.length > 2) return undefined;
  const year = numbers.find((token) => token.folded.length === 4);
  const rest = numbers.filter((token) => token !== year);
  const [day, twoDigitYear] = rest;
  if (day === undefined || day.folded.length > 2) return undefined;
  if (year !== undefined && twoDigitYear !== undefined) return undefined;
  const yearText = year?.folded ?? twoDigitYear?.folded;
  if (yearText !== undefined && !isYearText(yearText)) return undefined;
  return { day: Number(day.folded), month, ...yearPart(yearText) };
}

function numericParts(numbers: readonly MessageToken[]): DateParts | undefined {
  const texts = numbers.map((token) => token.folded);
  const [first, second, third] = texts;
  if (first === undefined) return undefined;
  if (texts.length === 1) return first.length === 8 ? compactParts(first) : undefined;
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

function resolve(parts: DateParts, todayDay: number, mode: DateMode): ParsedDate {
  const { day, month, year } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) {
    return { ok: false, reason: 'impossible' };
  }
  if (year !== undefined) {
    if (year < 1900 || year > 2200 || day > daysInMonth(year, month))
      return { ok: false, reason: 'impossible' };
    return withinRange(dayNumber(year, month, day), todayDay, mode);
  }
  return withinRange(nearestOccurrence(day, month, todayDay, mode), todayDay, mode);
}

/**
 * Without a year: the most recent occurrence for an entry, the next one for an expiry. 29.02
 * may be up to four years away; that lands outside the allowed range and says so.
 */
function nearestOccurrence(day: number, month: number, todayDay: number, mode: DateMode): number {
  const todayYear = new Date(todayDay * DAY_MS).getUTCFullYear();
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

function monthsIn(tokens: readonly MessageToken[]): number[] {
  const months: number[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') return;
    const next = tokens[index + 1];
    const kyrgyz = KYRGYZ_MONTHS.find(
      ([, first, second]) =>
        token.folded === first && (second === undefined || next?.folded.startsWith(second) === true),
    );
    if (kyrgyz !== undefined) {
      months.push(kyrgyz[0]);
      return;
    }
    if (token.folded.length < 3) return;
    const named = MONTH_STEMS.find(([, stems]) => stems.some((stem) => token.folded.startsWith(stem)));
    if (named !== undefined) months.push(named[0]);
  });
  return months;
}

function relativeDayIn(tokens: readonly MessageToken[]): number | undefined {
  const offsets = new Set<number>();
  for (const token of tokens) {
    for (const [offset, words] of RELATIVE_DAYS) {
      if (words.includes(token.folded)) offsets.add(offset);
    }
  }
  const [only] = [...offsets];
  return offsets.size === 1 ? only : undefined;
}

function isDayOrMonthText(digits: string): boolean {
  return digits.length >= 1 && digits.length <= 2;
}

function isYearText(digits: string): boolean {
  return digits.length === 2 || digits.length === 4;
}

/** Two-digit years are this century: nobody entering Serbia today writes 1999 as 99. */
function yearPart(digits: string | undefined): { year?: number } {
  if (digits === undefined) return {};
  const year = Number(digits);
  return { year: digits.length === 2 ? 2000 + year : year };
}

function unreadable(): ParsedDate {
  return { ok: false, reason: 'unreadable' };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01; years here are always 1900 or later, where Date.UTC is exact. */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
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
