// Turns the reminder plans a conversation decided on (SMS or voice) into the caller's new reminder ids
// and the reminder items to delete and write, in the same transaction as the caller's profile.
import type { Caller } from '../callers/caller.js';
import type { ReminderChanges } from '../callers/caller-store.js';
import type { Reminder } from '../deadlines/index.js';
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
    changes.add.push(
      ...plan
        .filter((reminder) => !before.has(reminder.id))
        .map((reminder) => reminderItem(next.callerId, series, reminder, next.expiresAt)),
    );
    next.reminderIds[series] = [...after];
  }
  return { next, changes };
}
