// Chasing a case nobody has taken, as a pure decision (run by functions/escalations.ts every minute):
// tell the volunteers on shift, tell them again after the configured wait, then the coordinators.
// A case opened when nobody was on shift waits for the next shift, then goes the same way. Each volunteer
// is told in the language they read (the first of their roster languages). The hour's shared case of
// withheld calls (a flood past WITHHELD_CASES_PER_HOUR) goes the same way, each notice a one-segment
// digest of the voicemails waiting on it instead of a link per voicemail. No I/O.
import { noticesFor, textsFor, type VolunteerTexts } from '../messages/volunteer.js';
import {
  activeCoordinators,
  nextShiftStart,
  onShiftFor,
  type Volunteer,
  volunteerRecipient,
} from '../volunteers/volunteer.js';
import { MAX_NOTIFIED, minutesAfter } from './caller-case.js';
import { CASE_LIMITS, type Case, cleanText, combinedRelay, voicemailCount, withEvent } from './case.js';

export interface ChaseNotice {
  volunteerId: string;
  /** The volunteer's number, or their linked Telegram chat (`channel`). */
  phone: string;
  channel: 'sms' | 'telegram';
  body: string;
}

export interface ChaseDecision {
  next: Case;
  notices: ChaseNotice[];
}

/** Undefined when the case needs nothing now (taken, closed, or not yet due). */
export function decideChase(
  current: Case,
  roster: readonly Volunteer[],
  now: Date,
  renotifyMinutes: number,
): ChaseDecision | undefined {
  if (!current.nextActionAt || current.nextActionAt > now.toISOString()) return undefined;
  if (current.status === 'taken') return combinedRelayDue(current, roster, now);
  if (current.status !== 'open') return undefined;
  // A withheld call that hung up without a voicemail leaves nothing to answer and no number to call
  // back: nobody is texted about it (a voicemail left later texts the volunteers itself).
  if (
    !current.callerId &&
    !current.callerPhone &&
    current.recordingSids.length === 0 &&
    current.waiting.length === 0
  ) {
    return { next: { ...current, nextActionAt: undefined, version: current.version + 1 }, notices: [] };
  }
  const waited = Math.max(0, Math.round((now.getTime() - Date.parse(current.openedAt)) / 60_000));
  const pooled = current.shared === true;
  const onShift = onShiftFor(roster, current.language, now, MAX_NOTIFIED);
  const notices = (
    volunteers: readonly Volunteer[],
    build: (texts: VolunteerTexts, reader: { consoleOnly: boolean }) => string,
  ): ChaseNotice[] =>
    noticesFor(volunteers, build).map(({ volunteer, body }) => ({
      volunteerId: volunteer.volunteerId,
      ...volunteerRecipient(volunteer),
      body,
    }));

  const coordinators = (): ChaseDecision => {
    const told = activeCoordinators(roster);
    return {
      next: withEvent(current, { kind: 'coordinators_notified', count: told.length }, now, {
        notifyRound: 3,
        nextActionAt: undefined,
      }),
      notices: notices(told, (t) => t.toCoordinator(current.code, current.language, waited)),
    };
  };

  if (current.notifyRound === 0) {
    if (onShift.length > 0) {
      const first = current.waiting[0];
      const preview = first ? cleanText(first, CASE_LIMITS.previewChars) : undefined;
      return {
        next: withEvent(current, { kind: 'notified', count: onShift.length }, now, {
          notifyRound: 1,
          nextActionAt: minutesAfter(now, renotifyMinutes),
        }),
        notices: notices(onShift, (t, to) =>
          pooled
            ? t.voicemailsWaiting(current.code, current.language, voicemailCount(current), undefined)
            : t.newCase(current.code, current.language, to.consoleOnly ? undefined : preview),
        ),
      };
    }
    const back = nextShiftStart(roster, current.language, now);
    if (back) {
      return {
        next: withEvent(current, { kind: 'waiting_for_shift' }, now, { nextActionAt: back.toISOString() }),
        notices: [],
      };
    }
    return coordinators();
  }
  if (current.notifyRound === 1 && onShift.length > 0) {
    return {
      next: withEvent(current, { kind: 'renotified', count: onShift.length }, now, {
        notifyRound: 2,
        nextActionAt: minutesAfter(now, renotifyMinutes),
      }),
      notices: notices(onShift, (t) =>
        pooled
          ? t.voicemailsWaiting(current.code, current.language, voicemailCount(current), waited)
          : t.stillWaiting(current.code, current.language, waited),
      ),
    };
  }
  return coordinators();
}

/**
 * A taken case whose caller wrote again soon after a relay: the texts kept since go to its volunteer as
 * one. Nothing when the volunteer left the roster (the next caller text puts the case back to everyone).
 */
function combinedRelayDue(current: Case, roster: readonly Volunteer[], now: Date): ChaseDecision {
  const pending = current.pendingRelays ?? [];
  const owner = roster.find((v) => v.volunteerId === current.volunteerId && v.active);
  const cleared = {
    pendingRelays: undefined,
    pendingCount: undefined,
    nextActionAt: undefined,
  };
  if (!owner || pending.length === 0) {
    return { next: { ...current, ...cleared, version: current.version + 1 }, notices: [] };
  }
  return {
    next: withEvent(current, { kind: 'relayed_to_volunteer', volunteerId: owner.volunteerId }, now, {
      ...cleared,
      lastRelayAt: now.toISOString(),
    }),
    notices: [
      {
        volunteerId: owner.volunteerId,
        ...volunteerRecipient(owner),
        body: owner.consoleOnly
          ? textsFor(owner).consolePing(current.code, current.pendingCount ?? pending.length)
          : combinedRelay(current.code, pending, current.pendingCount ?? pending.length),
      },
    ],
  };
}
