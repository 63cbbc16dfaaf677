// Belgrade is UTC+1 in winter and UTC+2 in summer (2026: from 29 March to 25 October; 2027: from 28 March),
// so 09:00 in Belgrade is 08:00Z in winter and 07:00Z in summer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LocalDate,
  nextDeliveryInstant,
  parseLocalDate,
  planReminders,
  type Reminder,
} from '../../../shared/deadlines/index.js';

const day = parseLocalDate;
const at = (iso: string) => new Date(iso);
const ids = (plan: readonly Reminder[]) => plan.map((reminder) => reminder.id);

describe('delivery window', () => {
  it('moves a reminder due at night to 09:00 the next morning, also on the nights the clocks change', () => {
    // Prepare
    const cases = [
      ['2026-03-28T21:30:00Z', '2026-03-29T07:00:00.000Z'], // 22:30 winter time, wakes up in summer time
      ['2026-03-28T23:30:00Z', '2026-03-29T07:00:00.000Z'], // 00:30, before the clocks jump at 02:00
      ['2026-10-24T19:30:00Z', '2026-10-25T08:00:00.000Z'], // 21:30 summer time, wakes up in winter time
      ['2026-10-25T06:30:00Z', '2026-10-25T08:00:00.000Z'], // 07:30 on the morning after the change
      ['2026-12-31T22:00:00Z', '2027-01-01T08:00:00.000Z'], // 23:00 on New Year's Eve
      ['2026-06-15T18:00:00Z', '2026-06-16T07:00:00.000Z'], // 20:00 is already quiet
      ['2026-06-15T05:59:59.999Z', '2026-06-15T07:00:00.000Z'], // 07:59
    ] as const;

    // Act
    const moved = cases.map(([instant]) => nextDeliveryInstant(at(instant)).toISOString());

    // Assess
    expect(moved).toEqual(cases.map(([, expected]) => expected));
  });

  it('leaves a reminder due inside the window where it is', () => {
    // Prepare
    const instants = ['2026-01-15T08:00:00.000Z', '2026-06-15T17:59:59.999Z', '2026-03-29T12:34:56.789Z'];

    // Act
    const moved = instants.map((instant) => nextDeliveryInstant(at(instant)).toISOString());

    // Assess
    expect(moved).toEqual(instants);
  });

  it('always lands inside 09:00–20:00 Belgrade time, no earlier than asked and at most 13 hours later', () => {
    // Prepare: Belgrade's wall clock read with Intl directly, not through the engine.
    const belgradeHour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Belgrade',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const hourInBelgrade = (instant: Date) => Number(belgradeHour.format(instant));
    const instants = fc.date({
      min: at('2020-01-01T00:00:00Z'),
      max: at('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    });

    fc.assert(
      fc.property(instants, (instant) => {
        // Act
        const delivered = nextDeliveryInstant(instant);

        // Assess
        const delay = delivered.getTime() - instant.getTime();
        expect(hourInBelgrade(delivered)).toBeGreaterThanOrEqual(9);
        expect(hourInBelgrade(delivered)).toBeLessThan(20);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(14 * 3_600_000); // 13 hours, plus one on the night clocks go back
        if (delay > 0) expect(delivered.getUTCMinutes() + delivered.getUTCSeconds()).toBe(0);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('reminder plan', () => {
  it('plans a registration reminder now and three visa-free reminders for a caller who just arrived', () => {
    // Prepare: last lawful day is 2026-06-09; 11:00 in Belgrade.
    const input = { entry: day('2026-03-12') };

    // Act
    const plan = planReminders(input, at('2026-03-12T10:00:00Z'));

    // Assess
    expect(plan).toEqual([
      {
        id: 'registration:2026-03-12:now',
        kind: 'police-registration',
        dueAt: '2026-03-12T10:00:00.000Z',
        deadline: '2026-03-13',
        catchUp: false,
      },
      ...[
        ['d14', '2026-05-26'],
        ['d7', '2026-06-02'],
        ['d2', '2026-06-07'],
      ].map(([suffix, date]) => ({
        id: `visa:2026-06-09:${suffix}`,
        kind: 'visa-free-stay-ends',
        dueAt: `${date}T07:00:00.000Z`,
        deadline: '2026-06-09',
        catchUp: false,
      })),
    ]);
  });

  it('sends the registration reminder at 09:00 when the caller reports the arrival at night', () => {
    // Act: 22:30 in Belgrade.
    const plan = planReminders({ entry: day('2026-03-12') }, at('2026-03-12T21:30:00Z'));

    // Assess
    expect(plan.find((reminder) => reminder.kind === 'police-registration')?.dueAt).toBe(
      '2026-03-13T08:00:00.000Z',
    );
  });

  it('plans no registration reminder once registration can no longer be on time', () => {
    // Act: 20:30 on the day after arrival (the reminder could only leave the next morning), and two days later.
    const lateEvening = planReminders({ entry: day('2026-03-12') }, at('2026-03-13T19:30:00Z'));
    const twoDaysLater = planReminders({ entry: day('2026-03-12') }, at('2026-03-14T10:00:00Z'));

    // Assess
    expect(ids(lateEvening)).toEqual(['visa:2026-06-09:d14', 'visa:2026-06-09:d7', 'visa:2026-06-09:d2']);
    expect(ids(twoDaysLater)).toEqual(ids(lateEvening));
  });

  it('counts 24 hours from a known arrival time at a new address', () => {
    // Prepare: moved in at 21:00 Belgrade time.
    const input = { arrivedAt: at('2026-03-12T20:00:00Z') };

    // Act
    const sameNight = planReminders(input, at('2026-03-12T20:05:00Z'));
    const nextEvening = planReminders(input, at('2026-03-13T19:30:00Z'));

    // Assess
    expect(sameNight).toEqual([
      {
        id: 'registration:2026-03-12T20:00:00.000Z:now',
        kind: 'police-registration',
        dueAt: '2026-03-13T08:00:00.000Z',
        deadline: '2026-03-13',
        catchUp: false,
      },
    ]);
    expect(nextEvening).toEqual([]);
  });

  it('keeps one catch-up reminder when earlier ones were missed', () => {
    // Prepare: the 14- and 7-day reminders (26 May, 2 June) are past; 12:00 in Belgrade on 4 June.
    const input = { entry: day('2026-03-12') };

    // Act
    const plan = planReminders(input, at('2026-06-04T10:00:00Z'));

    // Assess
    expect(plan).toEqual([
      {
        id: 'visa:2026-06-09:catch-up',
        kind: 'visa-free-stay-ends',
        dueAt: '2026-06-04T10:00:00.000Z',
        deadline: '2026-06-09',
        catchUp: true,
      },
      {
        id: 'visa:2026-06-09:d2',
        kind: 'visa-free-stay-ends',
        dueAt: '2026-06-07T07:00:00.000Z',
        deadline: '2026-06-09',
        catchUp: false,
      },
    ]);
  });

  it('plans no catch-up when the past reminders or the catch-up itself were delivered', () => {
    // Prepare
    const now = at('2026-06-04T10:00:00Z');
    const entry = day('2026-03-12');

    // Act
    const afterRegularOnes = planReminders(
      { entry, delivered: new Set(['visa:2026-06-09:d14', 'visa:2026-06-09:d7']) },
      now,
    );
    const afterCatchUp = planReminders({ entry, delivered: new Set(['visa:2026-06-09:catch-up']) }, now);

    // Assess
    expect(ids(afterRegularOnes)).toEqual(['visa:2026-06-09:d2']);
    expect(ids(afterCatchUp)).toEqual(['visa:2026-06-09:d2']);
  });

  it('leaves out the catch-up when a regular reminder goes out at the same time', () => {
    // Act: 21:00 on 6 June; the catch-up would wait until 09:00 on 7 June, when the 2-day reminder goes.
    const plan = planReminders({ entry: day('2026-03-12') }, at('2026-06-06T19:00:00Z'));

    // Assess
    expect(plan).toEqual([
      expect.objectContaining({ id: 'visa:2026-06-09:d2', dueAt: '2026-06-07T07:00:00.000Z' }),
    ]);
  });

  it('gives the catch-up the kind of the latest missed reminder', () => {
    // Prepare: window opened 1 Feb, safe deadline 1 Apr, both past on 10 April 2027 at 12:00 in Belgrade.
    const input = { permitExpiry: day('2027-05-01') };

    // Act
    const plan = planReminders(input, at('2027-04-10T10:00:00Z'));

    // Assess
    expect(plan).toEqual([
      {
        id: 'permit:2027-05-01:catch-up',
        kind: 'permit-safe-deadline',
        dueAt: '2027-04-10T10:00:00.000Z',
        deadline: '2027-05-01',
        catchUp: true,
      },
      {
        id: 'permit:2027-05-01:last-reminder',
        kind: 'permit-expires-soon',
        dueAt: '2027-04-24T07:00:00.000Z',
        deadline: '2027-05-01',
        catchUp: false,
      },
    ]);
  });

  it('sends a catch-up planned at night the next morning, before the regular permit reminders', () => {
    // Act: 21:00 in Belgrade on 10 March 2027, winter time.
    const plan = planReminders({ permitExpiry: day('2027-05-01') }, at('2027-03-10T20:00:00Z'));

    // Assess
    expect(plan.map(({ id, kind, dueAt }) => [id, kind, dueAt])).toEqual([
      ['permit:2027-05-01:catch-up', 'permit-extension-window-opens', '2027-03-11T08:00:00.000Z'],
      ['permit:2027-05-01:safe-deadline', 'permit-safe-deadline', '2027-04-01T07:00:00.000Z'],
      ['permit:2027-05-01:last-reminder', 'permit-expires-soon', '2027-04-24T07:00:00.000Z'],
    ]);
  });

  it('still sends a catch-up on the last lawful day, but not once that day is over for delivery', () => {
    // Prepare: entered 1 January 2026, so 31 March is the 90th day.
    const input = { entry: day('2026-01-01') };

    // Act: 12:00 and 20:30 in Belgrade on 31 March (summer time since 29 March).
    const atNoon = planReminders(input, at('2026-03-31T10:00:00Z'));
    const atNight = planReminders(input, at('2026-03-31T18:30:00Z'));

    // Assess
    expect(atNoon).toEqual([
      {
        id: 'visa:2026-03-31:catch-up',
        kind: 'visa-free-stay-ends',
        dueAt: '2026-03-31T10:00:00.000Z',
        deadline: '2026-03-31',
        catchUp: true,
      },
    ]);
    expect(atNight).toEqual([]);
  });

  it('plans nothing for a deadline that has passed', () => {
    // Act
    const overstayed = planReminders({ entry: day('2026-01-01') }, at('2026-04-02T10:00:00Z'));
    const expired = planReminders({ permitExpiry: day('2026-04-01') }, at('2026-04-02T10:00:00Z'));

    // Assess
    expect(overstayed).toEqual([]);
    expect(expired).toEqual([]);
  });

  it('shortens the visa-free reminders by earlier trips the caller reported', () => {
    // Prepare: 45 days from 5 Jan to 18 Feb leave 45 for the stay from 1 April, so it ends on 15 May.
    const input = {
      entry: day('2026-04-01'),
      earlierStays: [{ entry: day('2026-01-05'), exit: day('2026-02-18') }],
    };

    // Act
    const plan = planReminders(input, at('2026-04-10T10:00:00Z'));

    // Assess
    expect(ids(plan)).toEqual(['visa:2026-05-15:d14', 'visa:2026-05-15:d7', 'visa:2026-05-15:d2']);
  });

  it('yields the same ids when planned again with the same dates', () => {
    // Prepare
    const input = { entry: day('2026-03-12'), permitExpiry: day('2027-05-01') };

    // Act
    const first = planReminders(input, at('2026-03-20T10:00:00Z'));
    const again = planReminders(input, at('2026-04-15T12:00:00Z'));

    // Assess
    expect(first).toHaveLength(6);
    expect(again).toEqual(first);
  });

  it('replaces every visa-free id when the caller corrects the entry date', () => {
    // Prepare
    const now = at('2026-03-20T10:00:00Z');

    // Act
    const before = planReminders({ entry: day('2026-03-12') }, now);
    const after = planReminders({ entry: day('2026-03-15') }, now);

    // Assess
    expect(ids(after)).toEqual(['visa:2026-06-12:d14', 'visa:2026-06-12:d7', 'visa:2026-06-12:d2']);
    expect(ids(after).filter((id) => ids(before).includes(id))).toEqual([]);
  });

  it('rejects an entry date after today', () => {
    expect(() => planReminders({ entry: day('2026-03-21') }, at('2026-03-20T10:00:00Z'))).toThrow(
      expect.objectContaining({ name: 'InvalidStayError', reason: 'in-the-future' }),
    );
  });

  it('keeps every planned reminder in the delivery window, after now, before its deadline and unique', () => {
    // Prepare
    const belgrade = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Belgrade',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const wallClock = (instant: Date) => {
      const parts = Object.fromEntries(
        belgrade.formatToParts(instant).map((part) => [part.type, part.value]),
      );
      return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
    };
    const scenario = fc.record({
      now: fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z'), noInvalidDate: true }),
      entryDaysAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
      permitDaysAhead: fc.option(fc.integer({ min: -5, max: 400 }), { nil: undefined }),
    });

    fc.assert(
      fc.property(scenario, ({ now, entryDaysAgo, permitDaysAhead }) => {
        const today = wallClock(now).date;
        const shift = (days: number) =>
          new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000)
            .toISOString()
            .slice(0, 10) as LocalDate;
        const input = {
          ...(entryDaysAgo === undefined ? {} : { entry: shift(-entryDaysAgo) }),
          ...(permitDaysAhead === undefined ? {} : { permitExpiry: shift(permitDaysAhead) }),
        };

        // Act
        const plan = planReminders(input, now);

        // Assess
        for (const reminder of plan) {
          const due = wallClock(new Date(reminder.dueAt));
          expect(due.hour).toBeGreaterThanOrEqual(9);
          expect(due.hour).toBeLessThan(20);
          expect(Date.parse(reminder.dueAt)).toBeGreaterThanOrEqual(now.getTime());
          expect(due.date <= reminder.deadline).toBe(true);
        }
        expect(new Set(ids(plan)).size).toBe(plan.length);
        // A series is everything before the last `:` of an id (`visa:2026-06-09`, `permit:2027-05-01`).
        const catchUpSeries = plan
          .filter((reminder) => reminder.catchUp)
          .map((reminder) => reminder.id.slice(0, reminder.id.lastIndexOf(':')));
        expect(new Set(catchUpSeries).size).toBe(catchUpSeries.length);
      }),
      { numRuns: 1_000 },
    );
  });
});
