import { describe, expect, it } from 'vitest';
import { findStayRange } from '../../../shared/sms/stays.js';

const TODAY = '2026-04-10';

describe('an earlier stay typed as two dates', () => {
  it.each([
    ['был 05.01-18.02', '2026-01-05', '2026-02-18'],
    ['05.01–18.02', '2026-01-05', '2026-02-18'],
    ['в прошлый раз был 3.01 - 1.02', '2026-01-03', '2026-02-01'],
    ['10.01.2026-25.02.2026 ушул жерде болдум', '2026-01-10', '2026-02-25'],
    ['с 05.01 по 18.02', '2026-01-05', '2026-02-18'],
    ['byl v serbii s 10.11 po 20.12', '2025-11-10', '2025-12-20'],
    ['был с 1 декабря по 15 января', '2025-12-01', '2026-01-15'],
    ['мурун Сербияда 05.01ден 18.02ге чейин болгом', '2026-01-05', '2026-02-18'],
    ['мурда 1-январдан 28-февралга чейин болгом', '2026-01-01', '2026-02-28'],
    ['кирдим 05.01 чыктым 18.02', '2026-01-05', '2026-02-18'],
    ['kirdim 10.12 chyktym 25.01', '2025-12-10', '2026-01-25'],
    ['предыдущий въезд 20.11.2025 выезд 15.01.2026', '2025-11-20', '2026-01-15'],
  ])('reads %j', (text, from, to) => {
    expect(findStayRange(text, TODAY)).toEqual({ from, to });
  });

  it('puts `from` in the year before `to` across the new year', () => {
    expect(findStayRange('15.12-20.01', TODAY)).toEqual({ from: '2025-12-15', to: '2026-01-20' });
  });

  it.each([
    ['приехал 12.03'],
    ['приехал 12.03 или 13.03'],
    ['12.03 келдим 20.03'],
    ['ВНЖ до 01.03.2027'],
    ['выехал 18.02 въехал 01.04'],
  ])('reads no stay in %j', (text) => {
    expect(findStayRange(text, TODAY)).toBeUndefined();
  });

  it('reads two dates side by side only in loose mode (the answer to our question)', () => {
    expect(findStayRange('05.01 18.02', TODAY)).toBeUndefined();
    expect(findStayRange('05.01 18.02', TODAY, { loose: true })).toEqual({
      from: '2026-01-05',
      to: '2026-02-18',
    });
  });
});
