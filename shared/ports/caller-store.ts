// Port: where callers, their handled messages and their reminder items are kept. No SDK type here; the
// DynamoDB adapter is shared/adapters/dynamodb/caller-store.ts.
import type { Caller } from '../callers/caller.js';
import type { ReminderItem } from '../reminders/reminder-item.js';
import type { OutboundMessage } from './outbox.js';
import type { SideWrites } from './side-writes.js';
import type { BlockEntry } from './usage.js';

/** Another webhook for the same caller wrote first; read again and decide again. */
export class ConcurrentCallerUpdateError extends Error {
  constructor() {
    super('The caller changed since it was read');
    this.name = 'ConcurrentCallerUpdateError';
  }
}

/** This Twilio message was handled already (a retry racing the original). */
export class DuplicateMessageError extends Error {
  constructor() {
    super('The message was handled already');
    this.name = 'DuplicateMessageError';
  }
}

export interface HandledMessage {
  messageSid: string;
  /** The TwiML answered the first time, returned again to a retry. */
  replyTwiml: string;
  expiresAt: number;
}

export interface CallerSnapshot {
  caller?: Caller | undefined;
  handled?: HandledMessage | undefined;
  /** The number's block-list entry, read in the same request (shared/limits). */
  blocked?: BlockEntry | undefined;
}

/** Reminder items to delete (by id) and to write, when a caller's date changes. */
export interface ReminderChanges {
  remove: string[];
  add: ReminderItem[];
}

export interface CallerStore {
  loadForMessage(callerId: string, messageSid: string): Promise<CallerSnapshot>;
  saveAfterMessage(
    next: Caller,
    expectedVersion: number | undefined,
    message: HandledMessage,
    reminders?: ReminderChanges,
    /** More writes that stand or fall with this one (a case the message changed, messages to send). */
    also?: SideWrites,
  ): Promise<void>;
  /** Changes the stored reply of a handled message (a voice step whose SMS then failed). */
  replaceReply(callerId: string, messageSid: string, replyTwiml: string): Promise<void>;
  /** Deletes every item of the caller, then remembers the erasing message's reply for Twilio retries. */
  eraseCaller(
    callerId: string,
    message: HandledMessage,
    /** The confirmation, on a channel without an inline answer: queued with the erasure's record. */
    outbox?: readonly OutboundMessage[],
  ): Promise<{ itemsDeleted: number }>;
}
