// What a caller's text may cost, as a pure decision on top of what the conversation and the case layer
// want to send: texts only to the countries the hotline serves, a reply budget per number and hour (one
// notice, then silence), "not understood" once an hour and never to a text hard on the heels of the
// number's previous one, and the day's spend ceiling. STOP, erasure and emergency answers always go out
// (to an allowed country). No I/O.
import type { Channel } from '../callers/caller.js';
import type { Outgoing } from '../cases/caller-case.js';
import type { Counts } from '../ports/usage.js';
import { estimatedUsd, isAllowedDestination, type LimitSettings } from './settings.js';

/** Intents whose answer goes out whatever the budgets say: leaving, erasing, and help in danger. */
export const ALWAYS_ANSWERED: ReadonlySet<string> = new Set([
  'stop',
  'delete',
  'confirm_delete',
  'info_emergency',
  'help',
]);

/** What one text adds to its caller's hour (`m37`: texts in minute 37). */
export function textCounts(now: Date, reply: boolean, unknown: boolean): Counts {
  return {
    [`m${now.getUTCMinutes()}`]: 1,
    ...(reply ? { replies: 1 } : {}),
    ...(unknown ? { unknowns: 1 } : {}),
  };
}

/** Texts from the caller in the current minute, from the hour's counts. */
export function textsThisMinute(counts: Counts, now: Date): number {
  return counts[`m${now.getUTCMinutes()}`] ?? 0;
}

/**
 * A text not understood that follows the number's previous contact by less than the gap: no answer (and
 * not counted as one). A person reads the last answer before writing again; a script sending one a
 * second gets the welcome and nothing more before the flood block. A first contact is always answered.
 */
export function isHastyUnknown(
  intent: string,
  previousContactAt: string | undefined,
  now: Date,
  limits: Pick<LimitSettings, 'unknownReplyGapSeconds'>,
): boolean {
  if (intent !== 'unknown' || previousContactAt === undefined) return false;
  const previous = Date.parse(previousContactAt);
  if (Number.isNaN(previous)) return false;
  return now.getTime() - previous < limits.unknownReplyGapSeconds * 1000;
}

export interface GuardInput {
  messages: readonly Outgoing[];
  sender: { phone: string; channel: Channel };
  intent: string;
  /** A text not understood, too soon after the previous one (isHastyUnknown): the sender gets no answer. */
  hasty?: boolean | undefined;
  /** The caller's hour after this text was counted. */
  hour: Counts;
  limits: LimitSettings;
  /** The notice in the caller's language, sent once when the hour's budget runs out. */
  notice: string;
}

export interface GuardedMessages {
  messages: Outgoing[];
  /** Dropped because the destination is outside the allowed countries. */
  droppedCountry: number;
  /** Replies to the sender dropped by the hour's budget or the "not understood" limit. */
  droppedBudget: number;
  /** True when the notice replaced this reply. */
  noticeSent: boolean;
}

export function guardCallerTexts(input: GuardInput): GuardedMessages {
  const { limits, hour } = input;
  const exempt = ALWAYS_ANSWERED.has(input.intent);
  let droppedCountry = 0;
  let droppedBudget = 0;
  let noticeSent = false;
  const allowed = (phone: string, channel: Channel) =>
    isAllowedDestination(phone, limits.allowedCountryCodes, channel);
  const replies = hour.replies ?? 0;
  const overBudget = !exempt && replies > limits.callerRepliesPerHour;
  const hasty = input.intent === 'unknown' && input.hasty === true;
  const overUnknown = input.intent === 'unknown' && (hour.unknowns ?? 0) > limits.unknownRepliesPerHour;
  const messages: Outgoing[] = [];
  for (const message of input.messages) {
    const to = message.to ?? input.sender;
    if (!allowed(to.phone, to.channel)) {
      droppedCountry++;
      continue;
    }
    if (message.to) {
      messages.push(message);
      continue;
    }
    // Not counted in the hour's replies, so never the hour's notice either.
    if (hasty) {
      droppedBudget++;
      continue;
    }
    // Past the hour's "not understood" answers: silence, never the hour's notice (a slow stream of
    // nonsense would otherwise buy one more text).
    if (overUnknown) {
      droppedBudget++;
      continue;
    }
    if (overBudget) {
      // The first reply past the budget becomes the one notice; every later one is silence.
      if (replies === limits.callerRepliesPerHour + 1 && !noticeSent) {
        messages.push({ body: input.notice });
        noticeSent = true;
      } else droppedBudget++;
      continue;
    }
    messages.push(message);
  }
  return { messages, droppedCountry, droppedBudget, noticeSent };
}

/** The estimated price of what goes out: the sender's replies on their channel, volunteers' by SMS. */
export function estimatedCost(
  messages: readonly Outgoing[],
  sender: { channel: Channel },
  limits: LimitSettings,
): number {
  return messages.reduce(
    (sum, message) => sum + estimatedUsd(message.body, message.to?.channel ?? sender.channel, limits),
    0,
  );
}

/** Micro-dollars, so the day's spend is an integer ADD. */
export const toMicroUsd = (usd: number): number => Math.round(usd * 1_000_000);
