// Russian SMS texts in Latin letters (translit), for callers who switched to Latin mode
// (9 / LATINITSA): one GSM-7 segment (160 characters) each instead of several Cyrillic ones.
// Only GSM-7 characters. NATIVE SPEAKERS SHOULD REVIEW before launch.
//
// How an NGO edits a text: change the string, keep every {placeholder} it has, keep the keywords
// in CAPITALS spelled as in shared/sms/keywords.ts, then run `npx vitest run tests/unit/messages`
// (one segment, GSM-7 only, placeholders, keywords) and `npx tsx scripts/catalogue-report.ts`.
// A phone may be read by an employer: plain, kind, discreet wording; no alarm words.

import type { Catalogue } from './catalogue.js';

export const ruLatn: Catalogue = {
  menu: '1 Registratsiya\n2 90 dney bez vizy\n3 VNZh, razreshenie\n4 Rabota\n5 SOS, telefony\n6 Moi sroki\n7 Operator\n8 Yazyk 9 Kirillitsa\nVEZD 12.03 - data vezda',
  info_registration:
    'Registratsiya: za 24 chasa posle vezda ili smeny adresa - v politsii (beli karton). Otel i hostel delayut eto sami. Besplatno. Posle kazhdogo vezda - snova.',
  info_visa_free:
    'Bez vizy - do 90 dney za lyubye 180 dney. Novyy vezd schet ne obnulyaet. Prishlite VEZD i datu, naprimer VEZD 12.03.2026 - napomnim zaranee.',
  info_residence:
    'Edinoe razreshenie (VNZh i rabota): zayavka onlayn, reshenie do 15 dney, srok do 3 let. Prodlevat za 3 mes. do kontsa. Prishlite RAZRESHENIE i datu.',
  info_work:
    'Rabota: prosite pismennyy dogovor. Ne platyat - Inspektsiya truda +381112017485. Obman, davlenie - ASTRA +381117850000, anonimno. Operator: 7',
  info_emergency:
    'Politsiya 192\nSkoraya 194\nPozharnye 193\nASTRA (anonimno): +381117850000\nInspektsiya truda: +381112017485\nOperator: 7',
  entry_saved: 'Vezd sokhranen. Posledniy den: {lastDay}. Ostalos dney: {daysLeft}.',
  entry_saved_ended: 'Sokhraneno. Po nashemu schetu 90 dney proshli {lastDay}. Pomoshch: 7',
  permit_saved: 'Sokhraneno. Razreshenie do {expiry}. Prodlit mozhno s {windowOpens}, napomnim.',
  deadlines: 'Blizhayshiy srok: {deadline}. Ostalos dney: {daysLeft}.',
  deadline_passed: 'Po nashemu schetu 90 dney proshli {lastDay}. Pomoshch: 7',
  no_dates: 'Dat net. Prishlite VEZD 12.03.2026 ili RAZRESHENIE 12.03.2027',
  date_unreadable: 'Datu ne udalos prochitat. Primer: 12.03.2026',
  exit_not_counted: 'Vyezd poka ne uchityvaem. Prishlite datu vezda: VEZD 12.03.2026',
  stays_ask: 'Byli v Serbii za poslednie 180 dney? Daty: 05.01-18.02 ili "net"',
  stays_none: 'Ponyatno: schitaem tolko etot vezd.',
  stay_needs_dates: 'Prishlite daty vezda i vyezda, naprimer: 05.01-18.02',
  stay_saved: 'Sokhraneno {from}-{to}. Posledniy den: {lastDay}, ostalos {daysLeft} dn.',
  stay_saved_ended: 'Sokhraneno {from}-{to}. 90 dney proshli {lastDay}. Pomoshch: 7',
  stay_closed: 'Sokhraneno {from}-{to}. Snova vekhat: s {reentry}, do {days} dn.',
  date_future: 'Eta data eshche ne nastupila. Data vezda, naprimer: 12.03.2026',
  date_impossible: 'Takoy daty net. Proverte den i mesyats: 12.03.2026',
  date_too_old: 'Eto bolshe goda nazad. Proverte god: 12.03.2026',
  permit_date_passed: 'Eta data uzhe proshla. Nuzhna pomoshch s dokumentami - napishite 7',
  permit_date_too_far: 'Razreshenie dayut do 3 let. Proverte god: 12.03.2027',
  language_set: 'Yazyk: russkiy. Menyu: 0',
  latin_on: 'Teper pishem latinitsey. Kirillitsa: 9',
  latin_off: 'Teper pishem kirillitsey. Latinitsa: 9',
  stop_hint: 'Chtoby otpisatsya, prishlite odno slovo: STOP',
  stopped: 'Soobshcheniya ostanovleny. Vernut: START. Udalit dannye: UDALIT',
  started: 'Soobshcheniya snova vklyucheny. Menyu: 0',
  delete_ask: 'Udalit vse vashi dannye i napominaniya? Otvette: DA',
  deleted: 'Vashi dannye udaleny. Vsego dobrogo!',
  case_opened: 'Zapros {code} peredan volonteram. Otvet pridet syuda.',
  case_no_one:
    'Seychas volonterov net. Zapros {code} sokhranen, otvetim s {nextShift}. Srochno: politsiya 192, ASTRA +381117850000',
  case_no_one_later:
    'Seychas volonterov net. Zapros {code} sokhranen, otvetim pozzhe. Srochno: politsiya 192, ASTRA +381117850000',
  case_waiting: 'Dobavili k zaprosu {code}. Volonter skoro otvetit.',
  case_joined: 'Volonter na svyazi. Pishite otvet syuda.',
  case_closed: 'Volonter zakryl zapros. Spasibo! Snova nuzhna pomoshch: 7',
  call_code: 'Kod dlya zvonka na liniyu: {code}. Nikomu ego ne nazyvayte.',
  limit_notice:
    'Mnogo soobshcheniy za chas: otvetim v sleduyushchiy chas. Srochno: politsiya 192, skoraya 194',
  unknown: 'Ne udalos ponyat. Chelovek: 7. SOS: 5 (politsiya 192). Menyu: 0',
  // Help for a distress text (shared/sms/topics): the topic's numbers and the one key to a person.
  help_documents:
    'Dokumenty otnyali ili ne otdayut: ASTRA SOS, anonimno +381117850000. Poteryali: politsiya 192. Chelovek: 7',
  help_wages:
    'Ne platyat zarplatu: Inspektsiya truda +381112017485. Obman, davlenie: ASTRA +381117850000. Chelovek: 7',
  help_police:
    'Politsiya 192. Zaderzhali vas ili blizkogo: ASTRA, anonimno +381117850000. Volonter pomozhet. Chelovek: 7',
  help_deportation:
    'Ugrozhayut deportatsiey ili veleli vyekhat: ASTRA SOS, anonimno +381117850000. Politsiya 192. Chelovek: 7',
  help_violence:
    'Byut ili ugrozhayut: politsiya 192, skoraya 194. ASTRA SOS, anonimno +381117850000. Chelovek: 7',
  help_health:
    'Skoraya 194. Travma na rabote: Inspektsiya truda +381112017485. Chelovek pomozhet nayti vracha: 7',
  help_trafficking:
    'Derzhat, ne otpuskayut, zastavlyayut otrabatyvat dolg: ASTRA SOS, anonimno +381117850000. Politsiya 192. Chelovek: 7',
  help_housing:
    'Vygnali s zhilya: ASTRA SOS, anonimno +381117850000. Srochno: politsiya 192. Chelovek pomozhet: 7',
  // Reminders: shown on a locked screen, so they open with "reminder" and name nothing alarming.
  reminder_visa_free: 'Napominanie: 90 dney zakanchivayutsya {deadline}. Ostalos dney: {daysLeft}.',
  reminder_registration: 'Napominanie: registratsiya (beli karton) do {deadline}. Menyu: 0',
  reminder_permit_window: 'Napominanie: mozhno prodlevat razreshenie. Ono do {deadline}.',
  reminder_permit_safe: 'Napominanie: prodlite razreshenie seychas, ono do {deadline}. Menyu: 0',
  reminder_permit_soon: 'Napominanie: razreshenie do {deadline}. Pomoshch s prodleniem: 7',
};
