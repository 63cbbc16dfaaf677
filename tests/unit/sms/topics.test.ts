import { describe, expect, it } from 'vitest';
import { matchKeyword } from '../../../shared/sms/keywords.js';
import { tokenize } from '../../../shared/sms/normalize.js';
import { findTopic, HELP_TOPICS, TOPIC_ORDER, TOPIC_RULES } from '../../../shared/sms/topics/index.js';

// A handful per topic, in Kyrgyz and Russian, Cyrillic and Latin. Written apart from the corpus
// (tests/fixtures/messages/corpus.json), so they also check that the stems reach beyond it.
const CASES: readonly (readonly [string, string])[] = [
  // documents
  ['кожоюн паспортумду алып койду', 'documents'],
  ['pasportumdu jyinap alyshty', 'documents'],
  ['начальник отобрал паспорт', 'documents'],
  ['dokumenty zabrali ne otdayut', 'documents'],
  // wages
  ['эки айдан бери айлыгымды бербей жатат', 'wages'],
  ['aylygymdy tolobo jatat', 'wages'],
  ['третий месяц не платят', 'wages'],
  ['zarplatu ne platyat', 'wages'],
  // police
  ['досумду полиция кармап кетти', 'police'],
  ['militsiya karmady', 'police'],
  ['мужа задержала полиция', 'police'],
  ['menya zaderzhali na ulitse', 'police'],
  // deportation
  ['депортация кылабыз деп коркутту', 'deportation'],
  ['deportatsiya kylam deyt', 'deportation'],
  ['грозят выслать из страны', 'deportation'],
  ['menya deportiruyut', 'deportation'],
  // violence
  ['бригадир бизди сабады', 'violence'],
  ['hozyain meni urdu', 'violence'],
  ['на улице избили брата', 'violence'],
  ['nas izbili', 'violence'],
  // health
  ['бутум сынып калды', 'health'],
  ['oorup kaldym doktor kerek', 'health'],
  ['на стройке сломал руку', 'health'],
  ['nuzhen vrach srochno', 'health'],
  // trafficking
  ['бизди бекитип коюшту', 'trafficking'],
  ['bizdi kamap koyushtu', 'trafficking'],
  ['заперли в общежитии и не выпускают', 'trafficking'],
  ['zastavlyayut rabotat za dolg', 'trafficking'],
  // housing
  ['квартирадан кууп жиберишти', 'housing'],
  ['kvartiradan kuup chygyshty', 'housing'],
  ['хозяйка выгнала, ночевать негде', 'housing'],
  ['nas vygnali iz obshchagi', 'housing'],
  // Added with the second fresh corpus (fresh-2026-12b.json), written apart from its texts.
  ['кечээ документтеримди уурдап кетишти', 'documents'],
  ['у брата пропал паспорт', 'documents'],
  ['бригадир собрал паспорта у всех', 'documents'],
  ['айлыгымды эки эсе кыскартып салды', 'wages'],
  ['агам милицияда отурат', 'police'],
  ['сербиядан чыгып кет деп айтты', 'deportation'],
  ['начальник сказал что нас выгонят из страны', 'deportation'],
  ['на стройке на нас напали', 'violence'],
  ['бригадир мени тепти', 'violence'],
  ['бутум кесилип кан токтобой жатат', 'health'],
  ['давление поднялось голова кружится', 'health'],
  ['бизди кулпулап иштетип жатат', 'trafficking'],
  ['кетебиз десек паспортту бербейт', 'trafficking'],
  ['сплю на вокзале третий день', 'housing'],
  ['жатаканадан чыгып кет дешти', 'housing'],
];

describe('the help-topic lexicon', () => {
  it.each(CASES)('reads %j as help with %s', (text, topic) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'help', topic });
  });

  it('has rules for every topic in both languages, and an order over all of them', () => {
    expect([...TOPIC_ORDER].sort()).toEqual([...HELP_TOPICS].sort());
    for (const topic of HELP_TOPICS) {
      for (const language of ['ky', 'ru'] as const) {
        expect(TOPIC_RULES.some((rule) => rule.topic === topic && rule.language === language)).toBe(true);
      }
    }
  });

  it('puts the graver topic first when a text has two', () => {
    expect(findTopic(tokenize('паспортту алып иштетип жатат, кетем десем коркутат'))?.topic).toBe(
      'trafficking',
    );
    expect(findTopic(tokenize('хозяин говорит вызовет полицию и меня депортируют'))?.topic).toBe(
      'deportation',
    );
  });

  it('says which language the words are in when only one language’s rules match', () => {
    expect(findTopic(tokenize('полиция кармады'))?.language).toBe('ky');
    expect(findTopic(tokenize('меня задержала полиция'))?.language).toBe('ru');
  });

  it.each([
    ['айлык качан берилет'],
    ['паспорт алып келиш керекпи'],
    ['басып чыгарбайт'],
    ['ит үрдү'],
    ['я побыл в сербии 80 дней'],
    ['жаза кетирбе'],
    ['орусча жазыңыз'],
    ['kup kaldi'],
    ['полицияда каттоо'],
    ['какая зарплата на стройке'],
    ['эшикти кулпулап кой'],
    ['ночью разбил чашку'],
    ['давление в шинах'],
  ])('reads the everyday text %j as no help topic', (text) => {
    expect(findTopic(tokenize(text))).toBeUndefined();
  });

  it('does not fire a rule when one of its `!` stems is in the text', () => {
    expect(findTopic(tokenize('сербиядан чыгып кет дешти'))?.topic).toBe('deportation');
    expect(findTopic(tokenize('квартирадан чыгып кет дешти'))?.topic).toBe('housing');
  });

  it('still lets a whole-message command through: СТОП is a stop, not help', () => {
    expect(matchKeyword('СТОП').intent).toBe('stop');
  });

  it('opens a case, with the topic, when a person is asked for in the same text', () => {
    expect(matchKeyword('ADAM айлыгымды бербей жатышат')).toMatchObject({ intent: 'person', topic: 'wages' });
  });
});
