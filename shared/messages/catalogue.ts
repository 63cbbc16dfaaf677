// The SMS message catalogue: which messages exist, how long each may be, and how one is picked
// and filled in. The texts live in one data file per language and script (ky.ts, ru.ts,
// ky-latn.ts, ru-latn.ts); the bilingual welcome lives here because it is the same for everyone.
//
// NATIVE SPEAKERS SHOULD REVIEW every text before launch. How an NGO edits a text: change the
// string in the data file, keep the {placeholders} it has, then run
// `npx vitest run tests/unit/messages` — it fails when a text outgrows its SMS budget or a Latin
// text uses a character outside GSM-7 — and `npx tsx scripts/catalogue-report.ts` to see the
// segment counts. Segments are what the hotline pays for. See docs/keywords.md.

import type { DateMode, DateProblem } from '../sms/dates.js';
import type { Language } from '../sms/intents.js';
import { ky } from './ky.js';
import { kyLatn } from './ky-latn.js';
import { ru } from './ru.js';
import { ruLatn } from './ru-latn.js';

export type { Language };

/**
 * `reply`: a menu or a confirmation; aim for one UCS-2 segment (70 characters), never more than 2.
 * `article`: information; at most 4 UCS-2 segments. In Latin mode every text is one GSM-7 segment.
 * `help`: the answer to a distress text (numbers and the key to a person); at most 2 UCS-2 segments.
 */
export type BudgetKind = 'reply' | 'article' | 'help';

/** Values the conversation fills in. Dates are dd.mm.yyyy (formatDate in shared/sms/dates.ts). */
export type Placeholder =
  | 'lastDay'
  | 'daysLeft'
  | 'expiry'
  | 'windowOpens'
  | 'deadline'
  /** A finished trip's first and last day, dd.mm.yy (travel-history.ts). */
  | 'from'
  | 'to'
  /** The earliest day a caller out of Serbia may come back, dd.mm.yyyy, and for how many days. */
  | 'reentry'
  | 'days'
  /** A case's six-digit code. */
  | 'code'
  /** When volunteers are back, Belgrade time: `25.11 09:00` (formatShiftTime). */
  | 'nextShift';

interface MessageSpec {
  readonly budget: BudgetKind;
  readonly placeholders: readonly Placeholder[];
}

export const MESSAGE_SPECS = {
  /** First contact: bilingual, asks for 1 Кыргызча / 2 Русский. */
  welcome: { budget: 'reply', placeholders: [] },
  menu: { budget: 'reply', placeholders: [] },
  info_registration: { budget: 'article', placeholders: [] },
  info_visa_free: { budget: 'article', placeholders: [] },
  info_residence: { budget: 'article', placeholders: [] },
  info_work: { budget: 'article', placeholders: [] },
  info_emergency: { budget: 'article', placeholders: [] },
  entry_saved: { budget: 'reply', placeholders: ['lastDay', 'daysLeft'] },
  /** Entry saved, but by our count the 90 days already ended: said gently, with a way to a person. */
  entry_saved_ended: { budget: 'reply', placeholders: ['lastDay'] },
  permit_saved: { budget: 'reply', placeholders: ['expiry', 'windowOpens'] },
  deadlines: { budget: 'reply', placeholders: ['deadline', 'daysLeft'] },
  no_dates: { budget: 'reply', placeholders: [] },
  /** My deadlines, when the only known stay has already run out: gently, with a way to a person. */
  deadline_passed: { budget: 'reply', placeholders: ['lastDay'] },
  date_unreadable: { budget: 'reply', placeholders: [] },
  /** An exit date (ЧЫКТЫМ, ВЫЕХАЛ): not counted yet, so ask for the entry date instead. */
  exit_not_counted: { budget: 'reply', placeholders: [] },
  // The travel history (shared/conversation/travel-history.ts).
  /** After a first entry date: were you in Serbia in the last 180 days? Dates as a range, or NO. */
  stays_ask: { budget: 'reply', placeholders: [] },
  /** The caller had no earlier trip: only the open stay counts. */
  stays_none: { budget: 'reply', placeholders: [] },
  /** An exit we cannot count alone, a range that overlaps the open stay, or a bare yes: ask for both dates. */
  stay_needs_dates: { budget: 'reply', placeholders: [] },
  /** An earlier trip saved while in Serbia: the new last day. */
  stay_saved: { budget: 'reply', placeholders: ['from', 'to', 'lastDay', 'daysLeft'] },
  /** An earlier trip saved, and with it the 90 days are already over. */
  stay_saved_ended: { budget: 'reply', placeholders: ['from', 'to', 'lastDay'] },
  /** A trip closed by an exit, or saved while away: when the caller may come back, for how long. */
  stay_closed: { budget: 'reply', placeholders: ['from', 'to', 'reentry', 'days'] },
  /** Entry date after today. */
  date_future: { budget: 'reply', placeholders: [] },
  /** No such day (31.02, month 13). */
  date_impossible: { budget: 'reply', placeholders: [] },
  /** Entry date more than a year ago: most likely a mistyped year. */
  date_too_old: { budget: 'reply', placeholders: [] },
  /** Permit expiry already passed. */
  permit_date_passed: { budget: 'reply', placeholders: [] },
  /** Permit expiry further out than any permit runs: most likely a mistyped year. */
  permit_date_too_far: { budget: 'reply', placeholders: [] },
  language_set: { budget: 'reply', placeholders: [] },
  latin_on: { budget: 'reply', placeholders: [] },
  latin_off: { budget: 'reply', placeholders: [] },
  stopped: { budget: 'reply', placeholders: [] },
  /** A stop asked for in a sentence ("стоп пожалуйста", "жазбагыла"): how to stop, in one line. */
  stop_hint: { budget: 'reply', placeholders: [] },
  started: { budget: 'reply', placeholders: [] },
  delete_ask: { budget: 'reply', placeholders: [] },
  deleted: { budget: 'reply', placeholders: [] },
  /** A case is open and volunteers on shift were told; the code to quote. */
  case_opened: { budget: 'reply', placeholders: ['code'] },
  /** Nobody on shift: when they are back, and the numbers for an emergency. */
  case_no_one: { budget: 'article', placeholders: ['code', 'nextShift'] },
  /** Nobody on shift and no shift known ahead: the numbers for an emergency. */
  case_no_one_later: { budget: 'article', placeholders: ['code'] },
  /** The caller wrote again before anyone took the case: it is kept for the volunteer. */
  case_waiting: { budget: 'reply', placeholders: ['code'] },
  /** A volunteer took the case: answers come to this number. */
  case_joined: { budget: 'reply', placeholders: [] },
  /** The volunteer closed the case: politely, with the way back. */
  case_closed: { budget: 'reply', placeholders: [] },
  /** The code a call types to prove it holds the number (shared/conversation/ivr.ts). */
  call_code: { budget: 'reply', placeholders: ['code'] },
  /** One number wrote more than the hour's budget: one notice, then silence until the hour is over. */
  limit_notice: { budget: 'reply', placeholders: [] },
  /** After a message we could not read: the person option and SOS, in one segment. */
  unknown: { budget: 'reply', placeholders: [] },
  // Help for a distress text (shared/sms/topics): the topic's numbers and "7" for a person.
  /** Passport or documents taken (ASTRA SOS line), or lost (police). */
  help_documents: { budget: 'help', placeholders: [] },
  /** Unpaid or cut wages: the labour inspectorate. */
  help_wages: { budget: 'help', placeholders: [] },
  /** Stopped or detained, or a relative taken: 192 and a volunteer. */
  help_police: { budget: 'help', placeholders: [] },
  /** Threatened with deportation or told to leave: a volunteer, ASTRA, 192. */
  help_deportation: { budget: 'help', placeholders: [] },
  /** Beaten or threatened: 192, 194, ASTRA. */
  help_violence: { budget: 'help', placeholders: [] },
  /** Injury or illness: 194, the labour inspectorate for work injuries. */
  help_health: { budget: 'help', placeholders: [] },
  /** Locked in, not let go, debt bondage: ASTRA's SOS line. */
  help_trafficking: { budget: 'help', placeholders: [] },
  /** Thrown out, nowhere to sleep: ASTRA, 192. */
  help_housing: { budget: 'help', placeholders: [] },
  // Reminders, sent by the sweep (shared/reminders/reminder-text.ts). They can light up a locked screen
  // that someone else sees: the text opens with "reminder" and never names police, overstay or deportation.
  // A catch-up needs no wording of its own: every value is worked out on the day the text goes out.
  /** Visa-free stay: the last lawful day, and days left counting today. */
  reminder_visa_free: { budget: 'reply', placeholders: ['deadline', 'daysLeft'] },
  /** Police registration ("bela karta"): the last day it can still be on time. */
  reminder_registration: { budget: 'reply', placeholders: ['deadline'] },
  /** Permit extension window is open; the permit's expiry. */
  reminder_permit_window: { budget: 'reply', placeholders: ['deadline'] },
  /** 30 days before expiry, the older safe deadline: extend now. */
  reminder_permit_safe: { budget: 'reply', placeholders: ['deadline'] },
  /** A week before expiry. */
  reminder_permit_soon: { budget: 'reply', placeholders: ['deadline'] },
} as const satisfies Record<string, MessageSpec>;

export type MessageId = keyof typeof MESSAGE_SPECS;

export const MESSAGE_IDS = Object.keys(MESSAGE_SPECS) as MessageId[];

/** Messages that exist once per language and script, in the data files. */
export type CatalogueMessageId = Exclude<MessageId, 'welcome'>;

/** One data file: every message in one language and script. */
export type Catalogue = Readonly<Record<CatalogueMessageId, string>>;

export type Script = 'cyrillic' | 'latin';

/** Who a reply is for: their language and whether they asked for Latin letters. */
export interface Reader {
  readonly language: Language;
  readonly latin: boolean;
}

/** The welcome, in both languages at once, since we do not know the caller's language yet. */
export const WELCOME: Readonly<Record<Script, string>> = {
  // One UCS-2 segment (64 characters): the first answer every new number gets, floods included.
  cyrillic: 'Салам! Здравствуйте!\n1 Кыргызча\n2 Русский\n0 Меню\nСТОП - токтотуу',
  latin: 'Salam! Zdravstvuyte!\n1 Kyrgyzcha\n2 Russkiy\n0 Menu\nSTOP - toktotuu / otpiska',
};

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<Script, Catalogue>>>> = {
  ky: { cyrillic: ky, latin: kyLatn },
  ru: { cyrillic: ru, latin: ruLatn },
};

/**
 * Longest value each placeholder takes, for budget checks. Dates are always 10 characters;
 * days left are at most 4 digits (permits run up to 3 years, the range check stops at 5).
 */
export const LONGEST_PLACEHOLDER_VALUES: Readonly<Record<Placeholder, string>> = {
  lastDay: '31.12.2026',
  daysLeft: '1826',
  expiry: '31.12.2026',
  windowOpens: '31.12.2026',
  deadline: '31.12.2026',
  code: '99999',
  nextShift: '31.12 23:55',
  from: '31.12.26',
  to: '31.12.26',
  reentry: '31.12.2026',
  days: '90',
};

export type PlaceholdersOf<Id extends MessageId> = (typeof MESSAGE_SPECS)[Id]['placeholders'][number];

export type PlaceholderValues<Id extends MessageId> = Readonly<Record<PlaceholdersOf<Id>, string | number>>;

/** The raw template, placeholders unfilled. */
export function messageTemplate(id: MessageId, reader: Reader): string {
  const script: Script = reader.latin ? 'latin' : 'cyrillic';
  if (id === 'welcome') return WELCOME[script];
  return CATALOGUES[reader.language][script][id];
}

/** The text to send, with its placeholders filled in. */
export function renderMessage<Id extends MessageId>(
  id: Id,
  reader: Reader,
  ...values: PlaceholdersOf<Id> extends never ? [] : [PlaceholderValues<Id>]
): string {
  const [given] = values;
  return fillTemplate(messageTemplate(id, reader), given ?? {});
}

/** Replaces each `{name}`; a missing value is a programming error, so it throws rather than send `{name}`. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in a message template`);
    return String(value);
  });
}

/** Placeholder names used in a template, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/** Which message explains a date the caller sent that parseDate refused. */
export function dateProblemMessage(problem: DateProblem, mode: DateMode): CatalogueMessageId {
  switch (problem) {
    case 'unreadable':
      return 'date_unreadable';
    case 'impossible':
      return 'date_impossible';
    case 'future':
      return mode === 'past' ? 'date_future' : 'permit_date_too_far';
    case 'too_old':
      return mode === 'past' ? 'date_too_old' : 'permit_date_passed';
  }
}
