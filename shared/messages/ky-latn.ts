// Kyrgyz SMS texts in Latin letters, for callers who switched to Latin mode (9 / LATYN): one
// GSM-7 segment (160 characters) each instead of several Cyrillic ones. Only GSM-7 characters:
// ö and ü are GSM-7, ң is written ng. NATIVE SPEAKERS SHOULD REVIEW before launch.
//
// How an NGO edits a text: change the string, keep every {placeholder} it has, keep the keywords
// in CAPITALS spelled as in shared/sms/keywords.ts, then run `npx vitest run tests/unit/messages`
// (one segment, GSM-7 only, placeholders, keywords) and `npx tsx scripts/catalogue-report.ts`.
// A phone may be read by an employer: plain, kind, discreet wording; no alarm words.

import type { Catalogue } from './catalogue.js';

export const kyLatn: Catalogue = {
  menu: '1 Kattoo\n2 Vizasyz 90 kün\n3 Uruksat, VNJ\n4 Jumush\n5 SOS, telefondor\n6 Möönöttör\n7 Operator\n8 Til 9 Kirill\nKIRDIM 12.03 - kirgen kün',
  info_registration:
    'Kattoo: kirgenden je darek almashkandan kiyin 24 saatta politsiyada kattaluu kerek (beli karton). Meymankana özü kattayt. Akysyz. Ar bir kirgende kayra.',
  info_visa_free:
    'Vizasyz: kaalagan 180 kündö 90 künge cheyin. Chygyp kayra kirsengiz da esep nöldön bashtalbayt. Jazyngyz: KIRDIM 12.03.2026 - eskertebiz.',
  info_residence:
    'Uzak jashap ishtöö üchün birdiktüü uruksat kerek: aryz onlayn, joop 15 kündö, 3 jylga cheyin. Uzartuu: 3 ay murun. Jazyngyz: URUKSAT 12.03.2027',
  info_work:
    'Jumush: kelishim jana aylyk esebin surangyz. Aylyk tölönbösö - Emgek inspektsiyasy +381112017485. Aldoo, kysym - ASTRA +381117850000, anonimdüü.',
  info_emergency:
    'Politsiya 192\nTez jardam 194\nÖrt 193\nASTRA (anonimdüü): +381117850000\nEmgek inspektsiyasy: +381112017485\nOperator: 7',
  entry_saved: 'Kirgen kün saktaldy. Akyrky kün: {lastDay}, {daysLeft} kün kaldy.',
  entry_saved_ended: 'Saktaldy. Bizdin esep: 90 kün {lastDay} bütkön. Jardam: 7',
  permit_saved: 'Saktaldy. Uruksat bütöt: {expiry}. Uzartuu achylat: {windowOpens}. Eskertebiz.',
  deadlines: 'Jakynky möönöt: {deadline}. {daysLeft} kün kaldy.',
  deadline_passed: 'Bizdin esep: 90 kün {lastDay} bütkön. Jardam: 7',
  no_dates: 'Kündör jok. Jazyngyz: KIRDIM 12.03.2026 je URUKSAT 12.03.2027',
  date_unreadable: 'Kündü tüshünbödüm. Mynday jazyngyz: 12.03.2026',
  exit_not_counted: 'Chykkan kün azyryncha eseptelbeyt. Kirgen kündü jazyngyz: KIRDIM 12.03.2026',
  stays_ask: 'Akyrky 180 kündö Serbiyada boldunguzbu? Datalar: 05.01-18.02 je "jok"',
  stays_none: 'Tüshündük: ushul kirgen kün gana eseptelet.',
  stay_needs_dates: 'Kirgen jana chykkan kündü jazyngyz, misaly: 05.01-18.02',
  stay_saved: 'Saktaldy {from}-{to}. Akyrky kün: {lastDay}, {daysLeft} kün kaldy.',
  stay_saved_ended: 'Saktaldy {from}-{to}. 90 kün {lastDay} bütkön. Jardam: 7',
  stay_closed: 'Saktaldy {from}-{to}. Kayra kirüü: {reentry} bashtap, {days} küngö.',
  date_future: 'Bul kün ali kele elek. Kirgen kün, misaly: 12.03.2026',
  date_impossible: 'Mynday kün jok. Kün menen aydy teksheringiz: 12.03.2026',
  date_too_old: 'Bul bir jyldan murun. Jyldy teksheringiz: 12.03.2026',
  permit_date_passed: 'Bul kün ötüp ketti. Dokumentter boyuncha jardam kerek bolso - 7',
  permit_date_too_far: 'Uruksat 3 jylga cheyin berilet. Jyldy teksheringiz: 12.03.2027',
  language_set: 'Til: kyrgyzcha. Menu: 0',
  latin_on: 'Emi latyn tamgalary menen jazabyz. Kirill: 9',
  latin_off: 'Emi kirill tamgalary menen jazabyz. Latyn: 9',
  stop_hint: 'Bildirüülördü toktotuu üchün bir gana söz jazyngyz: TOKTOT',
  stopped: 'Bildirüülör toktotuldu. Kayra: BASHTA. Maalymatty öchürüü: ÖCHÜR',
  started: 'Bildirüülör kayra küygüzüldü. Menu: 0',
  delete_ask: 'Bardyk maalymatyngyz jana eskertmeler öchürülsünbü? Joop: OOBA',
  deleted: 'Maalymatyngyz öchürüldü. Iygilik!',
  case_opened: '{code} suroo volontyorlorgo jiberildi. Joop ushul jerge kelet.',
  case_no_one:
    'Azyr volontyor jok. {code} suroo saktaldy, {nextShift} bashtap joop berebiz. Shashylysh: politsiya 192, ASTRA +381117850000',
  case_no_one_later:
    'Azyr volontyor jok. {code} suroo saktaldy, kiyin joop berebiz. Shashylysh: politsiya 192, ASTRA +381117850000',
  case_waiting: '{code} suroogo koshuldu. Volontyor jakynda joop beret.',
  case_joined: 'Volontyor baylanyshta. Joopty ushul jerge jazynyz.',
  case_closed: 'Volontyor suroonu japty. Rakhmat! Kayra jardam kerek bolso: 7',
  call_code: 'Liniyaga chaluu üchün kod: {code}. Ech kimge aytpangyz.',
  limit_notice:
    'Bir saatta köp bildirüü: kiyinki saatta joop berebiz. Shashylysh: politsiya 192, tez jardam 194',
  unknown: 'Tüshünbödüm. Adam: 7. SOS: 5 (politsiya 192). Menu: 0',
  // Help for a distress text (shared/sms/topics): the topic's numbers and the one key to a person.
  help_documents:
    'Pasport je dokumentti alyp koyushsa: ASTRA SOS, anonimdüü +381117850000. Jogotsongyz: politsiya 192. Adam: 7',
  help_wages:
    'Aylyk tölönbösö: Emgek inspektsiyasy +381112017485. Aldoo, kysym: ASTRA +381117850000. Adam: 7',
  help_police:
    'Politsiya 192. Sizdi je jakynyngyzdy karmashsa: ASTRA, anonimdüü +381117850000. Volontyor jardam beret. Adam: 7',
  help_deportation:
    'Deportatsiya menen korkutushsa je chygyp ket deshse: ASTRA SOS, anonimdüü +381117850000. Politsiya 192. Adam: 7',
  help_violence:
    'Ursa je korkutsa: politsiya 192, tez jardam 194. ASTRA SOS, anonimdüü +381117850000. Adam: 7',
  help_health: 'Tez jardam 194. Jumushta jarakat alsangyz: Emgek inspektsiyasy +381112017485. Adam: 7',
  help_trafficking:
    'Karmap turushsa, ketirbese, karyz üchün ishtetse: ASTRA SOS, anonimdüü +381117850000. Politsiya 192. Adam: 7',
  help_housing:
    'Üydön kuup chygyshsa: ASTRA SOS, anonimdüü +381117850000. Shashylysh: politsiya 192. Adam: 7',
  // Reminders: shown on a locked screen, so they open with "reminder" and name nothing alarming.
  reminder_visa_free: 'Eskertme: 90 kün {deadline} bütöt, {daysLeft} kün kaldy. Menu: 0',
  reminder_registration: 'Eskertme: kattoo (beli karton) {deadline} cheyin. Menu: 0',
  reminder_permit_window: 'Eskertme: uruksatty uzartuuga aryz berse bolot. Bütöt: {deadline}',
  reminder_permit_safe: 'Eskertme: uruksatty azyr uzartyngyz, al {deadline} bütöt. Menu: 0',
  reminder_permit_soon: 'Eskertme: uruksat {deadline} bütöt. Uzartuu boyuncha jardam: 7',
};
