import { describe, expect, it } from 'vitest';
import { choicesIn } from '../../../shared/conversation/choices.js';
import {
  fillTemplate,
  LONGEST_PLACEHOLDER_VALUES,
  MESSAGE_IDS,
  type MessageId,
  messageTemplate,
  type Reader,
  renderMessage,
  WELCOME,
} from '../../../shared/messages/catalogue.js';

const READERS: readonly Reader[] = [
  { language: 'ky', latin: false },
  { language: 'ky', latin: true },
  { language: 'ru', latin: false },
  { language: 'ru', latin: true },
];

const describeReader = (reader: Reader) => `${reader.language}${reader.latin ? ' latin' : ' cyrillic'}`;

/** The messages that list numbered keys to type: the menu and the bilingual welcome. */
const OFFERING_CHOICES: ReadonlySet<MessageId> = new Set<MessageId>(['menu', 'welcome']);

/**
 * The counts a reply fills in (days left, days of a stay) as small numbers too, so that a count standing
 * before a word ("1 күн калды") beside a key in the text would show up. Dates stay dates.
 */
const SMALL_COUNTS = [
  { ...LONGEST_PLACEHOLDER_VALUES, daysLeft: '1', days: '2' },
  { ...LONGEST_PLACEHOLDER_VALUES, daysLeft: '2', days: '1' },
];

const ORDINARY = MESSAGE_IDS.filter((id) => !OFFERING_CHOICES.has(id));

describe('choicesIn', () => {
  it.each(READERS.map((reader) => [describeReader(reader), reader] as const))(
    'offers the nine menu keys in the %s menu',
    (_, reader) => {
      expect(choicesIn(renderMessage('menu', reader))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    },
  );

  it.each(['cyrillic', 'latin'] as const)('offers the two language keys in the %s welcome', (script) => {
    expect(choicesIn(WELCOME[script])).toEqual(['1', '2']);
  });

  it('reads the welcome the catalogue renders the same as the WELCOME text', () => {
    expect(choicesIn(renderMessage('welcome', { language: 'ru', latin: true }))).toEqual(['1', '2']);
  });

  it('excludes only messages that are not ordinary replies from the ordinary list', () => {
    // Guards the list below: if a new message offers keys, it must be added to OFFERING_CHOICES on purpose.
    expect(ORDINARY.length).toBe(MESSAGE_IDS.length - OFFERING_CHOICES.size);
    expect(ORDINARY.length).toBeGreaterThan(40);
  });

  for (const reader of READERS) {
    it.each(ORDINARY)(`offers no choices in the ordinary reply %s (${describeReader(reader)})`, (id) => {
      const template = messageTemplate(id, reader);
      expect(choicesIn(fillTemplate(template, LONGEST_PLACEHOLDER_VALUES))).toBeUndefined();
      for (const values of SMALL_COUNTS) expect(choicesIn(fillTemplate(template, values))).toBeUndefined();
    });
  }

  it.each(['за 24 часа', '1 раз в день', 'ВЪЕЗД 12.03', 'KIRDIM 12.03.2026', 'Оператор: 7'])(
    'offers no choices in the plain text %j',
    (text) => {
      expect(choicesIn(text)).toBeUndefined();
    },
  );

  it('offers keys only from 1 up to the first gap', () => {
    expect(choicesIn('1 Да\n2 Нет\n4 Позже')).toEqual(['1', '2']);
    expect(choicesIn('2 Нет\n3 Позже')).toBeUndefined();
  });
});
