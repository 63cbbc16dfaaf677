// Date-only arithmetic on ISO `YYYY-MM-DD` strings. Legal deadlines are calendar days in Serbia, never
// instants, so the engine counts whole days and turns a day into an instant only at the Belgrade edge.

declare const localDateBrand: unique symbol;

/** A calendar day (`YYYY-MM-DD`) without time or zone; only `parseLocalDate` and this module make one. */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** The only zone the hotline delivers in; a union grows here if the hotline ever serves another country. */
export type TimeZone = 'Europe/Belgrade';

export class InvalidLocalDateError extends Error {
  override readonly name = 'InvalidLocalDateError';
  constructor(readonly input: unknown) {
    super(`not a calendar date in YYYY-MM-DD form: ${JSON.stringify(input)}`);
  }
}

export class InvalidInstantError extends Error {
  override readonly name = 'InvalidInstantError';
  constructor() {
    super('not a valid instant');
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidLocalDateError(value);
  return value;
}

/** Days since 1970-01-01; integers make window sums and comparisons cheap. */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return epochDayOf(year, month, day);
}

export function fromEpochDay(epochDay: number): LocalDate {
  // Howard Hinnant's civil_from_days: exact for every proleptic Gregorian day, no Date quirks for years < 100.
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return format(year, month, day);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Signed number of days from `from` to `to`: `daysBetween(d, addDays(d, n)) === n`. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // ISO dates with four-digit years sort as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function laterOf(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/**
 * Calendar months added the way Serbian administrative law counts a period in months: the same day
 * number, or the month's last day when that number does not exist (31 May minus 3 months is 28 February).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export interface LocalTime {
  readonly date: LocalDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The calendar day an instant falls on in `timeZone`, from the runtime's time-zone database (DST-correct). */
export function localDateIn(instant: Date, timeZone: TimeZone): LocalDate {
  return localTimeIn(instant, timeZone).date;
}

export function localTimeIn(instant: Date, timeZone: TimeZone): LocalTime {
  const time = instant.getTime();
  if (!Number.isFinite(time)) throw new InvalidInstantError();
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    date: format(parts.year ?? Number.NaN, parts.month ?? Number.NaN, parts.day ?? Number.NaN),
    hour: parts.hour ?? Number.NaN,
    minute: parts.minute ?? Number.NaN,
    second: parts.second ?? Number.NaN,
  };
}

/**
 * The instant at which the wall clock in `timeZone` shows `hour:minute` on `date`. A time skipped when
 * clocks spring forward comes out shifted by the gap; the engine only asks for midnight and
 * delivery-window hours, which exist exactly once on every day in Europe.
 */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: TimeZone): Date {
  const wallClockAsUtc = toEpochDay(date) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000;
  const firstGuess = wallClockAsUtc - offsetAt(wallClockAsUtc, timeZone);
  const offset = offsetAt(firstGuess, timeZone);
  return new Date(wallClockAsUtc - offset);
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(epochMs: number, timeZone: TimeZone): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const local = localTimeIn(new Date(wholeSecond), timeZone);
  const wallClockAsUtc =
    toEpochDay(local.date) * MS_PER_DAY +
    local.hour * 3_600_000 +
    local.minute * 60_000 +
    local.second * 1000;
  return wallClockAsUtc - wholeSecond;
}

const formatters = new Map<TimeZone, Intl.DateTimeFormat>();

function formatterFor(timeZone: TimeZone): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(date: LocalDate): { year: number; month: number; day: number } {
  // Re-checked because a LocalDate may arrive through a cast from unvalidated storage or JSON.
  const match = DATE_PATTERN.exec(date);
  if (!match || !isLocalDate(date)) throw new InvalidLocalDateError(date);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function epochDayOf(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function format(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isLocalDate(text)) throw new InvalidLocalDateError(text);
  return text;
}
