// Issue 13 item 5: the whole travel history by SMS (entry, exit, earlier stays, the 180-day question).
import { describe, expect, it } from 'vitest';
import { type Caller, MAX_EARLIER_STAYS, recordContact } from '../../../shared/callers/caller.js';
import { keptStays, nextDeadline, todayIn } from '../../../shared/conversation/caller-dates.js';
import { decideSmsReply } from '../../../shared/conversation/sms-conversation.js';
import { addDays, parseLocalDate, visaFreeStatus } from '../../../shared/deadlines/index.js';
import { visaFreeReminders } from '../../../shared/deadlines/rules.js';
import { ky } from '../../../shared/messages/ky.js';
import { ru } from '../../../shared/messages/ru.js';

const NOW = new Date('2026-04-10T09:00:00Z');
const PHONE = '+381641112223';

/** A caller who chose Kyrgyz and has no dates yet. */
function known(more: Partial<Caller> = {}): Caller {
  const fresh = recordContact(undefined, { callerId: 'c1', phone: PHONE, channel: 'sms' }, NOW, 180);
  return { ...fresh, language: 'ky', ...more };
}

function converse(texts: string[], start: Caller = known(), now = NOW) {
  let caller = start;
  const turns = [];
  for (const text of texts) {
    const contacted = recordContact(caller, { callerId: 'c1', phone: PHONE, channel: 'sms' }, now, 180);
    const decision = decideSmsReply(contacted, text, false, now);
    turns.push(decision);
    caller = decision.caller;
  }
  return turns;
}

describe('the issue example: 05.01-18.02, then back on 01.04 (2026)', () => {
  it('asks about the last 180 days after a first entry, and with the earlier stay says 15.05.2026', () => {
    const [entry, stay] = converse(['кирдим 01.04', '05.01-18.02']);

    expect(entry?.intent).toBe('set_entry');
    expect(entry?.replies).toEqual([
      ky.entry_saved.replace('{lastDay}', '29.06.2026').replace('{daysLeft}', '81'),
      ky.stays_ask,
    ]);
    expect(entry?.caller.awaiting).toBe('earlier_stays');

    expect(stay?.intent).toBe('add_stay');
    expect(stay?.args).toEqual({ from: '2026-01-05', to: '2026-02-18' });
    expect(stay?.caller.earlierStays).toEqual([{ entry: '2026-01-05', exit: '2026-02-18' }]);
    expect(stay?.caller.entryDate).toBe('2026-04-01');
    expect(stay?.caller.awaiting).toBeUndefined();
    expect(stay?.replies[0]).toContain('15.05.2026');
    expect(stay?.replies[0]).toContain('36');
  });

  it('plans the reminders for 15.05.2026, not 29.06', () => {
    const [, stay] = converse(['кирдим 01.04', '05.01-18.02']);
    const visa = (stay?.reminderPlans.entry ?? []).filter((r) => r.kind === 'visa-free-stay-ends');

    expect(visa.map((r) => r.deadline)).toEqual(visaFreeReminders.leadDays.map(() => '2026-05-15'));
    expect(visa.map((r) => todayIn(new Date(r.dueAt)))).toEqual(
      visaFreeReminders.leadDays.map((lead) => addDays(parseLocalDate('2026-05-15'), -lead)),
    );
  });

  it('gives the same last day when the earlier stay comes first, and then asks nothing more', () => {
    const [, entry, deadlines] = converse(['кирдим 05.01 чыктым 18.02', 'кирдим 01.04', 'мөөнөт']);

    expect(entry?.replies).toEqual([
      ky.entry_saved.replace('{lastDay}', '15.05.2026').replace('{daysLeft}', '36'),
    ]);
    expect(entry?.caller.awaiting).toBeUndefined();
    expect(entry?.reminderPlans.entry?.some((r) => r.deadline === '2026-05-15')).toBe(true);
    expect(deadlines?.replies[0]).toContain('15.05.2026');
  });

  it('closes the stay with an exit after entering, then counts it on the next entry', () => {
    const [, , exit, back] = converse(['кирдим 05.01', 'жок', 'чыктым 18.02', 'кирдим 01.04']);

    expect(exit?.intent).toBe('set_exit');
    expect(exit?.caller.entryDate).toBeUndefined();
    expect(exit?.caller.earlierStays).toEqual([{ entry: '2026-01-05', exit: '2026-02-18' }]);
    expect(exit?.reminderPlans).toEqual({ entry: [] });
    expect(exit?.replies[0]).toContain('05.01.26-18.02.26');
    expect(back?.replies[0]).toContain('15.05.2026');
  });
});

describe('a same-day border hop after 90 days', () => {
  // 01.01-31.03.2026 is 90 days; out and back in on 31.03 adds no day.
  it('gets no new allowance from the engine', () => {
    const status = visaFreeStatus(
      [
        { entry: parseLocalDate('2026-01-01'), exit: parseLocalDate('2026-03-31') },
        { entry: parseLocalDate('2026-03-31') },
      ],
      parseLocalDate('2026-04-10'),
    );

    expect(status.inSerbia && status.overstayed).toBe(true);
  });

  it('is told the stay is over, by the entry reply and by the deadlines reply', () => {
    const [, entry, deadlines] = converse(['был 01.01-31.03', 'кирдим 31.03', 'мөөнөт']);

    expect(entry?.replies).toEqual([ky.entry_saved_ended.replace('{lastDay}', '31.03.2026')]);
    expect(deadlines?.replies).toEqual([ky.deadline_passed.replace('{lastDay}', '31.03.2026')]);
    expect(entry?.reminderPlans.entry?.some((r) => r.kind === 'visa-free-stay-ends')).toBe(false);
  });

  it('when the hop is today, today is the last day', () => {
    const today = new Date('2026-03-31T09:00:00Z');
    const [, entry] = converse(['был 01.01-31.03', 'кирдим 31.03'], known(), today);

    expect(entry?.replies[0]).toContain('31.03.2026');
    expect(entry?.replies[0]).toMatch(/ 1 күн калды/);
  });
});

describe('the answer to the 180-day question', () => {
  it.each([['жок'], ['нет'], ['no'], ['jok']])('takes %j as no earlier stay', (answer) => {
    const [, reply] = converse(['кирдим 01.04', answer]);

    expect(reply?.intent).toBe('no_earlier_stays');
    expect(reply?.replies).toEqual([ky.stays_none]);
    expect(reply?.caller.awaiting).toBeUndefined();
    expect(reply?.caller.entryDate).toBe('2026-04-01');
    expect(reply?.reminderPlans).toEqual({});
  });

  it('asks for the dates after a bare yes, then reads two dates side by side', () => {
    const [, yes, dates] = converse(['кирдим 01.04', 'ооба', '05.01 18.02']);

    expect(yes?.replies).toEqual([ky.stay_needs_dates]);
    expect(yes?.caller.awaiting).toBe('earlier_stays');
    expect(dates?.intent).toBe('add_stay');
    expect(dates?.replies[0]).toContain('15.05.2026');
  });

  it('does not read two dates side by side as a stay when no question is pending', () => {
    const [turn] = converse(['05.01 18.02']);

    expect(turn?.intent).not.toBe('add_stay');
  });

  it('lets a distress text through while the question is pending', () => {
    const [, help] = converse(['кирдим 01.04', 'паспортумду алып коюшту']);

    expect(help?.intent).toBe('help');
    expect(help?.caller.awaiting).toBeUndefined();
  });

  it('does not ask again after a later entry date', () => {
    const [, , again] = converse(['кирдим 01.04', 'жок', 'кирдим 02.04']);

    expect(again?.replies).toHaveLength(1);
  });
});

describe('exits and ranges that cannot be counted', () => {
  it('asks for the whole trip for an exit with no entry known, and saves nothing', () => {
    const [turn] = converse(['чыктым 18.02']);

    expect(turn?.intent).toBe('set_exit');
    expect(turn?.args).toEqual({ date: '2026-02-18' });
    expect(turn?.caller.entryDate).toBeUndefined();
    expect(turn?.caller.earlierStays).toBeUndefined();
    expect(turn?.replies).toEqual([ky.stay_needs_dates]);
  });

  it('refuses an earlier stay that ends after the open entry', () => {
    const [, , turn] = converse(['кирдим 01.04', 'жок', '05.03-05.04']);

    expect(turn?.intent).toBe('add_stay');
    expect(turn?.caller.earlierStays).toBeUndefined();
    expect(turn?.replies).toEqual([ky.stay_needs_dates]);
  });

  it('answers in Russian for a Russian speaker', () => {
    const [turn] = converse(['был 05.01-18.02'], known({ language: 'ru' }));

    expect(turn?.replies[0]).toMatch(/^Сохранено 05\.01\.26-18\.02\.26\. Снова въехать/);
    expect(ru.stay_closed).toContain('{reentry}');
  });
});

describe('old profiles and the bound on stays', () => {
  it('reads a profile with only entryDate as one open stay', () => {
    const old = known({ entryDate: '2026-04-01' });

    expect(nextDeadline(old, parseLocalDate('2026-04-10'))?.deadline).toBe('2026-06-29');
    const [deadlines, start] = converse(['мөөнөт', 'старт'], old);
    expect(deadlines?.replies[0]).toContain('29.06.2026');
    expect(start?.reminderPlans.entry?.some((r) => r.deadline === '2026-06-29')).toBe(true);
  });

  it('drops stays that ended before the 180 days that can still count, and keeps at most 10', () => {
    const today = parseLocalDate('2026-04-10');
    const old = { entry: '2025-06-01', exit: '2025-07-01' };
    const many = Array.from({ length: 15 }, (_, i) => ({
      entry: addDays(parseLocalDate('2026-01-01'), i * 2),
      exit: addDays(parseLocalDate('2026-01-01'), i * 2),
    }));

    expect(keptStays([old], '2026-04-01', today)).toEqual([]);
    // 180 days before the open entry (01.04) is 04.10.2025: a stay ending on it still counts.
    expect(keptStays([{ entry: '2025-09-01', exit: '2025-10-04' }], '2026-04-01', today)).toHaveLength(1);
    expect(keptStays([{ entry: '2025-09-01', exit: '2025-10-03' }], '2026-04-01', today)).toHaveLength(0);
    const kept = keptStays(many, undefined, today);
    expect(kept).toHaveLength(MAX_EARLIER_STAYS);
    expect(kept.at(-1)).toEqual(many.at(-1));
  });

  it('lets the stay told last win over one it overlaps, and keeps a border hop', () => {
    const today = parseLocalDate('2026-04-10');

    expect(
      keptStays(
        [
          { entry: '2026-01-05', exit: '2026-02-18' },
          { entry: '2026-01-10', exit: '2026-02-20' },
        ],
        undefined,
        today,
      ),
    ).toEqual([{ entry: '2026-01-10', exit: '2026-02-20' }]);
    expect(keptStays([{ entry: '2026-01-01', exit: '2026-03-31' }], '2026-03-31', today)).toHaveLength(1);
    expect(keptStays([{ entry: '2026-01-01', exit: '2026-04-02' }], '2026-03-31', today)).toHaveLength(0);
  });
});
