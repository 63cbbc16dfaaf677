// The visa-free stay: at most 90 days present in any rolling 180-day window, entry and exit days included.
// Only the last 180 days (plus, for an overstay, the days around the current entry) can matter, so every
// answer is a handful of prefix sums over one window of days, whatever the length of the travel history.

import { fromEpochDay, InvalidLocalDateError, isLocalDate, type LocalDate, toEpochDay } from './calendar.js';
import { visaFreeStay } from './rules.js';

/** One trip to Serbia. No `exit` means the caller is still there. Both days count as days present. */
export interface Stay {
  readonly entry: LocalDate;
  readonly exit?: LocalDate;
}

export type InvalidStayReason =
  | 'invalid-date'
  | 'exit-before-entry'
  | 'in-the-future'
  | 'in-the-past'
  | 'overlapping';

export class InvalidStayError extends Error {
  override readonly name = 'InvalidStayError';
  constructor(
    readonly reason: InvalidStayReason,
    readonly stay: Stay,
    message: string,
  ) {
    super(message);
  }
}

/** What a stay that starts on `entry` and goes on without a break would allow. */
export interface StayAllowance {
  readonly entry: LocalDate;
  /** Null when even the entry day itself would already be over the limit. */
  readonly lastLawfulDay: LocalDate | null;
  /** Days present from `entry` through `lastLawfulDay`, both included; 0 when entering is not lawful. */
  readonly days: number;
}

interface StatusBase {
  readonly today: LocalDate;
  /** Days present in the 180-day window that ends today, today included. */
  readonly daysUsed: number;
}

export type VisaFreeStatus =
  | (StatusBase & {
      readonly inSerbia: true;
      readonly overstayed: false;
      /** Staying every day up to and including this day keeps every day lawful; the day after does not. */
      readonly lastLawfulDay: LocalDate;
      /** Days from today through `lastLawfulDay`, both included. */
      readonly daysLeft: number;
    })
  | (StatusBase & {
      readonly inSerbia: true;
      readonly overstayed: true;
      readonly daysLeft: 0;
      /** First day of the current stay that was over the limit: the caller had to leave the day before. */
      readonly overstayedSince: LocalDate;
    })
  | (StatusBase & {
      readonly inSerbia: false;
      readonly overstayed: false;
      /**
       * Earliest day from today on, not already a day present, on which an entry is lawful for at least
       * that day. A caller who left today gets tomorrow or later.
       */
      readonly earliestReentry: LocalDate;
      /** How long a stay starting on `earliestReentry` could last; waiting longer may allow a longer one. */
      readonly reentryAllowance: StayAllowance;
    });

const WINDOW_DAYS = visaFreeStay.windowDays;
// Every count below treats entry and exit days as days present; this line stops compiling if the rule
// changes, pointing at the code that would have to change with it.
visaFreeStay.countsEntryAndExitDays satisfies true;
const MAX_DAYS = visaFreeStay.maxDaysPresent;

export function visaFreeStatus(stays: readonly Stay[], today: LocalDate): VisaFreeStatus {
  const todayNumber = epochDayOrThrow(today);
  const history = readHistory(stays, todayNumber);
  const recent = new PresenceLedger(history.intervals, todayNumber - WINDOW_DAYS + 1, todayNumber);
  const daysUsed = recent.count(todayNumber - WINDOW_DAYS + 1, todayNumber);

  if (history.currentEntry !== null) {
    if (daysUsed > MAX_DAYS) {
      return {
        today,
        daysUsed,
        inSerbia: true,
        overstayed: true,
        daysLeft: 0,
        overstayedSince: fromEpochDay(firstUnlawfulDay(history.intervals, history.currentEntry, todayNumber)),
      };
    }
    // Entering "today" while already present is the same as staying on: the ledger counts today once.
    const last = lastLawfulDayFrom(recent, todayNumber, todayNumber) ?? todayNumber;
    return {
      today,
      daysUsed,
      inSerbia: true,
      overstayed: false,
      lastLawfulDay: fromEpochDay(last),
      daysLeft: last - todayNumber + 1,
    };
  }

  const reentry = earliestReentryDay(recent, todayNumber);
  return {
    today,
    daysUsed,
    inSerbia: false,
    overstayed: false,
    earliestReentry: fromEpochDay(reentry),
    reentryAllowance: allowance(recent, todayNumber, reentry),
  };
}

/** How long the caller could stay when entering (or staying on) from `entry`, a day from today on. */
export function maxStayIfEnteringOn(
  stays: readonly Stay[],
  today: LocalDate,
  entry: LocalDate,
): StayAllowance {
  const todayNumber = epochDayOrThrow(today);
  const entryNumber = epochDayOrThrow(entry);
  if (entryNumber < todayNumber) {
    throw new InvalidStayError('in-the-past', { entry }, `a planned entry cannot be before today (${today})`);
  }
  const history = readHistory(stays, todayNumber);
  const recent = new PresenceLedger(history.intervals, todayNumber - WINDOW_DAYS + 1, todayNumber);
  return allowance(recent, todayNumber, entryNumber);
}

interface DayInterval {
  readonly from: number;
  readonly to: number;
}

interface History {
  readonly intervals: readonly DayInterval[];
  /** Entry day of the stay without an exit, or null when the caller is not in Serbia. */
  readonly currentEntry: number | null;
}

function readHistory(stays: readonly Stay[], today: number): History {
  const trips = stays.map((stay) => {
    if (!isLocalDate(stay.entry) || (stay.exit !== undefined && !isLocalDate(stay.exit))) {
      throw new InvalidStayError('invalid-date', stay, 'entry and exit must be YYYY-MM-DD calendar dates');
    }
    const from = toEpochDay(stay.entry);
    const exit = stay.exit === undefined ? null : toEpochDay(stay.exit);
    if (from > today || (exit !== null && exit > today)) {
      throw new InvalidStayError('in-the-future', stay, 'a stay can only record days up to today');
    }
    if (exit !== null && exit < from) {
      throw new InvalidStayError(
        'exit-before-entry',
        stay,
        `exit ${stay.exit} is before entry ${stay.entry}`,
      );
    }
    return { stay, from, to: exit ?? today, open: exit === null };
  });
  // Closed trips sort before an open one that starts the same day, so a same-day exit and re-entry is valid.
  trips.sort((a, b) => a.from - b.from || Number(a.open) - Number(b.open) || a.to - b.to);

  for (let i = 1; i < trips.length; i++) {
    const previous = trips[i - 1]!;
    const next = trips[i]!;
    // Sharing one day is a same-day exit and re-entry (a border hop): that day is counted once.
    if (previous.open || next.from < previous.to) {
      throw new InvalidStayError(
        'overlapping',
        next.stay,
        `stay entering ${next.stay.entry} overlaps the stay entering ${previous.stay.entry}`,
      );
    }
  }
  const last = trips.at(-1);
  return {
    intervals: trips.map(({ from, to }) => ({ from, to })),
    currentEntry: last?.open ? last.from : null,
  };
}

/** Days present, answered as O(1) range counts over one stretch of days. */
class PresenceLedger {
  private readonly prefix: Int32Array;

  constructor(
    intervals: readonly DayInterval[],
    private readonly first: number,
    private readonly last: number,
  ) {
    const length = Math.max(0, last - first + 1);
    const present = new Uint8Array(length);
    for (const { from, to } of intervals) {
      const start = Math.max(from, first);
      const end = Math.min(to, last);
      if (start <= end) present.fill(1, start - first, end - first + 1);
    }
    this.prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) this.prefix[i + 1] = this.prefixAt(i) + (present[i] ?? 0);
  }

  /** Days present in [from, to]; days outside the ledger's stretch count as absent. */
  count(from: number, to: number): number {
    const start = Math.max(from, this.first);
    const end = Math.min(to, this.last);
    return start > end ? 0 : this.prefixAt(end - this.first + 1) - this.prefixAt(start - this.first);
  }

  private prefixAt(index: number): number {
    return this.prefix[index] ?? 0;
  }
}

/**
 * Last day of an unbroken stay from `start` (today or later) that keeps every day lawful, or null when the
 * start day itself is not. The window count never falls during an unbroken stay (each day adds one and
 * drops at most one), so the first unlawful day ends the search, and it comes within MAX_DAYS + 1 days.
 */
function lastLawfulDayFrom(recent: PresenceLedger, today: number, start: number): number | null {
  // Past days come from the ledger up to the day before `start`; from `start` on, every day is present.
  const presentOn = (day: number) =>
    recent.count(day - WINDOW_DAYS + 1, Math.min(start - 1, today)) + (day - start + 1);
  if (presentOn(start) > MAX_DAYS) return null;
  let last = start;
  while (last - start + 1 < WINDOW_DAYS && presentOn(last + 1) <= MAX_DAYS) last++;
  return last;
}

function earliestReentryDay(recent: PresenceLedger, today: number): number {
  // A caller who left today is already counted for today; "come back today" would add no day at all.
  const firstCandidate = recent.count(today, today) > 0 ? today + 1 : today;
  for (let day = firstCandidate; day < today + WINDOW_DAYS; day++) {
    if (recent.count(day - WINDOW_DAYS + 1, day - 1) + 1 <= MAX_DAYS) return day;
  }
  // A window that lies wholly after today holds no past day, so this day is always lawful.
  return today + WINDOW_DAYS;
}

function allowance(recent: PresenceLedger, today: number, entry: number): StayAllowance {
  const last = lastLawfulDayFrom(recent, today, entry);
  return {
    entry: fromEpochDay(entry),
    lastLawfulDay: last === null ? null : fromEpochDay(last),
    days: last === null ? 0 : last - entry + 1,
  };
}

/**
 * An unbroken stay goes over the limit at the latest on its (MAX_DAYS + 1)th day, so only
 * [entry - WINDOW_DAYS + 1, entry + MAX_DAYS] matters, however long ago the entry was.
 */
function firstUnlawfulDay(intervals: readonly DayInterval[], entry: number, today: number): number {
  const end = Math.min(today, entry + MAX_DAYS);
  const ledger = new PresenceLedger(intervals, entry - WINDOW_DAYS + 1, end);
  for (let day = entry; day <= end; day++) {
    if (ledger.count(day - WINDOW_DAYS + 1, day) > MAX_DAYS) return day;
  }
  return today; // unreachable: the caller only asks when today is over the limit
}

function epochDayOrThrow(date: LocalDate): number {
  if (!isLocalDate(date)) throw new InvalidLocalDateError(date);
  return toEpochDay(date);
}
