// Texts to volunteers, kept short: a volunteer reads them on their own phone between other things. Each
// volunteer reads the language first in their roster `languages` (readingLanguage): Russian or Kyrgyz, so
// a Kyrgyz-only volunteer is never written to in Russian. Commands are in Latin capitals and case codes
// in digits in both, so any keyboard can answer. Callers' numbers never appear here; callers appear only
// as case codes. Every Kyrgyz text is one SMS segment where the Russian one is (tests/unit/volunteers).
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz texts before launch: they were written by a non-native author,
// like the rest of the Kyrgyz wording (docs/keywords.md says how to review it).
import type { Language } from '../callers/caller.js';
import type { CloseReason } from '../cases/case.js';
import { readingLanguage, type Volunteer } from '../volunteers/volunteer.js';

/**
 * How long a case has waited, as a person says it: minutes under two hours, hours under two days, then
 * days (a case left over a long weekend is "3 дн", not "4320 мин").
 */
function waited(minutes: number, units: { minutes: string; hours: string; days: string }): string {
  if (minutes < 120) return `${minutes} ${units.minutes}`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} ${units.hours}`;
  return `${Math.floor(minutes / 1440)} ${units.days}`;
}
const waitedRu = (minutes: number) => waited(minutes, { minutes: 'мин', hours: 'ч', days: 'дн' });
const waitedKy = (minutes: number) => waited(minutes, { minutes: 'мүн.', hours: 'саат', days: 'күн' });

const LANGUAGE_LABEL: Readonly<Record<Language, string>> = { ky: 'KY', ru: 'RU' };

const quote = (text: string) => `«${text}»`;

/** Every text the hotline sends a volunteer; `language` arguments are the case's (the caller's) language. */
export interface VolunteerTexts {
  newCase(code: string, language: Language, preview: string | undefined): string;
  stillWaiting(code: string, language: Language, minutes: number): string;
  toCoordinator(code: string, language: Language, minutes: number): string;
  /** The case is yours; the caller's held messages follow, one text each (see heldMessage). */
  taken(code: string, language: Language, held: number, mayText: boolean): string;
  heldMessage(code: string, text: string): string;
  alreadyYours(code: string): string;
  takenByOther(code: string, name: string): string;
  notTaken(code: string): string;
  notYours(code: string): string;
  closed(code: string): string;
  notFound(code: string): string;
  cannotText(code: string): string;
  /** The caller's words, framed with the case code only. */
  relayed(code: string, text: string): string;
  whatsappWindowClosed(code: string): string;
  noteSaved(code: string): string;
  closedByYou(code: string): string;
  callerLeft(code: string, reason: CloseReason): string;
  list(
    open: readonly { code: string; language: Language; minutes: number }[],
    mine: readonly string[],
  ): string;
  help(): string;
  missingCode(): string;
  missingText(code: string): string;
  inactive(): string;
  voicemail(code: string, language: Language, url: string, seconds: number): string;
  /**
   * The chase's digest for the hour's shared case of withheld calls: how many voicemails wait, in one
   * segment instead of a link each (`minutes` undefined: the first notice; then how long it has waited).
   */
  voicemailsWaiting(code: string, language: Language, count: number, minutes: number | undefined): string;
  missedCall(code: string, language: Language): string;
  /** To coordinators: a volunteer's PIN locked after wrong tries (someone may be trying it). */
  pinLocked(name: string, minutes: number): string;
  /** TAKE needs the volunteer's PIN after the code (`wrong`: the one typed was not it). */
  takeNeedsPin(code: string, wrong: boolean): string;
  /** The PIN is locked: no TAKE until it opens. */
  pinIsLocked(minutes: number): string;
  /** The console's sign-in code, to the volunteer's own phone. */
  consoleCode(code: string, minutes: number): string;
  /** In the bot, after `/link <code>`: this chat now gets the volunteer's notices. */
  telegramLinked(name: string): string;
  /** In the bot: the link code is unknown, used or expired. */
  telegramLinkRefused(): string;
  /** In the bot, after `/unlink`. */
  telegramUnlinked(): string;
  /** The console: an answer went to the caller (SMS answers say nothing). */
  consoleSent(code: string): string;
  /** To a volunteer who works in the console: the caller wrote (`count` texts), without their words. */
  consolePing(code: string, count: number): string;
}

const ru: VolunteerTexts = {
  pinLocked: (name, minutes) =>
    `Координатору: PIN волонтёра ${name} заблокирован на ${minutes} мин (5 неверных попыток).`,
  takeNeedsPin: (code, wrong) => `${wrong ? 'PIN не подходит. ' : ''}Нужен ваш PIN: TAKE ${code} PIN`,
  pinIsLocked: (minutes) => `PIN заблокирован после неверных попыток. Попробуйте через ${minutes} мин.`,
  newCase: (code, language, preview) =>
    `Новый запрос ${code} (${LANGUAGE_LABEL[language]})${preview ? `: ${quote(preview)}` : ''}. Взять: TAKE ${code}`,
  stillWaiting: (code, language, minutes) =>
    `Запрос ${code} (${LANGUAGE_LABEL[language]}) ждёт ${waitedRu(minutes)}. Взять: TAKE ${code}`,
  toCoordinator: (code, language, minutes) =>
    `Координатору: ${code} (${LANGUAGE_LABEL[language]}) никто не взял за ${waitedRu(minutes)}. Взять: TAKE ${code}`,
  taken: (code, language, held, mayText) => {
    const said = held > 0 ? ` Сообщений: ${held}, ниже.` : '';
    const how = mayText
      ? `Ответ: R ${code} текст. Закрыть: CLOSE ${code}`
      : `SMS нельзя (номер скрыт или отписка). Перезвонить: позвоните на линию и наберите ${code}. Закрыть: CLOSE ${code}`;
    return `Запрос ${code} ваш (${LANGUAGE_LABEL[language]}).${said} ${how}`;
  },
  heldMessage: (code, text) => `${code}: ${text}`,
  alreadyYours: (code) => `Запрос ${code} уже ваш. Ответ: R ${code} текст`,
  takenByOther: (code, name) => `Запрос ${code} уже взял(а) ${name}.`,
  notTaken: (code) => `Запрос ${code} ещё ничей. Сначала: TAKE ${code}`,
  notYours: (code) => `Запрос ${code} ведёт другой волонтёр.`,
  closed: (code) => `Запрос ${code} закрыт.`,
  notFound: (code) => `Запроса ${code} нет. Открытые: LIST`,
  cannotText: (code) =>
    `По запросу ${code} SMS нельзя (номер скрыт или отписка). Позвоните на линию и наберите ${code}.`,
  relayed: (code, text) => `${code}: ${text}`,
  whatsappWindowClosed: (code) =>
    `Запрос ${code}: человек писал в WhatsApp больше суток назад, WhatsApp не доставит ответ. Позвоните: наберите линию и ${code}.`,
  noteSaved: (code) => `Заметка к ${code} сохранена.`,
  closedByYou: (code) => `Запрос ${code} закрыт. Спасибо!`,
  callerLeft: (code, reason) =>
    reason === 'caller_erased'
      ? `Запрос ${code} закрыт: человек удалил свои данные.`
      : `Запрос ${code} закрыт: человек отписался от сообщений.`,
  list: (open, mine) =>
    listText(
      open,
      mine,
      { none: 'Открытых запросов нет.', waiting: 'Ждут', noneWaiting: 'Ждущих нет.', mine: 'Ваши' },
      (m) => (m < 120 ? `${m} мин` : `${Math.floor(m / 60)} ч`),
    ),
  help: () =>
    'Команды: TAKE 123456 взять; R 123456 текст ответить; NOTE 123456 текст заметка; CLOSE 123456 закрыть; LIST открытые',
  missingCode: () => 'Нужен номер запроса из 6 цифр, например: TAKE 123456',
  missingText: (code) => `Нет текста. Например: R ${code} Здравствуйте!`,
  inactive: () => 'Ваш профиль волонтёра выключен. Обратитесь к координатору.',
  voicemail: (code, language, url, seconds) =>
    `Голосовое по запросу ${code} (${LANGUAGE_LABEL[language]}, ${seconds} с): ${url} Взять: TAKE ${code}`,
  voicemailsWaiting: (code, language, count, minutes) =>
    minutes === undefined
      ? `Запрос ${code} (${LANGUAGE_LABEL[language]}), номер скрыт, голосовых: ${count}. Взять: TAKE ${code}`
      : `Запрос ${code} (${LANGUAGE_LABEL[language]}) ждёт ${waitedRu(minutes)}, голосовых: ${count}. Взять: TAKE ${code}`,
  missedCall: (code, language) =>
    `Пропущенный звонок, запрос ${code} (${LANGUAGE_LABEL[language]}). Взять: TAKE ${code}`,
  consoleCode: (code, minutes) =>
    `Код входа в консоль горячей линии: ${code} (${minutes} мин). Никому его не сообщайте.`,
  telegramLinked: (name) =>
    `${name}, этот чат связан с горячей линией: новые запросы и сообщения придут сюда, а не по SMS. Команды те же (TAKE, R, NOTE, CLOSE, LIST). Отвязать: /unlink`,
  telegramLinkRefused: () => 'Код не подошёл или устарел. Возьмите новый в консоли.',
  telegramUnlinked: () => 'Чат отвязан: уведомления снова придут по SMS.',
  consoleSent: (code) => `Ответ по запросу ${code} отправлен.`,
  consolePing: (code, count) =>
    `Запрос ${code}: новое сообщение${count > 1 ? ` (${count})` : ''}. Читать и отвечать — в консоли.`,
};

// NATIVE REVIEW NEEDED: every text below. "Суроо" is the caller's word for their case too (ky.ts case_*).
const ky: VolunteerTexts = {
  pinLocked: (name, minutes) =>
    `Координаторго: ${name} волонтёрдун PIN-коду ${minutes} мүн. бөгөттөлдү (5 жолу туура эмес).`,
  takeNeedsPin: (code, wrong) => `${wrong ? 'PIN туура эмес. ' : ''}PIN керек: TAKE ${code} PIN`,
  pinIsLocked: (minutes) => `PIN бөгөттөлдү. ${minutes} мүн. кийин кайталаңыз.`,
  newCase: (code, language, preview) =>
    `Жаңы суроо ${code} (${LANGUAGE_LABEL[language]})${preview ? `: ${quote(preview)}` : ''}. Алуу: TAKE ${code}`,
  stillWaiting: (code, language, minutes) =>
    `Суроо ${code} (${LANGUAGE_LABEL[language]}) ${waitedKy(minutes)} күтүүдө. Алуу: TAKE ${code}`,
  toCoordinator: (code, language, minutes) =>
    `Координаторго: ${code} (${LANGUAGE_LABEL[language]}) ${waitedKy(minutes)} эч ким алган жок. Алуу: TAKE ${code}`,
  taken: (code, language, held, mayText) => {
    const said = held > 0 ? ` Билдирүү: ${held}, төмөндө.` : '';
    const how = mayText
      ? `Жооп: R ${code} текст. Жабуу: CLOSE ${code}`
      : `SMS болбойт (номер жашыруун же баш тарткан). Кайра чалуу: линияга чалып, ${code} териңиз. Жабуу: CLOSE ${code}`;
    return `Суроо ${code} сизде (${LANGUAGE_LABEL[language]}).${said} ${how}`;
  },
  heldMessage: (code, text) => `${code}: ${text}`,
  alreadyYours: (code) => `Суроо ${code} сизде эле. Жооп: R ${code} текст`,
  takenByOther: (code, name) => `Суроо ${code} алынган, алган: ${name}.`,
  notTaken: (code) => `Суроо ${code} али эч кимде эмес. Адегенде: TAKE ${code}`,
  notYours: (code) => `Суроо ${code} башка волонтёрдо.`,
  closed: (code) => `Суроо ${code} жабык.`,
  notFound: (code) => `Суроо ${code} жок. Ачыктары: LIST`,
  cannotText: (code) =>
    `Суроо ${code}: SMS болбойт (номер жашыруун же баш тарткан). Линияга чалып, ${code} териңиз.`,
  relayed: (code, text) => `${code}: ${text}`,
  whatsappWindowClosed: (code) =>
    `Суроо ${code}: адам WhatsAppка бир суткадан мурун жазган, WhatsApp жоопту жеткирбейт. Чалыңыз: линия, анан ${code}.`,
  noteSaved: (code) => `Суроо ${code}: белги сакталды.`,
  closedByYou: (code) => `Суроо ${code} жабылды. Рахмат!`,
  callerLeft: (code, reason) =>
    reason === 'caller_erased'
      ? `Суроо ${code} жабылды: адам маалыматын өчүрдү.`
      : `Суроо ${code} жабылды: адам билдирүүлөрдөн баш тартты.`,
  list: (open, mine) =>
    listText(
      open,
      mine,
      { none: 'Ачык суроо жок.', waiting: 'Күтүүдө', noneWaiting: 'Күткөн суроо жок.', mine: 'Сиздики' },
      (m) => (m < 120 ? `${m} мүн` : `${Math.floor(m / 60)} саат`),
    ),
  help: () =>
    'Буйруктар: TAKE 123456 алуу; R 123456 текст жооп берүү; NOTE 123456 текст белги; CLOSE 123456 жабуу; LIST ачыктар',
  missingCode: () => '6 сандуу суроо номери керек, мисалы: TAKE 123456',
  missingText: (code) => `Текст жок. Мисалы: R ${code} Саламатсызбы!`,
  inactive: () => 'Волонтёр профилиңиз өчүрүлгөн. Координаторго кайрылыңыз.',
  voicemail: (code, language, url, seconds) =>
    `Үн кат, суроо ${code} (${LANGUAGE_LABEL[language]}, ${seconds} сек): ${url} Алуу: TAKE ${code}`,
  voicemailsWaiting: (code, language, count, minutes) =>
    minutes === undefined
      ? `Суроо ${code} (${LANGUAGE_LABEL[language]}), номер жашыруун, үн кат: ${count}. Алуу: TAKE ${code}`
      : `Суроо ${code} (${LANGUAGE_LABEL[language]}) ${waitedKy(minutes)} күтүүдө, үн кат: ${count}. Алуу: TAKE ${code}`,
  missedCall: (code, language) =>
    `Жоопсуз чалуу, суроо ${code} (${LANGUAGE_LABEL[language]}). Алуу: TAKE ${code}`,
  consoleCode: (code, minutes) =>
    `Ишеним линиясынын консолуна кирүү коду: ${code} (${minutes} мүн). Аны эч кимге айтпаңыз.`,
  telegramLinked: (name) =>
    `${name}, бул чат ишеним линиясына байланды: жаңы суроолор жана билдирүүлөр SMS эмес, ушул жерге келет. Буйруктар ошол эле (TAKE, R, NOTE, CLOSE, LIST). Ажыратуу: /unlink`,
  telegramLinkRefused: () => 'Код туура эмес же эскирген. Консолдон жаңысын алыңыз.',
  telegramUnlinked: () => 'Чат ажыратылды: билдирүүлөр кайра SMS менен келет.',
  consoleSent: (code) => `${code} суроосуна жооп жөнөтүлдү.`,
  consolePing: (code, count) =>
    `Суроо ${code}: жаңы билдирүү${count > 1 ? ` (${count})` : ''}. Консолдон окуп, жооп бериңиз.`,
};

export const VOLUNTEER_TEXTS: Readonly<Record<Language, VolunteerTexts>> = { ky, ru };

/** The texts in one language; for a volunteer, use textsFor (their reading language). */
export function volunteerText(language: Language): VolunteerTexts {
  return VOLUNTEER_TEXTS[language];
}

/** The texts a volunteer reads: the first of their roster languages. */
export function textsFor(volunteer: Pick<Volunteer, 'languages'>): VolunteerTexts {
  return VOLUNTEER_TEXTS[readingLanguage(volunteer)];
}

/**
 * One notice to each volunteer, in the language they read. The body is built once per language, so a
 * notice to many volunteers is at most one text body per language, whatever the order of the roster.
 */
export function noticesFor<V extends Pick<Volunteer, 'languages'> & { consoleOnly?: boolean | undefined }>(
  volunteers: readonly V[],
  build: (texts: VolunteerTexts, reader: { consoleOnly: boolean }) => string,
): { volunteer: V; body: string }[] {
  const bodies = new Map<string, string>();
  return volunteers.map((volunteer) => {
    const language = readingLanguage(volunteer);
    const consoleOnly = volunteer.consoleOnly === true;
    const key = `${language}:${consoleOnly}`;
    let body = bodies.get(key);
    if (body === undefined) {
      body = build(VOLUNTEER_TEXTS[language], { consoleOnly });
      bodies.set(key, body);
    }
    return { volunteer, body };
  });
}

function listText(
  open: readonly { code: string; language: Language; minutes: number }[],
  mine: readonly string[],
  words: { none: string; waiting: string; noneWaiting: string; mine: string },
  age: (minutes: number) => string,
): string {
  if (open.length === 0 && mine.length === 0) return words.none;
  const waiting = open.map((c) => `${c.code} ${LANGUAGE_LABEL[c.language]} ${age(c.minutes)}`).join(', ');
  return [
    open.length > 0 ? `${words.waiting}: ${waiting}` : words.noneWaiting,
    mine.length > 0 ? `${words.mine}: ${mine.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A case code read digit by digit, so Polly says "1 2 3 4 5" rather than "twelve thousand…". */
const spokenCode = (code: string) => code.split('').join(' ');

const LANGUAGE_SPOKEN: Readonly<Record<Language, string>> = { ky: 'кыргызский', ru: 'русский' };

/**
 * What volunteers hear on their own phones: Russian, Twilio <Say>, whatever their reading language.
 * Twilio and Polly have no Kyrgyz voice, so a Kyrgyz-only volunteer hears Russian here (the case code
 * digit by digit and "press 1"); recorded Kyrgyz prompts are the way out (docs/volunteers.md).
 */
export const volunteerSpeech = {
  whisper: (code: string, language: Language) =>
    `Звонок на линию помощи. Запрос ${spokenCode(code)}, язык ${LANGUAGE_SPOKEN[language]}. Чтобы принять звонок, нажмите 1.`,
  connecting: () => 'Соединяю.',
  takenByOther: () => 'Этот запрос уже ведёт другой волонтёр. До свидания.',
  notAccepted: () => 'Звонок не принят. До свидания.',
  pinAsk: (name: string) => `Здравствуйте, ${name}. Наберите ваш PIN-код из шести цифр.`,
  pinWrong: () => 'PIN-код не подходит.',
  pinLocked: () => 'PIN-код заблокирован после неверных попыток. Координатор предупреждён. До свидания.',
  noPin: () => 'Для обратного звонка нужен PIN-код. Попросите координатора задать его. До свидания.',
  dialbackAsk: (name: string) =>
    `Здравствуйте, ${name}. Чтобы перезвонить человеку, наберите номер запроса из пяти цифр.`,
  dialbackRefused: (why: 'not_found' | 'closed' | 'no_number' | 'not_yours') =>
    ({
      not_found: 'Такого запроса нет.',
      closed: 'Этот запрос закрыт.',
      no_number: 'У этого запроса нет номера: человек звонил со скрытого номера.',
      not_yours: 'Этот запрос ведёт другой волонтёр.',
    })[why],
  dialbackConnecting: (code: string) =>
    `Звоню человеку по запросу ${spokenCode(code)}. Он увидит номер линии, не ваш.`,
  callEnded: () => 'Звонок завершён. До свидания.',
  tryAgain: () => 'Попробуйте ещё раз.',
};
