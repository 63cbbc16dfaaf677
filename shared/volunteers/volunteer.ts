// A volunteer: who answers callers who ask for a person. Validated here for the admin command line, the
// roster import and every read from the table alike (zod/mini, so the webhooks stay small).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { Language } from '../callers/caller.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Shifts are in the NGO's own time, whatever the season: Europe/Belgrade (CET/CEST). */
export const SHIFT_TIME_ZONE = 'Europe/Belgrade';

const clockTime = z
  .string()
  .check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'a time is HH:MM, 00:00 to 24:00' }));

/**
 * One weekly shift: on each of `days`, from `from` to `to` (Belgrade time). A `to` at or before `from`
 * runs past midnight into the next day (`22:00`–`06:00`); `00:00`–`24:00` is the whole day.
 */
export const shiftSchema = z.object({
  days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1, { error: 'a shift needs at least one day' })),
  from: clockTime,
  to: clockTime,
});
export type Shift = z.infer<typeof shiftSchema>;

export const volunteerSchema = z.object({
  /** Short, stable, used in commands and the case history instead of the name or number. */
  volunteerId: z.string().check(
    z.regex(/^[a-z][a-z0-9-]{1,31}$/, {
      error: 'an id is 2-32 lowercase Latin letters, digits or "-", starting with a letter',
    }),
  ),
  name: z.string().check(z.trim(), z.minLength(1, { error: 'a name is needed' }), z.maxLength(40)),
  /** E.164, the phone the volunteer texts and answers from. */
  phone: z
    .string()
    .check(z.regex(/^\+[1-9]\d{7,14}$/, { error: 'a phone number is E.164, like +381601234567' })),
  /**
   * The caller languages the volunteer takes cases in. The first is also the language the hotline's texts
   * to the volunteer are written in (see readingLanguage): `ru,ky` reads Russian, `ky,ru` and `ky` Kyrgyz.
   */
  languages: z.array(z.enum(['ky', 'ru'])).check(z.minLength(1, { error: 'at least one language: ky, ru' })),
  shifts: z._default(z.array(shiftSchema), []),
  active: z._default(z.boolean(), true),
  /** Coordinators are told when nobody takes a case in time, whatever their shifts. */
  coordinator: z._default(z.boolean(), false),
  /**
   * Works cases in the console: texts to their phone never carry a caller's words (a new case or a new
   * message is a short ping), and every relayed word is one paid text fewer.
   */
  consoleOnly: z._default(z.boolean(), false),
  /**
   * Console sessions started before this time (ISO) no longer count: set when a coordinator pauses the
   * volunteer, changes their number or role, or adds them (a new person under a reused id).
   */
  sessionsValidAfter: z.optional(z.string()),
  /**
   * The volunteer's dialback PIN, salted and hashed (scrypt): a caller id can be faked, so calling the
   * hotline from a volunteer's number is not enough to be put through to a migrant. Set with `pin`.
   */
  pinHash: z.optional(z.string().check(z.regex(/^s1\$[0-9a-f]{32}\$[0-9a-f]{64}$/))),
  /**
   * The Telegram chat the volunteer linked from the console (`/link <code>` to the bot): notices and
   * relays go there instead of by SMS, and commands from that chat are theirs. Kept beside the roster
   * entry (never written by a roster change), read with it, and void once the volunteer's sessions end.
   */
  telegramChatId: z.optional(z.string().check(z.regex(/^-?\d{1,20}$/))),
});
export type Volunteer = z.infer<typeof volunteerSchema>;
export type VolunteerInput = z.input<typeof volunteerSchema>;

/**
 * A roster change as it is written, by the console or `npm run admin`: a pause, a new number, a role
 * change or a new person under an id ends the volunteer's console sessions and passkeys for good
 * (`sessionsValidAfter` is now); any other change keeps the moment already set.
 */
export function withSessionRule(existing: Volunteer | undefined, changed: Volunteer, now: Date): Volunteer {
  const ends =
    !existing ||
    !changed.active ||
    changed.phone !== existing.phone ||
    changed.coordinator !== existing.coordinator;
  if (ends) return { ...changed, sessionsValidAfter: now.toISOString() };
  return existing.sessionsValidAfter
    ? { ...changed, sessionsValidAfter: existing.sessionsValidAfter }
    : changed;
}

/**
 * Where the hotline writes to a volunteer: their linked Telegram chat (free), else their phone by SMS.
 */
export function volunteerRecipient(volunteer: Pick<Volunteer, 'phone' | 'telegramChatId'>): {
  phone: string;
  channel: 'sms' | 'telegram';
} {
  return volunteer.telegramChatId
    ? { phone: volunteer.telegramChatId, channel: 'telegram' }
    : { phone: volunteer.phone, channel: 'sms' };
}

/**
 * The language the hotline writes to a volunteer in: the first of their languages, so the coordinator
 * chooses it by the order given (`--languages ru,ky` reads Russian, `ky,ru` Kyrgyz). A volunteer who
 * speaks only Kyrgyz always reads Kyrgyz.
 */
export function readingLanguage(volunteer: Pick<Volunteer, 'languages'>): Language {
  return volunteer.languages[0] ?? 'ru';
}

/** A roster: unique ids and unique phone numbers. */
export const rosterSchema = z.array(volunteerSchema).check(
  z.refine((list) => new Set(list.map((v) => v.volunteerId)).size === list.length, {
    error: 'two volunteers have the same id',
  }),
  z.refine((list) => new Set(list.map((v) => v.phone)).size === list.length, {
    error: 'two volunteers have the same phone number',
  }),
);

export class VolunteerValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'VolunteerValidationError';
  }
}

function problemsOf(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
}

export function parseVolunteer(input: unknown): Volunteer {
  const parsed = volunteerSchema.safeParse(withPinHashed(input));
  if (!parsed.success) throw new VolunteerValidationError(problemsOf(parsed.error));
  return parsed.data;
}

export function parseRoster(input: unknown): Volunteer[] {
  const parsed = rosterSchema.safeParse(Array.isArray(input) ? input.map(withPinHashed) : input);
  if (!parsed.success) throw new VolunteerValidationError(problemsOf(parsed.error));
  return parsed.data;
}

/** A dialback PIN: six digits (a million tries against three per call). */
export const PIN_PATTERN = /^\d{6}$/;

/**
 * `pin` given in plain text (the command line, a roster file) becomes `pinHash`; the plain PIN is never
 * stored. A malformed PIN is refused with the volunteer's other problems.
 */
function withPinHashed(input: unknown): unknown {
  if (!input || typeof input !== 'object' || !('pin' in input)) return input;
  const { pin, ...rest } = input as Record<string, unknown>;
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) {
    throw new VolunteerValidationError(['pin: a PIN is six digits']);
  }
  return { ...rest, pinHash: hashPin(pin) };
}

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `s1$${salt.toString('hex')}$${scryptSync(pin, salt, 32).toString('hex')}`;
}

export function pinMatches(pin: string, pinHash: string | undefined): boolean {
  const [version, salt, hash] = (pinHash ?? '').split('$');
  if (version !== 's1' || !salt || !hash || !PIN_PATTERN.test(pin)) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** Belgrade wall-clock parts of an instant. */
export interface LocalMoment {
  day: Weekday;
  /** Minutes since local midnight. */
  minute: number;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHIFT_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function belgradeMoment(at: Date): LocalMoment {
  const parts = Object.fromEntries(dayFormat.formatToParts(at).map((part) => [part.type, part.value]));
  const day = String(parts.weekday).toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] as Weekday;
}

export function shiftCovers(shift: Shift, at: LocalMoment): boolean {
  const from = minutesOf(shift.from);
  const to = minutesOf(shift.to);
  if (from < to) return shift.days.includes(at.day) && at.minute >= from && at.minute < to;
  // Past midnight: the evening part on the day itself, the morning part on the day after.
  if (shift.days.includes(at.day) && at.minute >= from) return true;
  return shift.days.includes(previousDay(at.day)) && at.minute < to;
}

export function isOnShift(volunteer: Volunteer, at: Date): boolean {
  if (!volunteer.active) return false;
  const moment = belgradeMoment(at);
  return volunteer.shifts.some((shift) => shiftCovers(shift, moment));
}

/** Active volunteers on shift now who speak the language, at most `limit` (a `<Dial>` takes 10). */
export function onShiftFor(
  roster: readonly Volunteer[],
  language: Language,
  at: Date,
  limit = Number.POSITIVE_INFINITY,
): Volunteer[] {
  const moment = belgradeMoment(at);
  return roster
    .filter((v) => v.active && v.languages.includes(language))
    .filter((v) => v.shifts.some((shift) => shiftCovers(shift, moment)))
    .slice(0, limit);
}

export function activeCoordinators(roster: readonly Volunteer[]): Volunteer[] {
  return roster.filter((v) => v.active && v.coordinator);
}

const STEP_MINUTES = 5;
const WEEK_MINUTES = 7 * 24 * 60;

/**
 * When the next shift with someone for the language starts, within a week (5-minute steps, so shift
 * times are best kept to whole 5 minutes). Undefined when no active volunteer has a shift for it.
 */
export function nextShiftStart(
  roster: readonly Volunteer[],
  language: Language,
  after: Date,
): Date | undefined {
  const candidates = roster.filter((v) => v.active && v.languages.includes(language) && v.shifts.length > 0);
  if (candidates.length === 0) return undefined;
  const start = Math.ceil(after.getTime() / (STEP_MINUTES * 60_000)) * STEP_MINUTES * 60_000;
  for (let minute = 0; minute <= WEEK_MINUTES + 60; minute += STEP_MINUTES) {
    const at = new Date(start + minute * 60_000);
    const moment = belgradeMoment(at);
    if (candidates.some((v) => v.shifts.some((shift) => shiftCovers(shift, moment)))) return at;
  }
  return undefined;
}

const whenFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHIFT_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `25.11 09:00`, Belgrade time: how a caller is told when volunteers are back. */
export function formatShiftTime(at: Date): string {
  const parts = Object.fromEntries(whenFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.day}.${parts.month} ${parts.hour}:${parts.minute}`;
}

/** `mon-fri 09:00-18:00; sat,sun 10:00-14:00` → shifts (the admin command line's short form). */
export function parseShiftList(text: string): Shift[] {
  const shifts: Shift[] = [];
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z,-]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/i.exec(part);
    if (!match) throw new VolunteerValidationError([`shift "${part}": write it like mon-fri 09:00-18:00`]);
    const [, dayText = '', from = '', to = ''] = match;
    const days: Weekday[] = [];
    for (const piece of dayText.toLowerCase().split(',')) {
      const [first = '', last] = piece.split('-');
      const a = WEEKDAYS.indexOf(first as Weekday);
      const b = last === undefined ? a : WEEKDAYS.indexOf(last as Weekday);
      if (a < 0 || b < 0) {
        throw new VolunteerValidationError([`shift "${part}": days are mon tue wed thu fri sat sun`]);
      }
      for (let i = a; ; i = (i + 1) % 7) {
        const day = WEEKDAYS[i] as Weekday;
        if (!days.includes(day)) days.push(day);
        if (i === b) break;
      }
    }
    const shift = shiftSchema.safeParse({ days, from, to });
    if (!shift.success) {
      throw new VolunteerValidationError(problemsOf(shift.error).map((p) => `shift "${part}": ${p}`));
    }
    shifts.push(shift.data);
  }
  return shifts;
}

/** The short form again, for `volunteers list`. */
export function formatShifts(shifts: readonly Shift[]): string {
  return shifts
    .map((shift) => {
      const days =
        shift.days.length > 1 && isRun(shift.days)
          ? `${shift.days[0]}-${shift.days.at(-1)}`
          : shift.days.join(',');
      return `${days} ${shift.from}-${shift.to}`;
    })
    .join('; ');
}

function isRun(days: readonly Weekday[]): boolean {
  return days.every(
    (day, i) => i === 0 || WEEKDAYS.indexOf(day) === (WEEKDAYS.indexOf(days[i - 1] as Weekday) + 1) % 7,
  );
}
