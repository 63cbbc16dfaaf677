// The caller's travel history by SMS: an entry opens a stay, an exit closes it, a range adds an earlier
// one, and after a first entry date we ask once about the last 180 days. Pure: the caller and a text
// in, the new caller, the replies and the entry reminders out. The conversation (sms-conversation.ts)
// decides when a text is one of these; docs/deadlines.md says how the stays are kept and counted.
import { type Caller, type EarlierStay, readerOf } from '../callers/caller.js';
import type { LocalDate, Reminder } from '../deadlines/index.js';
import { dateProblemMessage, fillTemplate, type MessageId, messageTemplate } from '../messages/catalogue.js';
import { formatDate, parseDate } from '../sms/dates.js';
import { tokenize } from '../sms/normalize.js';
import type { StayRange } from '../sms/stays.js';
import { entryOutcome, keptStays, planSeries, reentryAfter, todayIn } from './caller-dates.js';

export interface HistoryStep {
  readonly caller: Caller;
  readonly intent: 'set_entry' | 'set_exit' | 'add_stay' | 'no_earlier_stays';
  readonly replies: string[];
  /** Replaces the entry reminders when present (an empty plan cancels them). */
  readonly entryPlan?: Reminder[];
  /** What the text said: the exit date, or the stay added (YYYY-MM-DD). Never logged. */
  readonly args?: { date?: string; from?: string; to?: string };
}

/** КИРДИМ 12.03: opens a stay. After the caller's first entry date, asks about the last 180 days. */
export function saveEntry(caller: Caller, argument: string, now: Date): HistoryStep {
  const today = todayIn(now);
  const parsed = parseDate(argument, today, 'past');
  if (!parsed.ok)
    return { caller, intent: 'set_entry', replies: [say(caller, dateProblemMessage(parsed.reason, 'past'))] };
  // The entry told last wins over a finished trip that would overlap it.
  const earlier = keptStays(caller.earlierStays ?? [], parsed.date, today);
  const outcome = entryOutcome(parsed.date, today, earlier);
  const firstEntry = caller.entryDate === undefined && (caller.earlierStays ?? []).length === 0;
  const ask = firstEntry && outcome.kind === 'in_stay';
  const next: Caller = {
    ...caller,
    entryDate: parsed.date,
    earlierStays: orNothing(earlier),
    ...(ask ? { awaiting: 'earlier_stays' as const } : {}),
  };
  const replies = [
    outcome.kind === 'in_stay'
      ? say(next, 'entry_saved', { lastDay: formatDate(outcome.lastDay), daysLeft: outcome.daysLeft })
      : say(next, 'entry_saved_ended', { lastDay: formatDate(outcome.lastDay) }),
    ...(ask ? [say(next, 'stays_ask')] : []),
  ];
  const unchanged = caller.entryDate === parsed.date && sameStays(caller.earlierStays, earlier);
  return {
    caller: next,
    intent: 'set_entry',
    replies,
    ...(unchanged ? {} : { entryPlan: planSeries('entry', parsed.date, now, earlier) }),
  };
}

/**
 * ЧЫКТЫМ 18.02: closes the open stay. An exit before the open stay's entry, or with no entry known,
 * cannot be counted alone (we do not know when that trip began): the reply asks for the whole trip as
 * a range, and nothing is saved, least of all as an entry.
 */
export function saveExit(caller: Caller, argument: string, now: Date): HistoryStep {
  const today = todayIn(now);
  const parsed = parseDate(argument, today, 'past');
  if (!parsed.ok) {
    const id =
      parsed.reason === 'unreadable' ? 'stay_needs_dates' : dateProblemMessage(parsed.reason, 'past');
    return { caller, intent: 'set_exit', replies: [say(caller, id)] };
  }
  const args = { date: parsed.date };
  const open = caller.entryDate;
  if (open === undefined || parsed.date < open) {
    const next: Caller = { ...caller, awaiting: 'earlier_stays' };
    return { caller: next, intent: 'set_exit', replies: [say(next, 'stay_needs_dates')], args };
  }
  const stays = keptStays(
    [...(caller.earlierStays ?? []), { entry: open, exit: parsed.date }],
    undefined,
    today,
  );
  const next: Caller = { ...caller, entryDate: undefined, earlierStays: orNothing(stays) };
  return {
    caller: next,
    intent: 'set_exit',
    replies: [closedReply(next, { from: open, to: parsed.date }, stays, today)],
    // Out of Serbia: no countdown and no registration reminder until the next entry.
    entryPlan: [],
    args,
  };
}

/** "05.01-18.02": an earlier, finished trip. It must end on or before the open stay's entry. */
export function addStay(caller: Caller, range: StayRange, now: Date): HistoryStep {
  const today = todayIn(now);
  const args = { from: range.from, to: range.to };
  const open = caller.entryDate;
  if (open !== undefined && range.to > open) {
    const next: Caller = { ...caller, awaiting: 'earlier_stays' };
    return { caller: next, intent: 'add_stay', replies: [say(next, 'stay_needs_dates')], args };
  }
  const stays = keptStays(
    [...(caller.earlierStays ?? []), { entry: range.from, exit: range.to }],
    open,
    today,
  );
  const next: Caller = { ...caller, earlierStays: orNothing(stays), awaiting: undefined };
  if (open === undefined) {
    return { caller: next, intent: 'add_stay', replies: [closedReply(next, range, stays, today)], args };
  }
  const outcome = entryOutcome(open, today, stays);
  const shown = { from: shortDate(range.from), to: shortDate(range.to) };
  const reply =
    outcome.kind === 'in_stay'
      ? say(next, 'stay_saved', {
          ...shown,
          lastDay: formatDate(outcome.lastDay),
          daysLeft: outcome.daysLeft,
        })
      : say(next, 'stay_saved_ended', { ...shown, lastDay: formatDate(outcome.lastDay) });
  const unchanged = sameStays(caller.earlierStays, stays);
  return {
    caller: next,
    intent: 'add_stay',
    replies: [reply],
    ...(unchanged ? {} : { entryPlan: planSeries('entry', open, now, stays) }),
    args,
  };
}

/**
 * The answer to "were you in Serbia in the last 180 days?" when it is not a range: no (only the open
 * stay counts), yes without dates (ask for them), or undefined (read the text as any other).
 */
export function answerEarlierStays(caller: Caller, text: string): HistoryStep | undefined {
  const answer = yesOrNo(text);
  if (answer === 'no') {
    const next: Caller = { ...caller, awaiting: undefined };
    return { caller: next, intent: 'no_earlier_stays', replies: [say(next, 'stays_none')] };
  }
  if (answer === 'yes') {
    const next: Caller = { ...caller, awaiting: 'earlier_stays' };
    return { caller: next, intent: 'add_stay', replies: [say(next, 'stay_needs_dates')] };
  }
  return undefined;
}

// NATIVE SPEAKERS SHOULD REVIEW: short answers to "were you in Serbia in the last 180 days?".
const NO_WORDS = new Set(
  [
    'ЖОК',
    'ЖОГ',
    'JOK',
    'ZHOK',
    'DJOK',
    'НЕТ',
    'NET',
    'NO',
    'НЕ',
    'NE',
    'ЭМЕС',
    'EMES',
    'ЭМЕСМИН',
    'EMESMIN',
  ].map(fold),
);
const YES_WORDS = new Set(
  [
    'ООБА',
    'OOBA',
    'ОВА',
    'OVA',
    'ДА',
    'DA',
    'YES',
    'БОЛГОМ',
    'BOLGOM',
    'БОЛДУМ',
    'BOLDUM',
    'БЫЛ',
    'BYL',
    'БЫЛА',
    'BYLA',
  ].map(fold),
);
const FILLERS = new Set(
  [
    'БОЛГОН',
    'BOLGON',
    'СЕРБИЯДА',
    'SERBIYADA',
    'В',
    'V',
    'СЕРБИИ',
    'SERBII',
    'РАХМАТ',
    'RAHMAT',
    'RAKHMAT',
    'СПАСИБО',
    'SPASIBO',
  ].map(fold),
);

function yesOrNo(text: string): 'yes' | 'no' | undefined {
  const words = tokenize(text).map((token) => token.folded);
  if (words.length === 0) return undefined;
  const known = (set: ReadonlySet<string>) => words.every((word) => set.has(word) || FILLERS.has(word));
  if (words.some((word) => NO_WORDS.has(word)) && known(new Set([...NO_WORDS, ...YES_WORDS]))) return 'no';
  if (words.some((word) => YES_WORDS.has(word)) && known(YES_WORDS)) return 'yes';
  return undefined;
}

function fold(word: string): string {
  return tokenize(word)
    .map((token) => token.folded)
    .join(' ');
}

function closedReply(
  caller: Caller,
  range: StayRange,
  stays: readonly EarlierStay[],
  today: LocalDate,
): string {
  const { reentry, days } = reentryAfter(stays, today);
  return say(caller, 'stay_closed', {
    from: shortDate(range.from),
    to: shortDate(range.to),
    reentry: formatDate(reentry),
    days,
  });
}

/** `2026-01-05` → `05.01.26`: short enough for a one-segment confirmation, still unambiguous. */
function shortDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year?.slice(2)}`;
}

function orNothing(stays: EarlierStay[]): EarlierStay[] | undefined {
  return stays.length > 0 ? stays : undefined;
}

function sameStays(a: readonly EarlierStay[] | undefined, b: readonly EarlierStay[]): boolean {
  const left = a ?? [];
  return (
    left.length === b.length &&
    left.every((stay, i) => stay.entry === b[i]?.entry && stay.exit === b[i]?.exit)
  );
}

function say(caller: Caller, id: MessageId, values: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(messageTemplate(id, readerOf(caller)), values);
}
