// Port: reminders as the sweep sees them. The DynamoDB adapter is shared/adapters/dynamodb/reminder-store.ts.
import type { Channel, Language } from '../callers/caller.js';

/** A pending reminder as the index showed it; the index is eventually consistent, so it may be stale. */
export interface DueReminder {
  callerId: string;
  reminderId: string;
  /** Unchecked: the sweep refuses an item whose kind or deadline it does not know. */
  kind: string;
  deadline: string;
  catchUp: boolean;
  dueAt: string;
  /** A sweep recorded a publish and never confirmed it (it may have died); see docs/reminders.md. */
  sendingSince?: string | undefined;
}

/** A reminder this sweep now holds, as the table itself (not the index) had it just before the claim. */
export interface ClaimedReminder extends DueReminder {
  /** Claims so far, this one included. */
  attempts: number;
  /** A publish recorded by an earlier holder that never confirmed it (it died, or lost its lease). */
  earlierSendingSince?: string | undefined;
}

/** What the sweep needs from the caller's profile, and nothing more. */
export interface Recipient {
  phone: string;
  channel: Channel;
  language?: Language | undefined;
  latin: boolean;
  optedOut: boolean;
}

export type DueCursor = Record<string, unknown>;

export interface DuePage {
  reminders: DueReminder[];
  /** Where the next page starts; absent on the last page. */
  cursor?: DueCursor | undefined;
}

export interface Lease {
  owner: string;
  /** ISO instant: a lease that ended before it may be taken over. */
  now: string;
  until: string;
}

export interface CapacityUsed {
  readUnits: number;
  writeUnits: number;
}

export interface ReminderStore {
  /** Pending reminders of one `DUE#<day>` partition with `dueAt <= upTo`, newest first. */
  findDue(partition: string, upTo: string, page: { cursor?: DueCursor; limit: number }): Promise<DuePage>;
  /** Profiles of these callers; a caller with no profile (erased) is absent from the map. */
  recipients(callerIds: readonly string[]): Promise<Map<string, Recipient>>;
  /**
   * Takes the reminder if it is still pending, due, and nobody holds a live lease on it. With `sendingAt`,
   * the same write records that a publish is about to start.
   */
  claim(reminder: DueReminder, lease: Lease, sendingAt?: string): Promise<ClaimedReminder | undefined>;
  // Every write below succeeds only while `owner` still holds the reminder, and returns false otherwise.
  markSending(reminder: DueReminder, owner: string, at: string): Promise<boolean>;
  /** The provider refused the message, so it did not go out: forget the publish we recorded. */
  clearSending(reminder: DueReminder, owner: string): Promise<boolean>;
  markSent(
    reminder: DueReminder,
    owner: string,
    sent: { at: string; unconfirmed: boolean; messageId?: string },
  ): Promise<boolean>;
  markFailed(reminder: DueReminder, owner: string, failed: { at: string; outcome: string }): Promise<boolean>;
  cancel(reminder: DueReminder, owner: string, cancelled: { at: string; outcome: string }): Promise<boolean>;
  /** Deletes a reminder whose caller no longer exists (erased): nothing about them should stay. */
  discard(reminder: DueReminder, owner: string): Promise<boolean>;
  /**
   * Moves a reminder to a later due time. Works on a reminder nobody holds, or one `lease.owner` holds;
   * never on one with a recorded publish.
   */
  defer(reminder: DueReminder, lease: Lease, to: string): Promise<boolean>;
  /** DynamoDB capacity this store has consumed so far (ReturnConsumedCapacity). */
  capacityUsed(): CapacityUsed;
}
