// Use case: coordinators change the roster from the console, with the same validation as
// `npm run admin` (shared/volunteers/volunteer.ts). A coordinator cannot pause, demote or remove
// themselves, so a console never ends up with nobody able to manage it.
import type { RosterEntry, RosterView } from '../console/api.js';
import { type RosterWriter, VolunteerExistsError, VolunteerNotFoundError } from '../ports/roster.js';
import {
  isOnShift,
  parseVolunteer,
  rosterSchema,
  type Volunteer,
  VolunteerValidationError,
  withSessionRule,
} from '../volunteers/volunteer.js';

export function rosterView(roster: readonly Volunteer[], now: Date): RosterView {
  const volunteers: RosterEntry[] = [...roster]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => ({
      volunteerId: v.volunteerId,
      name: v.name,
      phone: v.phone,
      languages: [...v.languages],
      shifts: v.shifts.map((shift) => ({ days: [...shift.days], from: shift.from, to: shift.to })),
      active: v.active,
      coordinator: v.coordinator,
      consoleOnly: v.consoleOnly,
      hasPin: v.pinHash !== undefined,
      onShift: isOnShift(v, now),
    }));
  return { now: now.toISOString(), volunteers };
}

export type RosterCommand =
  | { kind: 'add'; input: Record<string, unknown> }
  | { kind: 'update'; volunteerId: string; input: Record<string, unknown> }
  | { kind: 'remove'; volunteerId: string };

export type RosterChangeResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

/** Fields a coordinator sets from the console; a PIN is set with `npm run admin -- pin` only. */
const EDITABLE = [
  'volunteerId',
  'name',
  'phone',
  'languages',
  'shifts',
  'active',
  'coordinator',
  'consoleOnly',
] as const;

function editable(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.filter((key) => key in input).map((key) => [key, input[key]]));
}

/** A volunteer's own preference: texts to their phone with the caller's words, or short pings. */
export async function setConsoleOnly(roster: RosterWriter, volunteer: Volunteer, consoleOnly: boolean) {
  await roster.setConsoleOnly(volunteer.volunteerId, consoleOnly);
  return { ...volunteer, consoleOnly };
}

export async function changeRoster(
  roster: RosterWriter,
  command: RosterCommand,
  by: Volunteer,
  now: () => Date = () => new Date(),
): Promise<RosterChangeResult> {
  try {
    const current = await roster.list();
    if (command.kind === 'remove') {
      if (command.volunteerId === by.volunteerId)
        return { ok: false, status: 409, message: 'You cannot remove yourself' };
      await roster.remove(command.volunteerId);
      return { ok: true };
    }
    const existing =
      command.kind === 'update' ? current.find((v) => v.volunteerId === command.volunteerId) : undefined;
    if (command.kind === 'update' && !existing)
      return { ok: false, status: 404, message: `No volunteer with id "${command.volunteerId}"` };
    const changed = parseVolunteer({
      ...(existing ?? {}),
      ...editable(command.input),
      ...(existing ? { volunteerId: existing.volunteerId } : {}),
    });
    // A pause, a new number, a role change or a new person under the id: their sessions end.
    const next = withSessionRule(existing, changed, now());
    if (next.volunteerId === by.volunteerId && (!next.active || !next.coordinator)) {
      return {
        ok: false,
        status: 409,
        message: 'You cannot pause yourself or give up your own coordinator role',
      };
    }
    // The whole roster must stay valid: unique ids and phone numbers.
    const after = [...current.filter((v) => v.volunteerId !== next.volunteerId), next];
    const checked = rosterSchema.safeParse(after);
    if (!checked.success) {
      return {
        ok: false,
        status: 400,
        message: checked.error.issues.map((issue) => issue.message).join('; '),
      };
    }
    if (command.kind === 'add') await roster.add(next);
    else await roster.update(next);
    return { ok: true };
  } catch (error) {
    if (error instanceof VolunteerValidationError)
      return { ok: false, status: 400, message: error.problems.join('; ') };
    if (error instanceof VolunteerExistsError) return { ok: false, status: 409, message: error.message };
    if (error instanceof VolunteerNotFoundError) return { ok: false, status: 404, message: error.message };
    throw error;
  }
}
