// What a caller's dates mean today, and the reminders they call for. Shared by the SMS conversation and
// the IVR, so both say the same deadline and plan the same reminders.
import { type Caller, type EarlierStay, MAX_EARLIER_STAYS } from '../callers/caller.js';
import {
  addDays,
  daysBetween,
  type LocalDate,
  localDateIn,
  parseLocalDate,
  permitMilestones,
  planReminders,
  type Reminder,
  type Stay,
  visaFreeStatus,
} from '../deadlines/index.js';
import { visaFreeStay } from '../deadlines/rules.js';
import type { ReminderSeries } from '../reminders/reminder-item.js';

export const HOTLINE_TIME_ZONE = 'Europe/Belgrade';

export function todayIn(now: Date): LocalDate {
  return localDateIn(now, HOTLINE_TIME_ZONE);
}

export type EntryOutcome =
  | { kind: 'in_stay'; lastDay: LocalDate; daysLeft: number }
  | { kind: 'stay_ended'; lastDay: LocalDate };

/** The finished trips of a profile as the engine reads them. */
export function earlierStaysOf(caller: Pick<Caller, 'earlierStays'>): Stay[] {
  return (caller.earlierStays ?? []).map((stay) => ({
    entry: parseLocalDate(stay.entry),
    exit: parseLocalDate(stay.exit),
  }));
}

/**
 * The visa-free stay that began on `entry`, as of today, counting the finished trips before it. A
 * same-day exit and re-entry (a border hop) shares its day with the trip before and adds no allowance.
 */
export function entryOutcome(
  entry: string,
  today: LocalDate,
  earlierStays: readonly EarlierStay[] = [],
): EntryOutcome {
  const status = visaFreeStatus(
    [...earlierStaysOf({ earlierStays: [...earlierStays] }), { entry: parseLocalDate(entry) }],
    today,
  );
  if (status.inSerbia && !status.overstayed) {
    return { kind: 'in_stay', lastDay: status.lastLawfulDay, daysLeft: status.daysLeft };
  }
  // Only reached for an overstay: one entry date with no exit keeps the caller in Serbia.
  const lastDay = status.inSerbia ? addDays(status.overstayedSince, -1) : today;
  return { kind: 'stay_ended', lastDay };
}

/** When a caller out of Serbia may come back, and for how many days at most. */
export function reentryAfter(
  earlierStays: readonly EarlierStay[],
  today: LocalDate,
): { reentry: LocalDate; days: number } {
  const status = visaFreeStatus(earlierStaysOf({ earlierStays: [...earlierStays] }), today);
  if (status.inSerbia) return { reentry: today, days: 0 }; // unreachable: every stay given is closed
  return { reentry: status.earliestReentry, days: status.reentryAllowance.days };
}

/**
 * The finished trips worth keeping: valid, not overlapping the open stay (a later statement wins:
 * a trip that ends after the open stay's entry is dropped), not overlapping one another (the one told
 * last wins), ending no earlier than 180 days before the open stay's entry (or today, when the caller
 * is away), the latest MAX_EARLIER_STAYS, oldest first. A trip ending on the day the open stay begins
 * is a border hop and is kept.
 */
export function keptStays(
  stays: readonly EarlierStay[],
  openEntry: string | undefined,
  today: LocalDate,
): EarlierStay[] {
  const horizon = addDays(
    openEntry === undefined ? today : parseLocalDate(openEntry),
    -(visaFreeStay.windowDays - 1),
  );
  const kept: EarlierStay[] = [];
  // Newest statements are at the end: walk backwards so they win over what they overlap.
  for (const stay of [...stays].reverse()) {
    if (!(stay.entry <= stay.exit && stay.exit <= today)) continue;
    if (openEntry !== undefined && stay.exit > openEntry) continue;
    if (stay.exit < horizon) continue;
    // Sharing one day is a border hop between two trips, not an overlap.
    if (kept.some((other) => stay.entry < other.exit && other.entry < stay.exit)) continue;
    kept.push(stay);
  }
  return kept.sort((a, b) => a.entry.localeCompare(b.entry)).slice(-MAX_EARLIER_STAYS);
}

/** When the extension window opens for a permit expiring on `expiry`. */
export function permitWindowOpens(expiry: string): LocalDate {
  const milestone = permitMilestones(parseLocalDate(expiry)).find((m) => m.kind === 'extension-window-opens');
  return milestone ? milestone.date : parseLocalDate(expiry);
}

export interface NextDeadline {
  deadline: LocalDate;
  daysLeft: number;
  kind: 'visa-free-stay' | 'permit-expiry';
}

/** The nearest deadline still ahead (today included), if the caller told us any date. */
export function nextDeadline(
  caller: Pick<Caller, 'entryDate' | 'permitExpiry'> & Partial<Pick<Caller, 'earlierStays'>>,
  today: LocalDate,
): NextDeadline | undefined {
  const candidates: NextDeadline[] = [];
  if (caller.entryDate) {
    const outcome = entryOutcome(caller.entryDate, today, caller.earlierStays);
    if (outcome.kind === 'in_stay') {
      candidates.push({ deadline: outcome.lastDay, daysLeft: outcome.daysLeft, kind: 'visa-free-stay' });
    }
  }
  if (caller.permitExpiry) {
    const expiry = parseLocalDate(caller.permitExpiry);
    const daysLeft = daysBetween(today, expiry) + 1;
    if (daysLeft > 0) candidates.push({ deadline: expiry, daysLeft, kind: 'permit-expiry' });
  }
  return candidates.sort((a, b) => a.daysLeft - b.daysLeft)[0];
}

/**
 * The reminders one of the caller's dates calls for now; an absent date plans none. The entry series
 * counts the finished trips before the open stay, so its reminders are for the same last day the
 * replies give.
 */
export function planSeries(
  series: ReminderSeries,
  date: string | undefined,
  now: Date,
  earlierStays: readonly EarlierStay[] = [],
): Reminder[] {
  if (!date) return [];
  const day = parseLocalDate(date);
  return planReminders(
    series === 'entry'
      ? { entry: day, earlierStays: earlierStaysOf({ earlierStays: [...earlierStays] }) }
      : { permitExpiry: day },
    now,
  );
}
