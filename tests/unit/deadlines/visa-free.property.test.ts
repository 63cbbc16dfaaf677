// Random travel histories checked against a brute-force counter that shares no code with the engine: it
// walks day by day over a set of days present, using the JavaScript UTC calendar for dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidStayError,
  type LocalDate,
  maxStayIfEnteringOn,
  type Stay,
  visaFreeStatus,
} from '../../../shared/deadlines/index.js';
import { visaFreeStay } from '../../../shared/deadlines/rules.js';

const WINDOW = visaFreeStay.windowDays;
const LIMIT = visaFreeStay.maxDaysPresent;
const MS_PER_DAY = 86_400_000;
const RUNS = 3_000;

const dateOf = (dayNumber: number) =>
  new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate;
const dayNumberOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;

// --- the brute-force oracle -------------------------------------------------------------------------

function daysPresent(stays: readonly Stay[], today: number): Set<number> {
  const present = new Set<number>();
  for (const { entry, exit } of stays) {
    const last = exit === undefined ? today : dayNumberOf(exit);
    for (let d = dayNumberOf(entry); d <= last; d++) present.add(d);
  }
  return present;
}

function presentInWindowEndingOn(present: ReadonlySet<number>, day: number): number {
  let count = 0;
  for (let back = 0; back < WINDOW; back++) if (present.has(day - back)) count++;
  return count;
}

/** Stay on day by day from `start` while every day is lawful; null if `start` itself is not. */
function bruteForceLastLawfulDay(present: ReadonlySet<number>, start: number): number | null {
  const simulated = new Set(present);
  let last: number | null = null;
  for (let d = start; d < start + 2 * WINDOW; d++) {
    simulated.add(d);
    if (presentInWindowEndingOn(simulated, d) > LIMIT) return last;
    last = d;
  }
  throw new Error('brute force found no end to a lawful stay');
}

function bruteForceEarliestReentry(present: ReadonlySet<number>, today: number): number {
  for (let d = today; d < today + 2 * WINDOW; d++) {
    if (present.has(d)) continue;
    if (presentInWindowEndingOn(new Set([...present, d]), d) <= LIMIT) return d;
  }
  throw new Error('brute force found no lawful re-entry');
}

function bruteForceOverstayedSince(
  present: ReadonlySet<number>,
  entry: number,
  today: number,
): number | null {
  for (let d = entry; d <= today; d++) if (presentInWindowEndingOn(present, d) > LIMIT) return d;
  return null;
}

// --- random travel histories ------------------------------------------------------------------------

interface TravelHistory {
  readonly today: number;
  readonly stays: readonly Stay[];
}

const trip = fc.record({
  // 0 means a same-day exit and re-entry; long trips and short gaps make overstays common.
  gapBefore: fc.integer({ min: 0, max: 150 }),
  length: fc.integer({ min: 1, max: 130 }),
  shuffleKey: fc.integer(),
});

const travelHistory: fc.Arbitrary<TravelHistory> = fc
  .record({
    today: fc.integer({ min: dayNumberOf('2015-01-01'), max: dayNumberOf('2035-12-31') }),
    firstEntryDaysAgo: fc.integer({ min: 0, max: 700 }),
    trips: fc.array(trip, { minLength: 0, maxLength: 10 }),
    stillInSerbia: fc.boolean(),
  })
  .map(({ today, firstEntryDaysAgo, trips, stillInSerbia }) => {
    const stays: { entry: number; exit?: number; shuffleKey: number }[] = [];
    let previousExit = today - firstEntryDaysAgo - 1;
    for (const { gapBefore, length, shuffleKey } of trips) {
      const entry = stays.length === 0 ? previousExit + 1 : previousExit + gapBefore;
      if (entry > today) break;
      const exit = entry + length - 1;
      if (exit >= today) {
        stays.push(stillInSerbia ? { entry, shuffleKey } : { entry, exit: today, shuffleKey });
        break;
      }
      stays.push({ entry, exit, shuffleKey });
      previousExit = exit;
    }
    // Input order must not matter, so the engine gets the trips shuffled.
    stays.sort((a, b) => a.shuffleKey - b.shuffleKey);
    return {
      today,
      stays: stays.map(({ entry, exit }) =>
        exit === undefined ? { entry: dateOf(entry) } : { entry: dateOf(entry), exit: dateOf(exit) },
      ),
    };
  });

describe('visa-free stay against a day-by-day brute force', () => {
  it('counts the days used in the window ending today', () => {
    fc.assert(
      fc.property(travelHistory, ({ today, stays }) => {
        // Act
        const status = visaFreeStatus(stays, dateOf(today));

        // Assess
        expect(status.daysUsed).toBe(presentInWindowEndingOn(daysPresent(stays, today), today));
      }),
      { numRuns: RUNS },
    );
  });

  it('finds the last lawful day of the current stay, or flags the overstay and when it began', () => {
    const inSerbia = travelHistory.filter(({ stays }) => stays.some((one) => one.exit === undefined));
    fc.assert(
      fc.property(inSerbia, ({ today, stays }) => {
        // Prepare
        const present = daysPresent(stays, today);
        const expectedLast = bruteForceLastLawfulDay(present, today);
        const currentEntry = dayNumberOf(stays.find((one) => one.exit === undefined)?.entry ?? '');

        // Act
        const status = visaFreeStatus(stays, dateOf(today));

        // Assess
        expect(status.inSerbia).toBe(true);
        if (expectedLast === null) {
          const since = bruteForceOverstayedSince(present, currentEntry, today);
          expect(status).toMatchObject({
            overstayed: true,
            daysLeft: 0,
            overstayedSince: dateOf(since ?? -1),
          });
        } else {
          expect(status).toMatchObject({
            overstayed: false,
            lastLawfulDay: dateOf(expectedLast),
            daysLeft: expectedLast - today + 1,
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('finds the earliest lawful re-entry and how long a stay from then may last', () => {
    const outside = travelHistory.filter(({ stays }) => stays.every((one) => one.exit !== undefined));
    fc.assert(
      fc.property(outside, ({ today, stays }) => {
        // Prepare
        const present = daysPresent(stays, today);
        const expectedReentry = bruteForceEarliestReentry(present, today);
        const expectedLast = bruteForceLastLawfulDay(present, expectedReentry);

        // Act
        const status = visaFreeStatus(stays, dateOf(today));

        // Assess
        expect(status).toMatchObject({
          inSerbia: false,
          overstayed: false,
          earliestReentry: dateOf(expectedReentry),
          reentryAllowance: {
            lastLawfulDay: expectedLast === null ? null : dateOf(expectedLast),
            days: expectedLast === null ? 0 : expectedLast - expectedReentry + 1,
          },
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('tells how long a stay entering on any future day may last', () => {
    const outside = travelHistory.filter(({ stays }) => stays.every((one) => one.exit !== undefined));
    fc.assert(
      fc.property(outside, fc.integer({ min: 0, max: 250 }), ({ today, stays }, daysAhead) => {
        // Prepare
        const entry = today + daysAhead;
        const expectedLast = bruteForceLastLawfulDay(daysPresent(stays, today), entry);

        // Act
        const allowance = maxStayIfEnteringOn(stays, dateOf(today), dateOf(entry));

        // Assess
        expect(allowance).toEqual({
          entry: dateOf(entry),
          lastLawfulDay: expectedLast === null ? null : dateOf(expectedLast),
          days: expectedLast === null ? 0 : expectedLast - entry + 1,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects any history in which two stays share more than a border day', () => {
    const withOverlap = travelHistory
      .map(({ today, stays }) => ({
        today,
        stays,
        before: stays.filter((one) => dayNumberOf(one.entry) < today),
      }))
      .filter(({ before }) => before.length > 0)
      .chain(({ today, stays, before }) =>
        fc.record({
          today: fc.constant(today),
          stays: fc.constant(stays),
          known: fc.constantFrom(...before),
          daysInto: fc.integer({ min: 1, max: 40 }),
        }),
      );
    fc.assert(
      fc.property(withOverlap, ({ today, stays, known, daysInto }) => {
        // Prepare: a closed trip from the day before a known stay's entry to at least the day after it.
        const knownEntry = dayNumberOf(known.entry);
        const intruder: Stay = {
          entry: dateOf(knownEntry - 1),
          exit: dateOf(Math.min(today, knownEntry + daysInto)),
        };
        const attempt = () => visaFreeStatus([...stays, intruder], dateOf(today));

        // Act & Assess
        expect(attempt).toThrow(InvalidStayError);
        try {
          attempt();
        } catch (error) {
          expect((error as InvalidStayError).reason).toBe('overlapping');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
