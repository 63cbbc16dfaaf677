// Each volunteer is written to in the language they read, the first of their roster languages: notices
// to a mixed group, answers to commands, and what the hotline says around a caller's relayed words.
// Pure decisions, no I/O.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/callers/caller.js';
import { decideCallerCase } from '../../../shared/cases/caller-case.js';
import { type Case, openCase, takeCase } from '../../../shared/cases/case.js';
import { decideChase } from '../../../shared/cases/chase.js';
import { decideVolunteerText } from '../../../shared/cases/volunteer-case.js';
import type { VolunteerCommand } from '../../../shared/cases/volunteer-commands.js';
import type { SmsDecision } from '../../../shared/conversation/sms-conversation.js';
import { parseRoster, type Volunteer } from '../../../shared/volunteers/volunteer.js';

/** Wednesday 25 November 2026, 12:00 in Belgrade. */
const NOW = new Date('2026-11-25T11:00:00.000Z');
const CODE = '54321';
const allWeek = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }];

const roster: Volunteer[] = parseRoster([
  { volunteerId: 'asel', name: 'Asel', phone: '+381600000301', languages: ['ky'], shifts: allWeek },
  { volunteerId: 'aida', name: 'Aida', phone: '+381600000302', languages: ['ru', 'ky'], shifts: allWeek },
  { volunteerId: 'timur', name: 'Timur', phone: '+381600000303', languages: ['ky', 'ru'], shifts: allWeek },
  { volunteerId: 'olga', name: 'Olga', phone: '+381600000304', languages: ['ru'], shifts: allWeek },
  {
    volunteerId: 'nurlan',
    name: 'Nurlan',
    phone: '+381600000305',
    languages: ['ky', 'ru'],
    coordinator: true,
  },
  { volunteerId: 'vera', name: 'Vera', phone: '+381600000306', languages: ['ru', 'ky'], coordinator: true },
]);
const byId = (id: string): Volunteer => {
  const found = roster.find((v) => v.volunteerId === id);
  if (!found) throw new Error(id);
  return found;
};
const phoneOf = (id: string) => byId(id).phone;

function kyrgyzCase(overrides: Partial<Case> = {}): Case {
  return {
    ...openCase(
      {
        code: CODE,
        caller: { callerId: 'c1', phone: '+996700000001', channel: 'sms' },
        language: 'ky',
        latin: false,
        mayText: true,
        source: 'sms',
        firstMessage: 'айлыгымды бербей жатышат',
        expiresAt: 2_000_000_000,
      },
      new Date(NOW.getTime() - 11 * 60_000),
    ),
    ...overrides,
  };
}

function takenBy(id: string): Case {
  const taken = takeCase(kyrgyzCase({ waiting: [] }), id, NOW);
  if (taken.kind !== 'taken') throw new Error(taken.kind);
  return taken.next;
}

const command = (id: string, cmd: VolunteerCommand, target: Case | undefined = kyrgyzCase()) =>
  decideVolunteerText({
    volunteer: byId(id),
    command: cmd,
    target,
    openCases: target ? [target] : [],
    roster,
    now: NOW,
  }).messages.map((m) => m.body);

describe('notices to a mixed group of volunteers', () => {
  it('tells each volunteer on shift about a new case in their own language, one body per language', () => {
    const decision = decideChase({ ...kyrgyzCase(), nextActionAt: NOW.toISOString() }, roster, NOW, 10);

    const notices = decision?.notices ?? [];
    // Kyrgyz case: everyone on shift who takes Kyrgyz cases (not Olga).
    expect(notices.map((n) => n.volunteerId)).toEqual(['asel', 'aida', 'timur']);
    expect(Object.fromEntries(notices.map((n) => [n.volunteerId, n.body]))).toEqual({
      asel: `Жаңы суроо ${CODE} (KY): «айлыгымды бербей жатышат». Алуу: TAKE ${CODE}`,
      aida: `Новый запрос ${CODE} (KY): «айлыгымды бербей жатышат». Взять: TAKE ${CODE}`,
      timur: `Жаңы суроо ${CODE} (KY): «айлыгымды бербей жатышат». Алуу: TAKE ${CODE}`,
    });
    expect(new Set(notices.map((n) => n.body)).size).toBe(2);
  });

  it('reminds them in their own language, then the coordinators in theirs', () => {
    const again = decideChase(
      { ...kyrgyzCase(), notifyRound: 1, nextActionAt: NOW.toISOString() },
      roster,
      NOW,
      10,
    );
    const coordinators = decideChase(
      { ...kyrgyzCase(), notifyRound: 2, nextActionAt: NOW.toISOString() },
      roster,
      NOW,
      10,
    );

    expect(again?.notices.find((n) => n.volunteerId === 'asel')?.body).toBe(
      `Суроо ${CODE} (KY) 11 мүн. күтүүдө. Алуу: TAKE ${CODE}`,
    );
    expect(again?.notices.find((n) => n.volunteerId === 'aida')?.body).toBe(
      `Запрос ${CODE} (KY) ждёт 11 мин. Взять: TAKE ${CODE}`,
    );
    expect(Object.fromEntries(coordinators?.notices.map((n) => [n.volunteerId, n.body]) ?? [])).toEqual({
      nurlan: `Координаторго: ${CODE} (KY) 11 мүн. эч ким алган жок. Алуу: TAKE ${CODE}`,
      vera: `Координатору: ${CODE} (KY) никто не взял за 11 мин. Взять: TAKE ${CODE}`,
    });
  });

  it('tells the volunteers of a Russian case in the language each reads, not the case’s', () => {
    const russian = { ...kyrgyzCase(), language: 'ru' as const, nextActionAt: NOW.toISOString() };

    const notices = decideChase(russian, roster, NOW, 10)?.notices ?? [];

    expect(notices.map((n) => [n.volunteerId, n.body.split(' ')[0]])).toEqual([
      ['aida', 'Новый'],
      ['timur', 'Жаңы'],
      ['olga', 'Новый'],
    ]);
  });

  it('opens a case from a caller’s text with a notice in each volunteer’s language', () => {
    const caller: Caller = {
      callerId: 'c2',
      phone: '+996700000002',
      channel: 'sms',
      language: 'ky',
      latin: false,
      optedOut: false,
      reminderIds: { entry: [], permit: [] },
      firstContactAt: NOW.toISOString(),
      lastContactAt: NOW.toISOString(),
      version: 2,
      expiresAt: 2_000_000_000,
    };
    const decision: SmsDecision = {
      caller,
      replies: ['…'],
      reminderPlans: {},
      erase: false,
      intent: 'person',
    };

    const opened = decideCallerCase({
      caller,
      decision,
      text: 'ADAM паспортумду алып коюшту',
      roster,
      now: NOW,
      newCode: () => CODE,
      timing: { renotifyMinutes: 10 },
    });

    const toVolunteers = opened.messages.filter((m) => m.to);
    expect(toVolunteers.map((m) => [m.to?.phone, m.body.split(' ')[0]])).toEqual([
      [phoneOf('asel'), 'Жаңы'],
      [phoneOf('aida'), 'Новый'],
      [phoneOf('timur'), 'Жаңы'],
    ]);
  });
});

describe('answers to a volunteer’s commands', () => {
  it('answers a Kyrgyz-only volunteer in Kyrgyz', () => {
    const mine = takenBy('asel');

    expect(command('asel', { kind: 'take', code: CODE })).toEqual([
      `Суроо ${CODE} сизде (KY). Билдирүү: 1, төмөндө. Жооп: R ${CODE} текст. Жабуу: CLOSE ${CODE}`,
      `${CODE}: айлыгымды бербей жатышат`,
      expect.any(String), // to the caller, in the caller's language
    ]);
    expect(command('asel', { kind: 'help' })[0]).toMatch(/^Буйруктар: TAKE 123456 алуу;/);
    expect(command('asel', { kind: 'note', code: CODE, text: 'эртең' }, mine)).toEqual([
      `Суроо ${CODE}: белги сакталды.`,
    ]);
    expect(command('asel', { kind: 'close', code: CODE }, mine)[0]).toBe(`Суроо ${CODE} жабылды. Рахмат!`);
    expect(command('asel', { kind: 'take', code: CODE }, takenBy('aida'))).toEqual([
      `Суроо ${CODE} алынган, алган: Aida.`,
    ]);
    expect(command('asel', { kind: 'list' }, kyrgyzCase())[0]).toBe(`Күтүүдө: ${CODE} KY 11 мүн`);
    const notFound = decideVolunteerText({
      volunteer: byId('asel'),
      command: { kind: 'take', code: CODE },
      target: undefined,
      roster,
      now: NOW,
    });
    expect(notFound.messages).toEqual([{ body: `Суроо ${CODE} жок. Ачыктары: LIST` }]);
  });

  it('answers a volunteer whose languages start with ru in Russian, one that starts with ky in Kyrgyz', () => {
    expect(command('aida', { kind: 'take', code: CODE })[0]).toMatch(
      new RegExp(`^Запрос ${CODE} ваш \\(KY\\)`),
    );
    expect(command('aida', { kind: 'missing_code', command: 'take' })).toEqual([
      'Нужен номер запроса из 6 цифр, например: TAKE 123456',
    ]);
    expect(command('timur', { kind: 'take', code: CODE })[0]).toMatch(
      new RegExp(`^Суроо ${CODE} сизде \\(KY\\)`),
    );
    expect(command('timur', { kind: 'missing_code', command: 'take' })).toEqual([
      '6 сандуу суроо номери керек, мисалы: TAKE 123456',
    ]);
  });

  it('tells an inactive Kyrgyz-only volunteer in Kyrgyz', () => {
    const paused = { ...byId('asel'), active: false };

    const decision = decideVolunteerText({
      volunteer: paused,
      command: { kind: 'list' },
      roster,
      now: NOW,
    });

    expect(decision.messages).toEqual([{ body: 'Волонтёр профилиңиз өчүрүлгөн. Координаторго кайрылыңыз.' }]);
  });
});

describe('what a volunteer is told about their caller', () => {
  const callerIn = (current: Case, intent: SmsDecision['intent'], text: string, erase = false) => {
    const caller: Caller = {
      callerId: 'c1',
      phone: '+996700000001',
      channel: 'sms',
      language: 'ky',
      latin: false,
      optedOut: intent === 'stop',
      openCase: CODE,
      reminderIds: { entry: [], permit: [] },
      firstContactAt: NOW.toISOString(),
      lastContactAt: NOW.toISOString(),
      version: 3,
      expiresAt: 2_000_000_000,
    };
    return decideCallerCase({
      caller,
      decision: { caller, replies: [], reminderPlans: {}, erase, intent },
      current,
      text,
      roster,
      now: NOW,
      newCode: () => '99999',
      timing: { renotifyMinutes: 10 },
    }).messages.filter((m) => m.to);
  };

  it('frames a relay with the case code only, and says why a case closed in the volunteer’s language', () => {
    expect(callerIn(takenBy('asel'), 'unknown', 'Ништа турам')).toEqual([
      { body: `${CODE}: Ништа турам`, to: { phone: phoneOf('asel'), channel: 'sms' } },
    ]);
    expect(callerIn(takenBy('asel'), 'stop', 'STOP').map((m) => m.body)).toEqual([
      `Суроо ${CODE} жабылды: адам билдирүүлөрдөн баш тартты.`,
    ]);
    expect(callerIn(takenBy('timur'), 'confirm_delete', 'ООБА', true).map((m) => m.body)).toEqual([
      `Суроо ${CODE} жабылды: адам маалыматын өчүрдү.`,
    ]);
    expect(callerIn(takenBy('aida'), 'stop', 'STOP').map((m) => m.body)).toEqual([
      `Запрос ${CODE} закрыт: человек отписался от сообщений.`,
    ]);
  });
});
