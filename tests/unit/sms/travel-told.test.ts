import { describe, expect, it } from 'vitest';
import { type Caller, recordContact } from '../../../shared/callers/caller.js';
import { decideSmsReply } from '../../../shared/conversation/sms-conversation.js';
import { findStayRange, findTravel } from '../../../shared/sms/stays.js';

const TODAY = '2026-04-10';
const NOW = new Date('2026-04-10T09:00:00Z');

describe('a stay whose first date names the year', () => {
  it.each([
    ['byltyr 3-iyundan 25-avgustka cheiin ushul jakta ishtegem', '2025-06-03', '2025-08-25'],
    ['в прошлом году 1 сентябрдан 20 ноябрга чейин болдум', '2025-09-01', '2025-11-20'],
    ['былтыр 1-январдан 5-февралга чейин', '2025-01-01', '2025-02-05'],
    ['былтыр 1-декабрдан 20-январга чейин', '2025-12-01', '2026-01-20'],
  ])('keeps the year for both ends of %j', (text, from, to) => {
    expect(findStayRange(text, TODAY)).toEqual({ from, to });
  });
});

describe('a stay joined by a Kyrgyz participle or a suffixed day', () => {
  it.each([
    ['10-январда келип 2-мартта чыгып кеткем', '2026-01-10', '2026-03-02'],
    ['oktyabrdyn 1inen dekabrdyn 15ine cheyin bolgom', '2025-10-01', '2025-12-15'],
  ])('reads %j', (text, from, to) => {
    expect(findStayRange(text, TODAY)).toEqual({ from, to });
  });
});

describe('findTravel: a trip told with its verbs', () => {
  it('pairs each verb with the date before it when the text opens with a date', () => {
    expect(findTravel('6 января приехал 19 февраля выехал 25 апреля хочу опять приехать', TODAY)).toEqual({
      stay: { from: '2026-01-06', to: '2026-02-19' },
    });
    expect(findTravel('salam men 12.11.25 kelip 28.01.26 vyehal', TODAY)).toEqual({
      stay: { from: '2025-11-12', to: '2026-01-28' },
    });
  });

  it('pairs each verb with the date after it when the text opens with a verb', () => {
    expect(findTravel('приехал 6 января уехал 19 февраля', TODAY)).toEqual({
      stay: { from: '2026-01-06', to: '2026-02-19' },
    });
  });

  it('gives the entry after the stay as the new entry', () => {
    expect(
      findTravel('биринчи 5-январда келгем 20-февралда чыгып кеттим кайра 15-мартта келдим', TODAY),
    ).toEqual({ stay: { from: '2026-01-05', to: '2026-02-20' }, reentry: '2026-03-15' });
    expect(findTravel('приехал 6 января уехал 19 февраля вернулся 1 марта', TODAY)).toEqual({
      stay: { from: '2026-01-06', to: '2026-02-19' },
      reentry: '2026-03-01',
    });
  });

  it.each([
    ['приехал 12.03'],
    ['выехал 18.02 въехал 01.04'],
    ['вернулся 1 марта уехал 5 марта'],
    ['уехал 5 марта'],
  ])('reads no trip in %j', (text) => {
    expect(findTravel(text, TODAY)).toBeUndefined();
  });
});

describe('the conversation saves a trip and the entry after it', () => {
  const caller = (): Caller => ({
    ...recordContact(undefined, { callerId: 'c1', phone: '+381641112223', channel: 'sms' }, NOW, 180),
    language: 'ky',
  });

  it('keeps the earlier stay and opens the current one at the latest entry', () => {
    const decision = decideSmsReply(
      caller(),
      'биринчи 5-январда келгем 20-февралда чыгып кеттим кайра 15-мартта келдим',
      false,
      NOW,
    );
    expect(decision.intent).toBe('set_entry');
    expect(decision.caller.entryDate).toBe('2026-03-15');
    expect(decision.caller.earlierStays).toEqual([{ entry: '2026-01-05', exit: '2026-02-20' }]);
    // 47 days in January and February leave 43 from 15 March: the last day is 26 April.
    expect(decision.replies[0]).toContain('26.04.2026');
    expect(decision.reminderPlans.entry?.length).toBeGreaterThan(0);
  });

  it('does not take a planned trip after the stay for an exit', () => {
    const decision = decideSmsReply(
      caller(),
      '6 января приехал 19 февраля выехал 25 апреля хочу опять приехать',
      false,
      NOW,
    );
    expect(decision.intent).toBe('add_stay');
    expect(decision.args).toEqual({ from: '2026-01-06', to: '2026-02-19' });
  });
});
