import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  type CatalogueMessageId,
  dateProblemMessage,
  fillTemplate,
  LONGEST_PLACEHOLDER_VALUES,
  MESSAGE_IDS,
  MESSAGE_SPECS,
  messageTemplate,
  placeholdersIn,
  type Reader,
  renderMessage,
  WELCOME,
} from '../../../shared/messages/catalogue.js';
import { formatDate } from '../../../shared/sms/dates.js';
import { matchKeyword } from '../../../shared/sms/keywords.js';

const READERS: readonly (Reader & { name: string })[] = [
  { name: 'ky', language: 'ky', latin: false },
  { name: 'ru', language: 'ru', latin: false },
  { name: 'ky-latn', language: 'ky', latin: true },
  { name: 'ru-latn', language: 'ru', latin: true },
];

const REQUIRED_IDS = [
  'welcome',
  'menu',
  'info_registration',
  'info_visa_free',
  'info_residence',
  'info_work',
  'info_emergency',
  'entry_saved',
  'permit_saved',
  'deadlines',
  'no_dates',
  'date_unreadable',
  'date_future',
  'date_impossible',
  'language_set',
  'latin_on',
  'latin_off',
  'stopped',
  'stop_hint',
  'exit_not_counted',
  'started',
  'delete_ask',
  'deleted',
  'case_opened',
  'case_no_one',
  'case_waiting',
  'case_joined',
  'case_closed',
  'unknown',
];

/** Every text as sent, placeholders at their longest, for each reader. */
const SENT_TEXTS = READERS.flatMap((reader) =>
  MESSAGE_IDS.map((id) => ({
    reader,
    id,
    text: fillTemplate(messageTemplate(id, reader), LONGEST_PLACEHOLDER_VALUES),
  })),
);

function segments(text: string): SegmentedMessage {
  return new SegmentedMessage(text);
}

describe('the message catalogue', () => {
  it('has every message the SMS conversation needs', () => {
    expect(MESSAGE_IDS).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it.each(READERS)('has every message, and only those, in $name', (reader) => {
    const ids = Object.keys(CATALOGUES[reader.language][reader.latin ? 'latin' : 'cyrillic']).sort();
    const expected = MESSAGE_IDS.filter((id) => id !== 'welcome').sort();

    expect(ids).toEqual(expected);
  });

  it.each(READERS)('uses exactly the declared placeholders in every $name text', (reader) => {
    const wrong = MESSAGE_IDS.filter((id) => {
      const used = [...new Set(placeholdersIn(messageTemplate(id, reader)))].sort();
      return used.join() !== [...MESSAGE_SPECS[id].placeholders].sort().join();
    });

    expect(wrong).toEqual([]);
  });

  it('keeps every Cyrillic reply within 2 UCS-2 segments, measured by Twilio’s calculator', () => {
    const over = SENT_TEXTS.filter(
      ({ reader, id, text }) =>
        !reader.latin && MESSAGE_SPECS[id].budget === 'reply' && segments(text).segmentsCount > 2,
    );

    expect(over.map(({ reader, id }) => `${reader.name}/${id}`)).toEqual([]);
  });

  it('keeps every Cyrillic confirmation (a reply other than welcome and menu) in one UCS-2 segment', () => {
    const over = SENT_TEXTS.filter(
      ({ reader, id, text }) =>
        !reader.latin &&
        MESSAGE_SPECS[id].budget === 'reply' &&
        id !== 'welcome' &&
        id !== 'menu' &&
        segments(text).segmentsCount > 1,
    );

    expect(over.map(({ reader, id }) => `${reader.name}/${id}`)).toEqual([]);
  });

  it('keeps every Cyrillic help text (the answer to a distress text) within 2 UCS-2 segments', () => {
    const help = SENT_TEXTS.filter(({ id }) => MESSAGE_SPECS[id].budget === 'help');
    const over = help.filter(({ reader, text }) => !reader.latin && segments(text).segmentsCount > 2);

    expect(help.length).toBe(8 * READERS.length);
    expect(over.map(({ reader, id }) => `${reader.name}/${id}`)).toEqual([]);
  });

  it.each(READERS)('gives each help topic its number and the key to a person in $name', (reader) => {
    const numbers: Record<string, readonly string[]> = {
      help_documents: ['+381117850000'],
      help_wages: ['+381112017485'],
      help_police: ['192'],
      help_deportation: ['+381117850000', '192'],
      help_violence: ['192', '194'],
      help_health: ['194'],
      help_trafficking: ['+381117850000'],
      help_housing: ['+381117850000', '192'],
    };
    for (const [id, wanted] of Object.entries(numbers)) {
      const text = messageTemplate(id as CatalogueMessageId, reader);
      for (const number of wanted) expect(text).toContain(number);
      expect(text).toMatch(/\b7\b/);
    }
  });

  it('keeps every Cyrillic article within 4 UCS-2 segments', () => {
    const over = SENT_TEXTS.filter(
      ({ reader, id, text }) =>
        !reader.latin && MESSAGE_SPECS[id].budget === 'article' && segments(text).segmentsCount > 4,
    );

    expect(over.map(({ reader, id }) => `${reader.name}/${id}`)).toEqual([]);
  });

  it('fits every Latin-mode text in one GSM-7 segment of 160 characters', () => {
    const over = SENT_TEXTS.filter(({ reader, text }) => {
      if (!reader.latin) return false;
      const message = segments(text);
      return message.encodingName !== 'GSM-7' || message.segmentsCount !== 1;
    });

    expect(over.map(({ reader, id }) => `${reader.name}/${id}`)).toEqual([]);
  });

  it('writes the Latin files in GSM-7 characters only', () => {
    const latinTexts = [
      ...Object.values(CATALOGUES.ky.latin),
      ...Object.values(CATALOGUES.ru.latin),
      WELCOME.latin,
    ];

    const foreign = latinTexts.flatMap((text) => segments(text).getNonGsmCharacters());

    expect(foreign).toEqual([]);
  });

  it('counts a Cyrillic text as UCS-2, so the budgets above measure the expensive encoding', () => {
    expect(segments(messageTemplate('menu', { language: 'ky', latin: false })).encodingName).toBe('UCS-2');
  });

  it.each(READERS)('asks callers for keywords that the matcher knows, in $name', (reader) => {
    const notKeywords = new Set(['ASTRA', 'SOS', 'ВНЖ', 'VNJ']);
    const unknown = MESSAGE_IDS.flatMap((id) =>
      capitalWords(messageTemplate(id, reader))
        .filter((word) => !notKeywords.has(word))
        .filter((word) => matchKeyword(word).intent === 'unknown'),
    );

    expect(unknown).toEqual([]);
  });

  it.each(READERS)('gives the emergency and help numbers in $name', (reader) => {
    const text = messageTemplate('info_emergency', reader);

    for (const number of ['192', '194', '+381117850000', '+381112017485']) expect(text).toContain(number);
  });

  it.each([
    [false, 'cyrillic'],
    [true, 'latin'],
  ] as const)('welcomes in both languages at once, offering 1 and 2 (latin: %s)', (latin, script) => {
    expect(messageTemplate('welcome', { language: 'ru', latin })).toBe(WELCOME[script]);
    expect(messageTemplate('welcome', { language: 'ky', latin })).toBe(WELCOME[script]);
    expect(WELCOME[script]).toMatch(/^1 (Kyrgyzcha|Кыргызча)$/m);
    expect(WELCOME[script]).toMatch(/^2 (Russkiy|Русский)$/m);
  });

  it.each([
    ['cyrillic', ['0 Меню', 'СТОП']],
    ['latin', ['0 Menu', 'STOP']],
  ] as const)(
    'names the menu digit and the stop word in the %s welcome, in one segment',
    (script, keywords) => {
      for (const keyword of keywords) expect(WELCOME[script]).toContain(keyword);
      // Every new number gets it, a flood's first text included: one segment, whatever the script.
      expect(new SegmentedMessage(WELCOME[script]).segmentsCount).toBe(1);
    },
  );
});

describe('renderMessage', () => {
  it('fills the placeholders of a Russian entry confirmation', () => {
    const text = renderMessage(
      'entry_saved',
      { language: 'ru', latin: false },
      { lastDay: '10.06.2026', daysLeft: 56 },
    );

    expect(text).toBe('Въезд сохранён. Последний день: 10.06.2026. Осталось дней: 56.');
  });

  it('fills the placeholders of a Kyrgyz Latin deadline summary', () => {
    const text = renderMessage(
      'deadlines',
      { language: 'ky', latin: true },
      { deadline: '01.09.2027', daysLeft: 3 },
    );

    expect(text).toBe('Jakynky möönöt: 01.09.2027. 3 kün kaldy.');
  });

  it('renders a message without placeholders as it is written', () => {
    expect(renderMessage('language_set', { language: 'ky', latin: false })).toBe('Тил: кыргызча. Меню: 0');
  });

  it('refuses to send a template with a missing value rather than show {lastDay} to a caller', () => {
    expect(() => fillTemplate('Акыркы күн: {lastDay}', {})).toThrow(/lastDay/);
  });
});

describe('the longest placeholder values', () => {
  it('are as long as the dates formatDate writes', () => {
    expect(LONGEST_PLACEHOLDER_VALUES.lastDay).toHaveLength(formatDate('2026-12-31').length);
    expect(formatDate('2026-12-31')).toBe('31.12.2026');
  });
});

describe('dateProblemMessage', () => {
  it.each([
    ['unreadable', 'past', 'date_unreadable'],
    ['unreadable', 'future', 'date_unreadable'],
    ['impossible', 'past', 'date_impossible'],
    ['future', 'past', 'date_future'],
    ['too_old', 'past', 'date_too_old'],
    ['too_old', 'future', 'permit_date_passed'],
    ['future', 'future', 'permit_date_too_far'],
  ] as const)('explains %s in %s mode with %s', (problem, mode, id: CatalogueMessageId) => {
    expect(dateProblemMessage(problem, mode)).toBe(id);
  });
});

/** Words written all in capitals, two letters or more: the keywords a text asks callers to send. */
function capitalWords(text: string): string[] {
  return (text.match(/[\p{L}]+/gu) ?? []).filter(
    (word) => word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase(),
  );
}
