import { describe, expect, it } from 'vitest';
import type { LocalDate, ReminderKind } from '../../../shared/deadlines/index.js';
import { CATALOGUES, messageTemplate, type Reader } from '../../../shared/messages/catalogue.js';
import { REMINDER_MESSAGES, readerOf, reminderText } from '../../../shared/reminders/reminder-text.js';

const KINDS = Object.keys(REMINDER_MESSAGES) as ReminderKind[];
const READERS: Reader[] = [
  { language: 'ky', latin: false },
  { language: 'ru', latin: false },
  { language: 'ky', latin: true },
  { language: 'ru', latin: true },
];

/** Words that would expose the person to whoever glances at a locked screen, in every script we write. */
const ALARM_WORDS =
  /нелегал|незакон|депорт|выдвор|полиц|милиц|штраф|мыйзамсыз|illegal|overstay|deport|police|polits|nelegal|nezakon|shtraf|myyzamsyz/i;

describe('reminder texts', () => {
  it('have a catalogue message for every kind of reminder the deadline engine plans', () => {
    const planned: ReminderKind[] = [
      'visa-free-stay-ends',
      'police-registration',
      'permit-extension-window-opens',
      'permit-safe-deadline',
      'permit-expires-soon',
    ];

    expect(KINDS.sort()).toEqual(planned.sort());
    for (const reader of READERS) {
      const catalogue = CATALOGUES[reader.language][reader.latin ? 'latin' : 'cyrillic'];
      for (const kind of KINDS) expect(catalogue[REMINDER_MESSAGES[kind]]).toBeTruthy();
    }
  });

  it.each(READERS)(
    'open with "reminder" and hold no alarming word, in $language (latin: $latin)',
    (reader) => {
      const alarming = KINDS.map((kind) => messageTemplate(REMINDER_MESSAGES[kind], reader)).filter(
        (text) => ALARM_WORDS.test(text) || !/^(Эскертме|Напоминание|Eskertme|Napominanie):/.test(text),
      );

      expect(alarming).toEqual([]);
    },
  );

  it('catches an alarming word, so the check above can fail', () => {
    expect(ALARM_WORDS.test('Напоминание: зарегистрируйтесь в полиции')).toBe(true);
    expect(ALARM_WORDS.test('Eskertme: politsiyada kattalynyz')).toBe(true);
  });

  it('counts the days left including today, as the conversation’s confirmations do', () => {
    const text = reminderText(
      { kind: 'visa-free-stay-ends', deadline: '2026-06-09' as LocalDate },
      { phone: '+996700000001', language: 'ru', latin: true },
      '2026-05-26' as LocalDate,
    );

    expect(text).toBe('Napominanie: 90 dney zakanchivayutsya 09.06.2026. Ostalos dney: 15.');
  });

  it('reads Kyrgyz to a +996 number and Russian to any other when the caller never chose', () => {
    expect(readerOf({ phone: '+996700000001', latin: false }).language).toBe('ky');
    expect(readerOf({ phone: '+381601234567', latin: false }).language).toBe('ru');
    expect(readerOf({ phone: '+996700000001', language: 'ru', latin: false }).language).toBe('ru');
  });
});
