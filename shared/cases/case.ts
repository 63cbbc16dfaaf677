// A case: a caller's request for a person, from the moment they ask until a volunteer closes it.
// Pure state and transitions; the store (case-store.ts) writes each change conditionally on `version`,
// so two volunteers taking the same case at once cannot both win.
import type { Channel, Language } from '../callers/caller.js';

export type CaseStatus = 'open' | 'taken' | 'closed';

export type CaseEventKind =
  | 'opened'
  | 'notified'
  | 'renotified'
  | 'coordinators_notified'
  | 'waiting_for_shift'
  | 'taken'
  | 'relayed_to_volunteer'
  /** A text kept for the next combined relay (it came too soon after the last one). */
  | 'relay_waiting'
  | 'relayed_to_caller'
  | 'held_for_volunteer'
  | 'note'
  | 'call_offered'
  | 'call_connected'
  | 'voicemail'
  | 'dialback'
  | 'closed';

export type CloseReason = 'volunteer' | 'caller_erased' | 'caller_stopped';

/** The history: what happened, when, and which volunteer; never what was written. */
export interface CaseEvent {
  at: string;
  kind: CaseEventKind;
  volunteerId?: string | undefined;
  /** How many volunteers were told, for notifications. */
  count?: number | undefined;
  reason?: CloseReason | undefined;
}

export interface CaseNote {
  at: string;
  volunteerId: string;
  text: string;
}

/** One message of a case's conversation, for the console's thread: what the caller wrote or a volunteer answered. */
export interface ThreadMessage {
  at: string;
  from: 'caller' | 'volunteer';
  /** Who answered (volunteer messages). */
  volunteerId?: string | undefined;
  text: string;
}

export interface Case {
  /** Five digits: typed on a keypad for a dialback, in texts to volunteers. */
  code: string;
  /** Undefined for a caller whose number was withheld (voice only) and after an erasure. */
  callerId?: string | undefined;
  /** Where relayed replies go. Undefined when withheld or erased. */
  callerPhone?: string | undefined;
  callerChannel: Channel;
  language: Language;
  latin: boolean;
  /** False after STOP or for a withheld number: volunteers can still call back, not text. */
  mayText: boolean;
  source: 'sms' | 'voice';
  status: CaseStatus;
  volunteerId?: string | undefined;
  openedAt: string;
  /** When the caller last wrote (ISO): WhatsApp delivers free-form answers only within 24 hours of it. */
  lastCallerMessageAt?: string | undefined;
  /** The caller's first message and what they wrote before anyone took the case, handed over on take. */
  waiting: string[];
  /**
   * The conversation so far (the caller's texts and the volunteers' answers, the newest few), for the
   * console; dropped when the case closes, like everything else the caller wrote. Absent on older cases.
   */
  thread?: ThreadMessage[] | undefined;
  notes: CaseNote[];
  /** Twilio recording sids of the voicemails left on this case, deleted from Twilio when it closes. */
  recordingSids: string[];
  /**
   * The hour's one shared case of withheld calls past WITHHELD_CASES_PER_HOUR: its voicemails are not
   * texted one by one; the chase's notices say how many wait (voicemailCount).
   */
  shared?: true | undefined;
  /** Volunteers notified so far: 0 none yet, 1 once, 2 twice, 3 coordinators too (no more chasing). */
  notifyRound: number;
  /**
   * When a caller's text last reached the volunteer (ISO). Texts closer together than the relay gap wait
   * in `pendingRelays` and go as one text (the next text after the gap, or the chase).
   */
  lastRelayAt?: string | undefined;
  /** The caller's texts waiting for the next combined relay to the volunteer (the last few, trimmed). */
  pendingRelays?: string[] | undefined;
  /** How many texts are waiting, including those no longer kept in `pendingRelays`. */
  pendingCount?: number | undefined;
  /** When the case next needs chasing (ISO); undefined when taken, closed or nobody is left to tell. */
  nextActionAt?: string | undefined;
  closedReason?: CloseReason | undefined;
  events: CaseEvent[];
  version: number;
  /** Epoch seconds: the case goes with the caller's retention. */
  expiresAt: number;
}

/** Limits that keep an item small and a volunteer's handover to a few texts. */
export const CASE_LIMITS = {
  waitingMessages: 5,
  messageChars: 320,
  notes: 20,
  noteChars: 300,
  events: 200,
  /** Characters of the first message a notification quotes. */
  previewChars: 60,
  /** Texts kept for one combined relay (the count says how many came). */
  pendingRelays: 5,
  /** Longest combined relay: two UCS-2 segments. */
  combinedChars: 134,
  /** Messages a case's thread keeps (the newest). */
  threadMessages: 30,
} as const;

/**
 * Six digits, never starting with 0, so a keypad and a text read the same. 900,000 codes: with 10,000
 * cases open, a new code meets one in use about once in 90 tries, and the open retries with another.
 */
export function newCaseCode(random: () => number = Math.random): string {
  return String(100_000 + Math.floor(random() * 900_000));
}

/**
 * A case code as a volunteer or a route gives it: six digits, or five for the cases opened before codes
 * grew to six (they stay valid until those cases expire).
 */
export const CASE_CODE_PATTERN = '[1-9]\\d{4,5}';

export function isCaseCode(text: string): boolean {
  return new RegExp(`^${CASE_CODE_PATTERN}$`).test(text);
}

/**
 * Text safe to put in TwiML and a text message: no control characters XML forbids, no lone surrogate
 * halves, whitespace runs collapsed, cut at `max` characters.
 */
export function cleanText(text: string, max: number): string {
  const cleaned = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  // Never cut a surrogate pair in half.
  const cut = /[\uD800-\uDBFF]/.test(cleaned.charAt(max - 2)) ? max - 2 : max - 1;
  return `${cleaned.slice(0, cut)}…`;
}

export interface OpenCase {
  code: string;
  caller?: { callerId: string; phone: string; channel: Channel } | undefined;
  language: Language;
  latin: boolean;
  mayText: boolean;
  source: 'sms' | 'voice';
  firstMessage?: string | undefined;
  expiresAt: number;
  /** The hour's shared case of withheld calls (Case.shared). */
  shared?: boolean | undefined;
}

export function openCase(input: OpenCase, now: Date): Case {
  const at = now.toISOString();
  const first = input.firstMessage ? cleanText(input.firstMessage, CASE_LIMITS.messageChars) : '';
  return {
    code: input.code,
    callerId: input.caller?.callerId,
    callerPhone: input.caller?.phone,
    callerChannel: input.caller?.channel ?? 'sms',
    language: input.language,
    latin: input.latin,
    mayText: input.mayText && input.caller !== undefined,
    source: input.source,
    status: 'open',
    openedAt: at,
    lastCallerMessageAt: input.source === 'sms' ? at : undefined,
    waiting: first ? [first] : [],
    thread: first ? [{ at, from: 'caller', text: first }] : [],
    notes: [],
    recordingSids: [],
    ...(input.shared ? { shared: true as const } : {}),
    notifyRound: 0,
    nextActionAt: at,
    events: [{ at, kind: 'opened' }],
    version: 0,
    expiresAt: input.expiresAt,
  };
}

/** Voicemails left on a case (its recordings, or its voicemail events where a sid was missing). */
export function voicemailCount(current: Pick<Case, 'recordingSids' | 'events'>): number {
  const events = current.events.filter((event) => event.kind === 'voicemail').length;
  return Math.max(current.recordingSids.length, events);
}

/** The case after one more event, version bumped (the store checks the old one). */
export function withEvent(
  current: Case,
  event: Omit<CaseEvent, 'at'>,
  now: Date,
  changes: Partial<Case> = {},
): Case {
  const events = [...current.events, { at: now.toISOString(), ...event }].slice(-CASE_LIMITS.events);
  return { ...current, ...changes, events, version: current.version + 1 };
}

/** The thread with one more message, the oldest dropped beyond the limit. Empty text adds nothing. */
export function threadWith(
  current: Pick<Case, 'thread'>,
  message: Omit<ThreadMessage, 'at'>,
  now: Date,
): ThreadMessage[] {
  const thread = current.thread ?? [];
  if (!message.text) return thread;
  return [...thread, { at: now.toISOString(), ...message }].slice(-CASE_LIMITS.threadMessages);
}

/** A message the caller wrote before anyone took the case, kept for the volunteer who will. */
export function holdMessage(current: Case, text: string, now: Date): Case {
  const message = cleanText(text, CASE_LIMITS.messageChars);
  const waiting = message
    ? [...current.waiting, message].slice(-CASE_LIMITS.waitingMessages)
    : current.waiting;
  return withEvent(current, { kind: 'held_for_volunteer' }, now, {
    waiting,
    thread: threadWith(current, { from: 'caller', text: message }, now),
  });
}

export type TakeResult =
  | { kind: 'taken'; next: Case }
  | { kind: 'already_yours' }
  | { kind: 'taken_by_other'; volunteerId: string }
  | { kind: 'closed' };

/**
 * The first volunteer to take an open case owns it. `ownerGone`: the owner left the roster or was paused,
 * so the case is anyone's again rather than stuck with nobody.
 */
export function takeCase(current: Case, volunteerId: string, now: Date, ownerGone = false): TakeResult {
  if (current.status === 'closed') return { kind: 'closed' };
  if (current.status === 'taken' && !(ownerGone && current.volunteerId !== volunteerId)) {
    return current.volunteerId === volunteerId
      ? { kind: 'already_yours' }
      : { kind: 'taken_by_other', volunteerId: current.volunteerId ?? '' };
  }
  // The held messages go to the volunteer with this change; the case keeps none once handed over.
  return {
    kind: 'taken',
    next: withEvent(current, { kind: 'taken', volunteerId }, now, {
      status: 'taken',
      volunteerId,
      waiting: [],
      nextActionAt: undefined,
    }),
  };
}

/**
 * A closed case keeps its code, language and history (times, kinds, volunteer ids) and nothing of the
 * caller: no caller id, number, held message or note. Erasure cannot find a closed case from the caller
 * any more, so nothing personal may stay in one.
 */
export function closeCase(current: Case, reason: CloseReason, now: Date, volunteerId?: string): Case {
  const closed =
    current.status === 'closed'
      ? current
      : withEvent(current, { kind: 'closed', volunteerId, reason }, now, {
          status: 'closed',
          closedReason: reason,
          nextActionAt: undefined,
        });
  return {
    ...closed,
    callerId: undefined,
    callerPhone: undefined,
    mayText: false,
    waiting: [],
    thread: [],
    notes: [],
    recordingSids: [],
    pendingRelays: undefined,
    pendingCount: undefined,
  };
}

/** What is left of a case after its caller erased their data: the same as any closed case. */
export function strippedAfterErasure(current: Case, now: Date): Case {
  return closeCase(current, 'caller_erased', now);
}

/** May this volunteer act on the case (reply, note, close)? Its owner, or a coordinator. */
export function mayHandle(current: Case, volunteer: { volunteerId: string; coordinator: boolean }): boolean {
  return current.volunteerId === volunteer.volunteerId || volunteer.coordinator;
}

/**
 * One text for the volunteer out of several the caller sent close together: all of them when they fit in
 * two segments, else the newest that fit, led by how many came (`12345 (+7): …`).
 */
export function combinedRelay(code: string, texts: readonly string[], count: number): string {
  const head = count > texts.length || count > 1 ? `${code} (${count}): ` : `${code}: `;
  let body = '';
  for (const text of [...texts].reverse()) {
    const next = body ? `${text} / ${body}` : text;
    if (head.length + next.length > CASE_LIMITS.combinedChars) break;
    body = next;
  }
  if (!body) body = cleanText(texts[texts.length - 1] ?? '', CASE_LIMITS.combinedChars - head.length);
  return `${head}${body}`;
}
