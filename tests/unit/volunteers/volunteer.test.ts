import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatShifts,
  formatShiftTime,
  isOnShift,
  nextShiftStart,
  onShiftFor,
  parseRoster,
  parseShiftList,
  parseVolunteer,
  pinMatches,
  type Shift,
  shiftCovers,
  type Volunteer,
  VolunteerValidationError,
} from '../../../shared/volunteers/volunteer.js';

const volunteer = (id: string, overrides: Partial<Volunteer> = {}): Volunteer =>
  parseVolunteer({
    volunteerId: id,
    name: id,
    phone: `+3816000${String(id.length).padStart(2, '0')}${id.charCodeAt(0)}`,
    languages: ['ky'],
    ...overrides,
  });

const shifts = (text: string) => parseShiftList(text);

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof VolunteerValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a VolunteerValidationError');
}

describe('parseShiftList', () => {
  it('reads day ranges and day lists, several shifts separated by semicolons', () => {
    expect(parseShiftList('mon-fri 09:00-18:00; sat,sun 10:00-14:00')).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['sat', 'sun'], from: '10:00', to: '14:00' },
    ]);
  });

  it('mixes lists and ranges, ignores case and repeated days', () => {
    expect(parseShiftList('MON,wed-fri,thu 08:00-12:00')).toEqual([
      { days: ['mon', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' },
    ]);
  });

  it('wraps a range past Sunday (sat-mon is Saturday, Sunday and Monday)', () => {
    expect(parseShiftList('sat-mon 10:00-14:00')[0]?.days).toEqual(['sat', 'sun', 'mon']);
  });

  it('reads an empty text as no shifts', () => {
    expect(parseShiftList('')).toEqual([]);
    expect(parseShiftList(' ; ')).toEqual([]);
  });

  it('refuses a shift without times, or with one-digit hours, showing the expected form', () => {
    expect(problemsOf(() => parseShiftList('mon-fri'))).toEqual([
      'shift "mon-fri": write it like mon-fri 09:00-18:00',
    ]);
    expect(problemsOf(() => parseShiftList('mon 9:00-18:00'))[0]).toContain('write it like');
  });

  it('refuses unknown day names and half-open ranges', () => {
    expect(problemsOf(() => parseShiftList('monday 09:00-18:00'))).toEqual([
      'shift "monday 09:00-18:00": days are mon tue wed thu fri sat sun',
    ]);
    expect(problemsOf(() => parseShiftList('mon- 09:00-18:00'))[0]).toContain('days are');
  });

  it('refuses impossible times, naming the shift', () => {
    const problems = problemsOf(() => parseShiftList('mon-fri 09:00-18:00; sat 10:00-24:30'));
    expect(problems).toEqual(['shift "sat 10:00-24:30": to: a time is HH:MM, 00:00 to 24:00']);
  });

  it('writes shifts back in the short form, days in a row as a range', () => {
    const text = 'mon-fri 09:00-18:00; mon,wed 10:00-14:00; sat-mon 22:00-06:00';
    expect(formatShifts(parseShiftList(text))).toBe(text);
  });
});

describe('shiftCovers and isOnShift', () => {
  const night: Shift = { days: ['fri'], from: '22:00', to: '06:00' };

  it('covers a shift past midnight on its evening and the next morning only', () => {
    expect(shiftCovers(night, { day: 'fri', minute: 23 * 60 })).toBe(true);
    expect(shiftCovers(night, { day: 'sat', minute: 5 * 60 + 59 })).toBe(true);
    expect(shiftCovers(night, { day: 'sat', minute: 6 * 60 })).toBe(false);
    expect(shiftCovers(night, { day: 'fri', minute: 21 * 60 + 59 })).toBe(false);
    expect(shiftCovers(night, { day: 'fri', minute: 3 * 60 })).toBe(false);
    expect(shiftCovers(night, { day: 'sat', minute: 23 * 60 })).toBe(false);
  });

  it('carries a Sunday night shift into Monday morning', () => {
    const sunday: Shift = { days: ['sun'], from: '22:00', to: '06:00' };
    expect(shiftCovers(sunday, { day: 'mon', minute: 3 * 60 })).toBe(true);
    expect(shiftCovers(sunday, { day: 'sat', minute: 3 * 60 })).toBe(false);
  });

  it('takes 00:00-24:00 as the whole day, from the first to the last minute', () => {
    const allDay: Shift = { days: ['tue'], from: '00:00', to: '24:00' };
    expect(shiftCovers(allDay, { day: 'tue', minute: 0 })).toBe(true);
    expect(shiftCovers(allDay, { day: 'tue', minute: 24 * 60 - 1 })).toBe(true);
    expect(shiftCovers(allDay, { day: 'wed', minute: 0 })).toBe(false);
  });

  it('reads shifts in Belgrade time: a 09:00 start is 08:00Z in winter and 07:00Z in summer', () => {
    const aida = volunteer('aida', { shifts: shifts('mon 09:00-10:00') });
    // Monday 12 January 2026 (CET) and Monday 13 July 2026 (CEST).
    expect(isOnShift(aida, new Date('2026-01-12T07:59:00Z'))).toBe(false);
    expect(isOnShift(aida, new Date('2026-01-12T08:00:00Z'))).toBe(true);
    expect(isOnShift(aida, new Date('2026-07-13T06:59:00Z'))).toBe(false);
    expect(isOnShift(aida, new Date('2026-07-13T07:00:00Z'))).toBe(true);
    expect(isOnShift(aida, new Date('2026-07-13T08:00:00Z'))).toBe(false);
  });

  it('follows a night shift past midnight in Belgrade time', () => {
    const olga = volunteer('olga', { shifts: shifts('fri 22:00-06:00') });
    // Friday 16 January 2026, 23:30 in Belgrade is 22:30Z; Saturday 05:30 is 04:30Z.
    expect(isOnShift(olga, new Date('2026-01-16T22:30:00Z'))).toBe(true);
    expect(isOnShift(olga, new Date('2026-01-17T04:30:00Z'))).toBe(true);
    expect(isOnShift(olga, new Date('2026-01-17T05:30:00Z'))).toBe(false);
  });

  it('never counts an inactive volunteer as on shift', () => {
    const away = volunteer('away', { shifts: shifts('mon-sun 00:00-24:00'), active: false });
    expect(isOnShift(away, new Date('2026-01-12T12:00:00Z'))).toBe(false);
  });
});

describe('onShiftFor', () => {
  const monday10 = new Date('2026-01-12T09:00:00Z');
  const weekdays = shifts('mon-fri 09:00-18:00');

  it('returns the active volunteers on shift who speak the language', () => {
    const roster = [
      volunteer('ky-on', { shifts: weekdays }),
      volunteer('ru-on', { languages: ['ru'], shifts: weekdays }),
      volunteer('both-on', { languages: ['ru', 'ky'], shifts: weekdays }),
      volunteer('ky-inactive', { shifts: weekdays, active: false }),
      volunteer('ky-weekend', { shifts: shifts('sat,sun 09:00-18:00') }),
    ];

    expect(onShiftFor(roster, 'ky', monday10).map((v) => v.volunteerId)).toEqual(['ky-on', 'both-on']);
    expect(onShiftFor(roster, 'ru', monday10).map((v) => v.volunteerId)).toEqual(['ru-on', 'both-on']);
  });

  it('returns at most limit volunteers, in roster order', () => {
    const roster = ['a-one', 'b-two', 'c-three'].map((id) => volunteer(id, { shifts: weekdays }));

    expect(onShiftFor(roster, 'ky', monday10, 2).map((v) => v.volunteerId)).toEqual(['a-one', 'b-two']);
  });
});

describe('nextShiftStart', () => {
  const weekdays = shifts('mon-fri 09:00-18:00');

  it('finds Monday 09:00 Belgrade from a Saturday', () => {
    const roster = [volunteer('bakyt', { shifts: weekdays })];

    // Saturday 17 January 2026 noon → Monday 19 January, 09:00 CET.
    expect(nextShiftStart(roster, 'ky', new Date('2026-01-17T12:00:00Z'))).toEqual(
      new Date('2026-01-19T08:00:00Z'),
    );
  });

  it('finds Monday 09:00 Belgrade across the switch to summer time', () => {
    const roster = [volunteer('bakyt', { shifts: weekdays })];

    // Summer time starts Sunday 29 March 2026: Monday 09:00 CEST is 07:00Z.
    expect(nextShiftStart(roster, 'ky', new Date('2026-03-28T12:00:00Z'))).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    );
  });

  it('answers the moment itself while someone is on shift', () => {
    const roster = [volunteer('bakyt', { shifts: weekdays })];
    const mondayNoon = new Date('2026-01-12T11:00:00Z');

    expect(nextShiftStart(roster, 'ky', mondayNoon)).toEqual(mondayNoon);
  });

  it('counts only active volunteers who speak the language', () => {
    const roster = [
      volunteer('ru-only', { languages: ['ru'], shifts: shifts('sat 13:00-14:00') }),
      volunteer('ky-away', { shifts: shifts('sat 14:00-15:00'), active: false }),
      volunteer('ky-later', { shifts: shifts('sun 10:00-11:00') }),
    ];

    expect(nextShiftStart(roster, 'ky', new Date('2026-01-17T11:00:00Z'))).toEqual(
      new Date('2026-01-18T09:00:00Z'),
    );
  });

  it('is undefined when nobody for the language has shifts', () => {
    const roster = [
      volunteer('no-shifts'),
      volunteer('ru-only', { languages: ['ru'], shifts: weekdays }),
      volunteer('ky-away', { shifts: weekdays, active: false }),
    ];

    expect(nextShiftStart(roster, 'ky', new Date('2026-01-17T12:00:00Z'))).toBeUndefined();
  });
});

describe('formatShiftTime', () => {
  it('writes day.month hour:minute in Belgrade time, winter and summer', () => {
    expect(formatShiftTime(new Date('2026-11-25T08:00:00Z'))).toBe('25.11 09:00');
    expect(formatShiftTime(new Date('2026-07-13T07:05:00Z'))).toBe('13.07 09:05');
    expect(formatShiftTime(new Date('2026-12-31T23:30:00Z'))).toBe('01.01 00:30');
  });
});

describe('parseVolunteer and parseRoster', () => {
  const entry = (id: string, phone: string) => ({ volunteerId: id, name: id, phone, languages: ['ru'] });

  it('fills in no shifts, active, not coordinator, texts with the words, and trims the name', () => {
    expect(parseVolunteer({ ...entry('aida', '+381600000001'), name: '  Aida ' })).toEqual({
      volunteerId: 'aida',
      name: 'Aida',
      phone: '+381600000001',
      languages: ['ru'],
      shifts: [],
      active: true,
      coordinator: false,
      consoleOnly: false,
    });
  });

  it('refuses a roster with the same id twice', () => {
    expect(
      problemsOf(() => parseRoster([entry('aida', '+381600000001'), entry('aida', '+381600000002')])),
    ).toEqual(['two volunteers have the same id']);
  });

  it('refuses a roster with the same phone number twice', () => {
    expect(
      problemsOf(() => parseRoster([entry('aida', '+381600000001'), entry('olga', '+381600000001')])),
    ).toEqual(['two volunteers have the same phone number']);
  });

  it('names the index and field of an invalid entry', () => {
    const problems = problemsOf(() => parseRoster([entry('aida', '+381600000001'), entry('Olga!', '0601')]));

    expect(problems).toEqual([
      '1.volunteerId: an id is 2-32 lowercase Latin letters, digits or "-", starting with a letter',
      '1.phone: a phone number is E.164, like +381601234567',
    ]);
  });
});

describe('the sample roster for local use', () => {
  const file = resolve(import.meta.dirname, '../../../local/roster.sample.json');
  const roster = parseRoster(JSON.parse(readFileSync(file, 'utf8')).volunteers);

  it('is a valid roster of four volunteers with fictional Serbian numbers', () => {
    expect(roster).toHaveLength(4);
    for (const v of roster) {
      expect(v.phone).toMatch(/^\+38160000000\d$/);
      expect(v.name).toContain('sample');
    }
  });

  it('always has someone on shift who speaks Kyrgyz and Russian, at any hour', () => {
    for (let hour = 0; hour < 7 * 24; hour++) {
      const at = new Date(Date.UTC(2026, 2, 23, hour, 30));
      expect(onShiftFor(roster, 'ky', at).length, at.toISOString()).toBeGreaterThan(0);
      expect(onShiftFor(roster, 'ru', at).length, at.toISOString()).toBeGreaterThan(0);
    }
  });

  it('has a Kyrgyz-only weekday volunteer, a Russian-only evening one and a coordinator', () => {
    const monday10 = new Date('2026-01-12T09:00:00Z');
    const monday20 = new Date('2026-01-12T19:00:00Z');
    const kyOnly = roster.filter((v) => v.languages.join() === 'ky');
    const ruOnly = roster.filter((v) => v.languages.join() === 'ru');

    expect(kyOnly.some((v) => isOnShift(v, monday10) && !isOnShift(v, monday20))).toBe(true);
    expect(ruOnly.some((v) => isOnShift(v, monday20) && !isOnShift(v, monday10))).toBe(true);
    expect(roster.filter((v) => v.coordinator && v.shifts.length > 0).map((v) => v.languages)).toEqual([
      ['ky', 'ru'],
    ]);
  });
});

describe('dialback PINs', () => {
  const base = { volunteerId: 'aida', name: 'Aida', phone: '+381600000001', languages: ['ky'] };

  it('stores a PIN only as a salted hash that the same PIN matches and another does not', () => {
    const a = parseVolunteer({ ...base, pin: '314159' });
    const b = parseVolunteer({ ...base, pin: '314159' });

    expect(a).not.toHaveProperty('pin');
    expect(a.pinHash).toMatch(/^s1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(a.pinHash).not.toContain('314159');
    expect(a.pinHash).not.toBe(b.pinHash); // salted
    expect(pinMatches('314159', a.pinHash)).toBe(true);
    expect(pinMatches('314158', a.pinHash)).toBe(false);
    expect(pinMatches('314159', undefined)).toBe(false);
  });

  it('refuses a PIN that is not six digits', () => {
    expect(() => parseVolunteer({ ...base, pin: '1234' })).toThrow(/six digits/);
    expect(() => parseRoster([{ ...base, pin: 'abcdef' }])).toThrow(/six digits/);
  });
});
