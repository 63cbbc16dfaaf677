import { describe, expect, it } from 'vitest';
import { caseFigures, isoWeek } from '../../../shared/console/figures.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('isoWeek', () => {
  it('numbers weeks as ISO 8601 does, across a year’s end', () => {
    expect(isoWeek(day('2026-11-25')).week).toBe('2026-W48');
    expect(isoWeek(day('2026-12-31')).week).toBe('2026-W53');
    expect(isoWeek(day('2027-01-03')).week).toBe('2026-W53');
    expect(isoWeek(day('2027-01-04')).week).toBe('2027-W01');
    expect(isoWeek(day('2026-01-01')).week).toBe('2026-W01');
  });
});

describe('caseFigures', () => {
  const now = new Date('2026-11-25T11:00:00Z'); // Wednesday of 2026-W48
  const opened = (at: string, takenAfterMinutes?: number, closed = false) => ({
    language: 'ky' as const,
    openedAt: at,
    events: [
      { at, kind: 'opened' as const },
      ...(takenAfterMinutes === undefined
        ? []
        : [
            {
              at: new Date(Date.parse(at) + takenAfterMinutes * 60_000).toISOString(),
              kind: 'taken' as const,
            },
          ]),
      ...(closed ? [{ at: '2026-11-25T10:00:00Z', kind: 'closed' as const }] : []),
    ],
  });

  it('counts cases by the week they opened in Belgrade time, with the median minutes to take', () => {
    const figures = caseFigures(
      [
        opened('2026-11-23T08:00:00Z', 4, true),
        opened('2026-11-24T08:00:00Z', 10),
        opened('2026-11-24T09:00:00Z', 30),
        opened('2026-11-24T10:00:00Z'),
        // Sunday 22 November 23:30 in Belgrade (22:30 UTC): the week before.
        opened('2026-11-22T22:30:00Z', 2),
        // Monday 23 November 00:30 in Belgrade (23:30 UTC on Sunday): this week.
        opened('2026-11-22T23:30:00Z'),
        { ...opened('2026-11-24T08:00:00Z', 6), language: 'ru' as const },
      ],
      now,
      2,
    );

    expect(figures.weeks.map((w) => `${w.week} ${w.language}`)).toEqual([
      '2026-W47 ky',
      '2026-W47 ru',
      '2026-W48 ky',
      '2026-W48 ru',
    ]);
    expect(figures.weeks[2]).toMatchObject({
      from: '2026-11-23',
      opened: 5,
      taken: 3,
      closed: 1,
      medianMinutesToTake: 10,
    });
    expect(figures.weeks[0]).toMatchObject({ opened: 1, taken: 1, medianMinutesToTake: 2 });
    expect(figures.weeks[3]).toMatchObject({ opened: 1, taken: 1, medianMinutesToTake: 6 });
    expect(figures.weeks[1]).toMatchObject({ opened: 0, taken: 0, medianMinutesToTake: null });
  });

  it('leaves out cases older than the weeks shown', () => {
    const figures = caseFigures([opened('2026-09-01T08:00:00Z', 1)], now, 4);
    expect(figures.weeks.reduce((sum, w) => sum + w.opened, 0)).toBe(0);
  });
});
