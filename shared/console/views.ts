// What the console shows of a case: pure mappings from the stored case to the API's shapes
// (shared/console/api.ts). Never a caller's number or id; the roster gives volunteers' names.
import type { Case } from '../cases/case.js';
import type { AccessEntry } from '../ports/console-store.js';
import type { Volunteer } from '../volunteers/volunteer.js';
import type { CaseDetail, CaseSummary, Me, ThreadEntry } from './api.js';

const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function meOf(volunteer: Volunteer): Me {
  return {
    volunteerId: volunteer.volunteerId,
    name: volunteer.name,
    languages: [...volunteer.languages],
    coordinator: volunteer.coordinator,
    consoleOnly: volunteer.consoleOnly,
    telegramLinked: volunteer.telegramChatId !== undefined,
  };
}

/** A volunteer sees the cases in their languages; a coordinator sees every case. */
export function mayView(volunteer: Volunteer, target: Pick<Case, 'language'>): boolean {
  return volunteer.coordinator || volunteer.languages.includes(target.language);
}

/** Can a reply reach the caller now (their channel, STOP, WhatsApp's 24 hours)? */
export function canText(target: Case, now: Date): boolean {
  if (!target.mayText || !target.callerPhone || target.status === 'closed') return false;
  if (target.callerChannel !== 'whatsapp') return true;
  const last = target.lastCallerMessageAt ?? target.openedAt;
  return now.getTime() - Date.parse(last) < WHATSAPP_WINDOW_MS;
}

const nameIn = (roster: readonly Volunteer[], volunteerId: string | undefined) =>
  roster.find((v) => v.volunteerId === volunteerId)?.name ?? volunteerId ?? '';

export function caseSummary(
  target: Case,
  volunteer: Volunteer,
  roster: readonly Volunteer[],
  now: Date,
): CaseSummary {
  const callerMessages = (target.thread ?? []).filter((m) => m.from === 'caller').length;
  const last = target.events[target.events.length - 1]?.at ?? target.openedAt;
  return {
    code: target.code,
    language: target.language,
    status: target.status,
    source: target.source,
    channel: target.callerChannel,
    openedAt: target.openedAt,
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(target.openedAt)) / 60_000)),
    takenBy:
      target.status === 'taken' && target.volunteerId
        ? { volunteerId: target.volunteerId, name: nameIn(roster, target.volunteerId) }
        : undefined,
    mine: target.status === 'taken' && target.volunteerId === volunteer.volunteerId,
    canText: canText(target, now),
    messages: Math.max(callerMessages, target.waiting.length),
    lastActivityAt: last,
  };
}

/** Events the thread shows as a line of their own; the rest are the messages and notes themselves. */
const SILENT_EVENTS = new Set([
  'relayed_to_volunteer',
  'relay_waiting',
  'relayed_to_caller',
  'held_for_volunteer',
  'note',
]);

export function caseDetail(
  target: Case,
  volunteer: Volunteer,
  roster: readonly Volunteer[],
  now: Date,
  access?: readonly AccessEntry[],
): CaseDetail & { access?: { at: string; volunteerId: string; name: string; action: string }[] } {
  const thread: ThreadEntry[] = [];
  const messages = target.thread ?? [];
  // Cases opened before the thread existed: the held messages, as the caller's, at the opening.
  if (messages.length === 0) {
    for (const text of target.waiting) thread.push({ kind: 'caller', at: target.openedAt, text });
  }
  for (const message of messages) {
    thread.push(
      message.from === 'caller'
        ? { kind: 'caller', at: message.at, text: message.text }
        : {
            kind: 'reply',
            at: message.at,
            text: message.text,
            volunteerId: message.volunteerId ?? '',
            volunteerName: nameIn(roster, message.volunteerId),
          },
    );
  }
  for (const note of target.notes) {
    thread.push({
      kind: 'note',
      at: note.at,
      text: note.text,
      volunteerId: note.volunteerId,
      volunteerName: nameIn(roster, note.volunteerId),
    });
  }
  for (const event of target.events) {
    if (SILENT_EVENTS.has(event.kind)) continue;
    thread.push({
      kind: 'event',
      at: event.at,
      event: event.kind,
      ...(event.volunteerId
        ? { volunteerId: event.volunteerId, volunteerName: nameIn(roster, event.volunteerId) }
        : {}),
    });
  }
  // At equal times (a case opened by its first message): the opening first, then the messages and notes,
  // then what followed them.
  const OPENING = new Set(['opened', 'notified', 'waiting_for_shift']);
  const rank = (entry: ThreadEntry) => (entry.kind !== 'event' ? 1 : OPENING.has(entry.event) ? 0 : 2);
  thread.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
  return {
    ...caseSummary(target, volunteer, roster, now),
    thread,
    voicemails: target.recordingSids.map((_, index) => ({
      url: `/console/api/cases/${target.code}/voicemail/${index + 1}`,
    })),
    ...(volunteer.coordinator && access
      ? {
          access: access.map((entry) => ({
            ...entry,
            name: nameIn(roster, entry.volunteerId),
          })),
        }
      : {}),
  };
}
