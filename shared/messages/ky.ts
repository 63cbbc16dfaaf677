// Kyrgyz SMS texts, Cyrillic. NATIVE SPEAKERS SHOULD REVIEW before launch: these were written
// by a non-native author and every sentence needs a Kyrgyz speaker's eye.
//
// How an NGO edits a text: change the string, keep every {placeholder} it has, keep the keywords
// in CAPITALS spelled as in shared/sms/keywords.ts, then run `npx vitest run tests/unit/messages`
// (budgets, placeholders, keywords) and `npx tsx scripts/catalogue-report.ts` (segment counts).
// Cyrillic SMS: 70 characters fit one segment, 67 per segment when longer. Every segment is paid.
// A phone may be read by an employer: plain, kind, discreet wording; no alarm words.
// Legal facts come from docs/legal-sources.md (verify with a legal partner before changing).

import type { Catalogue } from './catalogue.js';

export const ky: Catalogue = {
  menu: '1 Каттоо\n2 Визасыз 90 күн\n3 Уруксат, ВНЖ\n4 Жумуш\n5 SOS, телефондор\n6 Мөөнөттөр\n7 Оператор\n8 Тил 9 Латын\nКИРДИМ 12.03 - кирген күн',
  info_registration:
    'Каттоо: киргенден же дарек алмашкандан кийин 24 сааттын ичинде полицияда катталуу керек (белый картон). Мейманкана, хостел өзү каттайт, жеке үй ээси - сиз менен бирге. Акысыз. Ар бир киргенде кайра.',
  info_visa_free:
    'Визасыз Сербияда каалаган 180 күндүн ичинде 90 күнгө чейин болсо болот. Чыгып кайра кирсеңиз да эсеп нөлдөн башталбайт. Биз этият эсептейбиз. Жазыңыз: КИРДИМ 12.03.2026 - алдын ала эскертебиз.',
  info_residence:
    'Бирдиктүү уруксат (ВНЖ + жумуш): арыз онлайн, жооп 15 күндө, мөөнөтү 3 жылга чейин, жоопту Сербияда күтсө болот. Узартуу: бүтөрдөн 3 ай мурун, эң кеч 30 күн мурун. Жазыңыз: УРУКСАТ жана бүтүү күнү.',
  info_work:
    'Жумуш: жазуу жүзүндөгү келишим жана айлык эсебин сураңыз. Айлык төлөнбөсө, келишим жок болсо - Эмгек инспекциясы +381112017485. Алдоо, кысым, жумуш сунушун текшерүү - ASTRA +381117850000, анонимдүү.',
  info_emergency:
    'Полиция 192\nТез жардам 194\nӨрт өчүрүү 193\nASTRA (жумуштагы алдоо, кысым, анонимдүү): +381117850000\nЭмгек инспекциясы: +381112017485\nОператор: 7',
  entry_saved: 'Кирген күн сакталды. Акыркы күн: {lastDay}, {daysLeft} күн калды.',
  entry_saved_ended: 'Сакталды. Биздин эсеп: 90 күн {lastDay} бүткөн. Жардам: 7',
  permit_saved: 'Сакталды. Уруксат бүтөт: {expiry}. Узартуу ачылат: {windowOpens}',
  deadlines: 'Жакынкы мөөнөт: {deadline}. {daysLeft} күн калды.',
  deadline_passed: 'Биздин эсеп: 90 күн {lastDay} бүткөн. Жардам: 7',
  no_dates: 'Күндөр жок. Жазыңыз: КИРДИМ 12.03.2026 же УРУКСАТ 12.03.2027',
  date_unreadable: 'Күндү түшүнбөдүм. Мындай жазыңыз: 12.03.2026',
  exit_not_counted: 'Чыккан күн азырынча эсептелбейт. Кирген күндү жазыңыз: КИРДИМ 12.03',
  stays_ask: 'Акыркы 180 күндө Сербияда болдуңузбу? Даталар: 05.01-18.02 же «жок»',
  stays_none: 'Түшүндүк: ушул кирген күн гана эсептелет.',
  stay_needs_dates: 'Кирген жана чыккан күндү жазыңыз, мисалы: 05.01-18.02',
  stay_saved: 'Сакталды {from}-{to}. Акыркы күн: {lastDay}, {daysLeft} күн калды.',
  stay_saved_ended: 'Сакталды {from}-{to}. 90 күн {lastDay} бүткөн. Жардам: 7',
  stay_closed: 'Сакталды {from}-{to}. Кайра кирүү: {reentry} баштап, {days} күнгө.',
  date_future: 'Бул күн али келе элек. Кирген күн, мисалы: 12.03.2026',
  date_impossible: 'Мындай күн жок. Күн менен айды текшериңиз: 12.03.2026',
  date_too_old: 'Бул бир жылдан мурун. Жылды текшериңиз: 12.03.2026',
  permit_date_passed: 'Бул күн өтүп кетти. Документтер боюнча жардам керек болсо - 7',
  permit_date_too_far: 'Уруксат 3 жылга чейин берилет. Жылды текшериңиз: 12.03.2027',
  language_set: 'Тил: кыргызча. Меню: 0',
  latin_on: 'Эми латын тамгалары менен жазабыз. Кирилл: 9',
  latin_off: 'Эми кирилл тамгалары менен жазабыз. Латын: 9',
  stop_hint: 'Билдирүүлөрдү токтотуу үчүн бир гана сөз жазыңыз: ТОКТОТ',
  stopped: 'Билдирүүлөр токтотулду. Кайра: БАШТА. Маалыматты өчүрүү: ӨЧҮР',
  started: 'Билдирүүлөр кайра күйгүзүлдү. Меню: 0',
  delete_ask: 'Бардык маалыматыңыз жана эскертмелер өчүрүлсүнбү? Жооп: ООБА',
  deleted: 'Маалыматыңыз өчүрүлдү. Ийгилик!',
  case_opened: '{code} суроо волонтёрлорго жиберилди. Жооп ушул жерге келет.',
  case_no_one:
    'Азыр волонтёр жок. {code} суроо сакталды, {nextShift} баштап жооп беребиз. Шашылыш: полиция 192, ASTRA +381117850000',
  case_no_one_later:
    'Азыр волонтёр жок. {code} суроо сакталды, кийин жооп беребиз. Шашылыш: полиция 192, ASTRA +381117850000',
  case_waiting: '{code} суроого кошулду. Волонтёр жакында жооп берет.',
  case_joined: 'Волонтёр байланышта. Жоопту ушул жерге жазыңыз.',
  case_closed: 'Волонтёр суроону жапты. Рахмат! Кайра жардам керек болсо: 7',
  call_code: 'Линияга чалуу үчүн код: {code}. Эч кимге айтпаңыз.',
  limit_notice: 'Көп билдирүү. Сааттан кийин жооп беребиз. Шашылыш: полиция 192',
  unknown: 'Түшүнбөдүм. Адам: 7. SOS: 5 (полиция 192). Меню: 0',
  // Help for a distress text (shared/sms/topics): the topic's numbers and the one key to a person.
  help_documents:
    'Паспорт же документти алып коюшса: ASTRA SOS, анонимдүү +381117850000. Жоготсоңуз: полиция 192. Адам: 7',
  help_wages: 'Айлык төлөнбөсө: Эмгек инспекциясы +381112017485. Алдоо, кысым: ASTRA +381117850000. Адам: 7',
  help_police:
    'Полиция 192. Сизди же жакыныңызды кармашса: ASTRA, анонимдүү +381117850000. Волонтёр жардам берет. Адам: 7',
  help_deportation:
    'Депортация менен коркутушса же чыгып кет дешсе: ASTRA SOS, анонимдүү +381117850000. Полиция 192. Адам: 7',
  help_violence: 'Урса же коркутса: полиция 192, тез жардам 194. ASTRA SOS, анонимдүү +381117850000. Адам: 7',
  help_health: 'Тез жардам 194. Жумушта жаракат алсаңыз: Эмгек инспекциясы +381112017485. Адам: 7',
  help_trafficking:
    'Кармап турушса, кетирбесе, карыз үчүн иштетсе: ASTRA SOS, анонимдүү +381117850000. Полиция 192. Адам: 7',
  help_housing: 'Үйдөн кууп чыгышса: ASTRA SOS, анонимдүү +381117850000. Шашылыш: полиция 192. Адам: 7',
  // Reminders: shown on a locked screen, so they open with "reminder" and name nothing alarming.
  reminder_visa_free: 'Эскертме: 90 күн {deadline} бүтөт, {daysLeft} күн калды. Меню: 0',
  reminder_registration: 'Эскертме: каттоо (белый картон) {deadline} чейин. Меню: 0',
  reminder_permit_window: 'Эскертме: уруксатты узартууга арыз берсе болот. Бүтөт: {deadline}',
  reminder_permit_safe: 'Эскертме: уруксатты азыр узартыңыз, ал {deadline} бүтөт. Меню: 0',
  reminder_permit_soon: 'Эскертме: уруксат {deadline} бүтөт. Узартуу боюнча жардам: 7',
};
