// A caller: someone who texted or called the hotline. Pure state transitions, no I/O.
import type { Reader } from '../messages/catalogue.js';
import type { ReminderSeries } from '../reminders/reminder-item.js';

/**
 * How a caller reaches the hotline and is answered: SMS or WhatsApp through Twilio, Telegram, or SMS to the
 * NGO's Serbian SIM (SMS Gateway for Android). The caller's `phone` is their address on it: an E.164
 * number, or on Telegram the chat id.
 */
export type Channel = 'sms' | 'whatsapp' | 'telegram' | 'sms-gateway';

const CHANNELS: ReadonlySet<string> = new Set<Channel>(['sms', 'whatsapp', 'telegram', 'sms-gateway']);

/** A stored channel name as a Channel; anything unknown (items older than the field) is SMS. */
export function channelOf(value: unknown): Channel {
  return typeof value === 'string' && CHANNELS.has(value) ? (value as Channel) : 'sms';
}

/** Channels whose webhook answers inline (TwiML): anything else leaves through the outbox. */
export const TWILIO_CHANNELS: ReadonlySet<Channel> = new Set(['sms', 'whatsapp']);
export type Language = 'ky' | 'ru';

/** What the next text is read as, when the last reply asked a question. */
export type Awaiting = 'language' | 'delete_confirmation' | 'earlier_stays';

/** A finished trip to Serbia, `YYYY-MM-DD`, both days counted as days present. */
export interface EarlierStay {
  entry: string;
  exit: string;
}

/** At most this many finished trips are kept (the latest); the 90/180 count rarely needs more than 3. */
export const MAX_EARLIER_STAYS = 10;

export interface Caller {
  callerId: string;
  /** E.164 number, kept only because reminders and replies must reach it. Never logged. */
  phone: string;
  channel: Channel;
  language?: Language | undefined;
  /** Replies in Latin letters (GSM-7): one cheap segment instead of several UCS-2 ones. */
  latin: boolean;
  /** Said STOP: nothing goes out except the confirmation, until START. */
  optedOut: boolean;
  awaiting?: Awaiting | undefined;
  /** `YYYY-MM-DD`: entry day of the current (open) visa-free stay; absent when the caller left. */
  entryDate?: string | undefined;
  /**
   * Finished trips that still count: only those ending inside the 180 days before the open stay (or
   * today), oldest first, at most MAX_EARLIER_STAYS. With `entryDate` they are the travel history the
   * deadline engine reads. Profiles written before this field have only `entryDate`: one open stay.
   */
  earlierStays?: EarlierStay[] | undefined;
  /** `YYYY-MM-DD`: expiry of the temporary residence or single permit. */
  permitExpiry?: string | undefined;
  /** Code of the case opened when the caller asked for a person, until it is closed. */
  openCase?: string | undefined;
  /** Ids of the reminder items currently planned for each date, so a new date replaces exactly them. */
  reminderIds: Record<ReminderSeries, string[]>;
  firstContactAt: string;
  lastContactAt: string;
  /** Optimistic-lock counter: every write expects the version it read. */
  version: number;
  /** Epoch seconds; DynamoDB's TTL erases an inactive caller after the retention period. */
  expiresAt: number;
}

export interface Contact {
  callerId: string;
  phone: string;
  channel: Channel;
}

const DAY_SECONDS = 86_400;

export function expiryAfter(now: Date, retentionDays: number): number {
  return Math.floor(now.getTime() / 1000) + retentionDays * DAY_SECONDS;
}

/** The caller after one more contact: created on first contact, touched (and kept alive) afterwards. */
export function recordContact(
  existing: Caller | undefined,
  contact: Contact,
  now: Date,
  retentionDays: number,
): Caller {
  const at = now.toISOString();
  const expiresAt = expiryAfter(now, retentionDays);
  if (!existing) {
    return {
      // Only these: the contact may be a whole inbound text, and its words are never kept in the profile.
      callerId: contact.callerId,
      phone: contact.phone,
      channel: contact.channel,
      latin: false,
      optedOut: false,
      reminderIds: { entry: [], permit: [] },
      firstContactAt: at,
      lastContactAt: at,
      version: 1,
      expiresAt,
    };
  }
  return {
    ...existing,
    phone: contact.phone,
    channel: contact.channel,
    lastContactAt: at,
    version: existing.version + 1,
    // Never shortened: a caller with a reminder planned years ahead keeps their profile until then.
    expiresAt: Math.max(expiresAt, existing.expiresAt),
  };
}

/** `whatsapp:+996…` and `+996…` are the same person on two channels. */
export function parseAddress(from: string): { phone: string; channel: Channel } {
  const whatsapp = /^whatsapp:/i.test(from);
  return { phone: from.replace(/^whatsapp:/i, '').trim(), channel: whatsapp ? 'whatsapp' : 'sms' };
}

/** A +996 number: Kyrgyz is presumed until the caller chooses a language. */
export function isKyrgyzNumber(phone: string): boolean {
  return phone.startsWith('+996');
}

/** Who reads a text: the caller's language, or, until they choose, Kyrgyz on a +996 number, else Russian. */
export function readerOf(
  caller: Pick<Caller, 'phone' | 'latin'> & { language?: Language | undefined },
): Reader {
  return { language: caller.language ?? (isKyrgyzNumber(caller.phone) ? 'ky' : 'ru'), latin: caller.latin };
}
