// Kyrgyz help-topic lexicon. NATIVE SPEAKERS SHOULD REVIEW every stem before launch (docs/keywords.md,
// "Open questions for reviewers"): they were written by a non-native author.
//
// Format: types.ts (`TopicRule`). Keep stems precise: before adding one, count the forms of
// ../shared/data/vocabulary/ky-words.txt it hits (docs/keywords.md, "Help topics") and require a
// second word when it is greedy. Russian loanwords Kyrgyz texters use (паспорт, полиция, хозяин) are
// written here with Kyrgyz verbs; the Russian file has the Russian verbs.

import type { TopicLexicon } from './types.js';

/** Verbs of taking or keeping back: алып коюшту, алып алды, жыйнап алды, бербей жатат, жоготуп алдым. */
const TAKEN = 'алып_кой|алып_ал|алышты|алды$|жыйна|бербе|бербей|бериш|кармап|жогот|забра';
/** Who hits, or whom: the hitting verbs alone are one folding away from barking. */
const SOMEONE = 'хозяин|кожоюн|бригадир|начальник|күйөөм|мени$|бизди$|бизди|мага$';
/** Not paying: бербей жатат, беришпейт, берибей, төлөбөй. */
const NOT_PAID = 'бербе|беришпе|берибе|төлөбө|толобо|төлөшпө|кармап';

export const ky: TopicLexicon = {
  cyrillic: {
    // Gravest first is decided in index.ts (TOPIC_ORDER), not here.
    // Every verb here also lives in everyday phrases (басып чыгарба "do not print", жаза кетирбе "make no
    // mistake", оозун бекитип "shutting their mouth"): each needs whom or where.
    trafficking: [
      'бекитип бизди|мени$|коюш|салыш',
      'камап',
      'кетирбе иштен|жумуштан|бизди|мени$',
      'чыгарба бизди|мени$|жумуштан|сыртка',
      'алдап_алып',
      'акчасыз|акысыз иштет',
      'паспорт иштетип',
      'заперл',
      // Debt bondage: "you owe, work it off"; a middleman keeping the wages; "when I say I'll leave…".
      'карыз|карызың|карызы иштеп|иште|иштет|бер$',
      'посредник|ортомчу айлык|айлыг|акча|акчам',
      'кетем_десем паспорт|полиц|карыз|коркут|бербе|кое_бер',
      'чыгарбай_жатыш',
    ],
    // ур- "hit" folds like үр- "bark" (ит үрдү, "the dog barked"): it needs who hits or whom.
    violence: ['сабаш', 'сабап', 'сабады', `урду$|урат$|уруп|урушту$|урушат$|токмокто ${SOMEONE}`],
    deportation: [
      'депорт',
      'чыгарып_жибер сербиядан|өлкөдөн|полиц|кагаз',
      'чыгарып_жиберебиз',
      // "a paper saying leave Serbia in 7 days"; an entry ban (запрет) at the airport.
      'чыгып_кет деген|дешти|кагаз|кагазы',
      'запрет',
    ],
    documents: [
      `паспорт|документ|дакумент ${TAKEN}`,
      // The passport "stayed with" the boss: паспортум бригадирде калды.
      'паспорт|документ|дакумент бригадирде|хозяинде|кожоюнда|кожоюнумда|начальникте',
    ],
    police: ['полиц|милиц|мент кармад|кармап|кармаш|алып_кет|алып_бар|токтот|участок', 'участок отур'],
    health: [
      'ооруп',
      'оорукана',
      'ооруйт',
      'ооруса',
      'оорудум',
      'сынып_кал',
      'жыгылып',
      'температур',
      'доктор|врач керек',
      'диабет',
      'дары бүт|жок|керек|кайда',
    ],
    housing: [
      // кууп alone folds like küp / kup: it needs its verb (кууп жиберди, кууп чыгышты).
      'кууп$ жибер|чыгыш|чыкт|чыгар',
      'үйсүз',
      'көчөдө_кал',
      'үйдөн|квартирадан|жатаканадан чыгарып|чыгарышты|выгна',
      'жатаканага|үйгө|квартирага киргизбе',
      'жатарга|жатар|барар|жатканга жер$ жок$',
      'бара_турган жер$',
      'көчөдө укта|уктап|жатам|жатабыз',
      'ключ|ачкыч бербе|бербей|алып',
    ],
    wages: [
      `айлык|айлыг|акча|акчам|акчабыз|акчаны|зарплат|маяна ${NOT_PAID}`,
      // "paid only half", "has not paid yet", "no wages for 3 months".
      'айлык|айлыг|акча|акчаны|зарплат жарымын|жарым|бере_элек|берген_жок',
      'зарплат|айлык жок$',
    ],
  },
  latin: {
    // "beribei atat": a dropped ж (жатат) is common in Latin texts; the verb stem is enough.
    wages: ['ailik|aylyk|akcha berbei|beribei|berbey|toloboi|tolobo'],
    police: ['policiya|politsiya|militsiya karmady|karmap'],
  },
};
