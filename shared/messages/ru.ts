// Russian SMS texts, Cyrillic. NATIVE SPEAKERS SHOULD REVIEW before launch.
//
// How an NGO edits a text: change the string, keep every {placeholder} it has, keep the keywords
// in CAPITALS spelled as in shared/sms/keywords.ts, then run `npx vitest run tests/unit/messages`
// (budgets, placeholders, keywords) and `npx tsx scripts/catalogue-report.ts` (segment counts).
// Cyrillic SMS: 70 characters fit one segment, 67 per segment when longer. Every segment is paid.
// A phone may be read by an employer: plain, kind, discreet wording; no alarm words.
// Legal facts come from docs/legal-sources.md (verify with a legal partner before changing them).

import type { Catalogue } from './catalogue.js';

export const ru: Catalogue = {
  menu: '1 Регистрация\n2 90 дней без визы\n3 ВНЖ\n4 Работа\n5 SOS, телефоны\n6 Мои сроки\n7 Оператор\n8 Язык 9 Латиница\nВЪЕЗД 12.03 - дата въезда',
  info_registration:
    'Регистрация: за 24 часа после въезда или переезда адрес регистрируют в полиции (белый картон). Отель и хостел делают это сами, частный хозяин - вместе с вами. Бесплатно. После каждого въезда - снова.',
  info_visa_free:
    'Без визы можно быть в Сербии до 90 дней за любые 180 дней. Выезд и новый въезд счёт не обнуляют. Мы считаем с запасом. Пришлите ВЪЕЗД и дату, например ВЪЕЗД 12.03.2026, и мы напомним заранее.',
  info_residence:
    'Единое разрешение (ВНЖ+работа): заявка онлайн, решение до 15 дней, действует до 3 лет, ждать можно здесь. Продлевать с 3 мес. до конца, лучше не позже чем за 30 дней. Пришлите РАЗРЕШЕНИЕ и дату конца.',
  info_work:
    'Работа: просите письменный договор и расчёт зарплаты. Не платят или нет договора - Инспекция труда +381112017485. Проверить предложение работы, если обманули или давят - ASTRA +381117850000, анонимно.',
  info_emergency:
    'Полиция 192\nСкорая 194\nПожарные 193\nASTRA (обман с работой, давление, анонимно): +381117850000\nИнспекция труда: +381112017485\nОператор: 7',
  entry_saved: 'Въезд сохранён. Последний день: {lastDay}. Осталось дней: {daysLeft}.',
  entry_saved_ended: 'Сохранено. По нашему счёту 90 дней прошли {lastDay}. Помощь: 7',
  permit_saved: 'Сохранено. Разрешение до {expiry}. Продлить можно с {windowOpens}.',
  deadlines: 'Ближайший срок: {deadline}. Осталось дней: {daysLeft}.',
  deadline_passed: 'По нашему счёту 90 дней прошли {lastDay}. Помощь: 7',
  no_dates: 'Дат нет. Пришлите ВЪЕЗД 12.03.2026 или РАЗРЕШЕНИЕ 12.03.2027',
  date_unreadable: 'Дату не удалось прочитать. Пример: 12.03.2026',
  exit_not_counted: 'Выезд пока не учитываем. Пришлите дату въезда: ВЪЕЗД 12.03.2026',
  stays_ask: 'Были в Сербии за последние 180 дней? Даты: 05.01-18.02 или «нет»',
  stays_none: 'Понятно: считаем только этот въезд.',
  stay_needs_dates: 'Пришлите даты въезда и выезда, например: 05.01-18.02',
  stay_saved: 'Сохранено {from}-{to}. Последний день: {lastDay}. Дней: {daysLeft}',
  stay_saved_ended: 'Сохранено {from}-{to}. 90 дней прошли {lastDay}. Помощь: 7',
  stay_closed: 'Сохранено {from}-{to}. Снова въехать: с {reentry}, до {days} дн.',
  date_future: 'Эта дата ещё не наступила. Дата въезда, например: 12.03.2026',
  date_impossible: 'Такой даты нет. Проверьте день и месяц: 12.03.2026',
  date_too_old: 'Это больше года назад. Проверьте год: 12.03.2026',
  permit_date_passed: 'Эта дата уже прошла. Нужна помощь с документами - напишите 7',
  permit_date_too_far: 'Разрешение дают до 3 лет. Проверьте год: 12.03.2027',
  language_set: 'Язык: русский. Меню: 0',
  latin_on: 'Теперь пишем латиницей. Кириллица: 9',
  latin_off: 'Теперь пишем кириллицей. Латиница: 9',
  stop_hint: 'Чтобы отписаться, пришлите одно слово: СТОП',
  stopped: 'Сообщения остановлены. Вернуть: СТАРТ. Удалить данные: УДАЛИТЬ',
  started: 'Сообщения снова включены. Меню: 0',
  delete_ask: 'Удалить все ваши данные и напоминания? Ответьте: ДА',
  deleted: 'Ваши данные удалены. Всего доброго!',
  case_opened: 'Запрос {code} передан волонтёрам. Ответ придёт сюда.',
  case_no_one:
    'Сейчас волонтёров нет. Запрос {code} сохранён, ответим с {nextShift}. Срочно: полиция 192, ASTRA +381117850000',
  case_no_one_later:
    'Сейчас волонтёров нет. Запрос {code} сохранён, ответим позже. Срочно: полиция 192, ASTRA +381117850000',
  case_waiting: 'Добавили к запросу {code}. Волонтёр скоро ответит.',
  case_joined: 'Волонтёр на связи. Пишите ответ сюда.',
  case_closed: 'Волонтёр закрыл запрос. Спасибо! Снова нужна помощь: 7',
  call_code: 'Код для звонка на линию: {code}. Никому его не называйте.',
  limit_notice: 'Много сообщений. Ответим через час. Срочно: полиция 192, скорая 194',
  unknown: 'Не удалось понять. Человек: 7. SOS: 5 (полиция 192). Меню: 0',
  // Help for a distress text (shared/sms/topics): the topic's numbers and the one key to a person.
  help_documents:
    'Документы отняли или не отдают: ASTRA SOS, анонимно +381117850000. Потеряли: полиция 192. Человек: 7',
  help_wages:
    'Не платят зарплату: Инспекция труда +381112017485. Обман, давление: ASTRA +381117850000. Человек: 7',
  help_police:
    'Полиция 192. Задержали вас или близкого: ASTRA, анонимно +381117850000. Волонтёр поможет. Человек: 7',
  help_deportation:
    'Угрожают депортацией или велели выехать: ASTRA SOS, анонимно +381117850000. Полиция 192. Человек: 7',
  help_violence: 'Бьют или угрожают: полиция 192, скорая 194. ASTRA SOS, анонимно +381117850000. Человек: 7',
  help_health: 'Скорая 194. Травма на работе: Инспекция труда +381112017485. Человек поможет найти врача: 7',
  help_trafficking:
    'Держат, не отпускают, заставляют отрабатывать долг: ASTRA SOS, анонимно +381117850000. Полиция 192. Человек: 7',
  help_housing: 'Выгнали с жилья: ASTRA SOS, анонимно +381117850000. Срочно: полиция 192. Человек поможет: 7',
  // Reminders: shown on a locked screen, so they open with "reminder" and name nothing alarming.
  reminder_visa_free: 'Напоминание: 90 дней заканчиваются {deadline}. Осталось дней: {daysLeft}.',
  reminder_registration: 'Напоминание: регистрация (белый картон) до {deadline}. Меню: 0',
  reminder_permit_window: 'Напоминание: можно продлевать разрешение. Оно до {deadline}.',
  reminder_permit_safe: 'Напоминание: продлите разрешение сейчас, оно до {deadline}. Меню: 0',
  reminder_permit_soon: 'Напоминание: разрешение до {deadline}. Помощь с продлением: 7',
};
