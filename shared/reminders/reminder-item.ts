// A planned reminder as stored in the table. The SMS and voice conversations write these when a caller's
// dates change (replacing the series they belong to); the reminder sweep finds them through the `due`
// index, claims, sends and marks them.

import { callerKeys, dueIndexKeys } from '../adapters/dynamodb/keys.js';
import type { Reminder, ReminderKind } from '../deadlines/index.js';

/** Reminders belong to one of the caller's dates; changing that date replaces its series only. */
export type ReminderSeries = 'entry' | 'permit';

/** `cancelled`: the sweep found the caller had opted out or the deadline had passed (see docs/reminders.md). */
export type ReminderStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface ReminderItem {
  pk: string;
  sk: string;
  type: 'reminder';
  callerId: string;
  reminderId: string;
  series: ReminderSeries;
  kind: ReminderKind;
  /** `YYYY-MM-DD`: the day the reminder is about. */
  deadline: string;
  catchUp: boolean;
  /** ISO instant, inside the delivery window. */
  dueAt: string;
  /** Present only while pending: the `due` index is sparse. */
  duePk?: string;
  status: ReminderStatus;
  /** Epoch seconds; expires with the caller's retention. */
  expiresAt: number;
  // Written by the sweep only (shared/reminders/sweep.ts); the conversation never sets them.
  /** ISO instant until which one sweep holds the reminder; another may take it over afterwards. */
  leaseUntil?: string;
  /** Which sweep holds the lease. */
  leaseOwner?: string;
  /** How many times a sweep has claimed it; bounds a reminder that keeps crashing sweeps. */
  attempts?: number;
  /**
   * Set by the claim that precedes the SNS publish: a sweep finding it on an expired lease cannot know
   * whether the text went out.
   */
  sendingSince?: string;
  sentAt?: string;
  /** SNS's id for the message, to match delivery status logs. */
  messageId?: string;
  /** Sent as far as we know, but the publish was never confirmed (docs/reminders.md, "crash safety"). */
  unconfirmed?: boolean;
  failedAt?: string;
  cancelledAt?: string;
  /** Why it was not sent: a short code, never a message text. */
  outcome?: string;
}

export function reminderItem(
  callerId: string,
  series: ReminderSeries,
  reminder: Reminder,
  expiresAt: number,
): ReminderItem {
  return {
    ...callerKeys.reminder(callerId, reminder.id),
    ...dueIndexKeys.of(reminder.dueAt),
    type: 'reminder',
    callerId,
    reminderId: reminder.id,
    series,
    kind: reminder.kind,
    deadline: reminder.deadline,
    catchUp: reminder.catchUp,
    status: 'pending',
    expiresAt,
  };
}
