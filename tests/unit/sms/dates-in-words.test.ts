import { describe, expect, it } from 'vitest';
import { dateHasYear, parseDate } from '../../../shared/sms/dates.js';

// Friday 10 April 2026, as in the message corpora.
const TODAY = '2026-04-10';

describe('days written as words before their month', () => {
  it.each([
    ['беш март', '2026-03-05'],
    ['besh mart', '2026-03-05'],
    ['он беш мартта', '2026-03-15'],
    ['он экинчи мартта', '2026-03-12'],
    ['жыйырманчы февралда', '2026-02-20'],
    ['жыйырма бешинчи январда', '2026-01-25'],
    ['экинчи апрелде', '2026-04-02'],
    ['пятого марта', '2026-03-05'],
    ['pyatogo marta', '2026-03-05'],
    ['десятого февраля', '2026-02-10'],
    ['двадцать первого января', '2026-01-21'],
    ['тридцать первого декабря', '2025-12-31'],
    ['первое апреля', '2026-04-01'],
  ])('reads %j as %s', (text, date) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
  });

  it('does not join a ten and a unit of two languages: "он пятого марта" is the fifth', () => {
    expect(parseDate('он пятого марта приехал', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-05' });
  });

  it('reads no date in a number word without a month', () => {
    expect(parseDate('беш адам келди', TODAY, 'past')).toEqual({ ok: false, reason: 'unreadable' });
    expect(parseDate('биринчи 5-январда', TODAY, 'past')).toEqual({ ok: true, date: '2026-01-05' });
  });
});

describe('Kyrgyz suffixes on a day number', () => {
  it.each([
    ['5-инчи мартта', '2026-03-05'],
    ['3-үнчү апрелде', '2026-04-03'],
    ['мартын 23үндө', '2026-03-23'],
    ['март айынын бешинде', '2026-03-05'],
    ['mart aiynyn beshinde', '2026-03-05'],
    ['март айынын он бешинде', '2026-03-15'],
  ])('reads %j as %s', (text, date) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
  });

  it('reads "8инде" without a month as that day of this month, like "8 числа"', () => {
    expect(parseDate('8инде келдим', TODAY, 'past')).toEqual({ ok: true, date: '2026-04-08' });
    expect(parseDate('20сында', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-20' });
  });
});

describe('days of the week', () => {
  it.each([
    ['в субботу', '2026-04-04'],
    ['v subbotu', '2026-04-04'],
    ['в прошлую субботу', '2026-04-04'],
    ['в понедельник', '2026-04-06'],
    ['во вторник', '2026-04-07'],
    ['в пятницу', '2026-04-03'],
    ['ишембиде', '2026-04-04'],
    ['дүйшөмбү күнү', '2026-04-06'],
    ['жума күнү', '2026-04-03'],
  ])('reads %j for an entry as the last such day before today: %s', (text, date) => {
    expect(parseDate(text, TODAY, 'past')).toEqual({ ok: true, date });
  });

  it('reads a weekday for an expiry as the next such day after today', () => {
    expect(parseDate('в субботу', TODAY, 'future')).toEqual({ ok: true, date: '2026-04-11' });
  });

  it('needs "в" before a Russian weekday and "күнү" after жума, which alone is "week"', () => {
    expect(parseDate('среду', TODAY, 'past')).toEqual({ ok: false, reason: 'unreadable' });
    expect(parseDate('эки жума мурун', TODAY, 'past')).toEqual({ ok: true, date: '2026-03-27' });
  });
});

describe('dateHasYear', () => {
  it.each([
    ['12.03.2025', true],
    ['былтыр 3-июнь', true],
    ['в прошлом году 1 сентября', true],
    ['12 марта', false],
    ['12.03 и 13.03', false],
  ])('says whether %j names its year: %s', (text, named) => {
    expect(dateHasYear(text)).toBe(named);
  });
});
