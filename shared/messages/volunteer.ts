// Texts to volunteers, in Russian (the language every volunteer on the roster shares), kept short: a
// volunteer reads them on their own phone between other things. Commands are in Latin capitals so any
// keyboard can answer. Callers' numbers never appear here; callers appear only as case codes.
import type { Language } from '../callers/caller.js';
import type { CloseReason } from '../cases/case.js';

const LANGUAGE_LABEL: Readonly<Record<Language, string>> = { ky: 'KY', ru: 'RU' };

const quote = (text: string) => `«${text}»`;

export const volunteerText = {
  newCase: (code: string, language: Language, preview: string | undefined) =>
    `Новый запрос ${code} (${LANGUAGE_LABEL[language]})${preview ? `: ${quote(preview)}` : ''}. Взять: TAKE ${code}`,
  stillWaiting: (code: string, language: Language, minutes: number) =>
    `Запрос ${code} (${LANGUAGE_LABEL[language]}) ждёт ${minutes} мин. Взять: TAKE ${code}`,
  toCoordinator: (code: string, language: Language, minutes: number) =>
    `Координатору: запрос ${code} (${LANGUAGE_LABEL[language]}) никто не взял за ${minutes} мин. Взять: TAKE ${code}`,
  /** The case is yours; the caller's held messages follow, one text each (see heldMessage). */
  taken: (code: string, language: Language, held: number, mayText: boolean) => {
    const said = held > 0 ? ` Сообщений: ${held}, ниже.` : '';
    const how = mayText
      ? `Ответ: R ${code} текст. Закрыть: CLOSE ${code}`
      : `SMS нельзя (номер скрыт или отписка). Перезвонить: позвоните на линию и наберите ${code}. Закрыть: CLOSE ${code}`;
    return `Запрос ${code} ваш (${LANGUAGE_LABEL[language]}).${said} ${how}`;
  },
  heldMessage: (code: string, text: string) => `${code}: ${text}`,
  alreadyYours: (code: string) => `Запрос ${code} уже ваш. Ответ: R ${code} текст`,
  takenByOther: (code: string, name: string) => `Запрос ${code} уже взял(а) ${name}.`,
  notTaken: (code: string) => `Запрос ${code} ещё ничей. Сначала: TAKE ${code}`,
  notYours: (code: string) => `Запрос ${code} ведёт другой волонтёр.`,
  closed: (code: string) => `Запрос ${code} закрыт.`,
  notFound: (code: string) => `Запроса ${code} нет. Открытые: LIST`,
  cannotText: (code: string) =>
    `По запросу ${code} SMS нельзя (номер скрыт или отписка). Позвоните на линию и наберите ${code}.`,
  relayed: (code: string, text: string) => `${code}: ${text}`,
  whatsappWindowClosed: (code: string) =>
    `Запрос ${code}: человек писал в WhatsApp больше суток назад, WhatsApp не доставит ответ. Позвоните: наберите линию и ${code}.`,
  noteSaved: (code: string) => `Заметка к ${code} сохранена.`,
  closedByYou: (code: string) => `Запрос ${code} закрыт. Спасибо!`,
  callerLeft: (code: string, reason: CloseReason) =>
    reason === 'caller_erased'
      ? `Запрос ${code} закрыт: человек удалил свои данные.`
      : `Запрос ${code} закрыт: человек отписался от сообщений.`,
  list: (open: readonly { code: string; language: Language; minutes: number }[], mine: readonly string[]) => {
    if (open.length === 0 && mine.length === 0) return 'Открытых запросов нет.';
    const waiting = open.map((c) => `${c.code} ${LANGUAGE_LABEL[c.language]} ${age(c.minutes)}`).join(', ');
    return [
      open.length > 0 ? `Ждут: ${waiting}` : 'Ждущих нет.',
      mine.length > 0 ? `Ваши: ${mine.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  },
  help: () =>
    'Команды: TAKE 12345 взять; R 12345 текст ответить; NOTE 12345 текст заметка; CLOSE 12345 закрыть; LIST открытые',
  missingCode: () => 'Нужен номер запроса из 5 цифр, например: TAKE 12345',
  missingText: (code: string) => `Нет текста. Например: R ${code} Здравствуйте!`,
  inactive: () => 'Ваш профиль волонтёра выключен. Обратитесь к координатору.',
  voicemail: (code: string, language: Language, url: string, seconds: number) =>
    `Голосовое по запросу ${code} (${LANGUAGE_LABEL[language]}, ${seconds} с): ${url} Взять: TAKE ${code}`,
  missedCall: (code: string, language: Language) =>
    `Пропущенный звонок, запрос ${code} (${LANGUAGE_LABEL[language]}). Взять: TAKE ${code}`,
};

function age(minutes: number): string {
  return minutes < 120 ? `${minutes} мин` : `${Math.floor(minutes / 60)} ч`;
}

/** A case code read digit by digit, so Polly says "1 2 3 4 5" rather than "twelve thousand…". */
const spokenCode = (code: string) => code.split('').join(' ');

const LANGUAGE_SPOKEN: Readonly<Record<Language, string>> = { ky: 'кыргызский', ru: 'русский' };

/** What volunteers hear on their own phones (Russian, Twilio <Say>). */
export const volunteerSpeech = {
  whisper: (code: string, language: Language) =>
    `Звонок на линию помощи. Запрос ${spokenCode(code)}, язык ${LANGUAGE_SPOKEN[language]}. Чтобы принять звонок, нажмите 1.`,
  connecting: () => 'Соединяю.',
  takenByOther: () => 'Этот запрос уже ведёт другой волонтёр. До свидания.',
  notAccepted: () => 'Звонок не принят. До свидания.',
  pinAsk: (name: string) => `Здравствуйте, ${name}. Наберите ваш PIN-код из шести цифр.`,
  pinWrong: () => 'PIN-код не подходит.',
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
