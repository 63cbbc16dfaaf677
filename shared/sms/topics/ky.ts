// Kyrgyz help-topic lexicon. NATIVE SPEAKERS SHOULD REVIEW every stem before launch (docs/keywords.md,
// "Open questions for reviewers"): they were written by a non-native author.
//
// Format: types.ts (`TopicRule`). Keep stems precise: before adding one, count the forms of
// ../shared/data/vocabulary/ky-words.txt it hits (docs/keywords.md, "Help topics") and require a
// second word when it is greedy. Russian loanwords Kyrgyz texters use (паспорт, полиция, хозяин) are
// written here with Kyrgyz verbs; the Russian file has the Russian verbs.

import type { TopicLexicon } from './types.js';

/** Verbs of taking or keeping back: алып коюшту, алып алды, жыйнап алды, бербей жатат, жоготуп алдым, уурдап кетишти. */
const TAKEN = 'алып_кой|алып_ал|алышты|алды$|жыйна|бербе|бербей|бериш|кармап|жогот|забра|уурда|уурдал';
/** Who hits, or whom (or strangers: бир нече адам келип уруп кетишти): the hitting verbs alone are one folding away from barking. */
const SOMEONE =
  'хозяин|кожоюн|бригадир|начальник|мастер|күйөөм|мени$|бизди$|бизди|мага$|адам$|адамдар|бирөө|кишилер';
/** Not paying: бербей жатат, беришпейт, берибей, төлөбөй. */
const NOT_PAID = 'бербе|беришпе|берибе|төлөбө|толобо|төлөшпө|кармап';

export const ky: TopicLexicon = {
  cyrillic: {
    // Gravest first is decided in index.ts (TOPIC_ORDER), not here.
    // Every verb here also lives in everyday phrases (басып чыгарба "do not print", жаза кетирбе "make no
    // mistake", оозун бекитип "shutting their mouth"): each needs whom or where.
    trafficking: [
      'бекитип бизди|мени$|коюш|салыш',
      // "бизди кулпулап коюп иштетип жатат": locked in; кулпула alone is locking a door.
      'кулпула бизди|мени$|иштет',
      'камап',
      'кетирбе иштен|жумуштан|бизди|мени$',
      'чыгарба бизди|мени$|жумуштан|сыртка|эшикке',
      'алдап_алып',
      'акчасыз|акысыз иштет',
      'паспорт иштетип',
      'заперл',
      // Debt bondage: "you owe, work it off"; a middleman keeping the wages; "when I say I'll leave…".
      'карыз|карызың|карызы иштеп|иште|иштет|бер$',
      'посредник|ортомчу айлык|айлыг|акча|акчам',
      'кетем_десе|кетебиз_десе|кетейин_десе паспорт|полиц|карыз|коркут|бербе|кое_бер',
      'чыгарбай_жатыш',
    ],
    // ур- "hit" folds like үр- "bark" (ит үрдү, "the dog barked"): it needs who hits or whom.
    violence: [
      'сабаш',
      'сабап',
      'сабады',
      'сабайт',
      `урду$|урат$|уруп|урушту$|урушат$|токмокто|тепти$|тебишти|тепкиле ${SOMEONE}`,
    ],
    deportation: [
      'депорт',
      'чыгарып_жибер сербиядан|өлкөдөн|полиц|кагаз',
      'чыгарып_жиберебиз',
      // "a paper saying leave Serbia in 7 days"; an entry ban (запрет) at the airport.
      // Told to leave, the country and not a dorm or flat ("жатаканадан чыгып кет дешти" is housing).
      'чыгып_кет деген|дешти|кагаз|кагазы !үйдөн|квартирадан|жатаканадан|батирден|жумуштан',
      // "полиция 7 кундун ичинде сербиядан чыгып кет деди".
      'чыгып_кет$|чыгып_кеткиле деди$|деп$|дейт$|айтты !үйдөн|квартирадан|жатаканадан|батирден|жумуштан',
      // A refused permit and an order to leave: "отказ беришти ... выезжайте".
      'отказ выезжайте|уезжайте|чыгып_кет',
      'запрет',
    ],
    documents: [
      `паспорт|документ|дакумент ${TAKEN}`,
      // The passport "stayed with" the boss: паспортум бригадирде калды.
      'паспорт|документ|дакумент бригадирде|хозяинде|кожоюнда|кожоюнумда|начальникте',
    ],
    police: [
      'полиц|милиц|мент кармад|кармап|кармаш|алып_кет|алып_бар|токтот|участок',
      'участок отур',
      // Someone held there: "күйөөм полицияда отурат".
      'полицияда|милицияда|участокто отур|жатат|камал|кармал',
    ],
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
      // Bleeding that does not stop; a cut or broken hand or foot.
      'кан$ токтобо|токтобой|агып|агат|токтобойт',
      'колум|бутум|манжам|башым кесип|кесилип|сындыр',
    ],
    housing: [
      // кууп alone folds like küp / kup: it needs its verb (кууп жиберди, кууп чыгышты).
      'кууп$ жибер|чыгыш|чыкт|чыгар',
      'үйсүз',
      'көчөдө_кал',
      'үйдөн|квартирадан|жатаканадан|батирден чыгарып|чыгарышты|выгна|чыгып_кет',
      'жатаканага|үйгө|квартирага киргизбе',
      'жатарга|жатар|барар|жатканга жер$ жок$',
      'бара_турган жер$',
      'көчөдө укта|уктап|жатам|жатабыз',
      'ключ|ачкыч бербе|бербей|алып',
    ],
    wages: [
      `айлык|айлыг|акча|акчам|акчабыз|акчаны|зарплат|маяна ${NOT_PAID}`,
      // Wages cut: "акымды кыскартып салды".
      'айлык|айлыг|акы|акча|зарплат|маяна кыскарт|азайт|кемит',
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
