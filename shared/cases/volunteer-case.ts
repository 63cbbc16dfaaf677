// A volunteer's text, as a pure decision: take a case, answer into it, note, close, list. Answers go
// to the caller from the hotline's number; the volunteer's own number never reaches them. The answers to
// the volunteer are in the language they read (the first of their roster languages). No I/O.
import { fillTemplate, type MessageId, messageTemplate } from '../messages/catalogue.js';
import { textsFor, type VolunteerTexts } from '../messages/volunteer.js';
import type { Volunteer } from '../volunteers/volunteer.js';
import type { Outgoing } from './caller-case.js';
import {
  CASE_LIMITS,
  type Case,
  cleanText,
  closeCase,
  mayHandle,
  takeCase,
  threadWith,
  withEvent,
} from './case.js';
import type { VolunteerCommand } from './volunteer-commands.js';

export interface VolunteerTextInput {
  volunteer: Volunteer;
  command: VolunteerCommand;
  /** The case the command names, as read (undefined: no such case). */
  target?: Case | undefined;
  /** For LIST: the open and taken cases. */
  openCases?: readonly Case[] | undefined;
  roster: readonly Volunteer[];
  now: Date;
  /**
   * For TAKE by a volunteer with a PIN: what checking the PIN typed after the code gave (the use case
   * checks it, with its lockout). Absent: no PIN was needed or typed.
   */
  pin?: 'ok' | 'missing' | 'wrong' | { lockedMinutes: number } | undefined;
}

export interface VolunteerTextDecision {
  messages: Outgoing[];
  /** Voicemail recordings to delete from Twilio: the case closed. */
  forgetRecordings?: string[] | undefined;
  caseChange?: { next: Case; readVersion: number } | undefined;
  outcome:
    | 'taken'
    | 'already_yours'
    | 'taken_by_other'
    | 'relayed'
    | 'noted'
    | 'closed'
    | 'listed'
    | 'help'
    | 'refused'
    | 'inactive'
    | 'pin_refused';
}

/** Longest answer relayed to a caller: a few segments, never a wall of text. */
export const MAX_RELAYED_CHARS = 640;

export function decideVolunteerText(input: VolunteerTextInput): VolunteerTextDecision {
  const { volunteer, command, target, now } = input;
  const volunteerText = textsFor(volunteer);
  const answer = (body: string, outcome: VolunteerTextDecision['outcome'] = 'refused') => ({
    messages: [{ body }],
    outcome,
  });
  if (!volunteer.active) return answer(volunteerText.inactive(), 'inactive');

  switch (command.kind) {
    case 'help':
    case 'unknown':
      return answer(volunteerText.help(), 'help');
    case 'missing_code':
      return answer(volunteerText.missingCode());
    case 'missing_text':
      return answer(volunteerText.missingText(command.code));
    case 'list':
      return answer(list(volunteerText, volunteer, input.openCases ?? [], now), 'listed');
  }

  const { code } = command;
  if (!target) return answer(volunteerText.notFound(code));
  if (target.status === 'closed') return answer(volunteerText.closed(code));
  const toCaller = (body: string): Outgoing[] =>
    target.mayText && target.callerPhone
      ? [
          {
            body,
            to: { phone: target.callerPhone, channel: target.callerChannel, callerId: target.callerId },
          },
        ]
      : [];

  if (command.kind === 'take' && input.pin !== undefined && input.pin !== 'ok') {
    // A text that merely shows a volunteer's number takes nothing without their PIN.
    const { pin } = input;
    if (pin === 'missing' || pin === 'wrong') {
      return answer(volunteerText.takeNeedsPin(code, pin === 'wrong'), 'pin_refused');
    }
    return answer(volunteerText.pinIsLocked(pin.lockedMinutes), 'pin_refused');
  }
  if (command.kind === 'take') {
    const owner = input.roster.find((v) => v.volunteerId === target.volunteerId);
    const taken = takeCase(target, volunteer.volunteerId, now, target.status === 'taken' && !owner?.active);
    switch (taken.kind) {
      case 'closed':
        return answer(volunteerText.closed(code));
      case 'already_yours':
        return answer(volunteerText.alreadyYours(code), 'already_yours');
      case 'taken_by_other': {
        const owner = input.roster.find((v) => v.volunteerId === taken.volunteerId);
        return answer(volunteerText.takenByOther(code, owner?.name ?? taken.volunteerId), 'taken_by_other');
      }
      case 'taken':
        return {
          messages: [
            { body: volunteerText.taken(code, target.language, target.waiting.length, target.mayText) },
            // One text each: five held messages together would pass Twilio's 1,600-character limit.
            ...target.waiting.map((held) => ({ body: volunteerText.heldMessage(code, held) })),
            ...toCaller(sayTo(target, 'case_joined')),
          ],
          caseChange: { next: taken.next, readVersion: target.version },
          outcome: 'taken',
        };
    }
  }

  if (target.status === 'open') return answer(volunteerText.notTaken(code));
  if (!mayHandle(target, volunteer)) return answer(volunteerText.notYours(code));

  switch (command.kind) {
    case 'reply': {
      if (!target.mayText || !target.callerPhone) return answer(volunteerText.cannotText(code));
      const said = cleanText(command.text, MAX_RELAYED_CHARS);
      if (!said) return answer(volunteerText.missingText(code));
      // WhatsApp takes free-form text only within 24 hours of the caller's last message.
      if (target.callerChannel === 'whatsapp' && !withinWhatsAppWindow(target, now)) {
        return answer(volunteerText.whatsappWindowClosed(code));
      }
      return {
        messages: toCaller(said),
        caseChange: {
          next: withEvent(target, { kind: 'relayed_to_caller', volunteerId: volunteer.volunteerId }, now, {
            thread: threadWith(
              target,
              { from: 'volunteer', volunteerId: volunteer.volunteerId, text: said },
              now,
            ),
          }),
          readVersion: target.version,
        },
        outcome: 'relayed',
      };
    }
    case 'note': {
      const note = {
        at: now.toISOString(),
        volunteerId: volunteer.volunteerId,
        text: cleanText(command.text, CASE_LIMITS.noteChars),
      };
      return {
        messages: [{ body: volunteerText.noteSaved(code) }],
        caseChange: {
          next: withEvent(target, { kind: 'note', volunteerId: volunteer.volunteerId }, now, {
            notes: [...target.notes, note].slice(-CASE_LIMITS.notes),
          }),
          readVersion: target.version,
        },
        outcome: 'noted',
      };
    }
    case 'close':
      return {
        messages: [{ body: volunteerText.closedByYou(code) }, ...toCaller(sayTo(target, 'case_closed'))],
        caseChange: {
          next: closeCase(target, 'volunteer', now, volunteer.volunteerId),
          readVersion: target.version,
        },
        forgetRecordings: target.recordingSids,
        outcome: 'closed',
      };
  }
}

const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

function withinWhatsAppWindow(target: Case, now: Date): boolean {
  const last = target.lastCallerMessageAt ?? target.openedAt;
  return now.getTime() - Date.parse(last) < WHATSAPP_WINDOW_MS;
}

function list(
  volunteerText: VolunteerTexts,
  volunteer: Volunteer,
  cases: readonly Case[],
  now: Date,
): string {
  const waiting = cases
    .filter((c) => c.status === 'open' && volunteer.languages.includes(c.language))
    .slice(0, 8)
    .map((c) => ({
      code: c.code,
      language: c.language,
      minutes: Math.max(0, Math.round((now.getTime() - Date.parse(c.openedAt)) / 60_000)),
    }));
  const mine = cases
    .filter((c) => c.status === 'taken' && c.volunteerId === volunteer.volunteerId)
    .map((c) => c.code);
  return volunteerText.list(waiting, mine);
}

/** A text to the case's caller, in the language and script they chose. */
export function sayTo(target: Pick<Case, 'language' | 'latin'>, id: MessageId): string {
  return fillTemplate(messageTemplate(id, { language: target.language, latin: target.latin }), {});
}
