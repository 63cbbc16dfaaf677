// What a caller can ask the SMS hotline for. The keyword table (keywords.ts) maps words to these;
// the conversation use case decides what each one does.

export const INTENTS = [
  /** Help: the numbered menu. */
  'menu',
  /** Police registration of the stay within 24 hours. */
  'info_registration',
  /** Visa-free stay: 90 days in any 180. */
  'info_visa_free',
  /** Temporary residence and the single permit. */
  'info_residence',
  /** Work rights and unpaid wages. */
  'info_work',
  /** Emergency numbers and help organisations. */
  'info_emergency',
  /** Save my entry date; argument: the date as typed. */
  'set_entry',
  /**
   * I left Serbia (ЧЫКТЫМ, ВЫЕХАЛ, УЕХАЛ); argument: the date as typed. Never saved as an entry.
   * It closes the open stay (shared/conversation/travel-history.ts); a range of two dates is the
   * conversation's `add_stay`, read in shared/sms/stays.ts.
   */
  'set_exit',
  /** Save my permit expiry date; argument: the date as typed. */
  'set_permit',
  /** Show my next deadline. */
  'my_deadlines',
  /** Switch language; argument `ky` or `ru` when the caller named one, otherwise switch to the other. */
  'language',
  /** Toggle Latin mode (one cheap GSM-7 segment per reply). */
  'latin',
  /** Stop all messages. */
  'stop',
  /**
   * A stop asked for in a sentence ("стоп пожалуйста", "больше не пишите", "жазбагыла"): answered
   * with one line on how to stop, never a stop.
   */
  'stop_hint',
  /** Resume messages after stop. */
  'start',
  /** Ask to delete everything we hold about the caller. */
  'delete',
  /** Yes, after a delete question. */
  'confirm_delete',
  /** Talk to a volunteer. */
  'person',
  /**
   * A distress text (documents taken, unpaid wages, police, deportation, violence, health, trafficking,
   * housing): its words are in the topic lexicon (topics/), not in the keyword table. The match carries
   * the topic; the reply gives that topic's help numbers and the one key to a person.
   */
  'help',
] as const;

export type Intent = (typeof INTENTS)[number];

/** The hotline's two languages: Kyrgyz and Russian. */
export type Language = 'ky' | 'ru';

/** Kind of argument an intent reads from the rest of the message after its keyword. */
export type IntentArgument = 'none' | 'date' | 'language';

export const INTENT_ARGUMENT: Readonly<Record<Intent, IntentArgument>> = {
  menu: 'none',
  info_registration: 'none',
  info_visa_free: 'none',
  info_residence: 'none',
  info_work: 'none',
  info_emergency: 'none',
  set_entry: 'date',
  set_exit: 'date',
  set_permit: 'date',
  my_deadlines: 'none',
  language: 'language',
  latin: 'none',
  stop: 'none',
  stop_hint: 'none',
  start: 'none',
  delete: 'none',
  confirm_delete: 'none',
  person: 'none',
  help: 'none',
};

/**
 * Commands that change what we send or hold, or the language everything is sent in, act only on
 * their exact spellings (no typo) and only when they are the whole message, so that
 * "стоп, а что дальше?", "да, спасибо" or "мен кыргызча жазам" never unsubscribes, erases or
 * switches anyone. See keywords.ts for the few words that may stand beside them.
 */
export const WHOLE_MESSAGE_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'stop',
  'start',
  'delete',
  'confirm_delete',
  'language',
]);
