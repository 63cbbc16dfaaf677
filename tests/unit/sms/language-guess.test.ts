import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../../shared/sms/language-guess.js';

describe('guessLanguage', () => {
  it.each([
    ['Мага жардам керек, айлык төлөнбөй жатат'],
    ['саламатсызбы, күндү айтыңызчы'],
    ['жаңы'],
    ['ӨЧҮР'],
  ])('reads Kyrgyz from the letters ң ө ү in %j', (text) => {
    expect(guessLanguage(text, '+381641234567')).toBe('ky');
  });

  it.each([['ЖАРДАМ'], ['jardam'], ['КИРДИМ 12.03'], ['toktot']])(
    'reads Kyrgyz from the Kyrgyz keyword %j',
    (text) => {
      expect(guessLanguage(text, '+79161234567')).toBe('ky');
    },
  );

  it.each([['ПОМОЩЬ'], ['pomosh'], ['въезд 12 марта'], ['СТОП']])(
    'reads Russian from the Russian keyword %j, even from a Kyrgyz number',
    (text) => {
      expect(guessLanguage(text, '+996555123456')).toBe('ru');
    },
  );

  it.each([
    ['Здравствуйте, мне нужно узнать про документы'],
    ['privet, chto delat'],
    ['объявление'],
    ['ещё'],
  ])('reads Russian from Russian words or letters in %j', (text) => {
    expect(guessLanguage(text, '+996555123456')).toBe('ru');
  });

  it.each([['салам, кандай?'], ['rahmat'], ['мен иштеймин']])(
    'reads Kyrgyz from everyday Kyrgyz words without special letters in %j',
    (text) => {
      expect(guessLanguage(text, '+381641234567')).toBe('ky');
    },
  );

  it.each([['+996555123456'], ['whatsapp:+996555123456'], [' +996700000000']])(
    'falls back to Kyrgyz for the Kyrgyz number %j',
    (from) => {
      expect(guessLanguage('STOP', from)).toBe('ky');
    },
  );

  it.each([
    ['STOP', '+381641234567'],
    ['1', '+79161234567'],
    ['🙂', undefined],
    ['', '+381641234567'],
  ])('makes no guess for %j from %j', (text, from) => {
    expect(guessLanguage(text, from)).toBeUndefined();
  });
});
