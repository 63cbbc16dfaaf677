// What a caller's dates mean today, and the reminders they call for. Shared by the SMS conversation and
// the IVR, so both say the same deadline and plan the same reminders.
import type { Caller } from '../callers/caller.js';
import {
  addDays,
  daysBetween,
  type LocalDate,
  localDateIn,
  parseLocalDate,
  permitMilestones,
  planReminders,
  type Reminder,
  visaFreeStatus,
} from '../deadlines/index.js';
import type { ReminderSeries } from '../reminders/reminder-item.js';

export const HOTLINE_TIME_ZONE = 'Europe/Belgrade';

export function todayIn(now: Date): LocalDate {
  return localDateIn(now, HOTLINE_TIME_ZONE);
}

export type EntryOutcome =
  | { kind: 'in_stay'; lastDay: LocalDate; daysLeft: number }
  | { kind: 'stay_ended'; lastDay: LocalDate };

/** The visa-free stay that began on `entry`, as of today. */
export function entryOutcome(entry: string, today: LocalDate): EntryOutcome {
  const status = visaFreeStatus([{ entry: parseLocalDate(entry) }], today);
  if (status.inSerbia && !status.overstayed) {
    return { kind: 'in_stay', lastDay: status.lastLawfulDay, daysLeft: status.daysLeft };
  }
  // Only reached for an overstay: one entry date with no exit keeps the caller in Serbia.
  const lastDay = status.inSerbia ? addDays(status.overstayedSince, -1) : today;
  return { kind: 'stay_ended', lastDay };
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
  caller: Pick<Caller, 'entryDate' | 'permitExpiry'>,
  today: LocalDate,
): NextDeadline | undefined {
  const candidates: NextDeadline[] = [];
  if (caller.entryDate) {
    const outcome = entryOutcome(caller.entryDate, today);
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

/** The reminders one of the caller's dates calls for now; an absent date plans none. */
export function planSeries(series: ReminderSeries, date: string | undefined, now: Date): Reminder[] {
  if (!date) return [];
  const day = parseLocalDate(date);
  return planReminders(series === 'entry' ? { entry: day } : { permitExpiry: day }, now);
}
