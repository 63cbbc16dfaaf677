// The SMS keyword table and the matcher that reads an incoming message against it.
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz and Russian words below before launch.
// To add a spelling: put it in the right intent, language and script, then run
// `npx vitest run tests/unit/sms` — a test fails if the new word can be confused with another
// intent's word (see docs/keywords.md). Spellings are written the way a caller would type them;
// the matcher folds case, ң/ө/ү, transliterations and doubled letters itself (normalize.ts).
//
// How a message is read (docs/keywords.md has the long version):
// 1. A lone digit is the digit menu.
// 2. Commands that change what we send or hold, or the language (stop, start, delete,
//    confirm_delete, language), act only when the whole message is their exact spelling, with at
//    most the few companion words listed in COMMAND_COMPANIONS ("удалите мои данные", "да удалите",
//    "орусча жазыңыз"). No typo is forgiven in them.
// 3. Otherwise every word of the message is read. Each keyword found anywhere is a candidate, with
//    one typo forgiven in keywords of 4+ letters unless the word typed is a real word listed in
//    NOT_KEYWORDS; READING_ORDER decides between candidates.

import { findDateMentions } from './dates.js';
import { INTENT_ARGUMENT, type Intent, type Language, WHOLE_MESSAGE_INTENTS } from './intents.js';
import { collapseRepeats, foldWord, type MessageToken, tokenize } from './normalize.js';
import { findTopic, type HelpTopic } from './topics/index.js';

export interface Spellings {
  readonly cyrillic?: readonly string[];
  readonly latin?: readonly string[];
}

/** Spellings by the language they are written in; `any` is for words both languages (or English) use. */
export interface KeywordSpellings {
  readonly ky?: Spellings;
  readonly ru?: Spellings;
  readonly any?: Spellings;
  /**
   * Spellings matched only exactly, never with a typo: short words, words one typo from a common
   * word of another meaning (МЕНЮ/мени, КАТТОО/ката, ВЪЕЗД/везде), and words one typo from another
   * intent's word (ВИЗА/ВЪЕЗД, АДАМ/ЖАРДАМ, СРОК/СТОП). Doubled letters are folded anyway, so
   * ЖАШО still finds ЖАШОО. Commands in WHOLE_MESSAGE_INTENTS, `set_exit` and `stop_hint` are
   * exact-only whatever this says.
   */
  readonly exactOnly?: readonly string[];
}

/**
 * A permit to work, or working itself: read before the residence permit ("разрешение на работу" is
 * about work, though РАЗРЕШЕНИЕ alone reads as a permit).
 */
const WORK_PERMIT = {
  ky: {
    cyrillic: ['ИШТӨӨГӨ', 'ИШТӨӨГӨ УРУКСАТ', 'ЖУМУШ УРУКСАТ', 'ЖУМУШ УРУКСАТЫ', 'ЖУМУШКА УРУКСАТ'],
    latin: ['ISHTOOGO', 'JUMUSH URUKSAT', 'JUMUSH URUKSATY', 'ZHUMUSH URUKSATY'],
  },
  ru: {
    cyrillic: ['РАБОТАТЬ', 'РАЗРЕШЕНИЕ НА РАБОТУ', 'РАДНА ДОЗВОЛА'],
    latin: ['RABOTAT', 'RAZRESHENIE NA RABOTU', 'RADNA DOZVOLA'],
  },
} as const;
const WORK_PERMIT_SPELLINGS = [
  ...WORK_PERMIT.ky.cyrillic,
  ...WORK_PERMIT.ky.latin,
  ...WORK_PERMIT.ru.cyrillic,
  ...WORK_PERMIT.ru.latin,
];

export const KEYWORDS: Readonly<Record<Intent, KeywordSpellings>> = {
  menu: {
    // "Who are you?" is answered with the menu, which says what the hotline does.
    ky: {
      cyrillic: ['ЖАРДАМ', 'МААЛЫМАТ', 'КИМСИЗДЕР', 'КАНДАЙ СЛУЖБА'],
      latin: ['JARDAM', 'ZHARDAM', 'DJARDAM', 'MAALYMAT', 'KANDAY SLUZHBA', 'KANDAI SLUZHBA'],
    },
    ru: {
      cyrillic: ['ПОМОЩЬ', 'ПОМОГИТЕ', 'ПОДСКАЖИТЕ', 'КТО ЭТО', 'КТО ВЫ', 'ЧТО ВЫ МОЖЕТЕ', 'ЧТО ЗА НОМЕР'],
      latin: ['POMOSH', 'POMOSHCH', 'POMOGITE', 'PODSKAZHITE'],
    },
    any: { cyrillic: ['МЕНЮ', 'ИНФО'], latin: ['MENU', 'MENYU', 'INFO', 'HELP'] },
    // МЕНЮ is one letter from мени/менин ("me", "my") and MENU from мен ("I").
    exactOnly: ['МЕНЮ', 'ИНФО', 'MENU', 'MENYU', 'INFO', 'HELP', 'КИМСИЗДЕР', 'КТО ЭТО', 'КТО ВЫ'],
  },
  info_registration: {
    ky: {
      cyrillic: ['КАТТОО', 'КАТТООГО', 'КАТТООДОН', 'КАТТАЛУУ', 'КӨЧТҮМ'],
      latin: ['KATTOO', 'KATTOOGO', 'KATTOODON', 'KATTALUU', 'KOCHTUM'],
    },
    ru: {
      // Moving flat means registering again within 24 hours; it is not an exit from Serbia.
      cyrillic: [
        'РЕГИСТРАЦИЯ',
        'БЕЛЫЙ КАРТОН',
        // The Serbian name of the registration paper, as people take it over: bela karta.
        'БЕЛА КАРТА',
        'БЕЛУ КАРТУ',
        'СЪЕХАЛ',
        'СЪЕХАЛА',
        'ПЕРЕЕХАЛ',
        'ПЕРЕЕХАЛА',
        'ПРОПИСКА',
        'ПРОПИСКУ',
      ],
      latin: [
        'REGISTRATSIYA',
        'REGISTRACIYA',
        'BELIY KARTON',
        'BELY KARTON',
        'BELI KARTON',
        'BELA KARTA',
        'BELU KARTU',
        'PROPISKA',
        'PROPISKU',
      ],
    },
    // The Serbian word for the police registration: prijava boravka.
    any: { cyrillic: ['ПРИЯВА', 'ПРИЈАВА', 'ПРИЯВУ'], latin: ['PRIJAVA', 'PRIJAVU', 'PRIYAVA', 'PRIYAVU'] },
    // КАТТОО folds to "kato": one letter from ката, кат, кто.
    exactOnly: [
      'КАТТОО',
      'KATTOO',
      'КАТТООГО',
      'KATTOOGO',
      'КАТТООДОН',
      'KATTOODON',
      'КАТТАЛУУ',
      'KATTALUU',
      'КӨЧТҮМ',
      'KOCHTUM',
      'СЪЕХАЛ',
      'СЪЕХАЛА',
      'ПЕРЕЕХАЛ',
      'ПЕРЕЕХАЛА',
    ],
  },
  info_visa_free: {
    // "чыгып кирсем нөлгө түшөбү": do the days go back to zero?
    ky: { cyrillic: ['ВИЗАСЫЗ', 'НӨЛДӨН', 'НӨЛГӨ'], latin: ['VIZASYZ', 'NOLGO'] },
    ru: {
      cyrillic: ['БЕЗВИЗ', 'БЕЗ ВИЗЫ', 'ОБНУЛЯЮТСЯ', 'ОБНУЛЯЕТСЯ'],
      latin: ['BEZVIZ', 'BEZ VIZY', 'OBNULYAYUTSYA', 'OBNULYAETSYA'],
    },
    any: { cyrillic: ['ВИЗА'], latin: ['VIZA', 'VISA'] },
    // "Do the days start from zero / reset?" is the visa-free rule.
    exactOnly: ['ВИЗА', 'VIZA', 'VISA', 'НӨЛДӨН', 'НӨЛГӨ', 'NOLGO'],
  },
  info_residence: {
    ky: { cyrillic: ['ЖАШОО'], latin: ['JASHOO', 'ZHASHOO'] },
    ru: {
      cyrillic: ['ВНЖ', 'ПРОЖИВАНИЕ', 'ВИД НА ЖИТЕЛЬСТВО'],
      latin: ['VNZH', 'VNJ', 'PROZHIVANIE', 'VID NA ZHITELSTVO'],
    },
    // Boravak with Kyrgyz endings (боравагым "my permit", боравакка), and the single permit in English.
    any: {
      cyrillic: ['БОРАВАК', 'БОРАВАГЫМ', 'БОРАВАГЫ', 'БОРАВАККА'],
      latin: ['BORAVAK', 'BORAVAGYM', 'BORAVAGY', 'BORAVAKKA', 'SINGLE PERMIT'],
    },
    exactOnly: ['ЖАШОО', 'JASHOO', 'ZHASHOO', 'БОРАВАГЫ', 'BORAVAGY'],
  },
  info_work: {
    ky: {
      // "иштесем болобу": may I work (there, without a contract)?
      cyrillic: [
        'ЖУМУШ',
        'АЙЛЫК',
        'ИШТЕСЕМ БОЛОБУ',
        'КЕЛИШИМ',
        'КЕЛИШИМСИЗ',
        'ЭМГЕК КЕЛИШИМИ',
        ...WORK_PERMIT.ky.cyrillic,
      ],
      latin: [
        'JUMUSH',
        'ZHUMUSH',
        'AYLYK',
        'ISHTESEM BOLOBU',
        'KELISHIM',
        'KELISHIMSIZ',
        ...WORK_PERMIT.ky.latin,
      ],
    },
    ru: {
      cyrillic: [
        'РАБОТА',
        'ЗАРПЛАТА',
        'ТРУДОВОЙ ДОГОВОР',
        'РАБОЧИЙ ДОГОВОР',
        'ДОГОВОР',
        ...WORK_PERMIT.ru.cyrillic,
      ],
      latin: ['RABOTA', 'ZARPLATA', 'TRUDOVOY DOGOVOR', 'DOGOVOR', ...WORK_PERMIT.ru.latin],
    },
    // The work-permit words are one letter from каттоого and from the residence permit's: exact only.
    // КЕЛИШИМ is one letter from келишип ("agreeing"), ДОГОВОР from договор-ились.
    exactOnly: [
      'АЙЛЫК',
      'AYLYK',
      'КЕЛИШИМ',
      'KELISHIM',
      'КЕЛИШИМСИЗ',
      'KELISHIMSIZ',
      'ДОГОВОР',
      'DOGOVOR',
      ...WORK_PERMIT_SPELLINGS,
    ],
  },
  info_emergency: {
    ky: {
      // ӨРТ ӨЧҮРГҮЧТӨР: the fire brigade.
      cyrillic: ['ШАШЫЛЫШ', 'ТЕЗ ЖАРДАМ', 'ТЕЗ ЖАРДАМДЫН', 'ПОЛИЦИЯНЫН НОМЕРИ', 'ӨРТ', 'ӨРТ ӨЧҮРГҮЧТӨР'],
      latin: ['SHASHYLYSH', 'TEZ JARDAM', 'POLITSIYANYN NOMERI', 'POLICIYANYN NOMERI', 'ORT OCHURGUCHTOR'],
    },
    ru: {
      cyrillic: [
        'СРОЧНО',
        'СКОРАЯ',
        'СКОРОЙ',
        'СКОРУЮ',
        'НОМЕР ПОЛИЦИИ',
        'ЭКСТРЕННЫЕ НОМЕРА',
        'ПОЖАРНЫЕ',
        'ПОЖАРНОЙ',
        'ПОЖАРНАЯ',
      ],
      latin: [
        'SROCHNO',
        'SKORAYA',
        'SKOROY',
        'NOMER POLITSII',
        'POZHARNOY',
        'POJARNOY',
        'POZHARNAYA',
        'POZHARNYE',
      ],
    },
    any: { cyrillic: ['СОС'], latin: ['SOS'] },
    exactOnly: ['СКОРАЯ', 'СКОРОЙ', 'СКОРУЮ', 'SKORAYA', 'SKOROY'],
  },
  set_entry: {
    ky: {
      cyrillic: ['КИРДИМ', 'КИРДИК', 'КЕЛДИМ', 'КЕЛДИК', 'КИРГЕМ', 'КЕЛГЕМ', 'КЕЛГЕНИМЕ', 'КИРГЕНИМЕ'],
      latin: ['KIRDIM', 'KIRDIK', 'KELDIM', 'KELDIK', 'KIRGEM', 'KELGEM', 'KELGENIME'],
    },
    ru: {
      cyrillic: [
        'ВЪЕЗД',
        'ВЬЕЗД',
        'ВЪЕЗДА',
        'ВЪЕХАЛ',
        'ВЪЕХАЛА',
        'ВЪЕХАЛИ',
        'ПРИЕХАЛ',
        'ПРИЕХАЛА',
        'ПРИЕХАЛИ',
        'ПРИЛЕТЕЛ',
        'ПРИЛЕТЕЛА',
        'ПРИЛЕТЕЛИ',
        'ЗАЕХАЛ',
        'ЗАЕХАЛА',
        'ЗАЕХАЛИ',
        'ПЕРЕСЕК ГРАНИЦУ',
        'ПЕРЕСЕКЛА ГРАНИЦУ',
        'В СЕРБИИ С',
      ],
      latin: [
        'VEZD',
        "V'EZD",
        'VEZDA',
        'PRIEHAL',
        'PRIEKHAL',
        'PRIEHALA',
        'PRIEKHALA',
        'ZAEHAL',
        'ZAEKHAL',
        'V SERBII S',
      ],
    },
    // ВЪЕЗД and ВЪЕХАЛ are one letter from выезд, везде, уехал, съехал; КИРДИК/КЕЛДИК from кирдиң/келдиң
    // ("you came"); КЕЛГЕМ from келген. КИРДИМ, КЕЛДИМ and ПРИЕХАЛ keep their typo (NOT_KEYWORDS
    // lists the real words next to them).
    exactOnly: [
      'ВЪЕЗД',
      'ВЬЕЗД',
      'ВЪЕЗДА',
      'ВЪЕХАЛ',
      'ВЪЕХАЛА',
      'ВЪЕХАЛИ',
      'ЗАЕХАЛ',
      'ЗАЕХАЛА',
      'ЗАЕХАЛИ',
      'VEZD',
      "V'EZD",
      'VEZDA',
      'ZAEHAL',
      'ZAEKHAL',
      'КИРДИК',
      'КЕЛДИК',
      'KIRDIK',
      'KELDIK',
      'КИРГЕМ',
      'КЕЛГЕМ',
      'KIRGEM',
      'KELGEM',
      'КЕЛГЕНИМЕ',
      'КИРГЕНИМЕ',
      'KELGENIME',
      'В СЕРБИИ С',
      'V SERBII S',
    ],
  },
  set_exit: {
    ky: {
      // "I flew home" leaves Serbia too.
      cyrillic: ['ЧЫКТЫМ', 'ЧЫКТЫК', 'ЧЫГЫП КЕТТИМ', 'ЧЫГЫП КЕТТИК', 'УЧУП КЕТТИМ', 'УЧУП КЕТТИК'],
      latin: ['CHYKTYM', 'CHIKTIM', 'CHYKTYK', 'CHYGYP KETTIM', 'UCHUP KETTIM', 'UCHUP KETTIK'],
    },
    ru: {
      cyrillic: ['ВЫЕЗД', 'ВЫЕЗДА', 'ВЫЕХАЛ', 'ВЫЕХАЛА', 'ВЫЕХАЛИ', 'УЕХАЛ', 'УЕХАЛА', 'УЕХАЛИ'],
      // VYEZD is how both ВЫЕЗД and ВЪЕЗД get transliterated: read as an exit, it never saves an entry.
      latin: ['VYEZD', 'VYEHAL', 'VYEKHAL', 'VYEHALA', 'UEHAL', 'UEKHAL', 'UYEHAL', 'UEHALA'],
    },
  },
  set_permit: {
    ky: { cyrillic: ['УРУКСАТ', 'УРУКСАТЫМ'], latin: ['URUKSAT', 'URUKSATYM'] },
    ru: { cyrillic: ['РАЗРЕШЕНИЕ'], latin: ['RAZRESHENIE'] },
    // The Serbian word people take over: (jedinstvena) dozvola.
    any: { cyrillic: ['ДОЗВОЛА', 'ДОЗВОЛУ'], latin: ['DOZVOLA', 'DOZVOLU'] },
  },
  my_deadlines: {
    ky: {
      // "How many days do I have left", "until when can I stay", "when must I leave".
      cyrillic: [
        'МӨӨНӨТ',
        'МӨӨНӨТТӨР',
        'МӨӨНӨТҮМ',
        'МӨӨНӨТҮМДҮ',
        'МӨӨНӨТТҮ',
        'АКЫРКЫ КҮНҮМ',
        'КҮН КАЛДЫ',
        'КҮНҮМ КАЛДЫ',
        'ТУРА АЛАМ',
        'КЕТИШИМ КЕРЕК',
        'ЧЫГЫП КЕТИШИМ',
      ],
      latin: [
        'MOONOT',
        'MÖÖNÖT',
        'MOONOTUM',
        'MOONOTUMDU',
        'AKYRKY KUNUM',
        'KUN KALDY',
        'KUNUM KALDY',
        'TURA ALAM',
        'KETISHIM KEREK',
      ],
    },
    ru: {
      // "When must I leave?" asks for the last day. УЕХАТЬ is one letter from УЕХАЛ (an exit).
      // "сколько дней мне ещё можно здесь находиться", "какой у меня последний день".
      cyrillic: [
        'СРОКИ',
        'СРОК',
        'ОСТАЛОСЬ',
        'ДНЕЙ ОСТАЛОСЬ',
        'ВЫЕЗЖАТЬ',
        'УЕХАТЬ',
        'ДО КАКОГО ЧИСЛА',
        'СКОЛЬКО ДНЕЙ МНЕ',
        'СКОЛЬКО МНЕ ЕЩЕ',
        'МНЕ ЕЩЕ МОЖНО',
        'ПОСЛЕДНИЙ ДЕНЬ',
      ],
      latin: [
        'SROKI',
        'SROK',
        'OSTALOS',
        'DNEY OSTALOS',
        'VYEZZHAT',
        'UEHAT',
        'SKOLKO DNEY MNE',
        'MNE ESHCHE MOZHNO',
        'POSLEDNIY DEN',
      ],
    },
    // TURA ALAM is one letter from "tura adam" (a person), KETISHIM KEREK from "kelishim kerek" (a
    // contract is needed): exact only.
    // МӨӨНӨТТҮ and МӨӨНӨТҮМДҮ are one letter from мүнөттү, мүнөтүмдү ("the minute") and монету.
    exactOnly: [
      'МӨӨНӨТТҮ',
      'МӨӨНӨТҮМДҮ',
      'MOONOTUMDU',
      'СРОК',
      'SROK',
      'ОСТАЛОСЬ',
      'OSTALOS',
      'ВЫЕЗЖАТЬ',
      'УЕХАТЬ',
      'VYEZZHAT',
      'UEHAT',
      'ТУРА АЛАМ',
      'TURA ALAM',
      'КЕТИШИМ КЕРЕК',
      'KETISHIM KEREK',
    ],
  },
  language: {
    ky: { cyrillic: ['ТИЛ'], latin: ['TIL'] },
    ru: { cyrillic: ['ЯЗЫК'], latin: ['YAZYK'] },
  },
  latin: {
    ky: { cyrillic: ['ЛАТЫН', 'ЛАТЫНЧА'], latin: ['LATYN', 'LATYNCHA'] },
    ru: {
      cyrillic: ['ЛАТИНИЦА', 'ЛАТИНИЦЕЙ', 'ТРАНСЛИТ'],
      latin: ['LATINITSA', 'LATINICA', 'LATINITSEY', 'LATINICEY', 'TRANSLIT'],
    },
    any: { latin: ['LATIN'] },
    // ЛАТЫН folds to "latin": one letter from алтын ("gold"), латыш, сатин.
    exactOnly: ['ЛАТЫН', 'LATYN', 'LATIN', 'ЛАТЫНЧА', 'LATYNCHA'],
  },
  stop: {
    ky: { cyrillic: ['ТОКТОТ', 'ТОКТО'], latin: ['TOKTOT', 'TOKTO'] },
    ru: { cyrillic: ['СТОП'] },
    // Twilio's own opt-out words, so our state agrees with Twilio's when it blocks a number.
    any: { latin: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] },
  },
  stop_hint: {
    ky: {
      cyrillic: [
        'ЖАЗБАГЫЛА',
        'ЖАЗБАГЫЛАЧЫ',
        'ЖАЗБАЙ ЭЛЕ КОЙГУЛА',
        'ЖАЗБАЙ ЭЛЕ КОЙГУЛАЧЫ',
        'ЖАЗБАЙ КОЙГУЛА',
        'ЖАЗБАЙ КОЙГУЛАЧЫ',
        'ЖАЗБАЙ ЭЛЕ КОЮҢУЗ',
        'ЖАЗБАҢЫЗ',
        'ЖАЗБАҢЫЗДАР',
        'ЖИБЕРБЕГИЛЕ',
        'ЖИБЕРБЕҢИЗ',
        'ТОКТОТКУЛА',
        'ТОКТОТУҢУЗ',
        'ТОКТОТУҢУЗЧУ',
        'ТОКТОТУП КОЮҢУЗ',
        'ТОКТОТУП КОЮҢУЗЧУ',
        'ТОКТОТУП КОЙГУЛА',
      ],
      latin: [
        'JAZBAGYLA',
        'JAZBAGYLACHY',
        'JAZBANGYZ',
        'JIBERBEGILE',
        'JIBERBENGIZ',
        'TOKTOTKULA',
        'TOKTOTUNGUZ',
        'JAZBAI ELE KOIGULA',
        'ZHAZBAI ELE KOIGULA',
        'JAZBAY ELE KOYGULA',
        'JAZBAI ELE KOIGULACHY',
        'JAZBAI KOIGULA',
        'JAZBAY KOYGULA',
      ],
    },
    ru: {
      cyrillic: [
        'НЕ ПИШИТЕ',
        'НЕ ПИШИ',
        'НЕ ПРИСЫЛАЙТЕ',
        'НЕ ПРИСЫЛАТЬ',
        'НЕ ОТПРАВЛЯЙТЕ',
        'ХВАТИТ ПИСАТЬ',
        'ПЕРЕСТАНЬТЕ ПИСАТЬ',
        'ОТПИШИТЕ',
        'ОТПИСАТЬСЯ',
        'ОТПИСКА',
        // "напоминания керек эмес, отключите": switch the reminders off.
        'ОТКЛЮЧИТЕ',
        'ОТКЛЮЧИТЬ',
      ],
      latin: [
        'NE PISHITE',
        'NE PISHI',
        'NE PRISYLAYTE',
        'NE PRISYLAT',
        'HVATIT PISAT',
        'OTPISHITE',
        'OTPISATSYA',
        'OTPISKA',
        'OTKLYUCHITE',
        'OTKLYUCHIT',
      ],
    },
  },
  start: {
    ky: { cyrillic: ['БАШТА'], latin: ['BASHTA'] },
    ru: { cyrillic: ['СТАРТ'] },
    any: { latin: ['START', 'UNSTOP'] },
  },
  delete: {
    ky: {
      cyrillic: [
        'ӨЧҮР',
        'ӨЧҮРҮҮ',
        'ӨЧҮРҮҢҮЗ',
        'ӨЧҮРГҮЛӨ',
        'ӨЧҮРҮП САЛГЫЛА',
        'ӨЧҮРҮП САЛГЫЛАЧЫ',
        'ӨЧҮРҮП САЛЫҢЫЗ',
        'ӨЧҮРҮП САЛЫҢЫЗЧЫ',
        'ӨЧҮРҮП КОЮҢУЗ',
        'ӨЧҮРҮП КОЮҢУЗЧУ',
        'ӨЧҮРҮП КОЙГУЛА',
        'ӨЧҮРҮП КОЙГУЛАЧЫ',
        // "номеримди базадан алып салгыла": take my number off your list.
        'АЛЫП САЛГЫЛА',
        'АЛЫП САЛЫҢЫЗ',
      ],
      latin: [
        'OCHUR',
        'ÖCHÜR',
        'OCHURUNGUZ',
        'OCHURUNUZ',
        'OCHURGULO',
        'OCHURUP SALGYLA',
        'OCHURUP SALYNGYZ',
        'OCHURUP KOIGULA',
        'OCHURUP KOYGULA',
        'ALYP SALGYLA',
        'ALYP SALYNGYZ',
      ],
    },
    ru: {
      cyrillic: ['УДАЛИТЬ', 'УДАЛИТЕ', 'УДАЛЯЙТЕ'],
      latin: ['UDALIT', 'UDALITE', 'UDALYAITE', 'UDALYAYTE'],
    },
    any: { latin: ['DELETE'] },
  },
  confirm_delete: {
    // ОВА: the colloquial ооба.
    ky: { cyrillic: ['ООБА', 'ОВА'], latin: ['OOBA', 'OVA'] },
    ru: { cyrillic: ['ДА'], latin: ['DA'] },
    any: { latin: ['YES'] },
  },
  person: {
    ky: {
      // "Call me", "is there someone who speaks Kyrgyz", "put me through to the one in charge".
      cyrillic: [
        'АДАМ',
        'ЧАЛЫҢЫЗ',
        'ЧАЛЫП КОЮҢУЗ',
        'ЧАЛЫП КОЮҢУЗЧУ',
        'ЧАЛЫП КОЙГУЛА',
        'ЧАЛЫП КОЙГУЛАЧЫ',
        'ЧАЛЫП КОЙСОЧУ',
        'ЧАЛСАҢЫЗ',
        'ЧАЛСАМ БОЛОБУ',
        'СҮЙЛӨГӨН КИШИ',
        'ЖООПТУУ КИШИ',
        'ЖООПТУУ КИШИГЕ',
      ],
      latin: [
        'ADAM',
        'CHALYNGYZ',
        'CHALYP KOYUNGUZ',
        'CHALYP KOIGULA',
        'CHALYP KOYGULA',
        'CHALYP KOISOCHU',
        'CHALSANGYZ',
        'CHALSAM BOLOBU',
        'SUYLOGON KISHI',
        'SUILOGON KISHI',
      ],
    },
    ru: {
      cyrillic: [
        'ЧЕЛОВЕК',
        'ЧЕЛОВЕКОМ',
        'ПОЗВОНИТЕ',
        'ПЕРЕЗВОНИТЕ',
        'СВЯЖИТЕСЬ',
        'ПОГОВОРИТЬ',
        'ЛИЧНО',
        'СВЯЗАТЬСЯ',
        'СОЕДИНИТЕ',
        'ЮРИСТ',
        'ЮРИСТА',
        'АДВОКАТ',
        'ПЕРЕВОДЧИК',
        'НАБЕРИТЕ МЕНЯ',
        'НАБРАТЬ МЕНЯ',
        'ПОЗВОНИТЬ МНЕ',
      ],
      latin: [
        'CHELOVEK',
        'CHELOVEKOM',
        'POZVONITE',
        'PEREZVONITE',
        'SVYAZHITES',
        'POGOVORIT',
        'LICHNO',
        'SVYAZATSYA',
        'SOEDINITE',
        'YURIST',
        'ADVOKAT',
        'PEREVODCHIK',
      ],
    },
    any: {
      cyrillic: ['ОПЕРАТОР', 'ОПЕРАТОРОМ', 'ВОЛОНТЕР', 'ВОЛОНТЕРОМ'],
      latin: ['OPERATOR', 'OPERATOROM', 'VOLONTER', 'VOLONTEROM'],
    },
    // ПОЗВОНИТЕ is one letter from позвонить ("to call" home, say); ЧАЛЫҢЫЗ from алыңыз, салыңыз
    // ("take", "put") and ЧАЛЫП КОЮҢУЗ from салып коюңуз.
    exactOnly: [
      'АДАМ',
      'ADAM',
      'ПОЗВОНИТЕ',
      'ПЕРЕЗВОНИТЕ',
      'POZVONITE',
      'PEREZVONITE',
      'ЧАЛЫҢЫЗ',
      'ЧАЛЫП КОЮҢУЗ',
      'ЧАЛЫП КОЮҢУЗЧУ',
      'CHALYNGYZ',
      'CHALYP KOYUNGUZ',
      // One letter from салып (put) and from ЛИЧНО's neighbours: exact only.
      'ЧАЛЫП КОЙГУЛА',
      'ЧАЛЫП КОЙГУЛАЧЫ',
      'ЧАЛЫП КОЙСОЧУ',
      'ЧАЛСАҢЫЗ',
      'CHALYP KOIGULA',
      'CHALYP KOYGULA',
      'CHALYP KOISOCHU',
      'CHALSANGYZ',
      'ЧАЛСАМ БОЛОБУ',
      'CHALSAM BOLOBU',
      'ЛИЧНО',
      'LICHNO',
      'ЮРИСТ',
      'YURIST',
    ],
  },
  // Distress texts are read against the topic lexicon (topics/ky.ts, topics/ru.ts), not single keywords.
  help: {},
};

/**
 * Names of a language: the whole message, alone or with ТИЛ/ЯЗЫК and companion words, is the
 * `language` intent with that language as its argument. Keyed by the language named; inside, by
 * the language written in. Matched exactly: common misspellings are listed, not guessed.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, KeywordSpellings>> = {
  ky: {
    ky: {
      cyrillic: ['КЫРГЫЗЧА', 'КЫРГЫЗ ТИЛИНДЕ'],
      latin: ['KYRGYZCHA', 'KIRGIZCHA', 'KYRGYZ TILINDE', 'KIRGIZ TILINDE'],
    },
    ru: {
      cyrillic: [
        'КЫРГЫЗСКИЙ',
        'КИРГИЗСКИЙ',
        'ПО-КЫРГЫЗСКИ',
        'ПО-КИРГИЗСКИ',
        'НА КЫРГЫЗСКОМ',
        'НА КИРГИЗСКОМ',
      ],
      latin: ['KYRGYZSKIY', 'KIRGIZSKIY', 'PO-KYRGYZSKI', 'PO-KIRGIZSKI'],
    },
  },
  ru: {
    ky: { cyrillic: ['ОРУСЧА', 'ОРУС ТИЛИНДЕ'], latin: ['ORUSCHA', 'ORUS TILINDE'] },
    ru: {
      cyrillic: ['РУССКИЙ', 'РУСКИЙ', 'ПО-РУССКИ', 'НА РУССКОМ'],
      latin: ['RUSSKIY', 'RUSKIY', 'RUSSKI', 'PO-RUSSKI', 'NA RUSSKOM'],
    },
  },
};

/**
 * Short codes, accepted only after ТИЛ/ЯЗЫК (`ТИЛ 1`, `ЯЗЫК RU`) or as the answer to the welcome
 * (parseLanguageChoice), never alone as a command.
 */
const LANGUAGE_CODES: Readonly<Record<Language, readonly string[]>> = {
  ky: ['1', 'KY', 'KG', 'KGZ', 'KYRGYZ', 'КЫР', 'КЫРГ', 'КГ', 'КЫРГЫЗ'],
  ru: ['2', 'RU', 'RUS', 'ORUS', 'РУ', 'РУС', 'ОРУС'],
};

/**
 * Words that may stand beside a whole-message command without making it a sentence: "удалите мои
 * данные", "да удалите", "ооба өчүргүлө", "орусча жазыңыз", "пишите по-киргизски". Stop and start
 * have none: "стоп пожалуйста" gets the stop hint instead. A companion alone is no command, and
 * any other word turns the message into an ordinary text. Compared folded.
 */
export const COMMAND_COMPANIONS: Readonly<Partial<Record<Intent, readonly string[]>>> = {
  delete: [
    'мои',
    'мой',
    'мою',
    'моих',
    'все',
    'данные',
    'информацию',
    'меня',
    'пожалуйста',
    'менин',
    'маалыматымды',
    'маалыматты',
    'маалыматтарымды',
    'баарын',
    'бардыгын',
    // "удалите мою информацию из вашей базы", "удалите всё что вы про меня записали",
    // "mojno udalit vse moi dannye", "номеримди базадан алып салгыла", "салам мои данные өчүрүп койгула".
    'обо',
    'мне',
    'из',
    'вашей',
    'базы',
    'базу',
    'базе',
    'что',
    'вы',
    'про',
    'записали',
    'можно',
    'прошу',
    'номер',
    'номеримди',
    'базадан',
    'тизмеден',
    'жана',
    'и',
    'салам',
    'здравствуйте',
    'my',
    'data',
    'all',
    'please',
  ],
  // Any spelling of `delete` may follow the yes as well ("да удалите", "ооба өчүргүлө"), and then
  // the companions of `delete` too ("да удалите всё обо мне").
  confirm_delete: ['пожалуйста', 'please', 'рахмат'],
  language: [
    'жазыңыз',
    'жазыңызчы',
    'жазгыла',
    'жазыңыздар',
    'жазыңыздарчы',
    'жазгылачы',
    'жазсаңыз',
    'жазып',
    'койгулачы',
    'болобу',
    'jazgylachy',
    'jazyngyzdarchy',
    'jazyp',
    'koigulachy',
    'сүйлөңүз',
    'тилде',
    'тилинде',
    'мага',
    'jazyngyz',
    'jazyngyzchy',
    'пишите',
    'напишите',
    'пиши',
    'говорите',
    'пожалуйста',
    'хочу',
    'мне',
    'на',
    'по',
    'языке',
    'языком',
    'можно',
    'а',
    'салам',
    'здравствуйте',
    'please',
  ],
};

/**
 * After a language name, the caller does not read it well: "кыргызча жакшы түшүнбөйм орусча
 * жазыңыз", "орусча түшүнбөйм". That language is turned down, not chosen. Compared folded;
 * `LANGUAGE_DOUBTS` may stand between the name and the refusal, `не` before a Russian verb.
 */
const LANGUAGE_REFUSALS: readonly string[] = [
  'түшүнбөйм',
  'билбейм',
  'окуй албайм',
  'tushunboim',
  'tushunboym',
  'bilbeim',
  'bilbeym',
  'не понимаю',
  'не знаю',
  'не читаю',
  'ne ponimayu',
  'ne znayu',
];
const LANGUAGE_DOUBTS: readonly string[] = [
  'жакшы',
  'анча',
  'окуганды',
  'окуганга',
  'jakshy',
  'ancha',
  'хорошо',
  'плохо',
  'читать',
  'horosho',
  'ploho',
];

/**
 * Stop words that, inside a longer message, ask for the stop hint ("стоп пожалуйста", "stop
 * please"). CANCEL, END and QUIT are left out: in a sentence they are ordinary English.
 */
const STOP_WORDS_IN_A_SENTENCE: readonly string[] = [
  'СТОП',
  'ТОКТОТ',
  'ТОКТО',
  'STOP',
  'TOKTOT',
  'TOKTO',
  'STOPALL',
  'UNSUBSCRIBE',
];

/**
 * The digit menu, valid only when the digit is the whole message (so a date never reads as a
 * menu choice). 1-5 information, 6 deadlines, 7 a person, 8 language, 9 Latin letters, 0 menu.
 */
export const DIGIT_MENU: Readonly<Record<string, Intent>> = {
  '0': 'menu',
  '1': 'info_registration',
  '2': 'info_visa_free',
  '3': 'info_residence',
  '4': 'info_work',
  '5': 'info_emergency',
  '6': 'my_deadlines',
  '7': 'person',
  '8': 'language',
  '9': 'latin',
};

/**
 * Real words one typo from a keyword that mean something else; a typed word on this list is never
 * read as a typo of a keyword (it still matches a keyword it is spelled as). Found by scanning
 * the Kyrgyz and Russian word forms bench/vocabulary-scan.ts uses for real words one typo from a
 * keyword. Compared folded.
 */
export const NOT_KEYWORDS: readonly string[] = [
  // ЖАРДАМ (help): wound, at the cliff, from the cliff, I split, announcement, curtain
  'жарам',
  'жарда',
  'жардан',
  'жардым',
  'жарыям',
  'пардам',
  'бардам',
  'нардам',
  'хардам',
  // ПОМОЩЬ, ПОМОГИТЕ
  'помоешь',
  'помои',
  'помол',
  'помор',
  'помойте',
  'помочите',
  // ПРОЖИВАНИЕ
  'пробивание',
  'прожеванные',
  'прожигание',
  'промывание',
  'пропивание',
  // ЖУМУШ (work), РАБОТА, ЗАРПЛАТА: infection, plucking, closing (eyes), silver, care, robot, patch
  'жугуш',
  'жулуш',
  'жумуп',
  'жумуу',
  'жутуш',
  'жуунуш',
  'жууруш',
  'күмүш',
  'забота',
  'робота',
  'заплата',
  // СРОЧНО
  'прочно',
  'сочно',
  // КИРДИМ, КЕЛДИМ (I entered, I came): I did, I put on, I crashed, I met; калдым "I stayed" and
  // келди/кирди "(someone) came", which must not save the caller's entry date
  'калдым',
  'келди',
  'кирди',
  'кирдиң',
  'келдиң',
  'кездим',
  'кердим',
  'кылдым',
  'кийдим',
  'кийиндим',
  'кирдейм',
  'кирим',
  'кирпим',
  'кыйрадым',
  'кыйрайм',
  'айырдым',
  'кайырдым',
  'сыйырдым',
  // ПРИЕХАЛ: drove past, to come (a plan, not an arrival)
  'проехал',
  'проехала',
  'проехали',
  'приехать',
  // РАЗРЕШЕНИЕ
  'разрушение',
  'разрежение',
  'разращение',
  'развешенные',
  'размешенные',
  // МӨӨНӨТ, МӨӨНӨТТӨР, МӨӨНӨТҮМ (deadline): minute(s), lands, hammer, coins, monitor, I sent
  'мүнөт',
  'мүнөттөр',
  'мүнөтүм',
  'жөнөттүм',
  'конот',
  'жонот',
  'мокот',
  'оңот',
  'тоңот',
  'молот',
  'монет',
  'монитор',
  // СРОКИ: juices, magpies, lines, drains, lessons
  'соки',
  'сороки',
  'строки',
  'стоки',
  'уроки',
  'срой',
  // ЛАТИНИЦА
  'латиниста',
  // ОПЕРАТОР
  'кооператор',
];

/** One place in READING_ORDER. */
export interface ReadingRank {
  readonly intent: Intent;
  /**
   * For date intents: `dated` when the message holds a date, `alone` when the keyword is the whole
   * message (КИРДИМ sent alone asks for the date), `undated` for the keyword inside a sentence
   * without a date. Absent: any.
   */
  readonly when?: 'dated' | 'alone' | 'undated';
  /** What the message is then read as, when not `intent` itself. */
  readonly reads?: Intent;
  /** Only these spellings of `intent` count in this place. */
  readonly spellings?: readonly string[];
}

/** Words for the permit document itself: with a date, its expiry ("ВНЖ до 1 марта 2027"). */
const PERMIT_DOCUMENTS = [
  'ВНЖ',
  'VNZH',
  'VNJ',
  'БОРАВАК',
  'BORAVAK',
  'БОРАВАГЫМ',
  'BORAVAGYM',
  'БОРАВАГЫ',
  'BORAVAGY',
  'SINGLE PERMIT',
  'ВИД НА ЖИТЕЛЬСТВО',
  'VID NA ZHITELSTVO',
];

/**
 * Which keyword wins when a message holds several (after the whole-message commands). First match
 * wins; an intent not listed in a form is not read in that form (КЕЛДИМ inside a sentence with no
 * date is nothing: "мен келдим" is "I am here").
 *
 * - Distress first (topics/index.ts): a text about documents taken, unpaid wages, police,
 *   deportation, violence, health, trafficking or housing gets that topic's help, whatever else it
 *   holds ("полиция остановила а у меня нет регистрации", "адам керек, паспортумду алып коюшту").
 *   The help reply itself offers the person (7). Only the whole-message commands come before it.
 * - A person next: asking for a human is the clearest wish, and a volunteer can do the rest.
 * - Emergency next: СРОЧНО, SOS, ТЕЗ ЖАРДАМ bring the emergency numbers.
 * - The stop hint: someone asking us to stop writing should not get a menu instead.
 * - An exit before an entry, so that an exit verb never saves an entry date.
 * - Dates before information: "приехал 5 марта, какие сроки" saves the date, and the answer says
 *   the last day anyway. A residence word with a date ("ВНЖ до 1 марта 2027") is a permit expiry; a
 *   permit word without one ("уруксат кантип алам") is a question about residence.
 * - Deadlines, then the topics, then Latin letters, then the general menu, the vaguest.
 */
export const READING_ORDER: readonly ReadingRank[] = [
  { intent: 'help' },
  { intent: 'person' },
  { intent: 'info_emergency' },
  { intent: 'stop_hint' },
  { intent: 'set_exit', when: 'dated' },
  { intent: 'set_entry', when: 'dated' },
  { intent: 'set_permit', when: 'dated' },
  { intent: 'info_residence', when: 'dated', reads: 'set_permit', spellings: PERMIT_DOCUMENTS },
  { intent: 'set_exit', when: 'alone' },
  { intent: 'set_entry', when: 'alone' },
  { intent: 'set_permit', when: 'alone' },
  { intent: 'info_work', spellings: WORK_PERMIT_SPELLINGS },
  { intent: 'my_deadlines' },
  { intent: 'info_registration' },
  { intent: 'info_visa_free' },
  { intent: 'info_residence' },
  { intent: 'set_permit', when: 'undated', reads: 'info_residence' },
  // A work word with a date is a plan or a pay day ("зарплата будет 15 числа", "работа стартует с
  // 20 апреля"), not a question about work rights.
  { intent: 'info_work', when: 'undated' },
  { intent: 'latin' },
  { intent: 'menu' },
];

export type KeywordMatch =
  | {
      readonly intent: Intent;
      readonly argument?: string;
      readonly language?: Language;
      /** For `help`: what the text is about. */
      readonly topic?: HelpTopic;
      /**
       * For `confirm_delete`: the yes came with a delete word ("да удалите"). With no erase question
       * pending it is a request to erase, which asks for the yes.
       */
      readonly withDelete?: true;
    }
  | { readonly intent: 'unknown' };

/** One word of a spelling, in both folded forms. */
export interface EntryWord {
  readonly folded: string;
  readonly strict: string;
  /** `strict` with doubled letters collapsed, and how many times each letter is typed. */
  readonly strictLetters: string;
  readonly strictRuns: readonly number[];
}

/** One spelling of the table, folded for matching. */
export interface KeywordEntry {
  readonly intent: Intent;
  readonly spelling: string;
  /** Language the spelling is written in; `any` when it says nothing about the caller's language. */
  readonly writtenIn: Language | 'any';
  readonly script: 'cyrillic' | 'latin';
  /** Folded words of the spelling, joined by spaces (one for most, two for ТЕЗ ЖАРДАМ). */
  readonly folded: string;
  readonly words: readonly EntryWord[];
  readonly wordCount: number;
  readonly typoTolerant: boolean;
  /** For language names: the language they name. */
  readonly names?: Language;
}

/** Keywords of 4+ letters tolerate one typo; shorter ones are too easy to hit by accident. */
export const TYPO_MIN_LETTERS = 4;

/** Intents matched on their exact spellings only. */
const EXACT_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  ...WHOLE_MESSAGE_INTENTS,
  'set_exit',
  'stop_hint',
]);

export const KEYWORD_ENTRIES: readonly KeywordEntry[] = [
  ...Object.entries(KEYWORDS).flatMap(([intent, spellings]) => compile(intent as Intent, spellings)),
  ...Object.entries(LANGUAGE_NAMES).flatMap(([named, spellings]) =>
    compile('language', spellings, named as Language),
  ),
];

const NOT_KEYWORD_SET = new Set(NOT_KEYWORDS.map(foldWord));

/** Entries read anywhere in a message: everything but the whole-message commands. */
const READ_ANYWHERE = KEYWORD_ENTRIES.filter((entry) => !WHOLE_MESSAGE_INTENTS.has(entry.intent));

const ENTRIES_BY_INTENT: ReadonlyMap<Intent, readonly KeywordEntry[]> = groupBy(
  KEYWORD_ENTRIES,
  (entry) => entry.intent,
);
const entriesOf = (intent: Intent): readonly KeywordEntry[] => ENTRIES_BY_INTENT.get(intent) ?? [];

// Indexes of the entries read anywhere, so that a message costs a few lookups a word rather than a
// pass over the whole table: single words by their folded form (exact) and by length (typos).
const SINGLE_WORDS = READ_ANYWHERE.filter((entry) => entry.wordCount === 1);
const PHRASES = READ_ANYWHERE.filter((entry) => entry.wordCount > 1);
const BY_FOLDED: ReadonlyMap<string, readonly KeywordEntry[]> = groupBy(
  SINGLE_WORDS,
  (entry) => entry.folded,
);
const TOLERANT_BY_LENGTH: ReadonlyMap<number, readonly KeywordEntry[]> = groupBy(
  SINGLE_WORDS.filter((entry) => entry.typoTolerant),
  (entry) => entry.folded.length,
);
const STOP_HINT_WORDS = new Set(STOP_WORDS_IN_A_SENTENCE);
const STOP_WORD_ENTRIES = entriesOf('stop').filter((entry) => STOP_HINT_WORDS.has(entry.spelling));
const LANGUAGE_SWITCHES = entriesOf('language').filter((entry) => entry.names === undefined);
const LANGUAGE_NAME_ENTRIES = entriesOf('language').filter((entry) => entry.names !== undefined);
const COMPANIONS: ReadonlyMap<Intent, ReadonlySet<string>> = new Map(
  Object.entries(COMMAND_COMPANIONS).map(([intent, words]) => [
    intent as Intent,
    new Set(words.map(foldWord)),
  ]),
);
const CODE_ENTRIES: readonly {
  readonly language: Language;
  readonly code: MessageToken;
  readonly word: EntryWord;
}[] = (['ky', 'ru'] as const).flatMap((language) =>
  LANGUAGE_CODES[language].flatMap((code) =>
    tokenize(code).map((token) => ({ language, code: token, word: entryWord(token) })),
  ),
);

const UNKNOWN: KeywordMatch = { intent: 'unknown' };

/** Node 20 has no Map.groupBy. */
function groupBy<K, V>(items: readonly V[], key: (item: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * Reads a message: a lone digit is the digit menu; a whole-message command is that command;
 * otherwise the keyword that READING_ORDER puts first among those anywhere in the message, with its
 * argument (the date next to a date keyword). A tie between two intents on the same word is no
 * reading of that word, never a guess.
 */
export function matchKeyword(text: string): KeywordMatch {
  const tokens = tokenize(text);
  const [first] = tokens;
  if (first === undefined) return UNKNOWN;
  if (tokens.every((token) => token.kind === 'number')) {
    const intent = tokens.length === 1 ? DIGIT_MENU[first.folded] : undefined;
    return intent === undefined ? UNKNOWN : { intent };
  }
  return wholeMessageCommand(tokens) ?? readAnywhere(text, tokens);
}

/**
 * Reads a language choice that is the whole message: 1 or 2 (as the welcome message offers), a
 * code (KY, RU, КГ) or a language name (КЫРГЫЗЧА, РУССКИЙ, ОРУСЧА), optionally with ТИЛ/ЯЗЫК and
 * companion words ("орусча жазыңыз"). The conversation layer uses it for the answer to the welcome
 * message, where the digit menu does not apply yet.
 */
export function parseLanguageChoice(text: string): Language | undefined {
  return languageCommand(tokenize(text), true)?.argument;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and swaps of two neighbouring letters each cost one.
 */
export function typoDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const rows = left.length + 1;
  const columns = right.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number): number => distance[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      const swapped =
        row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1];
      if (swapped) best = Math.min(best, at(row - 2, column - 2) + 1);
      distance[row]![column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

// ---------------------------------------------------------------------------------------------------------
// Whole-message commands

function wholeMessageCommand(tokens: readonly MessageToken[]): KeywordMatch | undefined {
  const language = languageCommand(tokens, false);
  if (language !== undefined) {
    const { argument, hint } = language;
    return {
      intent: 'language',
      ...(argument === undefined ? {} : { argument }),
      ...(hint === undefined ? {} : { language: hint }),
    };
  }
  const readings = (['stop', 'start', 'delete', 'confirm_delete'] as const).flatMap((intent) => {
    const cores = entriesOf(intent);
    const extra = intent === 'confirm_delete' ? entriesOf('delete') : [];
    const used = cover(tokens, cores, COMPANIONS.get(intent), extra) ?? yesToDelete(tokens, intent);
    return used === undefined ? [] : [{ intent, used }];
  });
  const [only] = readings;
  if (only === undefined || readings.length > 1) return undefined;
  const hint = languageHint(only.used.entries, only.used.typed);
  return {
    intent: only.intent,
    ...(hint === undefined ? {} : { language: hint }),
    ...(only.intent === 'confirm_delete' && only.used.extraUsed ? { withDelete: true as const } : {}),
  };
}

/** A yes with a delete word and the delete companions: "да удалите всё обо мне". */
function yesToDelete(tokens: readonly MessageToken[], intent: Intent): Cover | undefined {
  if (intent !== 'confirm_delete') return undefined;
  const companions = new Set([
    ...(COMPANIONS.get('confirm_delete') ?? []),
    ...(COMPANIONS.get('delete') ?? []),
  ]);
  const used = cover(tokens, entriesOf('confirm_delete'), companions, entriesOf('delete'));
  return used?.extraUsed ? used : undefined;
}

interface Cover {
  /** Entries that matched at the first core word, for the language hint. */
  readonly entries: readonly KeywordEntry[];
  readonly typed: readonly MessageToken[];
  /** Whether an `extra` spelling was used (a delete word after the yes). */
  readonly extraUsed?: boolean;
}

/**
 * Whether the message is nothing but exact spellings of `cores` (one at least, repeats allowed),
 * `extra` spellings and companion words.
 */
function cover(
  tokens: readonly MessageToken[],
  cores: readonly KeywordEntry[],
  companions: ReadonlySet<string> | undefined,
  extra: readonly KeywordEntry[] = [],
): Cover | undefined {
  let first: Cover | undefined;
  let extraUsed = false;
  let index = 0;
  while (index < tokens.length) {
    const core = longestStrictAt(tokens, index, cores);
    if (core.length > 0) {
      const wordCount = core[0]!.wordCount;
      first ??= { entries: core, typed: tokens.slice(index, index + wordCount) };
      index += wordCount;
      continue;
    }
    const other = longestStrictAt(tokens, index, extra);
    if (other.length > 0) {
      index += other[0]!.wordCount;
      extraUsed = true;
      continue;
    }
    const token = tokens[index]!;
    if (token.kind === 'word' && companions?.has(token.folded)) {
      index += 1;
      continue;
    }
    return undefined;
  }
  return first === undefined ? undefined : { ...first, extraUsed };
}

/**
 * ТИЛ/ЯЗЫК alone (switch to the other language), or a message of ТИЛ/ЯЗЫК, one language named (a
 * name, or a code right after ТИЛ/ЯЗЫК) and companion words. `codesAlone`: a code may stand
 * without ТИЛ/ЯЗЫК (the answer to the welcome).
 */
function languageCommand(
  tokens: readonly MessageToken[],
  codesAlone: boolean,
): { argument?: Language; hint?: Language } | undefined {
  const named = new Set<Language>();
  const refused = new Set<Language>();
  let firstCore: Cover | undefined;
  let afterSwitch = false;
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!;
    const switchWord = longestStrictAt(tokens, index, LANGUAGE_SWITCHES);
    if (switchWord.length > 0) {
      firstCore ??= { entries: switchWord, typed: [token] };
      afterSwitch = true;
      index += 1;
      continue;
    }
    const name = longestStrictAt(tokens, index, LANGUAGE_NAME_ENTRIES);
    if (name.length > 0) {
      const wordCount = name[0]!.wordCount;
      firstCore ??= { entries: name, typed: tokens.slice(index, index + wordCount) };
      const refusal = refusalAt(tokens, index + wordCount);
      for (const entry of name) {
        if (entry.names !== undefined) (refusal === undefined ? named : refused).add(entry.names);
      }
      afterSwitch = false;
      index = refusal ?? index + wordCount;
      continue;
    }
    const code = afterSwitch || codesAlone ? codeOf(token) : undefined;
    if (code !== undefined) {
      named.add(code);
      afterSwitch = false;
      index += 1;
      continue;
    }
    if (token.kind === 'word' && COMPANIONS.get('language')?.has(token.folded)) {
      index += 1;
      continue;
    }
    return undefined;
  }
  // "кыргызча жакшы түшүнбөйм": the other language, unless one is named as well.
  for (const language of refused) {
    if (named.has(language)) return undefined;
    if (named.size === 0 && refused.size === 1) named.add(language === 'ky' ? 'ru' : 'ky');
  }
  if (named.size > 1) return undefined;
  const [argument] = [...named];
  if (firstCore === undefined && argument === undefined) return undefined;
  const hint = firstCore === undefined ? undefined : languageHint(firstCore.entries, firstCore.typed);
  return { ...(argument === undefined ? {} : { argument }), ...(hint === undefined ? {} : { hint }) };
}

const REFUSAL_PHRASES: readonly (readonly string[])[] = LANGUAGE_REFUSALS.map((phrase) =>
  tokenize(phrase).map((token) => token.folded),
);
const DOUBT_WORDS = new Set(LANGUAGE_DOUBTS.map(foldWord));

/** The index after a refusal ("жакшы түшүнбөйм", "не понимаю") starting at `index`, if there is one. */
function refusalAt(tokens: readonly MessageToken[], index: number): number | undefined {
  let at = index;
  while (at < index + 2 && tokens[at] !== undefined && DOUBT_WORDS.has(tokens[at]!.folded)) at += 1;
  for (const phrase of REFUSAL_PHRASES) {
    if (phrase.every((word, offset) => tokens[at + offset]?.folded === word)) return at + phrase.length;
  }
  return undefined;
}

function codeOf(token: MessageToken): Language | undefined {
  const found = CODE_ENTRIES.find(({ code, word }) =>
    token.kind === 'number' || code.kind === 'number'
      ? token.folded === code.folded
      : token.script === code.script && sameStrict(token, word),
  );
  return found?.language;
}

/** Entries whose every word matches the tokens from `index` strictly, longest first. */
function longestStrictAt(
  tokens: readonly MessageToken[],
  index: number,
  entries: readonly KeywordEntry[],
): KeywordEntry[] {
  const matching = entries.filter((entry) =>
    entry.words.every((word, offset) => {
      const token = tokens[index + offset];
      return token?.kind === 'word' && token.script === entry.script && sameStrict(token, word);
    }),
  );
  const longest = Math.max(0, ...matching.map((entry) => entry.wordCount));
  return matching.filter((entry) => entry.wordCount === longest);
}

/**
 * The strict forms spell the same letters, and every letter the spelling doubles is doubled in
 * what was typed too: СТОППП is СТОП and ООБАА is ООБА, but ОБА ("both") is not ООБА.
 */
function sameStrict(token: MessageToken, word: EntryWord): boolean {
  const typed = strictOf(token);
  if (typed.letters !== word.strictLetters) return false;
  return word.strictRuns.every((length, index) => (typed.runs[index] ?? 0) >= length);
}

const STRICT_CACHE = new WeakMap<MessageToken, { letters: string; runs: readonly number[] }>();

function strictOf(token: MessageToken): { letters: string; runs: readonly number[] } {
  let strict = STRICT_CACHE.get(token);
  if (strict === undefined) {
    strict = { letters: collapseRepeats(token.strict), runs: runLengths(token.strict) };
    STRICT_CACHE.set(token, strict);
  }
  return strict;
}

function entryWord(token: MessageToken): EntryWord {
  return {
    folded: token.folded,
    strict: token.strict,
    strictLetters: collapseRepeats(token.strict),
    strictRuns: runLengths(token.strict),
  };
}

function runLengths(word: string): number[] {
  const runs: number[] = [];
  let previous = '';
  for (const char of word) {
    if (char === previous) runs[runs.length - 1]! += 1;
    else runs.push(1);
    previous = char;
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the whole message

interface Hit {
  readonly intent: Intent;
  /** Token indexes of the keyword, first and last. */
  readonly first: number;
  readonly last: number;
  readonly entries: readonly KeywordEntry[];
}

function readAnywhere(text: string, tokens: readonly MessageToken[]): KeywordMatch {
  const hits = hitsIn(tokens);
  const topic = findTopic(tokens);
  if (hits.length === 0 && topic === undefined) return UNKNOWN;
  let mentions: ReturnType<typeof findDateMentions> | undefined;
  const datesIn = () => {
    mentions ??= findDateMentions(text, tokens);
    return mentions;
  };
  for (const rank of READING_ORDER) {
    if (rank.intent === 'help' && topic !== undefined) {
      // A person asked for by name as well ("ADAM айлыгымды бербей жатышат"): the case opens, and
      // the topic goes with it so the help numbers are sent too.
      const person = hits.find((hit) => hit.intent === 'person');
      const language =
        topic.language ??
        (person ? languageHint(person.entries, tokens.slice(person.first, person.last + 1)) : undefined);
      return {
        intent: person ? 'person' : 'help',
        topic: topic.topic,
        ...(language ? { language } : {}),
      };
    }
    for (const hit of hits) {
      if (hit.intent !== rank.intent || !fits(rank, hit, tokens, datesIn)) continue;
      const intent = rank.reads ?? rank.intent;
      const argument =
        INTENT_ARGUMENT[intent] === 'date' ? dateArgument(text, tokens, hit, datesIn(), hits) : undefined;
      const language = languageHint(hit.entries, tokens.slice(hit.first, hit.last + 1));
      return {
        intent,
        ...(argument === undefined ? {} : { argument }),
        ...(language === undefined ? {} : { language }),
      };
    }
  }
  return UNKNOWN;
}

function fits(
  rank: ReadingRank,
  hit: Hit,
  tokens: readonly MessageToken[],
  datesIn: () => readonly { start: number; end: number }[],
): boolean {
  const { spellings } = rank;
  if (spellings !== undefined && !hit.entries.some((entry) => spellings.includes(entry.spelling)))
    return false;
  switch (rank.when) {
    case undefined:
      return true;
    case 'alone':
      return hit.first === 0 && hit.last === tokens.length - 1;
    case 'dated':
      return datesIn().length > 0;
    case 'undated':
      return datesIn().length === 0;
  }
}

/** Every keyword in the message, at most one reading per position. */
function hitsIn(tokens: readonly MessageToken[]): Hit[] {
  const hits: Hit[] = [];
  const someoneElse = aboutSomeoneElse(tokens);
  let everydayUntil = -1;
  tokens.forEach((token, index) => {
    if (token.kind === 'number' && isVisaFreeCount(tokens, index)) {
      hits.push({ intent: 'info_visa_free', first: index, last: index, entries: [] });
    }
    if (token.kind !== 'word') return;
    const everyday = EVERYDAY_PHRASES.find((phrase) =>
      phrase.every((word, offset) => tokens[index + offset]?.folded === word),
    );
    if (everyday !== undefined) everydayUntil = index + everyday.length - 1;
    const best = index <= everydayUntil ? [] : bestAt(tokens, index);
    const [chosen] = best;
    const personless =
      someoneElse &&
      chosen !== undefined &&
      PERSONLESS_VERB_INTENTS.has(chosen.intent) &&
      best.every((entry) => entry.writtenIn === 'ru');
    if (chosen !== undefined && !personless && best.every((candidate) => sameMeaning(candidate, chosen))) {
      hits.push({ intent: chosen.intent, first: index, last: index + chosen.wordCount - 1, entries: best });
    }
    // СТОП inside a longer message: not a stop, but a request for the stop hint.
    const stopWord = longestStrictAt(tokens, index, STOP_WORD_ENTRIES);
    if (stopWord.length > 0) hits.push({ intent: 'stop_hint', first: index, last: index, entries: stopWord });
  });
  return hits;
}

/**
 * Everyday phrases that hold a keyword without asking for it: "агама жардам бердим" (I helped my
 * brother) is no call for help. The keyword inside one is not read. Folded, exact.
 */
const EVERYDAY_PHRASES: readonly (readonly string[])[] = [
  'ЖАРДАМ БЕРДИМ',
  'ЖАРДАМ БЕРДИК',
  'ЖАРДАМ БЕРДИ',
  'ЖАРДАМ БЕРЕМ',
  'ЖАРДАМ БЕРИП',
  'ЖАРДАМ БЕРГЕМ',
  'JARDAM BERDIM',
  'JARDAM BERDIK',
  'JARDAM BERDI',
  'JARDAM BEREM',
].map((phrase) => tokenize(phrase).map((token) => token.folded));

/**
 * A Russian past tense (приехал, уехал) does not say who: with a third person named and none of
 * я/мы/мне/меня, the date is someone else's ("марат приехал 12 марта посчитайте ему", "брат уехал
 * 5 марта"). Kyrgyz verbs carry the person (келдим is "I came", келди someone else: NOT_KEYWORDS).
 */
const PERSONLESS_VERB_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['set_entry', 'set_exit']);
const THIRD_PERSON = new Set(
  [
    'он',
    'она',
    'они',
    'ему',
    'ей',
    'им',
    // Not нее: folded, it is не.
    'него',
    'нему',
    'ним',
    'брат',
    'брата',
    'брату',
    'сестра',
    'сестру',
    'сестре',
    'друг',
    'друга',
    'другу',
    'подруга',
    'подругу',
    'жена',
    'жену',
    'муж',
    'мужа',
    'мужу',
    'сын',
    'сына',
    'сыну',
    'дочь',
    'отец',
    'мать',
    'мама',
    'папа',
    'земляк',
    'товарищ',
  ].map(foldWord),
);
const FIRST_PERSON = new Set(['я', 'мы', 'мне', 'меня', 'нам', 'нас', 'ya'].map(foldWord));

function aboutSomeoneElse(tokens: readonly MessageToken[]): boolean {
  const words = tokens.filter((token) => token.kind === 'word').map((token) => token.folded);
  return words.some((word) => THIRD_PERSON.has(word)) && !words.some((word) => FIRST_PERSON.has(word));
}

/** Day units after 90: "90 дней", "90 күн", "90 kun", "90 days". */
const DAY_UNIT_WORDS = new Set(['дней', 'дня', 'день', 'күн', 'күндүн', 'dney', 'days'].map(foldWord));

/** "90 дней из 180", "90/180", "как считаются 90 дней", "90 күн бүтүп калса": the visa-free rule. */
function isVisaFreeCount(tokens: readonly MessageToken[], index: number): boolean {
  if (tokens[index]?.folded !== '90') return false;
  const next = tokens[index + 1];
  if (next?.kind === 'word' && DAY_UNIT_WORDS.has(next.folded)) return true;
  return tokens.some((token) => token.kind === 'number' && token.folded === '180');
}

/** The keywords at `index`: exact before typo, then the longest phrase. */
function bestAt(tokens: readonly MessageToken[], index: number): KeywordEntry[] {
  const token = tokens[index]!;
  const refused = NOT_KEYWORD_SET.has(token.folded);
  const candidates: { entry: KeywordEntry; distance: number }[] = [];
  for (const entry of BY_FOLDED.get(token.folded) ?? []) candidates.push({ entry, distance: 0 });
  if (!refused) {
    const { length } = token.folded;
    for (const size of [length - 1, length, length + 1]) {
      for (const entry of TOLERANT_BY_LENGTH.get(size) ?? []) {
        if (isOneTypoApart(token.folded, entry.folded)) candidates.push({ entry, distance: 1 });
      }
    }
  }
  for (const entry of PHRASES) {
    // One typo in a phrase leaves its first word exact or one typo away.
    const first = entry.words[0]!.folded;
    const opens =
      token.folded === first || (entry.typoTolerant && !refused && isOneTypoApart(token.folded, first));
    if (!opens) continue;
    const words = tokens.slice(index, index + entry.wordCount);
    if (words.length < entry.wordCount || words.some((word) => word.kind !== 'word')) continue;
    const phrase = words.map((word) => word.folded).join(' ');
    const distance = phraseDistance(
      phrase,
      entry,
      words.some((word) => NOT_KEYWORD_SET.has(word.folded)),
    );
    if (distance <= 1) candidates.push({ entry, distance });
  }
  // "5 человек", "3 адам": people counted, not a person asked for.
  const afterNumber = tokens[index - 1]?.kind === 'number';
  const fitting = afterNumber ? candidates.filter(({ entry }) => entry.intent !== 'person') : candidates;
  const closest = Math.min(...fitting.map((candidate) => candidate.distance));
  const atClosest = fitting.filter((candidate) => candidate.distance === closest);
  const longest = Math.max(...atClosest.map((candidate) => candidate.entry.wordCount));
  return atClosest.filter((candidate) => candidate.entry.wordCount === longest).map(({ entry }) => entry);
}

function phraseDistance(phrase: string, entry: KeywordEntry, refused: boolean): number {
  if (phrase === entry.folded) return 0;
  return entry.typoTolerant && !refused && isOneTypoApart(phrase, entry.folded)
    ? 1
    : Number.POSITIVE_INFINITY;
}

/**
 * The date next to a date keyword, as typed: from the keyword to the end of the first date after
 * it ("приехал в сербию 5 марта" → "в сербию 5 марта"), or else the last date before it, Kyrgyz
 * verb-final ("мен 12.03 келдим" → "12.03"). A Kyrgyz verb takes the date just before it first (at
 * most two words between), and so does every verb when a text with several date verbs opens with a
 * date: each verb's date is the one before it ("20-февралда чыгып кеттим 15-мартта келдим": the exit
 * is 20-февралда).
 */
function dateArgument(
  text: string,
  tokens: readonly MessageToken[],
  hit: Hit,
  mentions: readonly { start: number; end: number }[],
  hits: readonly Hit[],
): string | undefined {
  const keywordStart = tokens[hit.first]!.start;
  const keywordEnd = tokens[hit.last]!.end;
  const dateVerbs = hits.filter((other) => DATE_VERB_INTENTS.has(other.intent));
  const [firstVerb] = dateVerbs;
  const [firstMention] = mentions;
  const previousVerb = dateVerbs.filter((other) => other.last < hit.first).at(-1);
  // Kyrgyz puts the verb last ("8-мартта келдим 20сында айлык алам": the 20th is pay day).
  const before = mentions.filter((mention) => mention.end <= keywordStart).at(-1);
  // "сербияга 8-мартта келдим": at most two words, and no comma or full stop, between the date and
  // a Kyrgyz verb ("туулган күнүм 12-май, келдим 8-мартта" came on 8 March).
  const close =
    before !== undefined &&
    !/[,.;!?]/.test(text.slice(before.end, keywordStart)) &&
    tokens.filter((token) => token.start >= before.end && token.end <= keywordStart).length <= 2;
  const kyrgyzVerb = close && hit.entries.every((entry) => entry.writtenIn === 'ky');
  const verbLast =
    kyrgyzVerb ||
    (dateVerbs.length > 1 &&
      firstVerb !== undefined &&
      firstMention !== undefined &&
      firstMention.start < tokens[firstVerb.first]!.start);
  const beforeOwn =
    before !== undefined && (previousVerb === undefined || before.start >= tokens[previousVerb.last]!.end);
  if (verbLast && beforeOwn) return text.slice(before.start, keywordStart).trim();
  const after = mentions.find((mention) => mention.start >= keywordEnd);
  const next = tokens[hit.last + 1];
  if (after !== undefined && next !== undefined) return text.slice(next.start, after.end).trim();
  return before === undefined ? undefined : text.slice(before.start, keywordStart).trim();
}

const DATE_VERB_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['set_entry', 'set_exit', 'set_permit']);

/**
 * Same answer as `typoDistance(a, b) === 1` for different strings, in one pass: this runs for
 * every keyword on every word of every message, the full table only in tests.
 */
function isOneTypoApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let index = 0;
  while (index < shorter.length && shorter[index] === longer[index]) index += 1;
  if (shorter.length !== longer.length) return shorter.slice(index) === longer.slice(index + 1);
  if (shorter.slice(index + 1) === longer.slice(index + 1)) return true;
  const swapped = shorter[index] === longer[index + 1] && shorter[index + 1] === longer[index];
  return swapped && shorter.slice(index + 2) === longer.slice(index + 2);
}

function sameMeaning(a: KeywordEntry, b: KeywordEntry): boolean {
  return a.intent === b.intent && a.names === b.names;
}

/**
 * The caller's language, when the words they typed belong to one language only. A Cyrillic
 * message is judged by Cyrillic spellings (СТОП is Russian) and a Latin one by Latin spellings
 * (STOP is English, so no hint).
 */
function languageHint(
  entries: readonly KeywordEntry[],
  typed: readonly MessageToken[],
): Language | undefined {
  const typedScript = typed.some((token) => /\p{Script=Cyrillic}/u.test(token.raw)) ? 'cyrillic' : 'latin';
  const sameScript = entries.filter((entry) => entry.script === typedScript);
  const judged = sameScript.length > 0 ? sameScript : entries;
  const languages = new Set(judged.map((entry) => entry.writtenIn));
  const [only] = [...languages];
  return languages.size === 1 && only !== 'any' ? only : undefined;
}

function compile(intent: Intent, spellings: KeywordSpellings, names?: Language): KeywordEntry[] {
  const exactOnly = new Set(spellings.exactOnly ?? []);
  const languages = ['ky', 'ru', 'any'] as const;
  return languages.flatMap((writtenIn) => {
    const byScript = spellings[writtenIn];
    const scripts = [
      ['cyrillic', byScript?.cyrillic ?? []],
      ['latin', byScript?.latin ?? []],
    ] as const;
    return scripts.flatMap(([script, written]) =>
      written.map((spelling): KeywordEntry => {
        const words = tokenize(spelling).map(entryWord);
        const folded = words.map((word) => word.folded).join(' ');
        const typoTolerant =
          !EXACT_INTENTS.has(intent) &&
          !exactOnly.has(spelling) &&
          folded.replace(/ /g, '').length >= TYPO_MIN_LETTERS;
        return {
          intent,
          spelling,
          writtenIn,
          script,
          folded,
          words,
          wordCount: words.length,
          typoTolerant,
          ...(names === undefined ? {} : { names }),
        };
      }),
    );
  });
}
