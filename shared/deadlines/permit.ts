// The dates around a temporary-residence (single) permit's expiry that the caller must act on.

import { addDays, addMonths, type LocalDate, laterOf, parseLocalDate } from './calendar.js';
import { permitExtension, permitReminders } from './rules.js';

export type PermitMilestoneKind = 'extension-window-opens' | 'safe-deadline' | 'last-reminder' | 'expiry';

export interface PermitMilestone {
  readonly kind: PermitMilestoneKind;
  readonly date: LocalDate;
}

/** The milestones in date order: window opens, safe deadline, last reminder, expiry. */
export function permitMilestones(expiry: LocalDate): readonly PermitMilestone[] {
  const expiryDate = parseLocalDate(expiry);
  const windowOpens = laterOf(
    addMonths(expiryDate, -permitExtension.windowOpensMonthsBeforeExpiry),
    addDays(expiryDate, -permitExtension.windowOpensDaysBeforeExpiry),
  );
  return [
    { kind: 'extension-window-opens', date: windowOpens },
    { kind: 'safe-deadline', date: addDays(expiryDate, -permitExtension.safeDeadlineDaysBeforeExpiry) },
    { kind: 'last-reminder', date: addDays(expiryDate, -permitReminders.lastReminderDaysBeforeExpiry) },
    { kind: 'expiry', date: expiryDate },
  ];
}
