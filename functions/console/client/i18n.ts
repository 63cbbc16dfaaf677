// Every label of the console in English, Russian and Kyrgyz. `en` defines the keys; the other two are
// typed Record<Key, string>, so a missing or extra key is a compile error. `{name}` marks a value.

export type UiLanguage = 'ky' | 'ru' | 'en';

const en = {
  title: 'Hotline console',
  language: 'Language',
  signInTitle: 'Sign in',
  phoneLabel: 'Your phone number',
  phoneHint: 'International format, for example +381601234567',
  sendCode: 'Send code',
  codeExplain: 'The code comes by SMS or Telegram to your own phone and is valid for 10 minutes.',
  codeLabel: 'Six-digit code',
  verify: 'Sign in',
  otherNumber: 'Use another number',
  codeSent: 'If this number is on the roster, a code is on its way.',
  wrongCode: 'Wrong code. Check it and try again.',
  locked: 'Too many tries. Try again in {n} min.',
  badPhone: 'Write the number in international format, starting with +.',
  signOut: 'Sign out',
  navLabel: 'Sections',
  tabCases: 'Cases',
  tabRoster: 'Volunteers',
  casesTitle: 'Open cases',
  groupMine: 'Yours',
  groupWaiting: 'Waiting',
  groupOthers: 'Taken by others',
  noCases: 'No open cases in your languages',
  consoleOnly: 'Texts to my phone: only a short note that something is new, never the caller’s words',
  consoleOnlySaved: 'Saved.',
  statusWaiting: 'waiting',
  statusTakenBy: 'taken by {name}',
  statusYours: 'yours',
  statusClosed: 'closed',
  langKy: 'Kyrgyz',
  langRu: 'Russian',
  chSms: 'SMS',
  chWhatsapp: 'WhatsApp',
  chTelegram: 'Telegram',
  chSim: 'SIM',
  chCall: 'call',
  messages: 'messages: {n}',
  ago: '{t} ago',
  justNow: 'just now',
  durMin: '{m} min',
  durHour: '{h} h',
  durHourMin: '{h} h {m} min',
  durDay: '{d} d {h} h',
  opened: 'opened {at}',
  back: '← Back to the list',
  caseTitle: 'Case {code}',
  selectCase: 'Choose a case from the list.',
  loading: 'Loading…',
  threadLabel: 'Conversation',
  callerTag: 'Caller',
  noteTag: 'note (caller does not see)',
  voicemails: 'Voicemails',
  voicemailN: 'Voicemail {n}',
  take: 'Take this case',
  takenByOther: 'Taken by {name}. You can read it but not answer.',
  caseClosed: 'This case is closed.',
  replyLabel: 'Reply to the caller',
  sendReply: 'Send',
  cannotText:
    "Replies cannot reach this caller now (they sent STOP, the number is hidden, or WhatsApp's 24-hour window has closed).",
  noteLabel: 'Note for volunteers (the caller does not see it)',
  saveNote: 'Save note',
  closeCase: 'Close case',
  confirmCloseText: 'Close this case? It leaves the list for everyone.',
  confirmClose: 'Yes, close it',
  cancel: 'Cancel',
  gone: 'This case is closed or gone.',
  offline: 'Cannot reach the hotline, retrying…',
  errConflict: 'Another volunteer took this case first.',
  errNotAllowed: 'You are not allowed to do this.',
  errCannotText: 'Replies cannot reach this caller.',
  errWhatsapp: "WhatsApp's 24-hour window has closed; you can answer when the caller writes again.",
  errBadRequest: 'Something in the form is not right.',
  errServer: 'The hotline had a problem. Try again.',
  errSignedOut: 'You were signed out. Sign in again.',
  ev_opened: 'Case opened',
  ev_notified: 'Volunteers on shift were told',
  ev_renotified: 'Volunteers were reminded',
  ev_coordinators_notified: 'Coordinators were told',
  ev_waiting_for_shift: 'Nobody on shift; waiting for the next shift',
  ev_taken: 'Case taken',
  ev_relayed_to_volunteer: 'Message passed to the volunteer',
  ev_relay_waiting: 'Message kept for the next relay',
  ev_relayed_to_caller: 'Reply delivered to the caller',
  ev_held_for_volunteer: 'Message kept until someone takes the case',
  ev_note: 'Note added',
  ev_call_offered: 'Call offered to a volunteer',
  ev_call_connected: 'Call connected',
  ev_voicemail: 'Voicemail left',
  ev_dialback: 'Caller called back',
  ev_closed: 'Case closed',
  ev_other: 'Event: {id}',
  rosterTitle: 'Volunteers',
  volId: 'ID',
  volIdHint: 'Short Latin name, for example aida',
  volName: 'Name',
  volPhone: 'Phone',
  volLanguages: 'Languages',
  active: 'active',
  paused: 'paused',
  coordinator: 'Coordinator',
  onShift: 'on shift now',
  offShift: 'off shift',
  shifts: 'Shifts',
  noShifts: 'no shifts',
  pause: 'Pause',
  activate: 'Activate',
  edit: 'Edit',
  remove: 'Remove',
  confirmRemove: 'Remove {name} from the roster?',
  yesRemove: 'Yes, remove',
  addTitle: 'Add a volunteer',
  editTitle: 'Edit {name}',
  shiftN: 'Shift {n}',
  days: 'Days',
  from: 'From',
  to: 'To',
  addShift: 'Add a shift',
  removeShift: 'Remove this shift',
  save: 'Save',
  saved: 'Saved.',
  removed: 'Removed.',
  day_mon: 'Mon',
  day_tue: 'Tue',
  day_wed: 'Wed',
  day_thu: 'Thu',
  day_fri: 'Fri',
  day_sat: 'Sat',
  day_sun: 'Sun',
} satisfies Record<string, string>;

export type Key = keyof typeof en;

const ru: Record<Key, string> = {
  title: 'Консоль горячей линии',
  language: 'Язык',
  signInTitle: 'Вход',
  phoneLabel: 'Ваш номер телефона',
  phoneHint: 'В международном формате, например +381601234567',
  sendCode: 'Получить код',
  codeExplain: 'Код придёт по SMS или в Telegram на ваш собственный телефон и действует 10 минут.',
  codeLabel: 'Код из шести цифр',
  verify: 'Войти',
  otherNumber: 'Другой номер',
  codeSent: 'Если этот номер есть в списке, код уже отправлен.',
  wrongCode: 'Неверный код. Проверьте и попробуйте ещё раз.',
  locked: 'Слишком много попыток. Попробуйте через {n} мин.',
  badPhone: 'Напишите номер в международном формате, начиная с +.',
  signOut: 'Выйти',
  navLabel: 'Разделы',
  tabCases: 'Обращения',
  tabRoster: 'Волонтёры',
  casesTitle: 'Открытые обращения',
  groupMine: 'Ваши',
  groupWaiting: 'Ждут',
  groupOthers: 'Взяли другие',
  noCases: 'Нет открытых обращений на ваших языках',
  consoleOnly: 'SMS на мой телефон: только короткое «есть новое», без слов обратившегося',
  consoleOnlySaved: 'Сохранено.',
  statusWaiting: 'ждёт',
  statusTakenBy: 'взял(а) {name}',
  statusYours: 'ваше',
  statusClosed: 'закрыто',
  langKy: 'киргизский',
  langRu: 'русский',
  chSms: 'SMS',
  chWhatsapp: 'WhatsApp',
  chTelegram: 'Telegram',
  chSim: 'SIM',
  chCall: 'звонок',
  messages: 'сообщений: {n}',
  ago: '{t} назад',
  justNow: 'только что',
  durMin: '{m} мин',
  durHour: '{h} ч',
  durHourMin: '{h} ч {m} мин',
  durDay: '{d} д {h} ч',
  opened: 'открыто {at}',
  back: '← К списку',
  caseTitle: 'Обращение {code}',
  selectCase: 'Выберите обращение в списке.',
  loading: 'Загрузка…',
  threadLabel: 'Переписка',
  callerTag: 'Обратившийся',
  noteTag: 'заметка (обратившийся не видит)',
  voicemails: 'Голосовые сообщения',
  voicemailN: 'Голосовое сообщение {n}',
  take: 'Взять обращение',
  takenByOther: 'Обращение взял(а) {name}. Читать можно, отвечать нельзя.',
  caseClosed: 'Это обращение закрыто.',
  replyLabel: 'Ответ обратившемуся',
  sendReply: 'Отправить',
  cannotText:
    'Ответ сейчас не дойдёт (человек отправил STOP, номер скрыт или закрылось 24-часовое окно WhatsApp).',
  noteLabel: 'Заметка для волонтёров (обратившийся её не видит)',
  saveNote: 'Сохранить заметку',
  closeCase: 'Закрыть обращение',
  confirmCloseText: 'Закрыть обращение? Оно исчезнет из списка у всех.',
  confirmClose: 'Да, закрыть',
  cancel: 'Отмена',
  gone: 'Обращение закрыто или его нет.',
  offline: 'Нет связи с горячей линией, пробуем снова…',
  errConflict: 'Это обращение уже взял другой волонтёр.',
  errNotAllowed: 'У вас нет прав на это действие.',
  errCannotText: 'Ответ не может дойти до этого человека.',
  errWhatsapp: 'Закрылось 24-часовое окно WhatsApp; ответить можно, когда человек напишет снова.',
  errBadRequest: 'В форме что-то не так.',
  errServer: 'На линии произошла ошибка. Попробуйте ещё раз.',
  errSignedOut: 'Сеанс завершён. Войдите снова.',
  ev_opened: 'Обращение открыто',
  ev_notified: 'Дежурным волонтёрам сообщили',
  ev_renotified: 'Волонтёрам напомнили',
  ev_coordinators_notified: 'Координаторам сообщили',
  ev_waiting_for_shift: 'Дежурных нет; ждём следующую смену',
  ev_taken: 'Обращение взято',
  ev_relayed_to_volunteer: 'Сообщение передано волонтёру',
  ev_relay_waiting: 'Сообщение ждёт следующей пересылки',
  ev_relayed_to_caller: 'Ответ доставлен обратившемуся',
  ev_held_for_volunteer: 'Сообщение ждёт, пока обращение кто-нибудь возьмёт',
  ev_note: 'Добавлена заметка',
  ev_call_offered: 'Звонок предложен волонтёру',
  ev_call_connected: 'Звонок соединён',
  ev_voicemail: 'Оставлено голосовое сообщение',
  ev_dialback: 'Обратившийся перезвонил',
  ev_closed: 'Обращение закрыто',
  ev_other: 'Событие: {id}',
  rosterTitle: 'Волонтёры',
  volId: 'ID',
  volIdHint: 'Короткое имя латиницей, например aida',
  volName: 'Имя',
  volPhone: 'Телефон',
  volLanguages: 'Языки',
  active: 'активен',
  paused: 'на паузе',
  coordinator: 'Координатор',
  onShift: 'сейчас на смене',
  offShift: 'не на смене',
  shifts: 'Смены',
  noShifts: 'нет смен',
  pause: 'Пауза',
  activate: 'Включить',
  edit: 'Изменить',
  remove: 'Удалить',
  confirmRemove: 'Удалить {name} из списка?',
  yesRemove: 'Да, удалить',
  addTitle: 'Добавить волонтёра',
  editTitle: 'Изменить: {name}',
  shiftN: 'Смена {n}',
  days: 'Дни',
  from: 'С',
  to: 'До',
  addShift: 'Добавить смену',
  removeShift: 'Удалить эту смену',
  save: 'Сохранить',
  saved: 'Сохранено.',
  removed: 'Удалено.',
  day_mon: 'Пн',
  day_tue: 'Вт',
  day_wed: 'Ср',
  day_thu: 'Чт',
  day_fri: 'Пт',
  day_sat: 'Сб',
  day_sun: 'Вс',
};

const ky: Record<Key, string> = {
  title: 'Жардам линиясынын консолу',
  language: 'Тил',
  signInTitle: 'Кирүү',
  phoneLabel: 'Телефон номериңиз',
  phoneHint: 'Эл аралык форматта, мисалы +381601234567',
  sendCode: 'Код жөнөтүү',
  codeExplain: 'Код SMS же Telegram аркылуу өзүңүздүн телефонуңузга келет жана 10 мүнөт жарактуу.',
  codeLabel: 'Алты сандан турган код',
  verify: 'Кирүү',
  otherNumber: 'Башка номер колдонуу',
  codeSent: 'Бул номер тизмеде болсо, код жөнөтүлдү.',
  wrongCode: 'Код туура эмес. Текшерип, кайра аракет кылыңыз.',
  locked: 'Аракет өтө көп болду. {n} мүнөттөн кийин кайра аракет кылыңыз.',
  badPhone: 'Номерди + белгиси менен, эл аралык форматта жазыңыз.',
  signOut: 'Чыгуу',
  navLabel: 'Бөлүмдөр',
  tabCases: 'Кайрылуулар',
  tabRoster: 'Ыктыярчылар',
  casesTitle: 'Ачык кайрылуулар',
  groupMine: 'Сиздики',
  groupWaiting: 'Күтүп жатат',
  groupOthers: 'Башкалар алган',
  noCases: 'Сиздин тилдериңизде ачык кайрылуу жок',
  consoleOnly: 'Телефонума SMS: кайрылгандын сөздөрүсүз, «жаңы бар» деген кыска билдирүү гана',
  consoleOnlySaved: 'Сакталды.',
  statusWaiting: 'күтүп жатат',
  statusTakenBy: '{name} алган',
  statusYours: 'сиздики',
  statusClosed: 'жабылган',
  langKy: 'кыргызча',
  langRu: 'орусча',
  chSms: 'SMS',
  chWhatsapp: 'WhatsApp',
  chTelegram: 'Telegram',
  chSim: 'SIM',
  chCall: 'чалуу',
  messages: '{n} билдирүү',
  ago: '{t} мурун',
  justNow: 'азыр эле',
  durMin: '{m} мүн.',
  durHour: '{h} саат',
  durHourMin: '{h} саат {m} мүн.',
  durDay: '{d} күн {h} саат',
  opened: 'ачылган: {at}',
  back: '← Тизмеге кайтуу',
  caseTitle: 'Кайрылуу {code}',
  selectCase: 'Тизмеден кайрылууну тандаңыз.',
  loading: 'Жүктөлүүдө…',
  threadLabel: 'Кат алышуу',
  callerTag: 'Кайрылуучу',
  noteTag: 'эскертме (кайрылуучу көрбөйт)',
  voicemails: 'Үн каттар',
  voicemailN: '{n}-үн кат',
  take: 'Кайрылууну алуу',
  takenByOther: 'Муну {name} алган. Окуй аласыз, бирок жооп бере албайсыз.',
  caseClosed: 'Бул кайрылуу жабылган.',
  replyLabel: 'Кайрылуучуга жооп',
  sendReply: 'Жөнөтүү',
  cannotText:
    'Азыр жооп жетпейт (адам STOP жөнөткөн, номери жашырылган же WhatsAppтын 24 сааттык мөөнөтү бүткөн).',
  noteLabel: 'Ыктыярчылар үчүн эскертме (кайрылуучу аны көрбөйт)',
  saveNote: 'Эскертмени сактоо',
  closeCase: 'Кайрылууну жабуу',
  confirmCloseText: 'Бул кайрылууну жабасызбы? Ал баарынын тизмесинен чыгып кетет.',
  confirmClose: 'Ооба, жабуу',
  cancel: 'Жокко чыгаруу',
  gone: 'Бул кайрылуу жабылган же табылган жок.',
  offline: 'Линияга туташа албай жатабыз, кайра аракет кылып жатабыз…',
  errConflict: 'Бул кайрылууну башка ыктыярчы мурда алып койду.',
  errNotAllowed: 'Буга уруксатыңыз жок.',
  errCannotText: 'Бул адамга жооп жетпейт.',
  errWhatsapp: 'WhatsAppтын 24 сааттык мөөнөтү бүттү; адам кайра жазганда жооп бере аласыз.',
  errBadRequest: 'Формада бир нерсе туура эмес.',
  errServer: 'Линияда ката кетти. Кайра аракет кылыңыз.',
  errSignedOut: 'Сеанс бүттү. Кайра кириңиз.',
  ev_opened: 'Кайрылуу ачылды',
  ev_notified: 'Нөөмөттөгү ыктыярчыларга билдирилди',
  ev_renotified: 'Ыктыярчыларга кайра эскертилди',
  ev_coordinators_notified: 'Координаторлорго билдирилди',
  ev_waiting_for_shift: 'Нөөмөттө эч ким жок; кийинки нөөмөттү күтүп жатат',
  ev_taken: 'Кайрылуу алынды',
  ev_relayed_to_volunteer: 'Билдирүү ыктыярчыга жеткирилди',
  ev_relay_waiting: 'Билдирүү кийинки жөнөтүүгө калтырылды',
  ev_relayed_to_caller: 'Жооп кайрылуучуга жеткирилди',
  ev_held_for_volunteer: 'Билдирүү бирөө кайрылууну алганга чейин сакталды',
  ev_note: 'Эскертме кошулду',
  ev_call_offered: 'Чалуу ыктыярчыга сунушталды',
  ev_call_connected: 'Чалуу туташты',
  ev_voicemail: 'Үн кат калтырылды',
  ev_dialback: 'Кайрылуучу кайра чалды',
  ev_closed: 'Кайрылуу жабылды',
  ev_other: 'Окуя: {id}',
  rosterTitle: 'Ыктыярчылар',
  volId: 'ID',
  volIdHint: 'Латын тамгалары менен кыска ат, мисалы aida',
  volName: 'Аты',
  volPhone: 'Телефон',
  volLanguages: 'Тилдер',
  active: 'иштеп жатат',
  paused: 'тындырылган',
  coordinator: 'Координатор',
  onShift: 'азыр нөөмөттө',
  offShift: 'нөөмөттө эмес',
  shifts: 'Нөөмөттөр',
  noShifts: 'нөөмөт жок',
  pause: 'Тындыруу',
  activate: 'Иштетүү',
  edit: 'Өзгөртүү',
  remove: 'Өчүрүү',
  confirmRemove: '{name} тизмеден өчүрүлсүнбү?',
  yesRemove: 'Ооба, өчүрүү',
  addTitle: 'Ыктыярчы кошуу',
  editTitle: 'Өзгөртүү: {name}',
  shiftN: '{n}-нөөмөт',
  days: 'Күндөр',
  from: 'Башталышы',
  to: 'Аягы',
  addShift: 'Нөөмөт кошуу',
  removeShift: 'Бул нөөмөттү өчүрүү',
  save: 'Сактоо',
  saved: 'Сакталды.',
  removed: 'Өчүрүлдү.',
  day_mon: 'Дш',
  day_tue: 'Шш',
  day_wed: 'Шр',
  day_thu: 'Бш',
  day_fri: 'Жм',
  day_sat: 'Иш',
  day_sun: 'Жк',
};

const DICTIONARIES: Record<UiLanguage, Record<Key, string>> = { en, ru, ky };
const STORAGE_KEY = 'hotline-console-language';

let current: UiLanguage = 'en';

export function uiLanguage(): UiLanguage {
  return current;
}

export function isKey(value: string): value is Key {
  return Object.hasOwn(en, value);
}

/** The label in the current language, with `{name}` values filled in. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The language remembered on this device, if the volunteer ever picked one. */
export function storedLanguage(): UiLanguage | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'ky' || value === 'ru' || value === 'en' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function browserLanguage(): UiLanguage {
  const tag = (navigator.language || 'en').toLowerCase();
  return tag.startsWith('ru') ? 'ru' : tag.startsWith('ky') ? 'ky' : 'en';
}

export function setLanguage(language: UiLanguage, remember: boolean): void {
  current = language;
  document.documentElement.lang = language;
  if (!remember) return;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Fills every `data-t` element's text (and `data-t-title` title) in the page shell. */
export function applyLabels(root: ParentNode = document): void {
  for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-t]'))) {
    const key = node.dataset.t ?? '';
    if (isKey(key)) node.textContent = t(key);
  }
  for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-t-title]'))) {
    const key = node.dataset.tTitle ?? '';
    if (isKey(key)) node.title = t(key);
  }
  document.title = t('title');
}

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Belgrade',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO time as Belgrade time, `dd.mm.yyyy HH:MM`. */
export function belgradeTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = TIME_FORMAT.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Minutes in plain words: "12 min", "2 h 5 min", "3 d 4 h". */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return t('durMin', { m });
  const h = Math.floor(m / 60);
  if (h >= 24) return t('durDay', { d: Math.floor(h / 24), h: h % 24 });
  return m % 60 === 0 ? t('durHour', { h }) : t('durHourMin', { h, m: m % 60 });
}
