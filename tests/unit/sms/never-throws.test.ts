import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../shared/sms/dates.js';
import { INTENTS } from '../../../shared/sms/intents.js';
import { matchKeyword, parseLanguageChoice } from '../../../shared/sms/keywords.js';
import { guessLanguage } from '../../../shared/sms/language-guess.js';
import { normalizeText } from '../../../shared/sms/normalize.js';

/** Longest body Twilio delivers. */
const MAX_BODY = 1600;

const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: MAX_BODY,
});
const anyCodePoints = fc.string({ unit: 'binary', maxLength: MAX_BODY });
const phoneLike = fc.string({ unit: 'grapheme', maxLength: MAX_BODY });
/** Keywords, dates and noise glued together, so the matcher's deeper paths run too. */
const keywordSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'ЖАРДАМ',
        'кирдим',
        'СТОП',
        'тез',
        'жардам',
        'тил',
        '12.03',
        '29.02',
        'марта',
        '0',
        '😀',
        '\u0000',
      ),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(' ').slice(0, MAX_BODY));

const KNOWN_OUTCOMES = new Set<string>([...INTENTS, 'unknown']);

describe('the SMS language layer on arbitrary input', () => {
  it.each([
    ['any UTF-16, lone surrogates included', anyUtf16],
    ['any code points, control characters included', anyCodePoints],
    ['printable graphemes, emoji included', phoneLike],
    ['keywords mixed with noise', keywordSoup],
  ])('never throws on %s, up to 1,600 characters', (_, texts) => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(KNOWN_OUTCOMES.has(matchKeyword(text).intent)).toBe(true);
        expect(typeof normalizeText(text)).toBe('string');
        expect([undefined, 'ky', 'ru']).toContain(parseLanguageChoice(text));
        expect([undefined, 'ky', 'ru']).toContain(guessLanguage(text, text));
        for (const mode of ['past', 'future'] as const) {
          const parsed = parseDate(text, '2026-04-15', mode);
          expect(typeof parsed.ok).toBe('boolean');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads a full 1,600-character message of repeated keywords as that keyword', () => {
    const body = 'ЖАРДАМ '.repeat(Math.floor(MAX_BODY / 7));

    const match = matchKeyword(body);

    expect(match.intent).toBe('menu');
  });
});
