import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  InvalidLocalDateError,
  instantAt,
  isLocalDate,
  localDateIn,
  parseLocalDate,
} from '../../../shared/deadlines/index.js';

const day = parseLocalDate;

describe('LocalDate parsing', () => {
  it('accepts real calendar days, leap days included', () => {
    // Prepare
    const inputs = ['2026-01-31', '2028-02-29', '2000-02-29', '0099-12-31'];

    // Act
    const accepted = inputs.map((input) => isLocalDate(input));

    // Assess
    expect(accepted).toEqual([true, true, true, true]);
  });

  it('rejects malformed strings and days that do not exist', () => {
    // Prepare
    const inputs = [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-1-01',
      '2026-01-01T00:00',
      '',
    ];

    // Act
    const parse = (input: string) => () => parseLocalDate(input);

    // Assess
    for (const input of inputs) expect(parse(input), input).toThrow(InvalidLocalDateError);
  });
});

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    // Prepare
    const cases = [
      ['2026-03-12', 89, '2026-06-09'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2028-02-28', 1, '2028-02-29'],
      ['2027-02-28', 1, '2027-03-01'],
      ['2026-01-01', -1, '2025-12-31'],
    ] as const;

    // Act
    const results = cases.map(([from, days]) => addDays(day(from), days));

    // Assess
    expect(results).toEqual(cases.map(([, , expected]) => expected));
  });

  it('agrees with the JavaScript UTC calendar for any day and offset', () => {
    // Prepare
    const msPerDay = 86_400_000;
    const utcDay = (epochDay: number) => new Date(epochDay * msPerDay).toISOString().slice(0, 10);
    const days = fc.integer({ min: -25_000, max: 25_000 });
    const offsets = fc.integer({ min: -1_000, max: 1_000 });

    // Act & Assess
    fc.assert(
      fc.property(days, offsets, (epochDay, offset) => {
        const from = day(utcDay(epochDay));
        expect(addDays(from, offset)).toBe(utcDay(epochDay + offset));
        expect(daysBetween(from, day(utcDay(epochDay + offset)))).toBe(offset);
        expect(compareLocalDates(from, addDays(from, offset))).toBe(-Math.sign(offset) || 0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('subtracts calendar months by clamping to the last day of a shorter month', () => {
    // Prepare
    const cases = [
      ['2027-05-31', -3, '2027-02-28'],
      ['2028-05-31', -3, '2028-02-29'],
      ['2027-05-01', -3, '2027-02-01'],
      ['2027-01-15', -3, '2026-10-15'],
      ['2026-11-30', 3, '2027-02-28'],
    ] as const;

    // Act
    const results = cases.map(([from, months]) => addMonths(day(from), months));

    // Assess
    expect(results).toEqual(cases.map(([, , expected]) => expected));
  });
});

describe('Belgrade calendar days and instants', () => {
  it('puts an instant on the Belgrade calendar day, in winter and in summer time', () => {
    // Prepare
    const instants = [
      '2026-01-31T22:30:00Z',
      '2026-01-31T23:30:00Z',
      '2026-06-30T21:30:00Z',
      '2026-06-30T22:30:00Z',
    ];

    // Act
    const days = instants.map((instant) => localDateIn(new Date(instant), 'Europe/Belgrade'));

    // Assess
    expect(days).toEqual(['2026-01-31', '2026-02-01', '2026-06-30', '2026-07-01']);
  });

  it('finds the instant of a Belgrade wall-clock time on both days the clocks change', () => {
    // Prepare: clocks go forward on 2026-03-29 and back on 2026-10-25.
    const cases = [
      ['2026-03-28', 9, '2026-03-28T08:00:00.000Z'],
      ['2026-03-29', 0, '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', 9, '2026-03-29T07:00:00.000Z'],
      ['2026-10-25', 0, '2026-10-24T22:00:00.000Z'],
      ['2026-10-25', 9, '2026-10-25T08:00:00.000Z'],
    ] as const;

    // Act
    const instants = cases.map(([date, hour]) =>
      instantAt(day(date), hour, 0, 'Europe/Belgrade').toISOString(),
    );

    // Assess
    expect(instants).toEqual(cases.map(([, , expected]) => expected));
  });
});
