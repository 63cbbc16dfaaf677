// Texts to volunteers in the language each one reads (the first of their roster languages): every text
// exists in Kyrgyz and Russian, with the same commands and codes, and costs no more SMS segments.
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import {
  noticesFor,
  textsFor,
  VOLUNTEER_TEXTS,
  type VolunteerTexts,
  volunteerText,
} from '../../../shared/messages/volunteer.js';
import { readingLanguage } from '../../../shared/volunteers/volunteer.js';

const CODE = '12345';
/** A Twilio recording link as the voicemail notice carries it (the longest part of any notice). */
const RECORDING =
  'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef.mp3';

/** Every text, with values as long as they get in use (a preview is at most 60 characters). */
const SAMPLES: Readonly<Record<keyof VolunteerTexts, (t: VolunteerTexts) => string[]>> = {
  newCase: (t) => [
    t.newCase(CODE, 'ky', undefined),
    t.newCase(CODE, 'ru', 'Мне не платят зарплату'),
    t.newCase(CODE, 'ky', 'айлыгымды бербей жатышат, паспортумду да алып коюшту, жардам'),
  ],
  stillWaiting: (t) => [t.stillWaiting(CODE, 'ky', 15), t.stillWaiting(CODE, 'ru', 119)],
  // A case that waited for the next shift over a weekend: four digits of minutes.
  toCoordinator: (t) => [t.toCoordinator(CODE, 'ky', 22), t.toCoordinator(CODE, 'ru', 3780)],
  taken: (t) => [t.taken(CODE, 'ky', 0, true), t.taken(CODE, 'ky', 5, true), t.taken(CODE, 'ru', 0, false)],
  heldMessage: (t) => [t.heldMessage(CODE, 'Мен Суботицада турам')],
  alreadyYours: (t) => [t.alreadyYours(CODE)],
  // A name at its 40-character limit.
  takenByOther: (t) => [
    t.takenByOther(CODE, 'Nurlan (sample coordinator)'),
    t.takenByOther(CODE, 'Ы'.repeat(40)),
  ],
  notTaken: (t) => [t.notTaken(CODE)],
  notYours: (t) => [t.notYours(CODE)],
  closed: (t) => [t.closed(CODE)],
  notFound: (t) => [t.notFound(CODE)],
  cannotText: (t) => [t.cannotText(CODE)],
  relayed: (t) => [t.relayed(CODE, 'паспортумду алып коюшту')],
  pinLocked: (t) => [t.pinLocked('Ы'.repeat(40), 15)],
  takeNeedsPin: (t) => [t.takeNeedsPin(CODE, false), t.takeNeedsPin(CODE, true)],
  pinIsLocked: (t) => [t.pinIsLocked(15)],
  consoleCode: (t) => [t.consoleCode('482913', 10)],
  telegramLinked: (t) => [t.telegramLinked('Ы'.repeat(40))],
  telegramLinkRefused: (t) => [t.telegramLinkRefused()],
  telegramUnlinked: (t) => [t.telegramUnlinked()],
  consoleSent: (t) => [t.consoleSent('12345')],
  consolePing: (t) => [t.consolePing('12345', 1), t.consolePing('12345', 3)],
  whatsappWindowClosed: (t) => [t.whatsappWindowClosed(CODE)],
  noteSaved: (t) => [t.noteSaved(CODE)],
  closedByYou: (t) => [t.closedByYou(CODE)],
  callerLeft: (t) => [t.callerLeft(CODE, 'caller_erased'), t.callerLeft(CODE, 'caller_stopped')],
  list: (t) => [
    t.list([], []),
    t.list([], ['34567']),
    t.list(
      [
        { code: CODE, language: 'ky', minutes: 5 },
        { code: '23456', language: 'ru', minutes: 130 },
      ],
      [],
    ),
    t.list([{ code: CODE, language: 'ky', minutes: 5 }], ['34567', '45678']),
  ],
  help: (t) => [t.help()],
  missingCode: (t) => [t.missingCode()],
  missingText: (t) => [t.missingText(CODE)],
  inactive: (t) => [t.inactive()],
  voicemail: (t) => [t.voicemail(CODE, 'ky', RECORDING, 120)],
  voicemailsWaiting: (t) => [
    t.voicemailsWaiting(CODE, 'ru', 1, undefined),
    t.voicemailsWaiting(CODE, 'ky', 1999, undefined),
    t.voicemailsWaiting(CODE, 'ru', 1999, 3780),
  ],
  missedCall: (t) => [t.missedCall(CODE, 'ru')],
};

const ids = Object.keys(SAMPLES) as (keyof VolunteerTexts)[];
const segments = (text: string) => new SegmentedMessage(text).segmentsCount;
/** Commands and numbers a volunteer types or reads: they must be the same in both languages. */
const tokens = (text: string) => text.match(/\b(?:TAKE|R|NOTE|CLOSE|LIST)\b|\d+/g) ?? [];

describe('texts to volunteers', () => {
  it('covers every text of the Russian set in Kyrgyz', () => {
    expect(Object.keys(VOLUNTEER_TEXTS.ky).sort()).toEqual(Object.keys(VOLUNTEER_TEXTS.ru).sort());
    expect(ids.sort()).toEqual(Object.keys(VOLUNTEER_TEXTS.ru).sort());
  });

  it('writes Kyrgyz with Kyrgyz words, not the Russian text again', () => {
    const same = ids.flatMap((id) => {
      const [ky, ru] = [SAMPLES[id](volunteerText('ky')), SAMPLES[id](volunteerText('ru'))];
      return ky.filter((text, i) => text === ru[i] && !/^\d{5,6}: /.test(text)).map(() => id);
    });
    expect(same).toEqual([]);
  });

  it('keeps the commands in Latin capitals and the codes, numbers and links the same in Kyrgyz', () => {
    for (const id of ids) {
      const [ky, ru] = [SAMPLES[id](volunteerText('ky')), SAMPLES[id](volunteerText('ru'))];
      ky.forEach((text, i) => {
        expect(tokens(text), `${id} #${i}: ${text}`).toEqual(tokens(ru[i] ?? ''));
        if ((ru[i] ?? '').includes(RECORDING)) expect(text).toContain(RECORDING);
      });
    }
  });

  it('costs no more SMS segments in Kyrgyz than in Russian: one segment where the Russian is one', () => {
    // The bot's own answers go only to Telegram, where nothing is counted in segments.
    const telegramOnly = new Set(['telegramLinked', 'telegramLinkRefused', 'telegramUnlinked']);
    const dearer = ids
      .filter((id) => !telegramOnly.has(id))
      .flatMap((id) => {
        const [ky, ru] = [SAMPLES[id](volunteerText('ky')), SAMPLES[id](volunteerText('ru'))];
        return ky
          .map((text, i) => ({ id, text, ky: segments(text), ru: segments(ru[i] ?? '') }))
          .filter((m) => m.ky > m.ru);
      });
    expect(dearer).toEqual([]);
  });

  it('tells the coordinators, and sums up a flood’s voicemails, in one segment in both languages', () => {
    for (const language of ['ky', 'ru'] as const) {
      const t = volunteerText(language);
      for (const text of [...SAMPLES.toCoordinator(t), ...SAMPLES.voicemailsWaiting(t)]) {
        expect(segments(text), text).toBe(1);
      }
    }
  });

  it('says how long a case waited as a person would: minutes, then hours, then days', () => {
    const [ru, ky] = [volunteerText('ru'), volunteerText('ky')];
    expect(ru.stillWaiting(CODE, 'ky', 15)).toContain('ждёт 15 мин.');
    expect(ru.stillWaiting(CODE, 'ky', 185)).toContain('ждёт 3 ч.');
    expect(ru.stillWaiting(CODE, 'ky', 115_200)).toContain('ждёт 80 дн.');
    expect(ru.toCoordinator(CODE, 'ru', 4320)).toContain('никто не взял за 3 дн.');
    expect(ky.stillWaiting(CODE, 'ky', 115_200)).toContain('80 күн күтүүдө');
    expect(ky.toCoordinator(CODE, 'ru', 185)).toContain('3 саат эч ким алган жок');
  });

  it('shows the case’s language as KY or RU in both', () => {
    expect(volunteerText('ky').newCase(CODE, 'ru', undefined)).toContain('(RU)');
    expect(volunteerText('ru').newCase(CODE, 'ky', undefined)).toContain('(KY)');
  });
});

describe('the language a volunteer reads', () => {
  it('is the first of their languages, so the coordinator chooses it by the order', () => {
    expect(readingLanguage({ languages: ['ky'] })).toBe('ky');
    expect(readingLanguage({ languages: ['ru'] })).toBe('ru');
    expect(readingLanguage({ languages: ['ky', 'ru'] })).toBe('ky');
    expect(readingLanguage({ languages: ['ru', 'ky'] })).toBe('ru');
  });

  it('picks the texts of that language', () => {
    expect(textsFor({ languages: ['ky'] }).closed(CODE)).toBe(volunteerText('ky').closed(CODE));
    expect(textsFor({ languages: ['ru', 'ky'] }).closed(CODE)).toBe(`Запрос ${CODE} закрыт.`);
    expect(textsFor({ languages: ['ky', 'ru'] }).closed(CODE)).toBe(`Суроо ${CODE} жабык.`);
  });

  it('builds a notice to many volunteers once per language, each volunteer getting their own', () => {
    const group = [
      { id: 'a', languages: ['ru', 'ky'] as const },
      { id: 'b', languages: ['ky'] as const },
      { id: 'c', languages: ['ky', 'ru'] as const },
      { id: 'd', languages: ['ru'] as const },
    ].map((v) => ({ ...v, languages: [...v.languages] }));
    const built: string[] = [];

    const notices = noticesFor(group, (t) => {
      const body = t.newCase(CODE, 'ky', undefined);
      built.push(body);
      return body;
    });

    expect(built).toHaveLength(2);
    expect(notices.map((n) => [n.volunteer.id, n.body])).toEqual([
      ['a', `Новый запрос ${CODE} (KY). Взять: TAKE ${CODE}`],
      ['b', `Жаңы суроо ${CODE} (KY). Алуу: TAKE ${CODE}`],
      ['c', `Жаңы суроо ${CODE} (KY). Алуу: TAKE ${CODE}`],
      ['d', `Новый запрос ${CODE} (KY). Взять: TAKE ${CODE}`],
    ]);
    expect(noticesFor([], () => 'never')).toEqual([]);
  });
});
