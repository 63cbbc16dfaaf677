import { describe, expect, it } from 'vitest';
import { type Case, openCase, takeCase } from '../../../shared/cases/case.js';
import { canText, caseDetail, caseSummary, mayView } from '../../../shared/console/views.js';
import { parseVolunteer } from '../../../shared/volunteers/volunteer.js';

const at = new Date('2026-11-25T11:00:00Z');
const aida = parseVolunteer({
  volunteerId: 'aida',
  name: 'Aida',
  phone: '+381600000001',
  languages: ['ru', 'ky'],
});
const olga = parseVolunteer({ volunteerId: 'olga', name: 'Olga', phone: '+381600000003', languages: ['ru'] });
const nurlan = parseVolunteer({
  volunteerId: 'nurlan',
  name: 'Nurlan',
  phone: '+381600000004',
  languages: ['ky'],
  coordinator: true,
});

function kyrgyzCase(channel: 'sms' | 'whatsapp' = 'sms'): Case {
  return openCase(
    {
      code: '12345',
      caller: { callerId: 'caller-id-secret', phone: '+996700123456', channel },
      language: 'ky',
      latin: false,
      mayText: true,
      source: 'sms',
      firstMessage: 'адам керек',
      expiresAt: 2_000_000_000,
    },
    at,
  );
}

describe('what the console shows of a case', () => {
  it('shows a case to volunteers of its language and to coordinators only', () => {
    expect(mayView(aida, kyrgyzCase())).toBe(true);
    expect(mayView(olga, kyrgyzCase())).toBe(false);
    expect(mayView({ ...nurlan, languages: ['ru'] }, kyrgyzCase())).toBe(true);
  });

  it('never names the caller: no number and no caller id, in the list or the thread', () => {
    const taken = takeCase(kyrgyzCase(), 'aida', at);
    if (taken.kind !== 'taken') throw new Error('not taken');
    const shown = JSON.stringify([
      caseSummary(taken.next, aida, [aida], at),
      caseDetail(taken.next, aida, [aida], at),
    ]);
    expect(shown).not.toContain('996700123456');
    expect(shown).not.toContain('caller-id-secret');
    expect(shown).toContain('адам керек');
  });

  it('lets a WhatsApp caller be answered only within 24 hours of their last message', () => {
    const whatsapp = kyrgyzCase('whatsapp');
    expect(canText(whatsapp, new Date(at.getTime() + 23 * 3_600_000))).toBe(true);
    expect(canText(whatsapp, new Date(at.getTime() + 25 * 3_600_000))).toBe(false);
    expect(canText(kyrgyzCase('sms'), new Date(at.getTime() + 25 * 3_600_000))).toBe(true);
    expect(canText({ ...kyrgyzCase(), mayText: false }, at)).toBe(false);
  });

  it('puts the opening first, then the caller’s words, then what followed', () => {
    const taken = takeCase(kyrgyzCase(), 'aida', at);
    if (taken.kind !== 'taken') throw new Error('not taken');
    const thread = caseDetail(taken.next, aida, [aida], at).thread;
    expect(thread.map((entry) => (entry.kind === 'event' ? entry.event : entry.kind))).toEqual([
      'opened',
      'caller',
      'taken',
    ]);
    expect(thread.find((entry) => entry.kind === 'event' && entry.event === 'taken')).toMatchObject({
      volunteerName: 'Aida',
    });
  });
});
