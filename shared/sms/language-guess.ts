// Guesses the language of a first message so the welcome and first reply can be in it. A guess,
// not a choice: the caller can always switch with ТИЛ / ЯЗЫК or the digit 8.

import type { Language } from './intents.js';
import { matchKeyword } from './keywords.js';
import { tokenize } from './normalize.js';

/** ң, ө, ү and the look-alikes other keyboards offer for them exist only in Kyrgyz here. */
const KYRGYZ_LETTERS = /[ңҢөӨүҮӊӉҥҤӧӦұҰӱӰ]/u;

/** Letters Kyrgyz uses only inside Russian loanwords, so on their own they point to Russian. */
const RUSSIAN_ONLY_LETTERS = /[щЩъЪ]/u;

/**
 * Everyday words that mark one language, compared as folded words (normalize.ts), so Latin
 * spellings count too. Only words the other language does not also use.
 */
const KYRGYZ_WORDS: readonly string[] = [
  'салам',
  'саламатсызбы',
  'рахмат',
  'ооба',
  'жок',
  'мен',
  'сен',
  'сиз',
  'биз',
  'эмне',
  'кантип',
  'кандай',
  'качан',
  'кайда',
  'керек',
  'барбы',
  'жана',
  'менен',
  'үчүн',
  'мага',
  'сага',
  'жакшы',
  'болот',
  'эмес',
  'иштеймин',
  'жумуш',
  'айлык',
  'акча',
  'кирдим',
  'келдим',
  // Words Kyrgyz texters on Serbian SIMs use most (NATIVE SPEAKERS SHOULD REVIEW): pronouns, the
  // auxiliaries of the present (жатат "is doing"), "say", "do", "now", "but", "was left".
  'мени',
  'менин',
  'бизди',
  'бизге',
  'жатат',
  'жатам',
  'жатабыз',
  'жатышат',
  'кылам',
  'кылат',
  'кылабыз',
  'дейт',
  'деп',
  'дешти',
  'азыр',
  'бирок',
  'калды',
  'калдым',
  'бербей',
  'бербейт',
  'жардам',
  'салам',
  'ушул',
  'бул',
  'эмнеге',
  'кантсем',
  'керекпи',
];

const RUSSIAN_WORDS: readonly string[] = [
  'здравствуйте',
  'привет',
  'спасибо',
  'пожалуйста',
  'нет',
  'что',
  'как',
  'где',
  'когда',
  'мне',
  'меня',
  'это',
  'нужно',
  'надо',
  'можно',
  'хочу',
  'помогите',
  'работа',
  'работаю',
  'деньги',
  'зарплата',
  'есть',
  'если',
  'или',
  'почему',
  'нас',
  'нам',
  'уже',
  'сейчас',
  'делать',
  'говорит',
  'сказали',
  'пожалуйста',
  'не',
];

const KYRGYZ_FOLDED = foldedSet(KYRGYZ_WORDS);
const RUSSIAN_FOLDED = foldedSet(RUSSIAN_WORDS);

/**
 * Kyrgyz letters or a Kyrgyz keyword (or help-topic words, topics/) → ky; a Russian one → ru; then
 * whichever language has more of its everyday words; then Russian-only letters → ru; then a +996
 * number → ky. The words come before the number: Kyrgyz texters on Serbian (+381) SIMs are many.
 * `from` may be E.164 or Twilio's `whatsapp:+996...`.
 */
export function guessLanguage(text: string, from?: string): Language | undefined {
  if (KYRGYZ_LETTERS.test(text)) return 'ky';
  const match = matchKeyword(text);
  if (match.intent !== 'unknown' && match.language !== undefined) return match.language;

  const words = tokenize(text).filter((token) => token.kind === 'word');
  const kyrgyzWords = words.filter((word) => KYRGYZ_FOLDED.has(word.folded)).length;
  const russianWords = words.filter((word) => RUSSIAN_FOLDED.has(word.folded)).length;
  if (kyrgyzWords > russianWords) return 'ky';
  if (russianWords > kyrgyzWords) return 'ru';

  if (RUSSIAN_ONLY_LETTERS.test(text)) return 'ru';
  if (from !== undefined && /^(?:[a-z]+:)?\+996/i.test(from.trim())) return 'ky';
  return undefined;
}

function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.flatMap((word) => tokenize(word).map((token) => token.folded)));
}
