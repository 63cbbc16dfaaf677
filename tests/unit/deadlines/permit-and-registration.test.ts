import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidLocalDateError,
  type LocalDate,
  parseLocalDate,
  permitMilestones,
  registrationDeadline,
  registrationLastDay,
} from '../../../shared/deadlines/index.js';

const day = parseLocalDate;
const MS_PER_DAY = 86_400_000;

describe('permit milestones', () => {
  it('names the window opening, the safe deadline, the last reminder and the expiry, in date order', () => {
    // Prepare: 2027-03-01 is 90 days and 3 calendar months after 2026-12-01.
    const expiry = day('2027-03-01');

    // Act
    const milestones = permitMilestones(expiry);

    // Assess
    expect(milestones).toEqual([
      { kind: 'extension-window-opens', date: '2026-12-01' },
      { kind: 'safe-deadline', date: '2027-01-30' },
      { kind: 'last-reminder', date: '2027-02-22' },
      { kind: 'expiry', date: '2027-03-01' },
    ]);
  });

  it('opens the window on the later reading of "3 months" when the months hold only 89 days', () => {
    // Prepare: February to April 2027 hold 89 days, so 90 days before 1 May is 31 January.
    const expiry = day('2027-05-01');

    // Act
    const opening = permitMilestones(expiry)[0];

    // Assess
    expect(opening).toEqual({ kind: 'extension-window-opens', date: '2027-02-01' });
  });

  it('opens the window on the later reading of "3 months" when the months hold 92 days', () => {
    // Prepare: 3 months before 31 August is 31 May (92 days); 90 days before is 2 June.
    const expiry = day('2027-08-31');

    // Act
    const milestones = permitMilestones(expiry);

    // Assess
    expect(milestones.map((milestone) => milestone.date)).toEqual([
      '2027-06-02',
      '2027-08-01',
      '2027-08-24',
      '2027-08-31',
    ]);
  });

  it('opens the window on the later of 90 days and 3 calendar months before any expiry', () => {
    // Prepare
    const expiries = fc
      .integer({ min: 0, max: 365 * 40 })
      .map(
        (offset) =>
          new Date(Date.UTC(2020, 0, 1) + offset * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate,
      );

    fc.assert(
      fc.property(expiries, (expiry) => {
        // Act
        const opening = permitMilestones(expiry)[0];

        // Assess, against the JavaScript UTC calendar: day 0 of a month is the last day of the one before.
        const expiryUtc = new Date(`${expiry}T00:00:00Z`);
        const [year, month, dayOfMonth] = [
          expiryUtc.getUTCFullYear(),
          expiryUtc.getUTCMonth(),
          expiryUtc.getUTCDate(),
        ];
        const lastDayThreeMonthsBefore = new Date(Date.UTC(year, month - 2, 0)).getUTCDate();
        const monthsBefore = new Date(
          Date.UTC(year, month - 3, Math.min(dayOfMonth, lastDayThreeMonthsBefore)),
        );
        const daysBefore = new Date(expiryUtc.getTime() - 90 * MS_PER_DAY);
        const later = monthsBefore > daysBefore ? monthsBefore : daysBefore;
        expect(opening).toEqual({ kind: 'extension-window-opens', date: later.toISOString().slice(0, 10) });
      }),
      { numRuns: 2_000 },
    );
  });

  it('rejects an expiry that is not a calendar day', () => {
    expect(() => permitMilestones('2027-02-29' as LocalDate)).toThrow(InvalidLocalDateError);
  });
});

describe('police registration deadline', () => {
  it('falls 24 hours after the arrival, also across a clock change', () => {
    // Prepare: clocks go forward in the night to 2026-03-29.
    const arrivals = ['2026-04-01T21:15:00Z', '2026-03-28T12:00:00Z'];

    // Act
    const deadlines = arrivals.map((arrival) => registrationDeadline(new Date(arrival)).toISOString());

    // Assess
    expect(deadlines).toEqual(['2026-04-02T21:15:00.000Z', '2026-03-29T12:00:00.000Z']);
  });

  it('gives the day after the arrival day as the last day when the hour of arrival is unknown', () => {
    expect(registrationLastDay(day('2026-12-31'))).toBe('2027-01-01');
  });
});
