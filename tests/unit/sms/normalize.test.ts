import { describe, expect, it } from 'vitest';
import { foldWord, normalizeText, tokenize } from '../../../shared/sms/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['JARDAM'],
    ['jardam'],
    ['zhardam'],
    ['Zhardam'],
    ['djardam'],
    ['dzhardam'],
    ['жардам'],
    ['ЖАРДАМ'],
    ['ЖАРДАМ!!'],
    ['  ...жардам???  '],
    ['Жардаам'],
    ['ЖАРДАМ😀'],
  ])('folds %j to the same canonical form as жардам', (typed) => {
    expect(normalizeText(typed)).toBe('jardam');
  });

  it.each([
    ['мөөнөт', 'monot'],
    ['моонот', 'monot'],
    ['möönöt', 'monot'],
    ['МӨӨНӨТ', 'monot'],
    ['жаңы', 'jani'],
    ['үчүн', 'učun'],
    ['учун', 'učun'],
    ['ӨЧҮР', 'očur'],
    ['ochur', 'očur'],
  ])('folds the Kyrgyz letters ң ө ү in %j onto н о у', (typed, folded) => {
    expect(normalizeText(typed)).toBe(folded);
  });

  it.each([
    ['ПОМОЩЬ', 'pomoš'],
    ['pomosh', 'pomoš'],
    ['pomoshch', 'pomoš'],
    ['pomosch', 'pomoš'],
    ['въезд', 'vezd'],
    ["v'ezd", 'vezd'],
    ['v’ezd', 'vezd'],
    ['ВЬЕЗД', 'vezd'],
    ['регистрация', 'registratsia'],
    ['registratsiya', 'registratsia'],
    ['registraciya', 'registratsia'],
    ['КЫРГЫЗЧА', 'kirgizča'],
    ['kyrgyzcha', 'kirgizča'],
    ['Kırgızça', 'kirgizča'],
    ['МААЛЫМАТ', 'malimat'],
    ['maalimat', 'malimat'],
  ])('folds the transliteration %j to %j', (typed, folded) => {
    expect(normalizeText(typed)).toBe(folded);
  });

  it('reads Latin sch inside a word as с + ч, so ORUSCHA is орусча and not the illness word ооруша', () => {
    expect(normalizeText('ORUSCHA')).toBe(normalizeText('орусча'));
    expect(normalizeText('ORUSCHA')).not.toBe(normalizeText('ооруша'));
    expect(normalizeText('schet')).toBe(normalizeText('счет'));
  });

  it('keeps a strict form where ы is not и and doubled letters stay, for destructive commands', () => {
    const [tyl, til, oba, ooba] = tokenize('тыл тил оба ооба');

    expect(tyl?.strict).not.toBe(til?.strict);
    expect(tyl?.folded).toBe(til?.folded);
    expect(oba?.strict).toBe('oba');
    expect(ooba?.strict).toBe('ooba');
  });

  it('says which alphabet a word is typed in, look-alikes included', () => {
    expect(tokenize('CTOП stop ΓΕΙΑ 12').map((token) => token.script)).toEqual([
      'cyrillic',
      'latin',
      'other',
      'other',
    ]);
  });

  it.each([
    ['CTOП', 'stop'],
    ['СТОП', 'stop'],
    ['ST0P', 'stop'],
    ['ЖAPДAM', 'jardam'],
    ['T0KT0T', 'toktot'],
    ['РА3РЕШЕНИЕ', 'razrešenie'],
    ['Ｓｔｏｐ', 'stop'],
  ])('reads look-alike letters and digits inside %j as the letter they imitate', (typed, folded) => {
    expect(normalizeText(typed)).toBe(folded);
  });

  it('reads a word finished in Cyrillic after a Latin start as transliteration, not look-alikes', () => {
    expect(normalizeText('pomoщь')).toBe('pomoš');
  });

  it('separates words and numbers with single spaces and drops punctuation', () => {
    expect(normalizeText('  КИРДИМ,12.03.2026!! ')).toBe('kirdim 12 03 2026');
  });

  it('splits a keyword glued to its date', () => {
    expect(normalizeText('кирдим12.03')).toBe('kirdim 12 03');
  });

  it('reads a keycap emoji digit as the digit', () => {
    expect(normalizeText('1\uFE0F\u20E3')).toBe('1');
  });

  it('treats emoji, control characters and lone surrogates as separators', () => {
    expect(normalizeText('\u0000стоп\u0007🙂\uD800ok\u200B')).toBe('stop ok');
  });

  it('keeps letters of other alphabets as they are, lower-cased', () => {
    expect(normalizeText('مرحبا ΓΕΙΑ')).toBe('مرحبا γεια');
  });

  it('returns an empty string for a message with no letters or digits', () => {
    expect(normalizeText('?!… 🙏🙏')).toBe('');
  });
});

describe('tokenize', () => {
  it('keeps each token with its offsets in the original text', () => {
    const text = 'Кирдим: 12 марта';

    const tokens = tokenize(text);

    expect(tokens.map((token) => [token.raw, token.kind, token.start, token.end])).toEqual([
      ['Кирдим', 'word', 0, 6],
      ['12', 'number', 8, 10],
      ['марта', 'word', 11, 16],
    ]);
  });

  it('counts offsets in UTF-16 units so emoji before a word do not shift it', () => {
    const tokens = tokenize('😀😀 стоп');

    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.start).toBe(5);
  });
});

describe('foldWord', () => {
  it('joins the parts of a word the tokenizer would split', () => {
    expect(foldWord('V.E.Z.D')).toBe('vezd');
  });
});
