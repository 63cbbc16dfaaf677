// The words of a reminder: which catalogue message serves each kind, filled in on the day it goes out.

import { readerOf } from '../callers/caller.js';
import { daysBetween, type LocalDate, type ReminderKind } from '../deadlines/index.js';
import { type Language, renderMessage } from '../messages/catalogue.js';
import { formatDate } from '../sms/date-basics.js';

type ReminderMessageId =
  | 'reminder_visa_free'
  | 'reminder_registration'
  | 'reminder_permit_window'
  | 'reminder_permit_safe'
  | 'reminder_permit_soon';

export const REMINDER_MESSAGES: Readonly<Record<ReminderKind, ReminderMessageId>> = {
  'visa-free-stay-ends': 'reminder_visa_free',
  'police-registration': 'reminder_registration',
  'permit-extension-window-opens': 'reminder_permit_window',
  'permit-safe-deadline': 'reminder_permit_safe',
  'permit-expires-soon': 'reminder_permit_soon',
};

export interface ReminderRecipient {
  phone: string;
  language?: Language | undefined;
  latin: boolean;
}

export { readerOf };

/**
 * The text for one reminder, as of `today` (Belgrade). Days left count today, as the conversation's
 * confirmations do, so a late or catch-up reminder still tells the truth on the day it arrives.
 */
export function reminderText(
  reminder: { kind: ReminderKind; deadline: LocalDate },
  recipient: ReminderRecipient,
  today: LocalDate,
): string {
  const reader = readerOf(recipient);
  const deadline = formatDate(reminder.deadline);
  const id = REMINDER_MESSAGES[reminder.kind];
  if (id === 'reminder_visa_free') {
    return renderMessage(id, reader, { deadline, daysLeft: daysBetween(today, reminder.deadline) + 1 });
  }
  return renderMessage(id, reader, { deadline });
}
