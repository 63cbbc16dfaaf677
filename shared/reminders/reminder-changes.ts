// Turns the reminder plans a conversation decided on (SMS or voice) into the caller's new reminder ids
// and the reminder items to delete and write, in the same transaction as the caller's profile.
import type { Caller } from '../callers/caller.js';
import type { Reminder } from '../deadlines/index.js';
import type { ReminderChanges } from '../ports/caller-store.js';
import { type ReminderSeries, reminderItem } from './reminder-item.js';

/** Series whose reminders are replaced by the given plan; an empty plan cancels them. */
export type ReminderPlans = Partial<Record<ReminderSeries, Reminder[]>>;

/** The caller with its new reminder ids, and the items to delete and write for the replaced series. */
export function withReminders(
  caller: Caller,
  plans: ReminderPlans,
): { next: Caller; changes: ReminderChanges } {
  const next: Caller = { ...caller, reminderIds: { ...caller.reminderIds } };
  const changes: ReminderChanges = { remove: [], add: [] };
  for (const [series, plan] of Object.entries(plans) as [ReminderSeries, Reminder[] | undefined][]) {
    if (!plan) continue;
    const before = new Set(caller.reminderIds[series]);
    const after = new Set(plan.map((reminder) => reminder.id));
    // An id in both plans is the same reminder: leave its item alone (it may already be sent).
    changes.remove.push(...[...before].filter((id) => !after.has(id)));
    const added = plan.filter((reminder) => !before.has(reminder.id));
    changes.add.push(
      ...added.map((reminder) =>
        reminderItem(next.callerId, series, reminder, keepUntil(reminder, next.expiresAt)),
      ),
    );
    // The profile must outlive its reminders, or the sweep finds no number to send them to.
    next.expiresAt = Math.max(
      next.expiresAt,
      ...added.map((reminder) => keepUntil(reminder, next.expiresAt)),
    );
    next.reminderIds[series] = [...after];
  }
  return { next, changes };
}

/** Days a reminder is kept after its deadline, so a permit reminder two years out survives TTL. */
const KEEP_AFTER_DEADLINE_SECONDS = 30 * 86_400;

/** A reminder's TTL: the caller's retention, but never before its deadline (plus a margin) has passed. */
export function keepUntil(reminder: Reminder, callerExpiresAt: number): number {
  const deadline = Math.floor(Date.parse(`${reminder.deadline}T00:00:00Z`) / 1000);
  const due = Math.floor(Date.parse(reminder.dueAt) / 1000);
  return Math.max(callerExpiresAt, deadline + KEEP_AFTER_DEADLINE_SECONDS, due + KEEP_AFTER_DEADLINE_SECONDS);
}
