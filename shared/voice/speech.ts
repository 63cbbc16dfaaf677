// Spoken numbers, dates and deadlines as ordered segments that the IVR turns into <Play> and <Say>.
// Kyrgyz has no synthetic voice at Twilio, so Kyrgyz speech is stitched from recorded fragments;
// Russian is one <Say> sentence with the grammar done here.
//
// NATIVE REVIEW NEEDED: the Kyrgyz sentence shapes below (see the fragment notes in prompts.ts).

import {
  type AudioId,
  type FragmentId,
  fragments,
  isFragmentId,
  type Language,
  type PromptId,
  prompts,
  RUSSIAN_TTS,
} from './prompts.js';

export type SpeechSegment =
  | { readonly kind: 'play'; readonly promptId: AudioId; readonly audio: string }
  | { readonly kind: 'say'; readonly text: string; readonly language: typeof RUSSIAN_TTS.language };

export interface DeadlineSpeechInput {
  /** Calendar date, `YYYY-MM-DD`, of the last lawful day. */
  readonly deadline: string;
  /**
   * Days left as every SMS counts them: today and the last day included, so 1 on the last day and 0 the day
   * after (`daysBetween(today, deadline) + 1`). The IVR and the SMS line say the same number.
   */
  readonly daysLeft: number;
}

/** Composition covers years and any day count a caller could hear; larger input is a bug upstream. */
export const MAX_SPOKEN_NUMBER = 9999;

export class UnspeakableInputError extends RangeError {
  override readonly name = 'UnspeakableInputError';
}

/** A whole prompt: its recording when there is one, otherwise Russian text for <Say>. */
export function composePrompt(language: Language, id: PromptId): SpeechSegment[] {
  const entry = prompts[id][language];
  if (entry.audio !== null) return [{ kind: 'play', promptId: id, audio: entry.audio }];
  return [say(entry.text)];
}

export function composeNumber(language: Language, n: number): SpeechSegment[] {
  assertSpeakable(n, 0);
  if (language === 'ru') return [say(String(n))];
  return play(kyrgyzNumber(n, 'cardinal'));
}

/**
 * A date as read back to a caller: Kyrgyz "бешинчи март, эки миң жыйырма алтынчы жыл",
 * Russian "5 марта 2026 года".
 */
export function composeDate(
  language: Language,
  date: string,
  options: { readonly withYear?: boolean } = {},
): SpeechSegment[] {
  const { year, month, day } = parseDate(date);
  const withYear = options.withYear ?? true;
  if (language === 'ru') return [say(russianDate(year, month, day, withYear))];
  const ids: FragmentId[] = [...kyrgyzNumber(day, 'ordinal'), monthFragment(month, 'nominative')];
  if (withYear) ids.push(...kyrgyzNumber(year, 'ordinal'), 'word_year');
  return play(ids);
}

/**
 * "Your stay ends on 12 March, 27 days left." The year is spoken only when the deadline falls in another
 * year than today, which keeps the common case short (callers pay for every second).
 */
export function composeDeadlineSpeech(language: Language, input: DeadlineSpeechInput): SpeechSegment[] {
  const { year, month, day } = parseDate(input.deadline);
  const { daysLeft } = input;
  if (!Number.isInteger(daysLeft) || Math.abs(daysLeft) > MAX_SPOKEN_NUMBER) {
    throw new UnspeakableInputError(
      `daysLeft must be a whole number within ±${MAX_SPOKEN_NUMBER}: ${daysLeft}`,
    );
  }
  // Whole days from today to the deadline: 0 on the last day, negative once it has passed.
  const ahead = daysLeft - 1;
  const todayYear = new Date(Date.UTC(year, month - 1, day - ahead)).getUTCFullYear();
  const withYear = todayYear !== year;
  if (language === 'ru') return [say(russianDeadline(russianDate(year, month, day, withYear), daysLeft))];
  return play(kyrgyzDeadline(year, month, day, withYear, daysLeft));
}

/** Russian noun form after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день. */
export function russianPlural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const abs = Math.abs(n);
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (last === 1 && lastTwo !== 11) return forms[0];
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return forms[1];
  return forms[2];
}

const RUSSIAN_MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

const RUSSIAN_DAYS = ['день', 'дня', 'дней'] as const;

function russianDate(year: number, month: number, day: number, withYear: boolean): string {
  const date = `${day} ${RUSSIAN_MONTHS_GENITIVE[month - 1]}`;
  return withYear ? `${date} ${year} года` : date;
}

function russianDeadline(date: string, daysLeft: number): string {
  const ahead = daysLeft - 1;
  const subject = 'Ваш срок пребывания в Сербии';
  const days = (n: number) => `${n} ${russianPlural(n, RUSSIAN_DAYS)}`;
  if (ahead > 1) return `${subject} заканчивается ${date}, осталось ${days(daysLeft)}.`;
  if (ahead === 1) return `${subject} заканчивается завтра, ${date}.`;
  if (ahead === 0) return `${subject} заканчивается сегодня, ${date}.`;
  if (ahead === -1) return `${subject} закончился вчера, ${date}.`;
  return `${subject} закончился ${date}, ${days(-ahead)} назад.`;
}

function kyrgyzDeadline(
  year: number,
  month: number,
  day: number,
  withYear: boolean,
  daysLeft: number,
): FragmentId[] {
  // Year first, then day and month in the locative: "эки миң жыйырма жетинчи жылы он экинчи мартта".
  const date: FragmentId[] = [
    ...(withYear ? [...kyrgyzNumber(year, 'ordinal'), 'word_in_year' as const] : []),
    ...kyrgyzNumber(day, 'ordinal'),
    monthFragment(month, 'locative'),
  ];
  const ahead = daysLeft - 1;
  if (ahead > 1) {
    return ['deadline_stay', ...date, 'deadline_ends', ...kyrgyzNumber(daysLeft, 'cardinal'), 'days_left'];
  }
  if (ahead === 1) return ['deadline_stay', 'word_tomorrow', ...date, 'deadline_ends'];
  if (ahead === 0) return ['deadline_stay', 'word_today', ...date, 'deadline_ends'];
  if (ahead === -1) return ['deadline_stay', 'word_yesterday', ...date, 'deadline_ended'];
  return ['deadline_stay', ...date, 'deadline_ended', ...kyrgyzNumber(-ahead, 'cardinal'), 'days_ago'];
}

/**
 * Kyrgyz numbers are additive: thousands, hundreds, tens, units, each a word ("эки миң жыйырма алты").
 * An ordinal changes only its last word ("жыйырма алтынчы"), so one fragment set covers both.
 */
function kyrgyzNumber(n: number, form: 'cardinal' | 'ordinal'): FragmentId[] {
  assertSpeakable(n, form === 'ordinal' ? 1 : 0);
  if (n === 0) return ['num_0'];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  // A multiplier ("эки" in "эки жүз") is always cardinal and never last; "жүз", "миң" alone mean one.
  const words: { value: number; last: boolean }[] = [];
  const push = (value: number) => words.push({ value, last: false });
  if (thousands > 1) push(thousands);
  if (thousands > 0) push(1000);
  if (hundreds > 1) push(hundreds);
  if (hundreds > 0) push(100);
  if (tens > 0) push(tens * 10);
  if (units > 0) push(units);
  return words.map(({ value }, index) =>
    fragmentFor(form === 'ordinal' && index === words.length - 1 ? 'ord' : 'num', value),
  );
}

function monthFragment(month: number, grammaticalCase: 'nominative' | 'locative'): FragmentId {
  const id = `month_${String(month).padStart(2, '0')}${grammaticalCase === 'locative' ? '_loc' : ''}`;
  if (!isFragmentId(id)) throw new UnspeakableInputError(`no month fragment ${id}`);
  return id;
}

function fragmentFor(prefix: 'num' | 'ord', value: number): FragmentId {
  const id = `${prefix}_${value}`;
  if (!isFragmentId(id)) throw new UnspeakableInputError(`no number fragment ${id}`);
  return id;
}

function play(ids: readonly FragmentId[]): SpeechSegment[] {
  return ids.map((id) => ({ kind: 'play', promptId: id, audio: fragments[id].audio }));
}

function say(text: string): SpeechSegment {
  return { kind: 'say', text, language: RUSSIAN_TTS.language };
}

function assertSpeakable(n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > MAX_SPOKEN_NUMBER) {
    throw new UnspeakableInputError(
      `cannot speak ${n}: expected a whole number in ${min}..${MAX_SPOKEN_NUMBER}`,
    );
  }
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    year < 1000 ||
    parsed.getUTCFullYear() !== year ||
    parsed.getUTCMonth() !== month - 1 ||
    parsed.getUTCDate() !== day
  ) {
    throw new UnspeakableInputError(`not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return { year, month, day };
}
