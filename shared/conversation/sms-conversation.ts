// The SMS/WhatsApp conversation as a pure decision: the caller's state and one inbound text in, the new
// state, the replies and the reminder changes out. No I/O: the use case loads, decides here, and saves.
import { type Caller, readerOf } from '../callers/caller.js';
import type { Reminder } from '../deadlines/index.js';
import { dateProblemMessage, fillTemplate, type MessageId, messageTemplate } from '../messages/catalogue.js';
import type { ReminderSeries } from '../reminders/reminder-item.js';
import { formatDate, parseDate } from '../sms/dates.js';
import type { Intent } from '../sms/intents.js';
import { matchKeyword, parseLanguageChoice } from '../sms/keywords.js';
import { guessLanguage } from '../sms/language-guess.js';
import { tokenize } from '../sms/normalize.js';
import { findStayRange, findTravel } from '../sms/stays.js';
import type { HelpTopic } from '../sms/topics/index.js';
import { entryOutcome, nextDeadline, permitWindowOpens, planSeries, todayIn } from './caller-dates.js';
import { addStay, answerEarlierStays, type HistoryStep, saveEntry, saveExit } from './travel-history.js';

export interface SmsDecision {
  caller: Caller;
  /** Texts to answer with, already rendered in the caller's language and script. */
  replies: string[];
  /** Series whose reminders are replaced by the given plan (an empty plan cancels them). */
  reminderPlans: Partial<Record<ReminderSeries, Reminder[]>>;
  /** Erase everything about the caller once the reply is sent. */
  erase: boolean;
  /** What the text was taken for, for logs and metrics (never the text itself). */
  intent:
    | Intent
    | 'welcome'
    | 'language_choice'
    | 'unknown'
    | 'ignored'
    /** An earlier trip as a range ("05.01-18.02"), or a bare yes to our 180-day question. */
    | 'add_stay'
    /** "No" to our question about the last 180 days. */
    | 'no_earlier_stays';
  /**
   * What the text said beyond its intent and did not save: for `set_exit`, the exit date it gave
   * (YYYY-MM-DD). Kept off logs and metrics like the text itself.
   */
  args?: { date?: string; from?: string; to?: string };
  /** For `help`: the distress topic the text was read as (for metrics and the corpus bench). */
  topic?: HelpTopic;
}

/**
 * Decides the answer to one text. `caller` already reflects this contact (see recordContact);
 * `isFirstContact` is true when the hotline had never heard from the number.
 */
export function decideSmsReply(
  caller: Caller,
  text: string,
  isFirstContact: boolean,
  now: Date,
): SmsDecision {
  const match = matchKeyword(text);
  const decision = (
    next: Caller,
    intent: SmsDecision['intent'],
    replies: string[],
    more: Partial<Pick<SmsDecision, 'reminderPlans' | 'erase' | 'args' | 'topic'>> = {},
  ): SmsDecision => ({
    caller: next,
    intent,
    replies,
    reminderPlans: more.reminderPlans ?? {},
    erase: more.erase ?? false,
    ...(more.args === undefined ? {} : { args: more.args }),
    ...(more.topic === undefined ? {} : { topic: more.topic }),
  });

  // Erasure and opting out/in work in every state, even after STOP.
  if (match.intent === 'confirm_delete' && caller.awaiting === 'delete_confirmation') {
    return decision({ ...caller, awaiting: undefined }, 'confirm_delete', [say(caller, 'deleted')], {
      erase: true,
    });
  }
  // "да удалите всё обо мне" with no question pending is the request itself: ask for the yes.
  if (match.intent === 'delete' || (match.intent === 'confirm_delete' && match.withDelete === true)) {
    return decision({ ...caller, awaiting: 'delete_confirmation' }, 'delete', [say(caller, 'delete_ask')]);
  }
  if (match.intent === 'stop') {
    const next = { ...caller, optedOut: true, awaiting: undefined };
    return decision(next, 'stop', [say(next, 'stopped')], { reminderPlans: { entry: [], permit: [] } });
  }
  // START from a number we never heard of is a hello (Telegram's /start), not a resubscription: the welcome.
  if (match.intent === 'start' && isFirstContact) {
    const next: Caller = { ...caller, language: guessLanguage(text, caller.phone), awaiting: 'language' };
    return decision(next, 'welcome', [say(next, 'welcome')]);
  }
  if (match.intent === 'start') {
    const next = { ...caller, optedOut: false, awaiting: undefined };
    return decision(next, 'start', [say(next, 'started')], {
      reminderPlans: {
        entry: planSeries('entry', next.entryDate, now, next.earlierStays),
        permit: planSeries('permit', next.permitExpiry, now),
      },
    });
  }
  // After STOP nothing goes out but the confirmations above.
  if (caller.optedOut) return decision(caller, 'ignored', []);

  // A first text in Latin letters is answered in Latin letters from then on (one cheap GSM-7 segment,
  // and a phone that may have no Cyrillic keyboard); 9 / LATYN / KIRILL switches back.
  const settled: Caller = {
    ...caller,
    awaiting: undefined,
    ...(isFirstContact && match.intent !== 'latin' && writtenInLatin(text) ? { latin: true } : {}),
  };
  if (caller.awaiting === 'language') {
    const chosen = parseLanguageChoice(text);
    if (chosen) {
      const next = { ...settled, language: chosen };
      return decision(next, 'language_choice', [say(next, 'language_set')]);
    }
  }

  // The travel history: a stay given as two dates ("05.01-18.02", "кирдим 05.01 чыктым 18.02"), or the
  // answer to our question about the last 180 days. Distress, a person and commands come first.
  const awaitingStays = caller.awaiting === 'earlier_stays';
  if (awaitingStays || RANGE_READINGS.has(match.intent)) {
    // A trip told with its verbs ("5-январда келгем 20-февралда чыгып кеттим кайра 15-мартта келдим"):
    // the stay it closes, then the entry after it, which opens the current stay.
    const travel = findTravel(text, todayIn(now));
    const range = travel?.stay ?? findStayRange(text, todayIn(now), { loose: awaitingStays });
    const language = match.intent === 'unknown' ? undefined : match.language;
    const stayer: Caller =
      settled.language === undefined || isFirstContact
        ? { ...settled, language: language ?? guessLanguage(text, caller.phone) ?? settled.language }
        : settled;
    const reentry = travel?.reentry;
    // The trip told includes an entry already saved before its end: the text supersedes it.
    const before: Caller =
      reentry !== undefined &&
      range !== undefined &&
      stayer.entryDate !== undefined &&
      stayer.entryDate <= range.to
        ? { ...stayer, entryDate: undefined }
        : stayer;
    const stayed = range ? addStay(before, range, now) : undefined;
    if (stayed !== undefined && reentry !== undefined && stayed.intent === 'add_stay') {
      return historyDecision(saveEntry(stayed.caller, reentry, now), decision);
    }
    const step = stayed
      ? stayed
      : awaitingStays && (match.intent === 'unknown' || match.intent === 'confirm_delete')
        ? answerEarlierStays(stayer, text)
        : undefined;
    if (step) return historyDecision(step, decision);
  }

  // START from a number we never heard of is a hello (Telegram's /start), not a resubscription.
  if (match.intent === 'unknown' || match.intent === 'confirm_delete') {
    if (isFirstContact) {
      // Unknown first words: ask for a language, in both, and name the main keywords.
      const next: Caller = { ...settled, language: guessLanguage(text, caller.phone), awaiting: 'language' };
      return decision(next, 'welcome', [say(next, 'welcome')]);
    }
    return decision(settled, 'unknown', [say(settled, 'unknown')]);
  }

  // A keyword: its language (or the number's) becomes the caller's until they switch.
  const speaker: Caller =
    settled.language === undefined || isFirstContact
      ? { ...settled, language: match.language ?? guessLanguage(text, caller.phone) ?? settled.language }
      : settled;

  switch (match.intent) {
    case 'menu':
    case 'info_registration':
    case 'info_visa_free':
    case 'info_residence':
    case 'info_work':
    case 'info_emergency':
      return decision(speaker, match.intent, [say(speaker, match.intent)]);
    case 'stop_hint':
      // A stop asked for in a sentence: say how to stop, and do not stop.
      return decision(speaker, 'stop_hint', [say(speaker, 'stop_hint')]);
    case 'help': {
      // A distress text: the topic's help at once, in the first reply, with 7 for a person. No case is
      // opened without the caller asking (docs/keywords.md, "Help topics").
      const topic = match.topic ?? 'documents';
      return decision(speaker, 'help', [say(speaker, `help_${topic}`)], { topic });
    }
    case 'person':
      // The case layer (shared/cases/caller-case.ts) opens the case and answers; with a help topic
      // in the same text it sends that topic's help after the case code.
      return decision(speaker, 'person', [], match.topic === undefined ? {} : { topic: match.topic });
    case 'latin': {
      const next = { ...speaker, latin: !speaker.latin };
      return decision(next, 'latin', [say(next, next.latin ? 'latin_on' : 'latin_off')]);
    }
    case 'language': {
      const chosen = parseLanguageChoice(match.argument ?? '') ?? (speaker.language === 'ky' ? 'ru' : 'ky');
      const next = { ...speaker, language: chosen };
      return decision(next, 'language', [say(next, 'language_set')]);
    }
    case 'my_deadlines':
      return decision(speaker, 'my_deadlines', [deadlinesReply(speaker, todayIn(now))]);
    case 'set_entry':
      return historyDecision(saveEntry(speaker, match.argument ?? '', now), decision);
    case 'set_exit':
      return historyDecision(saveExit(speaker, match.argument ?? '', now), decision);
    case 'set_permit':
      return setPermit(speaker, match.argument ?? '', now, decision);
  }
}

/** The nearest deadline; a stay that already ran out is said as such, not as "no dates". */
function deadlinesReply(caller: Caller, today: ReturnType<typeof todayIn>): string {
  const next = nextDeadline(caller, today);
  if (next) return say(caller, 'deadlines', { deadline: formatDate(next.deadline), daysLeft: next.daysLeft });
  const ended = caller.entryDate ? entryOutcome(caller.entryDate, today, caller.earlierStays) : undefined;
  if (ended?.kind === 'stay_ended')
    return say(caller, 'deadline_passed', { lastDay: formatDate(ended.lastDay) });
  return say(caller, 'no_dates');
}

type Decide = (
  next: Caller,
  intent: SmsDecision['intent'],
  replies: string[],
  more?: Partial<Pick<SmsDecision, 'reminderPlans' | 'erase' | 'args' | 'topic'>>,
) => SmsDecision;

/** Whether every word of a text is typed in Latin letters (and there is at least one word). */
export function writtenInLatin(text: string): boolean {
  const words = tokenize(text).filter((token) => token.kind === 'word');
  return words.length > 0 && words.every((word) => word.script === 'latin');
}

/** Texts read as a travel-history step whatever their keyword: a range can carry entry and exit words. */
const RANGE_READINGS: ReadonlySet<SmsDecision['intent']> = new Set<SmsDecision['intent']>([
  'unknown',
  'set_entry',
  'set_exit',
  'my_deadlines',
  'info_visa_free',
  'menu',
]);

function historyDecision(step: HistoryStep, decision: Decide): SmsDecision {
  return decision(step.caller, step.intent, step.replies, {
    ...(step.entryPlan === undefined ? {} : { reminderPlans: { entry: step.entryPlan } }),
    ...(step.args === undefined ? {} : { args: step.args }),
  });
}

function setPermit(caller: Caller, argument: string, now: Date, decision: Decide): SmsDecision {
  const parsed = parseDate(argument, todayIn(now), 'future');
  if (!parsed.ok)
    return decision(caller, 'set_permit', [say(caller, dateProblemMessage(parsed.reason, 'future'))]);
  const next = { ...caller, permitExpiry: parsed.date };
  const reply = say(next, 'permit_saved', {
    expiry: formatDate(parsed.date),
    windowOpens: formatDate(permitWindowOpens(parsed.date)),
  });
  const unchanged = caller.permitExpiry === parsed.date;
  return decision(next, 'set_permit', [reply], {
    reminderPlans: unchanged ? {} : { permit: planSeries('permit', parsed.date, now) },
  });
}

/** Renders a catalogue text for the caller; a missing placeholder value throws rather than send `{name}`. */
function say(caller: Caller, id: MessageId, values: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(messageTemplate(id, readerOf(caller)), values);
}
