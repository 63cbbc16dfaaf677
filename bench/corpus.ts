// `npx tsx bench/corpus.ts`: runs the labelled message corpus (tests/fixtures/messages/corpus.json, see its
// README) through the pure SMS conversation and reports what issue 13 asks to measure:
//   1. exact accuracy (action and its arguments) per language × script, per context, per action, overall;
//   2. dangerous misfires: a text that is not a stop/delete/confirm-delete/language request doing one of
//      stop, start, delete, confirm-delete or a language switch;
//   3. distress texts (expect.action === 'help') whose first reply gives no help for their topic.
// The misses go to bench/.out/corpus-misses.json. `--check` exits 1 when a goal is not met.
// `evaluateCorpus()` returns the same figures for a unit test or another bench step.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { type Caller, recordContact } from '../shared/callers/caller.js';
import { todayIn } from '../shared/conversation/caller-dates.js';
import { decideSmsReply, type SmsDecision } from '../shared/conversation/sms-conversation.js';
import { HELP_TOPICS, type HelpTopic } from '../shared/sms/topics/types.js';

const ROOT = resolve(import.meta.dirname, '..');
export const CORPUS_PATH = join(ROOT, 'tests/fixtures/messages/corpus.json');
const OUT = join(ROOT, 'bench/.out');
export const MISSES_PATH = join(OUT, 'corpus-misses.json');

/** Issue 13's goals. */
export const GOALS = { exactAccuracy: 0.9, dangerousMisfires: 0, distressWithoutHelp: 0 } as const;

// ---------------------------------------------------------------------------------------------------------
// The corpus format

// The corpus labels distress with the topics the SMS line answers (shared/sms/topics/types.ts).
export { HELP_TOPICS, type HelpTopic };

/** Actions that take no argument. */
const PLAIN_ACTIONS = [
  'menu',
  'info_registration',
  'info_visa_free',
  'info_residence',
  'info_work',
  'info_emergency',
  'my_deadlines',
  'latin',
  'stop',
  'start',
  'delete',
  'confirm_delete',
  'person',
  'stop_hint',
  'fallback',
] as const;

const IsoDate = z.iso.date();
const Language = z.enum(['ky', 'ru']);

const Expect = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(PLAIN_ACTIONS) }),
  z.strictObject({ action: z.enum(['set_entry', 'set_exit', 'set_permit']), date: IsoDate }),
  z.strictObject({ action: z.literal('add_stay'), from: IsoDate, to: IsoDate }),
  z.strictObject({ action: z.literal('language'), language: Language }),
  z.strictObject({ action: z.literal('help'), topic: z.enum(HELP_TOPICS) }),
]);
export type Expected = z.infer<typeof Expect>;

const LANG_CODE = { ky: 'ky', ru: 'ru', mixed: 'mx' } as const;
const SCRIPT_CODE = { cyrillic: 'cyr', latin: 'lat', mixed: 'mix' } as const;

const Entry = z.strictObject({
  // `ho-` marks the held-out corpus (holdout.json), written blind to the code: measured, never tuned on.
  id: z.string().regex(/^(ho-|fr-|fr-b-)?(ky|ru|mx)-(cyr|lat|mix)-\d{3}$/),
  text: z.string().min(1),
  lang: z.enum(['ky', 'ru', 'mixed']),
  script: z.enum(['cyrillic', 'latin', 'mixed']),
  /** new: first text ever; known: language already chosen; awaiting_delete: just asked "reply YES to erase". */
  context: z.enum(['new', 'known', 'awaiting_delete']),
  expect: Expect,
  note: z.string().optional(),
});
export type CorpusEntry = z.infer<typeof Entry>;

export const Corpus = z
  .strictObject({
    _format: z.string(),
    now: z.iso.datetime(),
    timeZone: z.literal('Europe/Belgrade'),
    entries: z.array(Entry).min(150),
  })
  .superRefine((corpus, context) => {
    const today = todayIn(new Date(corpus.now));
    const seen = new Set<string>();
    corpus.entries.forEach((entry, index) => {
      const problem = (message: string) =>
        context.addIssue({ code: 'custom', path: ['entries', index], message: `${entry.id}: ${message}` });
      if (seen.has(entry.id)) problem('duplicate id');
      seen.add(entry.id);
      if (
        !entry.id
          .replace(/^(ho|fr-b|fr)-/, '')
          .startsWith(`${LANG_CODE[entry.lang]}-${SCRIPT_CODE[entry.script]}-`)
      ) {
        problem('id does not match lang and script');
      }
      if (scriptOf(entry.text) !== entry.script)
        problem(`script is ${scriptOf(entry.text)}, not ${entry.script}`);
      for (const problemText of dateProblems(entry.expect, today)) problem(problemText);
    });
    for (const topic of HELP_TOPICS) {
      const count = corpus.entries.filter(
        (e) => e.expect.action === 'help' && e.expect.topic === topic,
      ).length;
      if (count < 8)
        context.addIssue({ code: 'custom', path: ['entries'], message: `${topic}: ${count} < 12` });
    }
  });
export type CorpusFile = z.infer<typeof Corpus>;

/** Script of a text by its letters: digits and signs alone count as Latin (GSM-7). */
export function scriptOf(text: string): CorpusEntry['script'] {
  const cyrillic = /\p{Script=Cyrillic}/u.test(text);
  const latin = /\p{Script=Latin}/u.test(text);
  if (cyrillic && latin) return 'mixed';
  return cyrillic ? 'cyrillic' : 'latin';
}

/** Labelled dates must be real and on the right side of today (ISO strings compare as dates). */
function dateProblems(expect: Expected, today: string): string[] {
  const problems: string[] = [];
  const past = (date: string, what: string) => {
    if (date > today) problems.push(`${what} ${date} is after today ${today}`);
  };
  switch (expect.action) {
    case 'set_entry':
    case 'set_exit':
      past(expect.date, expect.action);
      break;
    case 'set_permit':
      if (expect.date < today) problems.push(`permit expiry ${expect.date} is before today`);
      break;
    case 'add_stay':
      past(expect.to, 'stay end');
      if (expect.from > expect.to) problems.push(`stay ${expect.from}..${expect.to} ends before it starts`);
      break;
    default:
      break;
  }
  return problems;
}

export function loadCorpus(path = CORPUS_PATH): CorpusFile {
  return Corpus.parse(JSON.parse(readFileSync(path, 'utf8')));
}

// ---------------------------------------------------------------------------------------------------------
// From a decision to an action label

/** What the hotline did, in the corpus's terms. Only the arguments of `action` are set. */
export interface Got {
  action: string;
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  language?: string | undefined;
  topic?: string | undefined;
}

/** The argument keys each action is compared on. */
const ARGUMENTS: Readonly<Record<string, readonly (keyof Got)[]>> = {
  set_entry: ['date'],
  set_exit: ['date'],
  set_permit: ['date'],
  add_stay: ['from', 'to'],
  language: ['language'],
  help: ['topic'],
};

/**
 * Maps a decision to an action label. Today's intents map directly (welcome and unknown are `fallback`,
 * language_choice is `language`; dates are read from the caller the decision saved). New intents are
 * recognised by name, with loose access so today's types still check: an intent named like the action
 * (`set_exit`, `add_stay`, `stop_hint`, `help` or `help_<topic>`, `fallback`), its arguments on the
 * decision itself or under `decision.args` (`date`, `from`/`to`, `topic`, `language`). A help `topic`
 * on any decision (say a case opened at once for `person`) makes it `help` for that topic.
 */
export function actionOf(decision: SmsDecision, before: Caller): Got {
  const loose = decision as unknown as Record<string, unknown>;
  const args = isRecord(loose.args) ? { ...loose, ...loose.args } : loose;
  const text = (key: string): string | undefined => {
    const value = args[key];
    return typeof value === 'string' ? value : undefined;
  };
  const intent = String(loose.intent);
  const topic = text('topic') ?? (intent.startsWith('help_') ? intent.slice('help_'.length) : undefined);
  if (topic !== undefined && (HELP_TOPICS as readonly string[]).includes(topic))
    return { action: 'help', topic };

  const saved = (was: string | undefined, now: string | undefined) => (now !== was ? now : undefined);
  switch (intent) {
    case 'welcome':
    case 'unknown':
    case 'fallback':
      return { action: 'fallback' };
    case 'language':
    case 'language_choice':
      return { action: 'language', language: text('language') ?? decision.caller.language };
    case 'set_entry':
      return { action: intent, date: text('date') ?? saved(before.entryDate, decision.caller.entryDate) };
    case 'set_permit':
      return {
        action: intent,
        date: text('date') ?? saved(before.permitExpiry, decision.caller.permitExpiry),
      };
    case 'set_exit':
      return { action: intent, date: text('date') ?? text('exit') };
    case 'add_stay':
      return { action: intent, from: text('from') ?? text('entry'), to: text('to') ?? text('exit') };
    case 'help':
      return { action: intent, topic };
    default:
      return { action: intent };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameAction(expected: Expected, got: Got): boolean {
  if (expected.action !== got.action) return false;
  const wanted = expected as unknown as Record<string, unknown>;
  return (ARGUMENTS[expected.action] ?? []).every((key) => wanted[key] === got[key]);
}

// ---------------------------------------------------------------------------------------------------------
// Dangerous misfires and help for distress

/** Actions that change what we send or hold (or the language everything is sent in). */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<string> = new Set([
  'stop',
  'start',
  'delete',
  'confirm_delete',
  'language',
]);

/**
 * What a decision did to the caller's state, whatever its intent is called: opted out or in, asked to
 * confirm erasure, erased, switched a known caller's language.
 */
function effectsOf(decision: SmsDecision, before: Caller, isFirstContact: boolean): string[] {
  const after = decision.caller;
  const effects: string[] = [];
  if (after.optedOut && !before.optedOut) effects.push('stop');
  if (!after.optedOut && before.optedOut) effects.push('start');
  if (after.awaiting === 'delete_confirmation' && before.awaiting !== 'delete_confirmation')
    effects.push('delete');
  if (decision.erase) effects.push('confirm_delete');
  if (!isFirstContact && before.language !== undefined && after.language !== before.language)
    effects.push('language');
  return effects;
}

/**
 * A misfire is dangerous when the hotline stopped, restarted, started or confirmed erasure, or switched
 * language, and that was not what the text asked for (by label, or by its effect on the caller's state).
 * This contains issue 13's definition (expected is not stop/delete/confirm-delete/language) and also
 * counts, say, a delete taken for a stop or a switch to the wrong language.
 */
function dangerousReasons(expected: Expected, got: Got, effects: readonly string[]): string[] {
  const reasons = new Set<string>();
  if (DESTRUCTIVE_ACTIONS.has(got.action) && !sameAction(expected, got)) reasons.add(got.action);
  for (const effect of effects) {
    const asked = expected.action === effect && (effect !== 'language' || sameAction(expected, got));
    if (!asked) reasons.add(effect);
  }
  return [...reasons];
}

/** Help numbers as the catalogue writes them (Cyrillic and Latin texts alike). */
export const HELP_NUMBERS = {
  police: /(?<!\d)192(?!\d)/,
  ambulance: /(?<!\d)194(?!\d)/,
  astra: /\+?381\s?11\s?785\s?0{4}/,
  labourInspectorate: /\+?381\s?11\s?2017\s?4[89]5/,
} as const;
type HelpNumber = keyof typeof HELP_NUMBERS;

/**
 * Strict: the number that helps with the topic (issue 13: ASTRA for documents and trafficking, the labour
 * inspectorate for wages, 192/194 for police and injury). Deportation and housing have no dedicated
 * service in the domain facts, so ASTRA or the police count there. A menu, a welcome or a "not
 * understood" text gives none; `person` alone gives none either (its answer comes later, from the case
 * layer, and may only say "passed to the volunteers").
 */
export const TOPIC_HELP: Readonly<Record<HelpTopic, readonly HelpNumber[]>> = {
  documents: ['astra'],
  wages: ['labourInspectorate'],
  police: ['police'],
  deportation: ['astra', 'police'],
  violence: ['police', 'ambulance'],
  health: ['ambulance'],
  trafficking: ['astra'],
  housing: ['astra', 'police'],
};

/** Whether the first reply helps with `topic`: a help decision for it, or its help number in a reply. */
export function givesHelp(topic: HelpTopic, got: Got, replies: readonly string[]): boolean {
  if (got.action === 'help' && got.topic === topic) return true;
  const first = replies[0] ?? '';
  return TOPIC_HELP[topic].some((number) => HELP_NUMBERS[number].test(first));
}

// ---------------------------------------------------------------------------------------------------------
// Running the corpus

/** A Serbian SIM: many Kyrgyz migrants text from one, so the language must come from the words. */
const PHONE = '+381641112223';
const RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

/** The caller as the context describes them, after recordContact for this text (as the use case does). */
export function callerFor(entry: CorpusEntry, now: Date): { caller: Caller; isFirstContact: boolean } {
  const contact = { callerId: `corpus-${entry.id}`, phone: PHONE, channel: 'sms' as const };
  if (entry.context === 'new') {
    return { caller: recordContact(undefined, contact, now, RETENTION_DAYS), isFirstContact: true };
  }
  const earlier = new Date(now.getTime() - 3 * DAY_MS);
  const chosen: Caller = {
    ...recordContact(undefined, contact, earlier, RETENTION_DAYS),
    language: entry.lang === 'ru' ? 'ru' : 'ky',
    awaiting: entry.context === 'awaiting_delete' ? 'delete_confirmation' : undefined,
  };
  return { caller: recordContact(chosen, contact, now, RETENTION_DAYS), isFirstContact: false };
}

export interface Outcome {
  id: string;
  text: string;
  lang: CorpusEntry['lang'];
  script: CorpusEntry['script'];
  context: CorpusEntry['context'];
  expected: Expected;
  got: Got;
  exact: boolean;
  /** Why the outcome is a dangerous misfire; empty when it is not one. */
  dangerous: string[];
  /** For distress texts: whether the first reply helps with the topic. */
  helped?: boolean;
  reply: string | undefined;
}

export function runEntry(entry: CorpusEntry, now: Date): Outcome {
  const { caller, isFirstContact } = callerFor(entry, now);
  const decision = decideSmsReply(caller, entry.text, isFirstContact, now);
  const got = actionOf(decision, caller);
  const effects = effectsOf(decision, caller, isFirstContact);
  const { expect } = entry;
  return {
    id: entry.id,
    text: entry.text,
    lang: entry.lang,
    script: entry.script,
    context: entry.context,
    expected: expect,
    got,
    exact: sameAction(expect, got),
    dangerous: dangerousReasons(expect, got, effects),
    ...(expect.action === 'help' ? { helped: givesHelp(expect.topic, got, decision.replies) } : {}),
    reply: decision.replies[0],
  };
}

export interface Score {
  total: number;
  exact: number;
  accuracy: number;
}

export interface CorpusFigures {
  now: string;
  overall: Score;
  /** Keyed `ky/cyrillic`, `ru/latin`, `mixed/mixed`...; only combinations present in the corpus. */
  byLangScript: Record<string, Score>;
  byLang: Record<string, Score>;
  byScript: Record<string, Score>;
  byContext: Record<string, Score>;
  /** By expected action. */
  byAction: Record<string, Score>;
  dangerousMisfires: { count: number; list: Outcome[] };
  distressWithoutHelp: { count: number; total: number; byTopic: Record<string, Score>; list: Outcome[] };
  misses: Outcome[];
  goalsMet: { exactAccuracy: boolean; dangerousMisfires: boolean; distressWithoutHelp: boolean };
}

export function evaluateCorpus(corpus: CorpusFile = loadCorpus()): CorpusFigures {
  const now = new Date(corpus.now);
  const outcomes = corpus.entries.map((entry) => runEntry(entry, now));
  const distress = outcomes.filter((outcome) => outcome.helped !== undefined);
  const withoutHelp = distress.filter((outcome) => outcome.helped === false);
  const dangerous = outcomes.filter((outcome) => outcome.dangerous.length > 0);
  const overall = score(outcomes);
  return {
    now: corpus.now,
    overall,
    byLangScript: scoreBy(outcomes, (outcome) => `${outcome.lang}/${outcome.script}`),
    byLang: scoreBy(outcomes, (outcome) => outcome.lang),
    byScript: scoreBy(outcomes, (outcome) => outcome.script),
    byContext: scoreBy(outcomes, (outcome) => outcome.context),
    byAction: scoreBy(outcomes, (outcome) => outcome.expected.action),
    dangerousMisfires: { count: dangerous.length, list: dangerous },
    distressWithoutHelp: {
      count: withoutHelp.length,
      total: distress.length,
      // Here `exact` counts the texts that got help.
      byTopic: Object.fromEntries(
        Object.entries(groupBy(distress, (o) => (o.expected.action === 'help' ? o.expected.topic : ''))).map(
          ([topic, group]) => [topic, ratio(group.length, group.filter((o) => o.helped).length)],
        ),
      ),
      list: withoutHelp,
    },
    misses: outcomes.filter((outcome) => !outcome.exact),
    goalsMet: {
      exactAccuracy: overall.accuracy >= GOALS.exactAccuracy,
      dangerousMisfires: dangerous.length <= GOALS.dangerousMisfires,
      distressWithoutHelp: withoutHelp.length <= GOALS.distressWithoutHelp,
    },
  };
}

function score(outcomes: readonly Outcome[]): Score {
  return ratio(outcomes.length, outcomes.filter((outcome) => outcome.exact).length);
}

function ratio(total: number, exact: number): Score {
  return { total, exact, accuracy: total === 0 ? 0 : exact / total };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) {
    const name = key(item);
    groups[name] = [...(groups[name] ?? []), item];
  }
  return groups;
}

function scoreBy(outcomes: readonly Outcome[], key: (outcome: Outcome) => string): Record<string, Score> {
  return Object.fromEntries(
    Object.entries(groupBy(outcomes, key)).map(([name, group]) => [name, score(group)]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The report

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const cell = (s: Score | undefined) =>
  s === undefined ? '–' : `${percent(s.accuracy)} (${s.exact}/${s.total})`;

export function describeAction(action: Expected | Got): string {
  const args = Object.entries(action)
    .filter(([key, value]) => key !== 'action' && value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return args.length === 0 ? action.action : `${action.action}(${args.join(', ')})`;
}

export function formatReport(figures: CorpusFigures): string {
  const lines: string[] = [];
  const langs = ['ky', 'ru', 'mixed'];
  const scripts = ['cyrillic', 'latin', 'mixed'];
  lines.push(`Message corpus: ${figures.overall.total} texts, now = ${figures.now} (Europe/Belgrade)`, '');
  lines.push('Exact accuracy (action and arguments), language × script:', '');
  lines.push(
    `| lang | ${scripts.join(' | ')} | all |`,
    `| --- | ${scripts.map(() => '---').join(' | ')} | --- |`,
  );
  for (const lang of langs) {
    const row = scripts.map((script) => cell(figures.byLangScript[`${lang}/${script}`]));
    lines.push(`| ${lang} | ${row.join(' | ')} | ${cell(figures.byLang[lang])} |`);
  }
  const all = scripts.map((script) => cell(figures.byScript[script]));
  lines.push(`| all | ${all.join(' | ')} | **${cell(figures.overall)}** |`, '');
  lines.push('By context:');
  for (const [name, s] of Object.entries(figures.byContext)) lines.push(`  ${name.padEnd(16)} ${cell(s)}`);
  lines.push('', 'By expected action:');
  const actions = Object.entries(figures.byAction).sort(([, a], [, b]) => b.total - a.total);
  for (const [name, s] of actions) lines.push(`  ${name.padEnd(18)} ${cell(s)}`);

  lines.push('', `Dangerous misfires: ${figures.dangerousMisfires.count}`);
  for (const o of figures.dangerousMisfires.list) {
    lines.push(
      `  ${o.id.padEnd(11)} ${JSON.stringify(o.text)} [${o.context}] expected ${describeAction(o.expected)}, ` +
        `got ${describeAction(o.got)} (${o.dangerous.join(', ')})`,
    );
  }
  const distress = figures.distressWithoutHelp;
  lines.push('', `Distress texts without help in the first reply: ${distress.count} of ${distress.total}`);
  const ids = distress.list.map((o) => o.id);
  for (let start = 0; start < ids.length; start += 10)
    lines.push(`  ${ids.slice(start, start + 10).join(' ')}`);
  lines.push('  helped per topic:');
  for (const [topic, s] of Object.entries(distress.byTopic)) lines.push(`    ${topic.padEnd(12)} ${cell(s)}`);
  lines.push('', `Misses: ${figures.misses.length} (written to ${MISSES_PATH})`);
  const goal = (met: boolean) => (met ? 'met' : 'NOT met');
  lines.push(
    '',
    `Goals: exact ≥ ${percent(GOALS.exactAccuracy)}: ${goal(figures.goalsMet.exactAccuracy)}; ` +
      `0 dangerous misfires: ${goal(figures.goalsMet.dangerousMisfires)}; ` +
      `0 distress without help: ${goal(figures.goalsMet.distressWithoutHelp)}`,
  );
  return lines.join('\n');
}

export const HOLDOUT_PATH = join(ROOT, 'tests/fixtures/messages/holdout.json');
/** Written blind on 2026-12-01 and tuned on since (tests/fixtures/messages/FRESH.md). */
export const FRESH_PATH = join(ROOT, 'tests/fixtures/messages/fresh-2026-12.json');

function main(): void {
  // `npx tsx bench/corpus.ts [corpus.json]`: the tuned corpus by default, or another (the held-out one).
  const path = process.argv.slice(2).find((arg) => arg.endsWith('.json'));
  const figures = evaluateCorpus(path ? loadCorpus(resolve(path)) : undefined);
  mkdirSync(OUT, { recursive: true });
  const misses = figures.misses.map((o) => ({
    id: o.id,
    text: o.text,
    context: o.context,
    expected: o.expected,
    got: o.got,
    ...(o.dangerous.length > 0 ? { dangerous: o.dangerous } : {}),
    ...(o.helped === false ? { withoutHelp: true } : {}),
    reply: o.reply,
  }));
  writeFileSync(MISSES_PATH, `${JSON.stringify(misses, null, 2)}\n`);
  console.log(formatReport(figures));
  const failed = Object.values(figures.goalsMet).some((met) => !met);
  if (process.argv.includes('--check') && failed) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
