// Worked examples with dates counted by hand; the first four are the ones in docs/deadlines.md.
import { describe, expect, it } from 'vitest';
import {
  InvalidLocalDateError,
  InvalidStayError,
  type LocalDate,
  maxStayIfEnteringOn,
  parseLocalDate,
  type Stay,
  visaFreeStatus,
} from '../../../shared/deadlines/index.js';

const day = parseLocalDate;
const stay = (entry: string, exit?: string): Stay =>
  exit === undefined ? { entry: day(entry) } : { entry: day(entry), exit: day(exit) };

describe('visa-free stay, worked examples', () => {
  it('gives a caller with only an entry date 90 days counting the entry day', () => {
    // Prepare: 12 March + 89 days is 9 June.
    const stays = [stay('2026-03-12')];

    // Act
    const status = visaFreeStatus(stays, day('2026-04-01'));

    // Assess
    expect(status).toMatchObject({
      inSerbia: true,
      overstayed: false,
      daysUsed: 21,
      lastLawfulDay: '2026-06-09',
      daysLeft: 70,
    });
  });

  it('subtracts an earlier trip in the window from the current stay', () => {
    // Prepare: 45 days (5 Jan to 18 Feb) then a new entry on 1 April; both stay in the window until July.
    const stays = [stay('2026-04-01'), stay('2026-01-05', '2026-02-18')];

    // Act
    const status = visaFreeStatus(stays, day('2026-04-10'));

    // Assess: 45 + 10 days used; 45 + 45 days reaches 90 on 15 May.
    expect(status).toMatchObject({
      inSerbia: true,
      daysUsed: 55,
      lastLawfulDay: '2026-05-15',
      daysLeft: 36,
    });
  });

  it('tells a caller who used all 90 days the first lawful re-entry, 180 days after the first entry', () => {
    // Prepare: 1 January to 31 March is exactly 90 days.
    const stays = [stay('2026-01-01', '2026-03-31')];

    // Act
    const status = visaFreeStatus(stays, day('2026-04-15'));

    // Assess: 1 January leaves the window on 30 June; from then on each new day replaces an old one
    // until 31 March leaves on 27 September.
    expect(status).toMatchObject({
      inSerbia: false,
      overstayed: false,
      daysUsed: 90,
      earliestReentry: '2026-06-30',
      reentryAllowance: { entry: '2026-06-30', lastLawfulDay: '2026-09-27', days: 90 },
    });
  });

  it('treats the 90th day as the last lawful day and the 91st as an overstay', () => {
    // Prepare
    const stays = [stay('2026-01-01')];

    // Act
    const onDay90 = visaFreeStatus(stays, day('2026-03-31'));
    const onDay91 = visaFreeStatus(stays, day('2026-04-01'));

    // Assess
    expect(onDay90).toMatchObject({
      overstayed: false,
      daysUsed: 90,
      lastLawfulDay: '2026-03-31',
      daysLeft: 1,
    });
    expect(onDay91).toMatchObject({
      overstayed: true,
      daysUsed: 91,
      daysLeft: 0,
      overstayedSince: '2026-04-01',
    });
  });

  it('dates an overstay that began years ago to its first unlawful day', () => {
    // Prepare: 2020 is a leap year, so day 91 after 1 January is 31 March.
    const stays = [stay('2020-01-01')];

    // Act
    const status = visaFreeStatus(stays, day('2026-04-01'));

    // Assess
    expect(status).toMatchObject({
      inSerbia: true,
      overstayed: true,
      daysUsed: 180,
      overstayedSince: '2020-03-31',
    });
  });

  it('does not reset the count after a same-day exit and re-entry at the border', () => {
    // Prepare
    const withHop = [stay('2026-01-01', '2026-02-14'), stay('2026-02-14')];
    const withoutHop = [stay('2026-01-01')];

    // Act
    const hopped = visaFreeStatus(withHop, day('2026-02-20'));
    const stayed = visaFreeStatus(withoutHop, day('2026-02-20'));

    // Assess
    expect(hopped).toMatchObject({ daysUsed: 51, lastLawfulDay: '2026-03-31' });
    expect(stayed).toMatchObject({ daysUsed: 51, lastLawfulDay: '2026-03-31' });
  });

  it('allows an early re-entry that is short, and a longer stay after waiting', () => {
    // Prepare: 60 days used from 1 January to 1 March.
    const stays = [stay('2026-01-01', '2026-03-01')];

    // Act
    const status = visaFreeStatus(stays, day('2026-03-10'));
    const laterEntry = maxStayIfEnteringOn(stays, day('2026-03-10'), day('2026-05-01'));

    // Assess
    expect(status).toMatchObject({
      earliestReentry: '2026-03-10',
      reentryAllowance: { lastLawfulDay: '2026-04-08', days: 30 },
    });
    expect(laterEntry).toEqual({ entry: '2026-05-01', lastLawfulDay: '2026-05-30', days: 30 });
  });

  it('counts the exit day as a day present', () => {
    // Prepare: the caller left today after 90 days.
    const stays = [stay('2026-01-01', '2026-03-31')];

    // Act
    const status = visaFreeStatus(stays, day('2026-03-31'));

    // Assess
    expect(status).toMatchObject({ inSerbia: false, daysUsed: 90, earliestReentry: '2026-06-30' });
  });

  it('offers a caller who left today a re-entry from tomorrow, never the day already counted', () => {
    // Prepare: 30 days used, left today.
    const stays = [stay('2026-03-02', '2026-03-31')];

    // Act
    const status = visaFreeStatus(stays, day('2026-03-31'));

    // Assess: coming back tomorrow gives 60 more days (30 + 60 = 90 on 30 May).
    expect(status).toMatchObject({
      earliestReentry: '2026-04-01',
      reentryAllowance: { lastLawfulDay: '2026-05-30', days: 60 },
    });
  });
});

describe('visa-free stay, invalid histories', () => {
  const today = day('2026-04-01');
  const reasonFor = (stays: Stay[]): string | undefined => {
    try {
      visaFreeStatus(stays, today);
      return undefined;
    } catch (error) {
      return error instanceof InvalidStayError ? error.reason : `unexpected ${String(error)}`;
    }
  };

  it('rejects an exit before its entry', () => {
    expect(reasonFor([stay('2026-03-10', '2026-03-09')])).toBe('exit-before-entry');
  });

  it('rejects stays that overlap by a day or more, in any order', () => {
    expect(reasonFor([stay('2026-02-01', '2026-02-20'), stay('2026-01-01', '2026-02-02')])).toBe(
      'overlapping',
    );
  });

  it('rejects a second trip while an earlier one has no exit', () => {
    expect(reasonFor([stay('2026-01-01'), stay('2026-03-01', '2026-03-05')])).toBe('overlapping');
    expect(reasonFor([stay('2026-01-01'), stay('2026-03-01')])).toBe('overlapping');
  });

  it('rejects entries and exits after today', () => {
    expect(reasonFor([stay('2026-04-02')])).toBe('in-the-future');
    expect(reasonFor([stay('2026-03-20', '2026-04-05')])).toBe('in-the-future');
  });

  it('rejects dates that are not calendar days', () => {
    const notADate = { entry: '2026-02-30' as LocalDate };
    expect(reasonFor([notADate])).toBe('invalid-date');
    expect(() => visaFreeStatus([], '01.04.2026' as LocalDate)).toThrow(InvalidLocalDateError);
  });

  it('rejects a planned entry before today', () => {
    expect(() => maxStayIfEnteringOn([], today, day('2026-03-31'))).toThrow(InvalidStayError);
  });
});
