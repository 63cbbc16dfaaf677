// A caller's texts when a person is involved, as a pure decision on top of the ordinary conversation:
// asking for a person opens a case and tells the volunteers on shift; while a case is open, the
// caller's words go to its volunteer (or wait for one); STOP and erasure close it and tell the
// volunteer, without a word of what the caller wrote. Texts to a volunteer are in the language they read
// (the first of their roster languages); the caller's own words are relayed as written. No I/O.
import { type Caller, type Channel, readerOf } from '../callers/caller.js';
import type { SmsDecision } from '../conversation/sms-conversation.js';
import { fillTemplate, type MessageId, messageTemplate } from '../messages/catalogue.js';
import { noticesFor, textsFor, type VolunteerTexts } from '../messages/volunteer.js';
import {
  formatShiftTime,
  nextShiftStart,
  onShiftFor,
  type Volunteer,
  volunteerRecipient,
} from '../volunteers/volunteer.js';
import {
  CASE_LIMITS,
  type Case,
  cleanText,
  closeCase,
  combinedRelay,
  holdMessage,
  openCase,
  strippedAfterErasure,
  threadWith,
  withEvent,
} from './case.js';

/** Someone a text goes to other than the sender: a volunteer (SMS) or the caller (their channel). */
export interface Recipient {
  phone: string;
  channel: Channel;
  /** A caller's id when the recipient is a caller: an erasure before the send drops what waits for them. */
  callerId?: string | undefined;
}

export interface Outgoing {
  body: string;
  /** Absent: the reply to whoever sent the text. */
  to?: Recipient | undefined;
}

/** Most volunteers one text notifies (each is one outbound SMS in the reply). */
export const MAX_NOTIFIED = 20;

export interface CaseTiming {
  /** Minutes before volunteers are told again, then the coordinators. */
  renotifyMinutes: number;
  /**
   * Seconds between two relays of one case to its volunteer; texts in between wait and go as one
   * (the next text after the gap carries them, or the chase does). 0 or absent: every text at once.
   */
  relayGapSeconds?: number | undefined;
}

export interface CallerCaseInput {
  /** The caller as read (with this contact recorded), before the conversation decided. */
  caller: Caller;
  /** What the ordinary conversation decided for this text. */
  decision: SmsDecision;
  /** The caller's case, if one is open or taken (a closed one counts as none). */
  current?: Case | undefined;
  text: string;
  roster: readonly Volunteer[];
  now: Date;
  newCode: () => string;
  timing: CaseTiming;
}

export interface CallerCaseDecision {
  caller: Caller;
  messages: Outgoing[];
  /** The conversation's reminder plans, or none when the text went to a person rather than the hotline. */
  reminderPlans: SmsDecision['reminderPlans'];
  /** Voicemail recordings to delete from Twilio: the case closed (STOP, erasure). */
  forgetRecordings?: string[] | undefined;
  /** The case to write, and the version it was read at (undefined: a new case). */
  caseChange?: { next: Case; readVersion: number | undefined } | undefined;
  erase: boolean;
  intent: SmsDecision['intent'] | 'case_opened' | 'relayed' | 'held' | 'case_closed';
}

/** What a caller can still do inside a case; anything else they write is for the volunteer. */
const OWN_INTENTS: ReadonlySet<SmsDecision['intent']> = new Set([
  'stop',
  'start',
  'delete',
  'confirm_delete',
  'language',
  'language_choice',
  'latin',
]);

export function decideCallerCase(input: CallerCaseInput): CallerCaseDecision {
  const { decision, now } = input;
  const current = input.current?.status === 'closed' ? undefined : input.current;
  const plain = (caller: Caller): CallerCaseDecision => ({
    caller,
    messages: decision.replies.map((body) => ({ body })),
    reminderPlans: decision.reminderPlans,
    erase: decision.erase,
    intent: decision.intent,
  });

  if (!current) {
    const caller = { ...decision.caller, openCase: undefined };
    if (decision.intent !== 'person' || caller.optedOut) return plain(caller);
    return open(input, caller);
  }

  const volunteer = input.roster.find((v) => v.volunteerId === current.volunteerId && v.active);
  const toVolunteer = (build: (texts: VolunteerTexts) => string): Outgoing[] =>
    volunteer ? [{ body: build(textsFor(volunteer)), to: volunteerRecipient(volunteer) }] : [];

  if (decision.erase) {
    return {
      ...plain(decision.caller),
      messages: [
        ...decision.replies.map((body) => ({ body })),
        ...toVolunteer((t) => t.callerLeft(current.code, 'caller_erased')),
      ],
      caseChange: { next: strippedAfterErasure(current, now), readVersion: current.version },
      forgetRecordings: current.recordingSids,
      intent: 'case_closed',
    };
  }
  if (decision.intent === 'stop') {
    return {
      ...plain({ ...decision.caller, openCase: undefined }),
      messages: [
        ...decision.replies.map((body) => ({ body })),
        ...toVolunteer((t) => t.callerLeft(current.code, 'caller_stopped')),
      ],
      caseChange: {
        next: closeCase(current, 'caller_stopped', now),
        readVersion: current.version,
      },
      forgetRecordings: current.recordingSids,
      intent: 'case_closed',
    };
  }
  if (OWN_INTENTS.has(decision.intent)) {
    const reader = readerOf(decision.caller);
    // START on a case opened by a call while opted out: the volunteer may text again.
    const mayText = decision.intent === 'start' && current.callerPhone !== undefined ? true : current.mayText;
    const changed =
      reader.language !== current.language || reader.latin !== current.latin || mayText !== current.mayText;
    return {
      ...plain(decision.caller),
      // Later texts to the caller (the volunteer joined, the case closed) follow the new choice.
      caseChange: changed
        ? {
            next: {
              ...current,
              language: reader.language,
              latin: reader.latin,
              mayText,
              version: current.version + 1,
            },
            readVersion: current.version,
          }
        : undefined,
    };
  }

  // Everything else is the caller talking to a person: the conversation's own answer is not sent, and
  // a date in it is for the volunteer to read, not a date to plan reminders on.
  const caller: Caller = { ...input.caller, awaiting: undefined, openCase: current.code };
  const expiresAt = Math.max(current.expiresAt, caller.expiresAt);
  const lastCallerMessageAt = now.toISOString();
  if (current.status === 'taken' && volunteer) {
    const said = cleanText(input.text, CASE_LIMITS.messageChars);
    const gapMs = (input.timing.relayGapSeconds ?? 0) * 1000;
    const last = current.lastRelayAt ? Date.parse(current.lastRelayAt) : undefined;
    const pending = current.pendingRelays ?? [];
    if (said && last !== undefined && now.getTime() - last < gapMs) {
      // Too soon after the last relay: kept for one combined text, sent after the gap.
      return {
        caller,
        messages: [],
        reminderPlans: {},
        caseChange: {
          next: withEvent(current, { kind: 'relay_waiting', volunteerId: volunteer.volunteerId }, now, {
            expiresAt,
            lastCallerMessageAt,
            thread: threadWith(current, { from: 'caller', text: said }, now),
            pendingRelays: [...pending, said].slice(-CASE_LIMITS.pendingRelays),
            pendingCount: (current.pendingCount ?? 0) + 1,
            nextActionAt: new Date(last + gapMs).toISOString(),
          }),
          readVersion: current.version,
        },
        erase: false,
        intent: 'relayed',
      };
    }
    const count = (current.pendingCount ?? 0) + (said ? 1 : 0);
    const body =
      count === 0 && pending.length === 0
        ? undefined
        : volunteer.consoleOnly
          ? textsFor(volunteer).consolePing(current.code, Math.max(count, 1))
          : pending.length > 0
            ? combinedRelay(current.code, said ? [...pending, said] : pending, count)
            : said
              ? textsFor(volunteer).relayed(current.code, said)
              : undefined;
    return {
      caller,
      messages: body ? [{ body, to: volunteerRecipient(volunteer) }] : [],
      reminderPlans: {},
      caseChange: {
        next: withEvent(current, { kind: 'relayed_to_volunteer', volunteerId: volunteer.volunteerId }, now, {
          expiresAt,
          lastCallerMessageAt,
          thread: threadWith(current, { from: 'caller', text: said }, now),
          ...(body
            ? {
                lastRelayAt: now.toISOString(),
                pendingRelays: undefined,
                pendingCount: undefined,
                nextActionAt: undefined,
              }
            : {}),
        }),
        readVersion: current.version,
      },
      erase: false,
      intent: 'relayed',
    };
  }
  // Nobody has it yet, or its volunteer left the roster or was paused: kept for whoever takes it, and an
  // orphaned case goes back to the volunteers on shift at the next chase.
  const orphaned = current.status === 'taken';
  const held = holdMessage(current, input.text, now);
  return {
    caller,
    messages: [{ body: say(caller, 'case_waiting', { code: current.code }) }],
    reminderPlans: {},
    caseChange: {
      next: {
        ...held,
        expiresAt,
        lastCallerMessageAt,
        ...(orphaned
          ? {
              status: 'open' as const,
              volunteerId: undefined,
              notifyRound: 0,
              nextActionAt: now.toISOString(),
            }
          : {}),
      },
      readVersion: current.version,
    },
    erase: false,
    intent: 'held',
  };
}

function open(input: CallerCaseInput, caller: Caller): CallerCaseDecision {
  const { now, roster, timing } = input;
  const reader = readerOf(caller);
  // A person asked for in a distress text: the topic's help numbers go after the case code.
  const topic = input.decision.topic;
  const help: Outgoing[] = topic === undefined ? [] : [{ body: say(caller, `help_${topic}`) }];
  const code = input.newCode();
  // The words after the keyword are the caller's first message; the keyword alone says nothing.
  const body = input.text.trim();
  const opened = openCase(
    {
      code,
      caller: { callerId: caller.callerId, phone: caller.phone, channel: caller.channel },
      language: reader.language,
      latin: reader.latin,
      mayText: true,
      source: 'sms',
      firstMessage: /\s/.test(body) ? body : undefined,
      expiresAt: caller.expiresAt,
    },
    now,
  );
  const next = { ...caller, openCase: code };
  const onShift = onShiftFor(roster, reader.language, now, MAX_NOTIFIED);
  if (onShift.length > 0) {
    const preview = opened.waiting[0] ? cleanText(opened.waiting[0], CASE_LIMITS.previewChars) : undefined;
    // One body per reading language: a Kyrgyz-only volunteer and a Russian reader each get their own.
    const notices = noticesFor(onShift, (t, to) =>
      t.newCase(code, reader.language, to.consoleOnly ? undefined : preview),
    );
    return {
      caller: next,
      messages: [
        { body: say(next, 'case_opened', { code }) },
        ...help,
        ...notices.map(({ volunteer, body }) => ({
          body,
          to: volunteerRecipient(volunteer),
        })),
      ],
      reminderPlans: {},
      caseChange: {
        next: withEvent(opened, { kind: 'notified', count: onShift.length }, now, {
          notifyRound: 1,
          nextActionAt: minutesAfter(now, timing.renotifyMinutes),
        }),
        readVersion: undefined,
      },
      erase: false,
      intent: 'case_opened',
    };
  }
  // Nobody on shift: the caller hears when someone will be, and the numbers for an emergency; the
  // chase (functions/escalations.ts) tells the volunteers when their shift starts, or the coordinators.
  const back = nextShiftStart(roster, reader.language, now);
  return {
    caller: next,
    messages: [
      {
        body: back
          ? say(next, 'case_no_one', { code, nextShift: formatShiftTime(back) })
          : say(next, 'case_no_one_later', { code }),
      },
      ...help,
    ],
    reminderPlans: {},
    caseChange: {
      next: withEvent(opened, { kind: 'waiting_for_shift' }, now, {
        nextActionAt: (back ?? now).toISOString(),
      }),
      readVersion: undefined,
    },
    erase: false,
    intent: 'case_opened',
  };
}

export function minutesAfter(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

function say(caller: Caller, id: MessageId, values: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(messageTemplate(id, readerOf(caller)), values);
}
