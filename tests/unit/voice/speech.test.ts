import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AudioId, fragments, isFragmentId, prompts } from '../../../shared/voice/prompts.js';
import {
  composeDate,
  composeDeadlineSpeech,
  composeNumber,
  composePrompt,
  russianPlural,
  type SpeechSegment,
  UnspeakableInputError,
} from '../../../shared/voice/speech.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** What a Kyrgyz caller hears, as the fragments' texts joined. */
function heard(segments: readonly SpeechSegment[]): string {
  return segments
    .map((segment) => {
      if (segment.kind !== 'play') throw new Error(`Kyrgyz speech must be recordings, got: ${segment.text}`);
      if (!isFragmentId(segment.promptId)) throw new Error(`not a fragment: ${segment.promptId}`);
      return fragments[segment.promptId].text;
    })
    .join(' ');
}

function said(segments: readonly SpeechSegment[]): string {
  expect(segments).toHaveLength(1);
  const [segment] = segments;
  if (segment?.kind !== 'say') throw new Error('Russian speech must be one <Say>');
  expect(segment.language).toBe('ru-RU');
  return segment.text;
}

describe('Kyrgyz numbers', () => {
  it.each([
    [0, 'нөл'],
    [1, 'бир'],
    [2, 'эки'],
    [5, 'беш'],
    [11, 'он бир'],
    [21, 'жыйырма бир'],
    [27, 'жыйырма жети'],
    [90, 'токсон'],
    [100, 'жүз'],
    [180, 'жүз сексен'],
    [305, 'үч жүз беш'],
    [1991, 'миң тогуз жүз токсон бир'],
    [2026, 'эки миң жыйырма алты'],
  ])('speaks %i as "%s" from unit, ten, hundred and thousand fragments', (n, words) => {
    // Act
    const segments = composeNumber('ky', n);

    // Assess
    expect(heard(segments)).toBe(words);
  });

  it('plays each fragment from its own audio file', () => {
    // Act
    const segments = composeNumber('ky', 27);

    // Assess
    expect(segments).toEqual([
      { kind: 'play', promptId: 'num_20', audio: 'prompts/audio/ky/num_20.wav' },
      { kind: 'play', promptId: 'num_7', audio: 'prompts/audio/ky/num_7.wav' },
    ]);
  });

  it('refuses numbers it cannot speak rather than saying something wrong', () => {
    // Prepare
    const inputs = [-1, 2.5, 10_000, Number.NaN];

    // Act
    const compose = (n: number) => () => composeNumber('ky', n);

    // Assess
    for (const n of inputs) expect(compose(n), String(n)).toThrow(UnspeakableInputError);
  });
});

describe('Russian numbers', () => {
  it('hands the number to <Say> as digits', () => {
    // Act
    const text = said(composeNumber('ru', 27));

    // Assess
    expect(text).toBe('27');
  });

  it.each([
    [0, 'дней'],
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [14, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [27, 'дней'],
    [100, 'дней'],
    [101, 'день'],
    [111, 'дней'],
    [122, 'дня'],
    [180, 'дней'],
  ])('says %i %s', (n, form) => {
    // Act
    const chosen = russianPlural(n, ['день', 'дня', 'дней']);

    // Assess
    expect(chosen).toBe(form);
  });
});

describe('dates read back to the caller', () => {
  it.each([
    ['2026-03-05', 'бешинчи март эки миң жыйырма алтынчы жыл'],
    ['2026-03-10', 'онунчу март эки миң жыйырма алтынчы жыл'],
    ['2020-01-20', 'жыйырманчы январь эки миң жыйырманчы жыл'],
    ['2027-12-31', 'отуз биринчи декабрь эки миң жыйырма жетинчи жыл'],
  ])('speaks %s in Kyrgyz as "%s" with ordinal day and year', (date, words) => {
    // Act
    const segments = composeDate('ky', date);

    // Assess
    expect(heard(segments)).toBe(words);
  });

  it('leaves the year out in Kyrgyz when asked to', () => {
    // Act
    const segments = composeDate('ky', '2026-11-02', { withYear: false });

    // Assess
    expect(heard(segments)).toBe('экинчи ноябрь');
  });

  it('speaks a date in Russian with the month in the genitive', () => {
    // Act
    const texts = [
      said(composeDate('ru', '2026-03-05')),
      said(composeDate('ru', '2026-05-01', { withYear: false })),
    ];

    // Assess
    expect(texts).toEqual(['5 марта 2026 года', '1 мая']);
  });

  it('refuses strings that are not calendar dates', () => {
    // Prepare
    const inputs = ['2026-02-30', '2026-13-01', '12.03.2026', '2026-3-1', ''];

    // Act
    const compose = (date: string) => () => composeDate('ky', date);

    // Assess
    for (const date of inputs) expect(compose(date), date).toThrow(UnspeakableInputError);
  });
});

describe('deadline speech', () => {
  it('tells a Kyrgyz caller the end date and the days left, all from recordings', () => {
    // Act
    const segments = composeDeadlineSpeech('ky', { deadline: '2026-03-12', daysLeft: 27 });

    // Assess
    expect(segments.every((segment) => segment.kind === 'play')).toBe(true);
    expect(heard(segments)).toBe('Сербияда болуу мөөнөтүңүз он экинчи мартта бүтөт жыйырма жети күн калды');
  });

  it('tells a Russian caller "12 марта, осталось 27 дней", the count an SMS gives', () => {
    // Act
    const text = said(composeDeadlineSpeech('ru', { deadline: '2026-03-12', daysLeft: 27 }));

    // Assess
    expect(text).toBe('Ваш срок пребывания в Сербии заканчивается 12 марта, осталось 27 дней.');
  });

  it.each([
    [3, 'осталось 3 дня'],
    [5, 'осталось 5 дней'],
    [11, 'осталось 11 дней'],
    [21, 'осталось 21 день'],
    [100, 'осталось 100 дней'],
    [180, 'осталось 180 дней'],
  ])('agrees the Russian noun with %i days left', (daysLeft, phrase) => {
    // Act
    const text = said(composeDeadlineSpeech('ru', { deadline: '2026-12-31', daysLeft }));

    // Assess
    expect(text).toContain(`31 декабря, ${phrase}.`);
  });

  it('says today, tomorrow and yesterday on the last day, the day before it and the day after', () => {
    // Prepare: 1 day left is the last day itself (SMS: "1 күн калды").
    const deadline = '2026-03-12';

    // Act
    const ky = [1, 2, 0].map((daysLeft) => heard(composeDeadlineSpeech('ky', { deadline, daysLeft })));
    const ru = [1, 2, 0].map((daysLeft) => said(composeDeadlineSpeech('ru', { deadline, daysLeft })));

    // Assess
    expect(ky).toEqual([
      'Сербияда болуу мөөнөтүңүз бүгүн он экинчи мартта бүтөт',
      'Сербияда болуу мөөнөтүңүз эртең он экинчи мартта бүтөт',
      'Сербияда болуу мөөнөтүңүз кечээ он экинчи мартта бүттү',
    ]);
    expect(ru).toEqual([
      'Ваш срок пребывания в Сербии заканчивается сегодня, 12 марта.',
      'Ваш срок пребывания в Сербии заканчивается завтра, 12 марта.',
      'Ваш срок пребывания в Сербии закончился вчера, 12 марта.',
    ]);
  });

  it('says how many days ago a passed deadline ended', () => {
    // Prepare
    // Three days after the last day: -2 days "left" as an SMS counts them.
    const input = { deadline: '2026-03-12', daysLeft: -2 };

    // Act
    const ky = heard(composeDeadlineSpeech('ky', input));
    const ru = said(composeDeadlineSpeech('ru', input));

    // Assess
    expect(ky).toBe('Сербияда болуу мөөнөтүңүз он экинчи мартта бүттү үч күн мурун');
    expect(ru).toBe('Ваш срок пребывания в Сербии закончился 12 марта, 3 дня назад.');
  });

  it('names the year only when the deadline falls in another year than today', () => {
    // Prepare
    const nextYear = { deadline: '2027-01-10', daysLeft: 20 };
    const thisYear = { deadline: '2027-01-10', daysLeft: 5 };

    // Act
    const ky = heard(composeDeadlineSpeech('ky', nextYear));
    const ru = said(composeDeadlineSpeech('ru', nextYear));
    const kyThisYear = heard(composeDeadlineSpeech('ky', thisYear));

    // Assess
    expect(ky).toBe(
      'Сербияда болуу мөөнөтүңүз эки миң жыйырма жетинчи жылы онунчу январда бүтөт жыйырма күн калды',
    );
    expect(ru).toBe('Ваш срок пребывания в Сербии заканчивается 10 января 2027 года, осталось 20 дней.');
    expect(kyThisYear).not.toContain('жыл');
  });

  it('refuses a day count that is not a whole number', () => {
    // Act
    const compose = () => composeDeadlineSpeech('ru', { deadline: '2026-03-12', daysLeft: 1.5 });

    // Assess
    expect(compose).toThrow(UnspeakableInputError);
  });

  it('only ever plays fragments that exist in the manifest and on disk', () => {
    // Prepare
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const seen = new Set<AudioId>();

    // Act
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 1200 }), (deadline, daysLeft) => {
        const segments = [
          ...composeDeadlineSpeech('ky', { deadline, daysLeft }),
          ...composeDate('ky', deadline),
          ...composeNumber('ky', Math.abs(daysLeft)),
        ];
        for (const segment of segments) {
          if (segment.kind !== 'play') return false;
          if (!isFragmentId(segment.promptId)) return false;
          if (fragments[segment.promptId].audio !== segment.audio) return false;
          seen.add(segment.promptId);
        }
        return true;
      }),
      { numRuns: 500 },
    );
    const missingFiles = [...seen].filter(
      (id) => !isFragmentId(id) || !existsSync(resolve(ROOT, fragments[id].audio)),
    );

    // Assess
    expect(seen.size).toBeGreaterThan(40);
    expect(missingFiles).toEqual([]);
  });
});

describe('whole prompts', () => {
  it('plays the Kyrgyz recording and lets <Say> read the Russian text', () => {
    // Act
    const ky = composePrompt('ky', 'greeting');
    const ru = composePrompt('ru', 'greeting');

    // Assess
    expect(ky).toEqual([{ kind: 'play', promptId: 'greeting', audio: 'prompts/audio/ky/greeting.wav' }]);
    expect(ru).toEqual([{ kind: 'say', text: prompts.greeting.ru.text, language: 'ru-RU' }]);
  });
});
