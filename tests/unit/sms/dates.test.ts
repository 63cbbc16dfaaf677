import { describe, expect, it } from 'vitest';
import { findDateMentions, formatDate, parseDate } from '../../../shared/sms/dates.js';

const TODAY = '2026-04-15';

describe('parseDate', () => {
  it.each([
    ['12.03.2026'],
    ['12.03.26'],
    ['12/03/2026'],
    ['12-03-2026'],
    ['2026-03-12'],
    ['12 03 2026'],
    ['12,03,2026'],
    ['12.3.2026'],
    ['12032026'],
    ['20260312'],
    ['12.03'],
    ['12 марта'],
    ['12 МАРТА 2026'],
    ['12 март'],
    ['12 мар.'],
    ['12-марта'],
    ['12-го марта'],
    ['марта 12'],
    ['12 marta'],
    ['12 mart 2026'],
    ['12 March'],
    ['12-мартта'],
    ['2026-жылы 12-март'],
    ['12 жалган куран'],
    ['12.03.2026 г.'],
  ])('reads %j as 12 March 2026', (text) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date: '2026-03-12' });
  });

  it.each([
    ['1 января', '2026-01-01'],
    ['14 февраля', '2026-02-14'],
    ['1 апреля', '2026-04-01'],
    ['5 мая 2025', '2025-05-05'],
    ['1 июня', '2025-06-01'],
    ['1 iyunya', '2025-06-01'],
    ['3 июля', '2025-07-03'],
    ['9 августа', '2025-08-09'],
    ['10 сентября', '2025-09-10'],
    ['10 октября', '2025-10-10'],
    ['7 ноября', '2025-11-07'],
    ['7 noyabrya', '2025-11-07'],
    ['25 декабря', '2025-12-25'],
    ['25 dekabr', '2025-12-25'],
    ['3 январь', '2026-01-03'],
    ['3 үчтүн айы', '2026-01-03'],
    ['3 бирдин айы', '2026-02-03'],
    ['3 чын куран', '2026-04-03'],
    ['3 бугу', '2025-05-03'],
    ['3 баш оона', '2025-08-03'],
    ['3 аяк оона', '2025-09-03'],
    ['3 бештин айы', '2025-12-03'],
  ])('reads the month name in %j', (text, date) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
  });

  describe('without a year', () => {
    it('takes this year for an entry date that has already passed this year', () => {
      expect(parseDate('12.03', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-12' });
    });

    it('takes last year for an entry date still to come this year', () => {
      expect(parseDate('12.05', TODAY, 'past')).toEqual({ ok: true, date: '2025-05-12' });
    });

    it('takes today for an entry today', () => {
      expect(parseDate('15.04', TODAY, 'past')).toEqual({ ok: true, date: '2026-04-15' });
    });

    it('takes this year for a permit expiry still to come this year', () => {
      expect(parseDate('12.05', TODAY, 'future')).toEqual({ ok: true, date: '2026-05-12' });
    });

    it('takes next year for a permit expiry already passed this year', () => {
      expect(parseDate('12.03', TODAY, 'future')).toEqual({ ok: true, date: '2027-03-12' });
    });

    it('finds the next 29 February in a leap year', () => {
      expect(parseDate('29.02', TODAY, 'future')).toEqual({ ok: true, date: '2028-02-29' });
    });

    it('turns down the last 29 February for an entry when it lies over a year back', () => {
      expect(parseDate('29.02', TODAY, 'past')).toEqual({ ok: false, reason: 'too_old' });
    });
  });

  describe('as people write them (issue 13)', () => {
    it.each([
      ['жаңы келдим 12.03', 'жаңы ("new", "just") is not January'],
      ['Марат 12.03 келди', 'a name that starts like МАРТ is not March'],
      ['12.03 в 14:30', 'a time after the date'],
      ['12.03.2026 14:30', 'a time after the date'],
      ['12.03.2026 в 14.30', 'a time with a dot after "в"'],
      ['120326', 'six digits, ddmmyy'],
      ['мен 12.03 келдим', 'the date before a Kyrgyz verb'],
      ['приехал в сербию 12 марта', 'words around it'],
      ['20 мартта'.replace('20', '12'), 'a Kyrgyz locative suffix'],
      ['12-мартында', 'a Kyrgyz possessive and locative'],
      ['кирдим 12:03', 'a date typed with a colon, no date before it'],
    ])('reads %j as 12 March 2026 (%s)', (text) => {
      expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date: '2026-03-12' });
    });

    it.each([
      ['майрамдан кийин', 'after the holiday: МАЙРАМ is not May'],
      ['майрамдан кийин 5', 'nor with a number'],
      ['Марат келди', 'a name alone'],
      ['жаңы жыл', 'new year'],
      ['мартин', 'a name that is МАРТ plus letters'],
    ])('reads no date in %j (%s)', (text) => {
      expect(parseDate(text, TODAY, 'past')).toEqual({ ok: false, reason: 'unreadable' });
    });

    it.each([
      ['20 мартта', '2026-03-20'],
      ['5-апрелде', '2026-04-05'],
      ['1-январдан', '2026-01-01'],
      ['25-martta', '2026-03-25'],
      ['7 aprelde', '2026-04-07'],
      ['3 майда', '2025-05-03'],
    ])('reads a month with a Kyrgyz suffix in %j', (text, date) => {
      expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
    });

    it.each([
      ['позавчера', '2026-04-13'],
      ['мурдагы күнү', '2026-04-13'],
      ['pozavchera', '2026-04-13'],
      ['3 дня назад', '2026-04-12'],
      ['3 күн мурун', '2026-04-12'],
      ['3 дня тому назад', '2026-04-12'],
      ['три дня назад', '2026-04-12'],
      ['неделю назад', '2026-04-08'],
      ['2 недели назад', '2026-04-01'],
      ['эки жума мурун', '2026-04-01'],
      ['келгениме 10 күн болду', '2026-04-05'],
      ['приехал вчера вечером', '2026-04-14'],
    ])('reads the relative day %j', (text, date) => {
      expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
    });

    it('reads "12 числа" as this month’s 12th for an entry when it has passed', () => {
      expect(parseDate('12 числа', TODAY, 'past')).toEqual({ ok: true, date: '2026-04-12' });
    });

    it('reads "20 числа" as last month’s 20th for an entry when this month’s is still ahead', () => {
      expect(parseDate('20 числа', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-20' });
    });

    it('reads "12-го числа" as the next 12th for a permit expiry', () => {
      expect(parseDate('12-го числа', TODAY, 'future')).toEqual({ ok: true, date: '2026-05-12' });
    });

    it.each([
      ['12 марта прошлого года'],
      ['былтыр 12-март'],
      ['в прошлом году 12 марта'],
      ['12.03 прошлого года'],
    ])('reads %j as last year', (text) => {
      expect(parseDate(text, '2026-02-10', 'past')).toEqual({ ok: true, date: '2025-03-12' });
    });

    it('keeps a date of last year named in words even when it is over a year back: it is no typo', () => {
      expect(parseDate('12 марта прошлого года', TODAY, 'past')).toEqual({ ok: true, date: '2025-03-12' });
    });

    it('still refuses a last-year date written in digits over a year back, a likely mistyped year', () => {
      expect(parseDate('12.03.2025', TODAY, 'past')).toEqual({ ok: false, reason: 'too_old' });
    });

    it('reads a year after "жыл" or before it', () => {
      expect(parseDate('уруксатым 2027-жылдын 15-январында бүтөт', TODAY, 'future')).toEqual({
        ok: true,
        date: '2027-01-15',
      });
      expect(parseDate('12 марта 26 г.', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-12' });
    });

    it('calls two different dates unreadable rather than pick one', () => {
      expect(parseDate('кирдим 05.01 чыктым 18.02', TODAY, 'past')).toEqual({
        ok: false,
        reason: 'unreadable',
      });
    });
  });

  describe('findDateMentions', () => {
    it('says where each date is in the text', () => {
      const text = 'приехал 5 марта, уехал 20.03 в 14:30';

      expect(findDateMentions(text).map(({ start, end }) => text.slice(start, end))).toEqual([
        '5 марта',
        '20.03',
      ]);
    });
  });

  it.each([['бүгүн'], ['сегодня'], ['today'], ['Bugun']])('reads %j as today', (text) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date: '2026-04-15' });
  });

  it.each([['кечээ'], ['вчера'], ['vchera'], ['kechee']])('reads %j as yesterday', (text) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date: '2026-04-14' });
  });

  it.each([
    ['31.02.2026'],
    ['30.02'],
    ['29.02.2025'],
    ['31.04.2026'],
    ['00.03.2026'],
    ['12.13.2026'],
    ['12.00.2026'],
    ['45 марта'],
    ['12.03.0226'],
  ])('calls %j impossible', (text) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: false, reason: 'impossible' });
  });

  it.each([
    [''],
    ['   '],
    ['утром'],
    ['hello'],
    ['12'],
    ['2026'],

    ['12 марта 5 апреля'],
    ['март 2026'],
    ['123.03.2026'],
    ['12.03.202'],
    ['12 сен'],
    ['жалган'],
    ['🙂'],
  ])('calls %j unreadable', (text) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: false, reason: 'unreadable' });
  });

  describe('for an entry date', () => {
    it('refuses a date after today as future', () => {
      expect(parseDate('16.04.2026', TODAY, 'past')).toEqual({ ok: false, reason: 'future' });
    });

    it('refuses tomorrow as future', () => {
      expect(parseDate('завтра', TODAY, 'past')).toEqual({ ok: false, reason: 'future' });
    });

    it('accepts a date a year back', () => {
      expect(parseDate('15.04.2025', TODAY, 'past')).toEqual({ ok: true, date: '2025-04-15' });
    });

    it('refuses a date more than 366 days back as too old', () => {
      expect(parseDate('13.04.2025', TODAY, 'past')).toEqual({ ok: false, reason: 'too_old' });
    });

    it('is the default mode', () => {
      expect(parseDate('16.04.2026', TODAY)).toEqual({ ok: false, reason: 'future' });
    });
  });

  describe('for a permit expiry', () => {
    it('accepts today', () => {
      expect(parseDate('15.04.2026', TODAY, 'future')).toEqual({ ok: true, date: '2026-04-15' });
    });

    it('refuses a date already passed as too old', () => {
      expect(parseDate('14.04.2026', TODAY, 'future')).toEqual({ ok: false, reason: 'too_old' });
    });

    it('accepts an expiry three years ahead', () => {
      expect(parseDate('01.09.2029', TODAY, 'future')).toEqual({ ok: true, date: '2029-09-01' });
    });

    it('refuses an expiry more than five years ahead as future, a likely mistyped year', () => {
      expect(parseDate('01.09.2036', TODAY, 'future')).toEqual({ ok: false, reason: 'future' });
    });
  });

  it('rejects a today that is not a calendar date, since that is a programming error', () => {
    expect(() => parseDate('12.03', '2026-02-30')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('writes a date as day.month.year with leading zeros', () => {
    expect(formatDate('2026-03-05')).toBe('05.03.2026');
  });
});
