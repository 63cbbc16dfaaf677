// The vocabulary false-positive scan (issue 13, "Measured, not asserted"): every form of a real Kyrgyz and a
// real Russian vocabulary, alone and as the first word of a sentence, in Cyrillic and in Latin letters, goes
// through the keyword matcher and through the conversation; per intent, it counts the words that trigger it
// without being one of its spellings. Goal: 0 for stop, start, delete, confirm_delete and language.
//
//   npx tsx bench/vocabulary-scan.ts                   prints the table, writes bench/.out/vocabulary-scan.json
//   VOCAB_SCAN_FULL=1 npx tsx bench/vocabulary-scan.ts every text through the engine (no pre-filter; slow)
//   npx tsx bench/vocabulary-scan.ts --write-samples   regenerates tests/fixtures/vocabulary/sample-*.txt
//
// Sources (neither is committed; see /work/shared/data/vocabulary/README.md):
//   Kyrgyz:  ../shared/data/vocabulary/ky-words.txt from the repository root, or the file named by KY_WORDS
//            (155,658 forms generated from the Apertium Kyrgyz morphology, GPL-3.0).
//   Russian: Debian's hunspell-ru expanded by unmunch (hunspell-tools), about 1.25 million forms, cached in
//            bench/.out/ru-words.txt (RU_WORDS names a ready list instead).
//
// What counts. A variant is a text sent to the hotline: the word alone or followed by a neutral continuation,
// in Cyrillic or in a Latin transliteration (main scheme, plus an alternate for ж/х/щ/ң). For each text:
//   matched - `matchKeyword(text)` returned the intent;
//   acted   - the conversation did it to a known caller (`decideSmsReply` on four probe callers): STOP opted a
//             subscribed caller out, START resubscribed an opted-out one, DELETE left a caller awaiting the
//             erasure confirmation, CONFIRM erased (erase=true), LANGUAGE changed the caller's language.
// `acted` is what happens to the caller, so it is the headline figure for the five dangerous intents; for the
// other intents (no state to watch) the headline is `matched`. A word is not a false positive for an intent
// when its folded form (the engine's `foldWord`) is one of that intent's spellings in the keyword table, or it
// is in ALLOWED_INFLECTIONS below (compared unfolded). Words excused only by folding (ОБА folds like ООБА,
// ТЫЛ "rear" like ТИЛ) are listed apart as fold collisions.
//
// Speed. A text costs the matcher (about 100 µs) and four conversation probes (300-600 µs); 1.41 million
// forms make 6.4 million texts, which took 37 CPU-minutes with VOCAB_SCAN_FULL=1 (every text, every probe).
// By default two cuts, each checked by a hash sample:
//   - a pre-filter sends to the engine only words with a token within two edits of a keyword token (under a
//     cheap fold of our own, so one edit of slack over the engine's one-typo tolerance), words of at most
//     four letters, and 1 % of all other words; a sampled word outside the pre-filter that triggers a
//     keyword-table intent is reported as a pre-filter miss;
//   - the conversation probes run on the texts the matcher reads as some intent, and on 10 % of the others;
//     an act on one of those others is reported as a probe miss.
// On the engine of issue 13's start: 48,000 words, 213,000 texts, 36,000 probed, 60 CPU-s, and exactly the
// lists of the full run; on the fixed engine 97 CPU-s (1-2 minutes on two cores). After a miss, the full run
// is the figure to trust.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Caller, recordContact } from '../shared/callers/caller.js';
import { decideSmsReply } from '../shared/conversation/sms-conversation.js';
import { INTENTS, type Intent } from '../shared/sms/intents.js';
import { KEYWORD_ENTRIES, matchKeyword } from '../shared/sms/keywords.js';
import { foldWord, normalizeText } from '../shared/sms/normalize.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/.out');
const DEFAULT_KY_WORDS = resolve(ROOT, '../shared/data/vocabulary/ky-words.txt');
const HUNSPELL_DIC = '/usr/share/hunspell/ru_RU.dic';
const HUNSPELL_AFF = '/usr/share/hunspell/ru_RU.aff';
const RU_CACHE = join(OUT, 'ru-words.txt');
const SAMPLE_DIR = join(ROOT, 'tests/fixtures/vocabulary');
export const APT_INSTALL = 'apt-get install -y hunspell-ru hunspell-tools';

export type ScanLanguage = 'ky' | 'ru';
export const SCAN_LANGUAGES: readonly ScanLanguage[] = ['ky', 'ru'];

export const VARIANTS = ['alone-cyrillic', 'alone-latin', 'first-cyrillic', 'first-latin'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Intents that unsubscribe, resubscribe, erase or switch the language: goal 0 false positives. */
export const DANGEROUS_INTENTS = ['stop', 'start', 'delete', 'confirm_delete', 'language'] as const;
export type DangerousIntent = (typeof DANGEROUS_INTENTS)[number];
const DANGEROUS = new Set<string>(DANGEROUS_INTENTS);

// ---------------------------------------------------------------------------------------------------------
// Latin transliteration, the way migrants type on a phone without Cyrillic

/** Main scheme: one Latin spelling per letter, the commonest on Kyrgyz and Russian phones. */
const LATIN_MAIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Alternate spellings of the letters people write two ways (zhardam/jardam, kh, shch, ng for ң). */
const LATIN_ALTERNATE: Readonly<Record<string, string>> = { ж: 'zh', х: 'kh', щ: 'shch', ң: 'ng' };

/** Lower-case Latin transliteration of a Cyrillic word; other characters pass through, lower-cased. */
export function transliterate(word: string, scheme: 'main' | 'alternate' = 'main'): string {
  let latin = '';
  for (const char of word.toLowerCase()) {
    latin += (scheme === 'alternate' ? LATIN_ALTERNATE[char] : undefined) ?? LATIN_MAIN[char] ?? char;
  }
  return latin;
}

/** The main transliteration and, when it differs, the alternate one. */
export function latinSpellings(word: string): string[] {
  const main = transliterate(word, 'main');
  const alternate = transliterate(word, 'alternate');
  return alternate === main ? [main] : [main, alternate];
}

// ---------------------------------------------------------------------------------------------------------
// Sentences

/**
 * What follows the word in the first-word variants: ordinary words that trigger nothing themselves
 * (checked by `checkContinuations` before every scan). Kyrgyz "what happened today", Russian "tonight".
 */
export const CONTINUATIONS: Readonly<Record<ScanLanguage, string>> = {
  ky: 'бүгүн эмне болду',
  ru: 'сегодня вечером',
};

export interface VariantText {
  readonly variant: Variant;
  readonly text: string;
  /** The word as typed in this text (the Latin spelling for Latin variants). */
  readonly typed: string;
}

/** The texts a word is scanned as: alone and first, Cyrillic and Latin (one or two Latin spellings). */
export function variantTexts(word: string, language: ScanLanguage): VariantText[] {
  const continuation = CONTINUATIONS[language];
  const latinContinuation = transliterate(continuation);
  const texts: VariantText[] = [
    { variant: 'alone-cyrillic', text: word, typed: word },
    { variant: 'first-cyrillic', text: `${word} ${continuation}`, typed: word },
  ];
  for (const latin of latinSpellings(word)) {
    texts.push({ variant: 'alone-latin', text: latin, typed: latin });
    texts.push({ variant: 'first-latin', text: `${latin} ${latinContinuation}`, typed: latin });
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------------------
// Intended spellings

/**
 * Inflections that mean the intent itself, so the engine may act on them without it being a false
 * positive. Kept minimal on purpose: issue 13 wants destructive intents on their exact spellings only.
 */
export const ALLOWED_INFLECTIONS: Readonly<Partial<Record<DangerousIntent, readonly AllowedWord[]>>> = {
  delete: [
    // DELETE only asks "erase everything?"; nothing is erased until ДА/ООБА, so a request in another
    // grammatical person of the same verb is a real request and harmless if read.
    { word: 'удали', why: 'informal imperative of УДАЛИТЬ, "delete!"' },
    { word: 'удалите', why: 'polite imperative of УДАЛИТЬ, "please delete"' },
    { word: 'өчүрүңүз', why: 'polite imperative of ӨЧҮР, "please delete"' },
  ],
  // stop, start, confirm_delete, language: none. A polite stop ("токтотуңуз", "жазбагыла") should get the
  // line that says how to stop (issue 13), so it must not stop; confirmations and switches act at once.
};

export interface AllowedWord {
  readonly word: string;
  readonly why: string;
}

let intendedCache: Map<string, Set<string>> | undefined;

/** Folded spellings per intent in the keyword table (KEYWORD_ENTRIES, language names included). */
export function intendedSpellings(): ReadonlyMap<string, ReadonlySet<string>> {
  if (intendedCache) return intendedCache;
  const byIntent = new Map<string, Set<string>>();
  for (const entry of KEYWORD_ENTRIES) {
    const folded = foldWord(entry.spelling);
    if (folded === '') continue;
    const set = byIntent.get(entry.intent) ?? new Set<string>();
    set.add(folded);
    byIntent.set(entry.intent, set);
  }
  intendedCache = byIntent;
  return byIntent;
}

const lower = (text: string): string => text.normalize('NFC').toLowerCase();

let exactCache: Map<string, Set<string>> | undefined;

/** Spellings per intent as the table writes them, lower-cased. */
function exactSpellings(): ReadonlyMap<string, ReadonlySet<string>> {
  if (exactCache) return exactCache;
  const byIntent = new Map<string, Set<string>>();
  for (const entry of KEYWORD_ENTRIES) {
    const set = byIntent.get(entry.intent) ?? new Set<string>();
    set.add(lower(entry.spelling));
    byIntent.set(entry.intent, set);
  }
  exactCache = byIntent;
  return byIntent;
}

/** Whether the word is in ALLOWED_INFLECTIONS, compared exactly (lower case), not folded. */
function isAllowedInflection(intent: string, word: string): boolean {
  return (ALLOWED_INFLECTIONS[intent as DangerousIntent] ?? []).some(
    (allowed) => lower(allowed.word) === lower(word),
  );
}

/**
 * Whether `word` (or the spelling typed for it) is an intended spelling of `intent`: its folded form is one
 * of the table's (as the engine folds, `foldWord`), or it is an allowed inflection. The allow-list is
 * compared unfolded, so that УДАЛИ does not also excuse УДАЛЫЙ ("daring"), which folds the same.
 */
export function isIntended(intent: string, word: string, typed: string = word): boolean {
  if (isAllowedInflection(intent, word)) return true;
  const spellings = intendedSpellings().get(intent);
  if (!spellings) return false;
  return spellings.has(foldWord(word)) || spellings.has(foldWord(typed));
}

/**
 * Whether the word is an intended spelling only because folding makes it one: ОБА ("both") folds like
 * ООБА, since doubled letters collapse. Not a false positive by the table's definition, but reported.
 */
export function isFoldCollision(intent: string, word: string, typed: string = word): boolean {
  if (isAllowedInflection(intent, word)) return false;
  const exact = exactSpellings().get(intent);
  const spelledAsTable =
    exact !== undefined &&
    (exact.has(lower(word)) ||
      exact.has(lower(typed)) ||
      latinSpellings(word).some((latin) => exact.has(latin)));
  return !spelledAsTable && isIntended(intent, word, typed);
}

// ---------------------------------------------------------------------------------------------------------
// What the conversation does to a known caller

const PROBE_NOW = new Date('2026-04-01T10:00:00Z');

function probeCaller(overrides: Partial<Caller>): Caller {
  const base = recordContact(
    undefined,
    { callerId: 'vocabulary-scan', phone: '+996700111222', channel: 'sms' },
    PROBE_NOW,
    180,
  );
  return { ...base, ...overrides };
}

const PROBES = {
  subscribedKy: probeCaller({ language: 'ky' }),
  subscribedRu: probeCaller({ language: 'ru' }),
  optedOut: probeCaller({ language: 'ky', optedOut: true }),
  awaitingDelete: probeCaller({ language: 'ky', awaiting: 'delete_confirmation' }),
} as const;

/** The dangerous things the conversation does when a known caller sends `text`. */
export function conversationActs(text: string): Set<DangerousIntent> {
  const acts = new Set<DangerousIntent>();
  for (const [name, caller] of Object.entries(PROBES)) {
    const decision = decideSmsReply({ ...caller }, text, false, PROBE_NOW);
    const next = decision.caller;
    if (decision.erase) acts.add('confirm_delete');
    if (!caller.optedOut && next.optedOut) acts.add('stop');
    if (caller.optedOut && !next.optedOut) acts.add('start');
    if (caller.awaiting !== 'delete_confirmation' && next.awaiting === 'delete_confirmation')
      acts.add('delete');
    if (name !== 'optedOut' && next.language !== caller.language) acts.add('language');
  }
  return acts;
}

// ---------------------------------------------------------------------------------------------------------
// Pre-filter: which words can possibly reach a keyword

/** The engine's Latin habits (normalize.ts), applied before the Cyrillic letters are mapped, as it does. */
const CHEAP_DIGRAPHS = /shch|sch|tch|ch|sh|dzh|zh|dj|kh|c|x|y|w|q/g;
const CHEAP_DIGRAPH_FOLDS: Readonly<Record<string, string>> = {
  shch: 'š',
  sch: 'š',
  tch: 'č',
  ch: 'č',
  sh: 'š',
  dzh: 'j',
  zh: 'j',
  dj: 'j',
  kh: 'h',
  c: 'ts',
  x: 'h',
  y: 'i',
  w: 'v',
  q: 'k',
};
const foldDigraph = (digraph: string): string => CHEAP_DIGRAPH_FOLDS[digraph] ?? digraph;
const CHEAP_LETTERS: Readonly<Record<string, string>> = {
  ...LATIN_MAIN,
  ё: 'e',
  ж: 'j',
  й: 'i',
  ч: 'č',
  ш: 'š',
  щ: 'š',
  ы: 'i',
  ю: 'iu',
  я: 'ia',
  ž: 'j',
  ş: 'š',
  ć: 'č',
  ç: 'č',
  ı: 'i',
};
const TOKEN_SPLIT = /[^\p{L}\p{M}]+/u;
const HAS_DIGRAPH_LETTER = /[chjkqswxyz]/;
const CHEAP_LETTER_MAP = new Map<string, string>([
  ...[...'abcdefghijklmnopqrstuvwxyzšč'].map((letter): [string, string] => [letter, letter]),
  ...Object.entries(CHEAP_LETTERS),
]);

/** A fast approximation of the engine's fold, per token; it only has to come within one edit of it. */
export function cheapFold(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.toLowerCase().split(TOKEN_SPLIT)) {
    if (raw === '') continue;
    let word = raw;
    if (HAS_DIGRAPH_LETTER.test(word)) word = word.replace(CHEAP_DIGRAPHS, foldDigraph);
    let folded = '';
    let previous = '';
    for (let index = 0; index < word.length; index += 1) {
      const char = word[index]!;
      const mapped = CHEAP_LETTER_MAP.get(char) ?? char.normalize('NFD').replace(/\p{M}/gu, '');
      if (mapped.length === 1) {
        if (mapped !== previous) folded += mapped;
        previous = mapped;
        continue;
      }
      for (const letter of mapped) {
        if (letter !== previous) folded += letter;
        previous = letter;
      }
    }
    if (folded !== '') tokens.push(folded);
  }
  return tokens;
}

/** Optimal-string-alignment distance of at most `max`, or `max + 1`. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const columns = b.length + 1;
  let before = new Array<number>(columns).fill(0);
  let previous = Array.from({ length: columns }, (_, column) => column);
  let current = new Array<number>(columns).fill(0);
  for (let row = 1; row <= a.length; row += 1) {
    current[0] = row;
    let rowMin = row;
    for (let column = 1; column < columns; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        best = Math.min(best, before[column - 2]! + 1);
      }
      current[column] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[columns - 1]!, max + 1);
}

/** Tokens of every keyword spelling, folded both by the engine and by `cheapFold`. */
function keywordTokens(): string[] {
  const tokens = new Set<string>();
  for (const entry of KEYWORD_ENTRIES) {
    for (const token of entry.folded.split(' ')) tokens.add(token);
    for (const token of cheapFold(entry.spelling)) tokens.add(token);
  }
  return [...tokens].filter((token) => token !== '');
}

/** Words of at most this many letters always go to the engine (codes, ДА, END, ТИЛ and their neighbours). */
const SHORT_TOKEN = 4;
/**
 * Two strings within two edits share a string that each reaches by at most two deletions: a cheap
 * necessary test, before the distance itself.
 */
const NEAR_EDITS = 2;

function withDeletions(token: string, depth: number, into: Set<string>): void {
  into.add(token);
  if (depth === 0) return;
  for (let index = 0; index < token.length; index += 1) {
    withDeletions(token.slice(0, index) + token.slice(index + 1), depth - 1, into);
  }
}

let keywordDeletionSet: Set<string> | undefined;

function keywordDeletions(): Set<string> {
  if (keywordDeletionSet) return keywordDeletionSet;
  keywordDeletionSet = new Set();
  for (const token of keywordTokens()) withDeletions(token, NEAR_EDITS, keywordDeletionSet);
  return keywordDeletionSet;
}

/** Whether the token reaches a string of `keywordDeletions()` by at most two deletions (a superset of 2 edits). */
function sharesDeletion(token: string, deletions: ReadonlySet<string>): boolean {
  if (deletions.has(token)) return true;
  for (let first = 0; first < token.length; first += 1) {
    const once = token.slice(0, first) + token.slice(first + 1);
    if (deletions.has(once)) return true;
    for (let second = first; second < once.length; second += 1) {
      if (deletions.has(once.slice(0, second) + once.slice(second + 1))) return true;
    }
  }
  return false;
}

/**
 * Letters whose Latin spelling `cheapFold` reads differently from the Cyrillic letter: ё (yo), ң (ng), and
 * pairs that spell a Latin digraph (с+х = sh, т+ч = tch, д+ж = dj...). For any other word the Latin
 * spellings fold exactly like the Cyrillic one, so the pre-filter need not fold them.
 */
const LATIN_FOLDS_APART = /ё|ң|[сзкц]х|[стцш]ч|дж/;

let keywordsByLength: Map<number, string[]> | undefined;

function keywordTokensOfLength(length: number): readonly string[] {
  if (!keywordsByLength) {
    keywordsByLength = new Map();
    for (const token of keywordTokens()) {
      const list = keywordsByLength.get(token.length) ?? [];
      list.push(token);
      keywordsByLength.set(token.length, list);
    }
  }
  return keywordsByLength.get(length) ?? [];
}

/** Whether the token is within two edits of a keyword token: the deletion test first, then the distance. */
function nearToken(token: string): boolean {
  if (token.length <= SHORT_TOKEN) return true;
  if (token.length > longestKeywordToken() + NEAR_EDITS) return false;
  if (!sharesDeletion(token, keywordDeletions())) return false;
  for (let length = token.length - NEAR_EDITS; length <= token.length + NEAR_EDITS; length += 1) {
    for (const keyword of keywordTokensOfLength(length)) {
      if (editDistanceWithin(token, keyword, NEAR_EDITS) <= NEAR_EDITS) return true;
    }
  }
  return false;
}

/** Whether any token of the word, in any of its spellings, is short or within two edits of a keyword token. */
export function nearKeyword(word: string): boolean {
  const checked = new Set<string>();
  const spellings = LATIN_FOLDS_APART.test(word.toLowerCase().replace(/[ьъ]/g, ''))
    ? [word, ...latinSpellings(word)]
    : [word];
  for (const spelling of spellings) {
    for (const token of cheapFold(spelling)) {
      if (checked.has(token)) continue;
      checked.add(token);
      if (nearToken(token)) return true;
    }
  }
  return false;
}

let longestToken: number | undefined;

function longestKeywordToken(): number {
  longestToken ??= Math.max(...keywordTokens().map((token) => token.length));
  return longestToken;
}

/** FNV-1a: a stable hash, so the sample is the same words on every run. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

function inSample(word: string, rate: number): boolean {
  return rate > 0 && hash(word) % 1_000_000 < rate * 1_000_000;
}

// ---------------------------------------------------------------------------------------------------------
// The scan

export type Signal = 'matched' | 'acted';

const DEFAULT_SAMPLE_RATE = 0.01;
const DEFAULT_PROBE_SAMPLE_RATE = 0.1;

/** One word triggering one intent in one variant. */
export interface Hit {
  readonly language: ScanLanguage;
  readonly variant: Variant;
  readonly intent: string;
  readonly signal: Signal;
  readonly word: string;
  /** The text as sent. */
  readonly text: string;
  /** The word as typed in it (its Latin spelling in the Latin variants). */
  readonly typed: string;
}

export interface WordScanOptions {
  /** Send only words near a keyword (and the sample) to the engine. Default true; false: every word. */
  readonly prefilter?: boolean;
  /** Share of the other words sent to the engine anyway, to check the pre-filter. Default 0.01. */
  readonly sampleRate?: number;
  /**
   * Which texts go through the four conversation probes: `all`, or `matched` (those the matcher reads as
   * any intent, plus a `probeSampleRate` hash sample of the others, to check that the conversation acts on
   * nothing the matcher missed). Default `matched` with the pre-filter, `all` without.
   */
  readonly probe?: 'all' | 'matched';
  /** Default 0.1. */
  readonly probeSampleRate?: number;
}

export interface WordScan {
  readonly language: ScanLanguage;
  readonly words: number;
  /** Words sent to the engine (near a keyword, sampled, or all without the pre-filter). */
  readonly engineWords: number;
  readonly sampledWords: number;
  readonly texts: number;
  readonly hits: Hit[];
  /** Texts that went through the conversation probes. */
  readonly probedTexts: number;
  /** Hits of sampled words the pre-filter would have skipped: should be none. */
  readonly prefilterMisses: Hit[];
  /** Acts of the conversation on sampled texts the matcher read as nothing: should be none. */
  readonly probeMisses: Hit[];
  /** Dangerous acts on words that are intended spellings only through folding (see isFoldCollision). */
  readonly foldOnly: Hit[];
  readonly errors: { readonly text: string; readonly message: string }[];
  readonly durationMs: number;
}

/** Scans words in one thread. The unit test uses it on the committed samples. */
export function scanWords(
  words: readonly string[],
  language: ScanLanguage,
  options: WordScanOptions = {},
): WordScan {
  const started = performance.now();
  const prefilter = options.prefilter ?? true;
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const probeAll = (options.probe ?? (prefilter ? 'matched' : 'all')) === 'all';
  const probeSampleRate = options.probeSampleRate ?? DEFAULT_PROBE_SAMPLE_RATE;
  const hits: Hit[] = [];
  const prefilterMisses: Hit[] = [];
  const probeMisses: Hit[] = [];
  const foldOnly: Hit[] = [];
  const errors: { text: string; message: string }[] = [];
  let engineWords = 0;
  let sampledWords = 0;
  let texts = 0;
  let probedTexts = 0;
  for (const word of words) {
    const near = !prefilter || nearKeyword(word);
    const sampled = !near && inSample(word, sampleRate);
    if (!near && !sampled) continue;
    engineWords += 1;
    if (sampled) sampledWords += 1;
    const seen = new Set<string>();
    for (const { variant, text, typed } of variantTexts(word, language)) {
      texts += 1;
      const found: Hit[] = [];
      try {
        const matched = matchKeyword(text).intent;
        if (matched !== 'unknown' && !isIntended(matched, word, typed)) {
          found.push({ language, variant, intent: matched, signal: 'matched', word, text, typed });
        }
        const probeSampled = !probeAll && matched === 'unknown' && inSample(text, probeSampleRate);
        if (probeAll || matched !== 'unknown' || probeSampled) {
          probedTexts += 1;
          for (const intent of conversationActs(text)) {
            const hit: Hit = { language, variant, intent, signal: 'acted', word, text, typed };
            if (probeSampled) probeMisses.push(hit);
            if (!isIntended(intent, word, typed)) found.push(hit);
            else if (isFoldCollision(intent, word, typed)) foldOnly.push(hit);
          }
        }
      } catch (error) {
        // Kept to the first hundred: an engine that throws on everything would otherwise fill the memory.
        if (errors.length < 100) {
          errors.push({ text, message: error instanceof Error ? error.message : String(error) });
        }
      }
      for (const hit of found) {
        const key = `${hit.variant}\u0000${hit.intent}\u0000${hit.signal}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push(hit);
        if (sampled) prefilterMisses.push(hit);
      }
    }
  }
  return {
    language,
    words: words.length,
    engineWords,
    sampledWords,
    texts,
    probedTexts,
    hits,
    prefilterMisses,
    probeMisses,
    foldOnly,
    errors,
    durationMs: performance.now() - started,
  };
}

/** Throws when a continuation triggers anything itself: then every first-word text would. */
export function checkContinuations(): void {
  for (const language of SCAN_LANGUAGES) {
    const cyrillic = CONTINUATIONS[language];
    for (const text of [cyrillic, transliterate(cyrillic)]) {
      for (const part of [text, ...text.split(' ')]) {
        const { intent } = matchKeyword(part);
        const acts = [...conversationActs(part)];
        if (intent !== 'unknown' || acts.length > 0) {
          throw new Error(
            `continuation ${JSON.stringify(part)} triggers ${[intent, ...acts].join(', ')}: pick another`,
          );
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sources

export interface Source {
  readonly language: ScanLanguage;
  readonly path: string;
  readonly description: string;
}

export type SourceStatus =
  | (Source & { readonly words: number })
  | { readonly language: ScanLanguage; readonly skipped: string };

export interface ScanOptions {
  /** Kyrgyz word list; default KY_WORDS, else ../shared/data/vocabulary/ky-words.txt from the repository root. */
  readonly kyWordsPath?: string;
  /** Russian word list; default RU_WORDS, else hunspell-ru expanded by unmunch and cached in bench/.out. */
  readonly ruWordsPath?: string;
  readonly languages?: readonly ScanLanguage[];
  /** Every text through the engine; default VOCAB_SCAN_FULL=1. */
  readonly full?: boolean;
  readonly sampleRate?: number;
  /** Worker threads; default all cores. 1 runs in this thread. */
  readonly workers?: number;
  /** Only the first N words of each list (quick runs). */
  readonly limit?: number;
  /** Write bench/.out/vocabulary-scan.json (default true). */
  readonly writeJson?: boolean;
  /** Progress and skip notices (default console.log; pass () => {} for silence). */
  readonly log?: (line: string) => void;
}

function kyrgyzSource(options: ScanOptions): Source | { skipped: string } {
  const path = options.kyWordsPath ?? process.env.KY_WORDS ?? DEFAULT_KY_WORDS;
  if (existsSync(path)) {
    return { language: 'ky', path, description: 'Apertium Kyrgyz forms (ky-words.txt, GPL-3.0)' };
  }
  return {
    skipped: `Kyrgyz skipped: no ${path}; put ky-words.txt (generated from apertium/apertium-kir, see shared/data/vocabulary/README.md beside the repository) there or set KY_WORDS=<path>`,
  };
}

function russianSource(options: ScanOptions, log: (line: string) => void): Source | { skipped: string } {
  const given = options.ruWordsPath ?? process.env.RU_WORDS;
  if (given !== undefined) {
    return existsSync(given)
      ? { language: 'ru', path: given, description: `Russian forms from ${given}` }
      : { skipped: `Russian skipped: no ${given} (RU_WORDS)` };
  }
  const description = `hunspell-ru ${packageVersion('hunspell-ru') ?? ''} expanded by unmunch`.replace(
    '  ',
    ' ',
  );
  if (existsSync(RU_CACHE) && existsSync(HUNSPELL_DIC)) {
    const fresh = statSync(RU_CACHE).mtimeMs >= statSync(HUNSPELL_DIC).mtimeMs;
    if (fresh) return { language: 'ru', path: RU_CACHE, description };
  }
  const unmunch = spawnSync('unmunch', ['--version'], { encoding: 'utf8' });
  if (!existsSync(HUNSPELL_DIC) || !existsSync(HUNSPELL_AFF) || unmunch.error) {
    return { skipped: `Russian skipped: needs hunspell-ru and unmunch; install with: ${APT_INSTALL}` };
  }
  log(`expanding ${HUNSPELL_DIC} with unmunch into ${RU_CACHE} ...`);
  const expanded = spawnSync('unmunch', [HUNSPELL_DIC, HUNSPELL_AFF], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (expanded.status !== 0 || expanded.stdout === '') {
    return { skipped: `Russian skipped: unmunch failed (status ${expanded.status})` };
  }
  const words = [...new Set(expanded.stdout.split('\n').map((line) => line.trim()))]
    .filter((word) => word !== '')
    .sort();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(RU_CACHE, `${words.join('\n')}\n`);
  return { language: 'ru', path: RU_CACHE, description };
}

function packageVersion(name: string): string | undefined {
  // Default output: "<package>\t<version>".
  const query = spawnSync('dpkg-query', ['-W', name], { encoding: 'utf8' });
  const version = query.status === 0 ? query.stdout.trim().split('\t')[1] : undefined;
  return version === '' ? undefined : version;
}

/** Words of a list: one a line, `#` lines are comments, blank lines skipped. */
export function readWords(path: string, limit?: number): string[] {
  const words = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return limit === undefined ? words : words.slice(0, limit);
}

// ---------------------------------------------------------------------------------------------------------
// Workers

interface WorkerJob {
  readonly vocabularyScan: true;
  readonly sources: readonly Source[];
  readonly shard: number;
  readonly shards: number;
  readonly limit?: number;
  readonly options: WordScanOptions;
}

function runJob(job: WorkerJob): WordScan[] {
  return job.sources.map((source) => {
    const words = readWords(source.path, job.limit).filter((_, index) => index % job.shards === job.shard);
    return scanWords(words, source.language, job.options);
  });
}

/** Worker threads do not inherit tsx's loader: each registers it, then imports this module. */
function startWorker(job: WorkerJob): Promise<WordScan[]> {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'));
  const bootstrap = `import(${JSON.stringify(tsxApi.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Promise((done, fail) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: job });
    worker.once('message', (result: WordScan[]) => done(result));
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`vocabulary scan worker exited with ${code}`));
    });
  });
}

if (!isMainThread && (workerData as Partial<WorkerJob> | undefined)?.vocabularyScan === true) {
  parentPort?.postMessage(runJob(workerData as WorkerJob));
}

// ---------------------------------------------------------------------------------------------------------
// Figures

export interface Cell {
  /** The headline: `acted` for the dangerous intents, `matched` for the others. */
  readonly count: number;
  readonly matched: number;
  /** Dangerous intents only; null for the others. */
  readonly acted: number | null;
  /** Up to 15 of the words behind `count`, shortest first ("word", or "word → latin spelling"). */
  readonly examples: string[];
}

export interface VocabularyScan {
  readonly measuredAt: string;
  readonly durationMs: number;
  /** CPU time of the process, all threads: the figure to compare between runs on a shared machine. */
  readonly cpuMs: number;
  readonly mode: 'prefilter+sample' | 'full';
  readonly sampleRate: number;
  readonly workers: number;
  readonly sources: SourceStatus[];
  readonly continuations: Readonly<Record<ScanLanguage, string>>;
  readonly allowed: typeof ALLOWED_INFLECTIONS;
  /** Per language, words sent to the engine and texts scanned. */
  readonly effort: Partial<
    Record<
      ScanLanguage,
      { words: number; engineWords: number; sampledWords: number; texts: number; probedTexts: number }
    >
  >;
  /** cells[language][variant][intent], only cells with a count or a match. */
  readonly cells: Partial<Record<ScanLanguage, Record<Variant, Record<string, Cell>>>>;
  /** Distinct words per intent over all variants (headline signal), per language and in total. */
  readonly byIntent: Record<string, { ky: number; ru: number; total: number }>;
  /** The goal figures: distinct (language, word) pairs the conversation acted on, per dangerous intent. */
  readonly dangerous: Record<DangerousIntent, number>;
  readonly prefilterMisses: Hit[];
  /** Conversation acts on sampled texts the matcher read as nothing (unprobed otherwise): should be none. */
  readonly probeMisses: Hit[];
  /**
   * Intents the engine returned that have no spelling in the keyword table (the topic lexicon's `help`):
   * their counts are words that trigger them, not false positives, and with the pre-filter (built from the
   * keyword table) only lower bounds.
   */
  readonly outsideTable: string[];
  /** Per dangerous intent, words acted on that are its spellings only through folding ("ky:оба"). */
  readonly foldOnly: Partial<Record<DangerousIntent, string[]>>;
  readonly errors: { text: string; message: string }[];
  /** Full lists: lists[language][variant][intent][signal] = entries like the examples. */
  readonly lists: Partial<
    Record<ScanLanguage, Record<Variant, Record<string, Partial<Record<Signal, string[]>>>>>
  >;
}

const EXAMPLES = 15;

function entryOf(hit: Hit): string {
  return hit.typed === hit.word ? hit.word : `${hit.word} → ${hit.typed}`;
}

function byLength(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b, 'ru');
}

function headline(intent: string): Signal {
  return DANGEROUS.has(intent) ? 'acted' : 'matched';
}

/** Intents in table order, dangerous first, then anything new the engine returned. */
function intentOrder(seen: Iterable<string>): string[] {
  const known: string[] = [
    ...DANGEROUS_INTENTS,
    ...INTENTS.filter((intent: Intent) => !DANGEROUS.has(intent)),
  ];
  const extra = [...new Set(seen)].filter((intent) => !known.includes(intent)).sort();
  return [...known, ...extra];
}

/** Intents with at least one spelling in the keyword table. */
function tableIntents(): ReadonlySet<string> {
  return new Set(KEYWORD_ENTRIES.map((entry) => entry.intent));
}

function foldOnlyWords(hits: readonly Hit[]): Partial<Record<DangerousIntent, string[]>> {
  const byIntent: Partial<Record<DangerousIntent, string[]>> = {};
  for (const intent of DANGEROUS_INTENTS) {
    const words = new Set(
      hits.filter((hit) => hit.intent === intent).map((hit) => `${hit.language}:${entryOf(hit)}`),
    );
    if (words.size > 0) byIntent[intent] = [...words].sort(byLength);
  }
  return byIntent;
}

export function summarise(
  scans: readonly WordScan[],
  meta: Pick<
    VocabularyScan,
    'measuredAt' | 'durationMs' | 'cpuMs' | 'mode' | 'sampleRate' | 'workers' | 'sources'
  >,
): VocabularyScan {
  const grouped = new Map<string, Hit[]>();
  const groupKey = (language: string, variant: string, intent: string, signal: Signal) =>
    `${language}|${variant}|${intent}|${signal}`;
  const effort: VocabularyScan['effort'] = {};
  const hits = scans.flatMap((scan) => scan.hits);
  for (const scan of scans) {
    const so = effort[scan.language] ?? {
      words: 0,
      engineWords: 0,
      sampledWords: 0,
      texts: 0,
      probedTexts: 0,
    };
    so.words += scan.words;
    so.engineWords += scan.engineWords;
    so.sampledWords += scan.sampledWords;
    so.texts += scan.texts;
    so.probedTexts += scan.probedTexts;
    effort[scan.language] = so;
  }
  for (const hit of hits) {
    const key = groupKey(hit.language, hit.variant, hit.intent, hit.signal);
    const group = grouped.get(key) ?? [];
    group.push(hit);
    grouped.set(key, group);
  }
  const intents = intentOrder(hits.map((hit) => hit.intent));
  const cells: VocabularyScan['cells'] = {};
  const outLists: VocabularyScan['lists'] = {};
  for (const source of meta.sources) {
    if ('skipped' in source) continue;
    const language = source.language;
    const languageCells = {} as Record<Variant, Record<string, Cell>>;
    const languageLists = {} as Record<Variant, Record<string, Partial<Record<Signal, string[]>>>>;
    for (const variant of VARIANTS) {
      languageCells[variant] = {};
      languageLists[variant] = {};
      for (const intent of intents) {
        const entries = (signal: Signal) =>
          (grouped.get(groupKey(language, variant, intent, signal)) ?? []).map(entryOf).sort(byLength);
        const matched = entries('matched');
        const acted = entries('acted');
        const dangerous = DANGEROUS.has(intent);
        const count = dangerous ? acted.length : matched.length;
        if (count === 0 && matched.length === 0) continue;
        languageCells[variant][intent] = {
          count,
          matched: matched.length,
          acted: dangerous ? acted.length : null,
          examples: (dangerous ? acted : matched).slice(0, EXAMPLES),
        };
        languageLists[variant][intent] = { matched, ...(dangerous ? { acted } : {}) };
      }
    }
    cells[language] = languageCells;
    outLists[language] = languageLists;
  }
  const byIntent: VocabularyScan['byIntent'] = {};
  for (const intent of intents) {
    const distinct = (language: ScanLanguage) =>
      new Set(
        hits
          .filter(
            (hit) => hit.language === language && hit.intent === intent && hit.signal === headline(intent),
          )
          .map((hit) => hit.word),
      ).size;
    const ky = distinct('ky');
    const ru = distinct('ru');
    if (ky + ru > 0 || DANGEROUS.has(intent)) byIntent[intent] = { ky, ru, total: ky + ru };
  }
  const dangerous = Object.fromEntries(
    DANGEROUS_INTENTS.map((intent) => [intent, byIntent[intent]?.total ?? 0]),
  ) as Record<DangerousIntent, number>;
  const table = tableIntents();
  return {
    ...meta,
    continuations: CONTINUATIONS,
    allowed: ALLOWED_INFLECTIONS,
    effort,
    cells,
    byIntent,
    dangerous,
    prefilterMisses: scans.flatMap((scan) => scan.prefilterMisses),
    probeMisses: scans.flatMap((scan) => scan.probeMisses),
    outsideTable: intents.filter((intent) => !table.has(intent) && intent in byIntent),
    foldOnly: foldOnlyWords(scans.flatMap((scan) => scan.foldOnly)),
    errors: scans.flatMap((scan) => scan.errors),
    lists: outLists,
  };
}

const cpuMillis = (usage: NodeJS.CpuUsage): number => Math.round((usage.user + usage.system) / 1000);

/** Runs the whole scan: both vocabularies, every variant; writes bench/.out/vocabulary-scan.json. */
export async function scanVocabulary(options: ScanOptions = {}): Promise<VocabularyScan> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const log = options.log ?? ((line: string) => console.log(line));
  const full = options.full ?? process.env.VOCAB_SCAN_FULL === '1';
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const languages = options.languages ?? SCAN_LANGUAGES;
  checkContinuations();

  const statuses: SourceStatus[] = [];
  const sources: Source[] = [];
  for (const language of languages) {
    const found = language === 'ky' ? kyrgyzSource(options) : russianSource(options, log);
    if ('skipped' in found) {
      log(found.skipped);
      statuses.push({ language, skipped: found.skipped });
      continue;
    }
    sources.push(found);
  }

  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), 64));
  const wordOptions: WordScanOptions = { prefilter: !full, sampleRate, probe: full ? 'all' : 'matched' };
  const jobs: WorkerJob[] = Array.from({ length: workers }, (_, shard) => ({
    vocabularyScan: true,
    sources,
    shard,
    shards: workers,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    options: wordOptions,
  }));
  const scans =
    sources.length === 0
      ? []
      : workers === 1
        ? runJob(jobs[0]!)
        : (await Promise.all(jobs.map(startWorker))).flat();

  for (const source of sources) {
    const words = scans
      .filter((scan) => scan.language === source.language)
      .reduce((sum, scan) => sum + scan.words, 0);
    statuses.push({ ...source, words });
  }
  statuses.sort((a, b) => SCAN_LANGUAGES.indexOf(a.language) - SCAN_LANGUAGES.indexOf(b.language));

  const result = summarise(scans, {
    measuredAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    cpuMs: cpuMillis(process.cpuUsage(cpuStarted)),
    mode: full ? 'full' : 'prefilter+sample',
    sampleRate: full ? 1 : sampleRate,
    workers,
    sources: statuses,
  });
  if (options.writeJson ?? true) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'vocabulary-scan.json'), `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Printing

const COLUMN_LABELS: Readonly<Record<Variant, string>> = {
  'alone-cyrillic': 'alone cyr',
  'alone-latin': 'alone lat',
  'first-cyrillic': 'first cyr',
  'first-latin': 'first lat',
};

/** The compact table: one row per intent, a column per language and variant, then distinct words. */
export function formatScan(scan: VocabularyScan): string {
  const lines: string[] = [];
  const seconds = `${(scan.durationMs / 1000).toFixed(1)} s (${(scan.cpuMs / 1000).toFixed(0)} s CPU)`;
  const how =
    scan.mode === 'full'
      ? 'every text through the matcher and the conversation'
      : `words near a keyword + a ${scan.sampleRate * 100} % sample; conversation on matched texts + a ${DEFAULT_PROBE_SAMPLE_RATE * 100} % sample`;
  lines.push(`Vocabulary false-positive scan (${how}; ${scan.workers} workers): ${seconds}`);
  for (const source of scan.sources) {
    if ('skipped' in source) lines.push(`  ${source.language}: ${source.skipped}`);
    else {
      const effort = scan.effort[source.language];
      lines.push(
        `  ${source.language}: ${source.words.toLocaleString('en')} forms, ${source.description}; ${effort?.engineWords.toLocaleString('en')} words (${effort?.sampledWords.toLocaleString('en')} sampled) = ${effort?.texts.toLocaleString('en')} texts through the matcher, ${effort?.probedTexts.toLocaleString('en')} through the conversation probes`,
      );
    }
  }
  const languages = scan.sources.filter((source) => !('skipped' in source)).map((source) => source.language);
  const intents = Object.keys(scan.byIntent);
  const header = [
    'intent',
    ...languages.flatMap((language) => [
      ...VARIANTS.map((v) => `${language} ${COLUMN_LABELS[v]}`),
      `${language} words`,
    ]),
  ];
  const rows = intents.map((intent) => {
    const mark = DANGEROUS.has(intent) ? ' *' : scan.outsideTable.includes(intent) ? ' †' : '';
    const label = `${intent}${mark}`;
    const counts = languages.flatMap((language) => [
      ...VARIANTS.map((variant) => {
        const cell = scan.cells[language]?.[variant][intent];
        if (!cell) return '0';
        return cell.acted !== null && cell.matched !== cell.acted
          ? `${cell.count} (${cell.matched})`
          : `${cell.count}`;
      }),
      String(scan.byIntent[intent]?.[language] ?? 0),
    ]);
    return [label, ...counts];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const render = (row: readonly string[]) =>
    row
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!),
      )
      .join('  ');
  lines.push('', render(header), ...rows.map(render));
  lines.push(
    '',
    "* dangerous: words the conversation acted on for a known caller (in brackets the matcher's count when it differs); others: words matchKeyword read as the intent.",
    ...(scan.outsideTable.length > 0
      ? [
          `† not in the keyword table (${scan.outsideTable.join(', ')}): words that trigger it, not false positives${scan.mode === 'full' ? '' : '; a lower bound with the pre-filter'}.`,
        ]
      : []),
    `Goal 0: ${DANGEROUS_INTENTS.map((intent) => `${intent} ${scan.dangerous[intent]}`).join(', ')}.`,
  );
  for (const intent of DANGEROUS_INTENTS) {
    for (const language of languages) {
      const examples = new Set<string>();
      for (const variant of VARIANTS) {
        for (const example of scan.cells[language]?.[variant][intent]?.examples ?? []) {
          if (examples.size < 10) examples.add(example);
        }
      }
      if (examples.size > 0) lines.push(`  ${intent} ${language}: ${[...examples].join(', ')}`);
    }
  }
  const foldOnly = Object.entries(scan.foldOnly);
  if (foldOnly.length > 0) {
    lines.push(
      'Acted on, and spellings only through folding (doubled letters, ё/е...), so not counted above:',
      ...foldOnly.map(([intent, words]) => `  ${intent}: ${words.slice(0, 10).join(', ')}`),
    );
  }
  if (scan.mode !== 'full') {
    const missed = scan.prefilterMisses.filter((hit) => !scan.outsideTable.includes(hit.intent));
    const outside = scan.prefilterMisses.length - missed.length;
    const outsideNote =
      outside === 0 ? '' : ` (${outside} sampled hits of intents outside the keyword table, expected)`;
    lines.push(
      scan.probeMisses.length === 0
        ? 'Probe check: the conversation acted on no sampled text the matcher read as nothing.'
        : `PROBE CHECK FAILED: the conversation acted on ${scan.probeMisses.length} sampled texts the matcher read as nothing (e.g. ${scan.probeMisses
            .slice(0, 5)
            .map((hit) => `${hit.text} → ${hit.intent}`)
            .join(', ')}): run VOCAB_SCAN_FULL=1 for exact figures.`,
      missed.length === 0
        ? `Pre-filter check: no sampled word outside it triggered a keyword-table intent${outsideNote}.`
        : `PRE-FILTER MISSED ${missed.length} sampled hits (e.g. ${missed
            .slice(0, 5)
            .map((hit) => `${hit.text} → ${hit.intent}`)
            .join(', ')}): run VOCAB_SCAN_FULL=1 for exact figures.`,
    );
  }
  if (scan.errors.length > 0) {
    lines.push(
      `ENGINE ERRORS on ${scan.errors.length} texts, e.g. ${JSON.stringify(scan.errors.slice(0, 3))}`,
    );
  }
  lines.push(`Full lists: ${join('bench/.out', 'vocabulary-scan.json')}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The committed samples for tests/unit/sms/vocabulary-sample.test.ts

const SAMPLE_NEAR_CAP = 3000;
const SAMPLE_RANDOM = 1000;

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * Smallest edit distance (capped at 3) from any token of the word to a keyword token, both folded by the
 * engine and by `cheapFold`: the cheap fold does not change when the engine's does, so the words near a
 * keyword under the old folding (ORUSCHA read as "oruša") stay in the sample after a fix.
 */
function keywordDistance(word: string, keywords: readonly string[]): number {
  let best = 3;
  const tokens = new Set<string>();
  for (const spelling of [word, ...latinSpellings(word)]) {
    for (const token of normalizeText(spelling).split(' ')) tokens.add(token);
    for (const token of cheapFold(spelling)) tokens.add(token);
  }
  tokens.delete('');
  for (const token of tokens) {
    for (const keyword of keywords) {
      // Keywords of one to three letters: one edit (two reach half the short words of a language).
      const max = keyword.length <= 3 ? 1 : 2;
      const distance = editDistanceWithin(token, keyword, max);
      if (distance <= max && distance < best) best = distance;
      if (best === 0) return 0;
    }
  }
  return best;
}

/**
 * The sample: every form within one edit of a keyword token (engine fold or cheap fold), forms within two
 * edits of a keyword of four or more letters up to SAMPLE_NEAR_CAP in all, and SAMPLE_RANDOM random others.
 */
export function selectSample(words: readonly string[], seed: number): Sample {
  const keywords = keywordTokens();
  const byDistance: string[][] = [[], [], []];
  const others: string[] = [];
  for (const word of words) {
    // The pre-filter first: the engine fold costs 20 µs a word.
    const distance = nearKeyword(word) ? keywordDistance(word, keywords) : 3;
    if (distance < 3) byDistance[distance]!.push(word);
    else others.push(word);
  }
  const close = [...byDistance[0]!, ...byDistance[1]!];
  const twoEdits = shuffled(byDistance[2]!, seed).slice(0, Math.max(0, SAMPLE_NEAR_CAP - close.length));
  return {
    near: [...close, ...twoEdits].sort(),
    random: shuffled(others, seed + 1)
      .slice(0, SAMPLE_RANDOM)
      .sort(),
    withinOne: close.length,
    twoEdits: twoEdits.length,
    twoEditsOf: byDistance[2]!.length,
  };
}

export interface Sample {
  readonly near: string[];
  readonly random: string[];
  readonly withinOne: number;
  readonly twoEdits: number;
  readonly twoEditsOf: number;
}

const SAMPLE_SOURCES: Readonly<Record<ScanLanguage, string>> = {
  ky: 'Apertium Kyrgyz (apertium/apertium-kir, GPL-3.0): forms of shared/data/vocabulary/ky-words.txt',
  ru: 'hunspell-ru (Debian, dictionaries/ru_RU by Alexander I. Lebedev, BSD-style licence in README.md) expanded by unmunch; an extract, so a modified version',
};

function writeSamples(log: (line: string) => void): void {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const options: ScanOptions = {};
  for (const language of SCAN_LANGUAGES) {
    const source = language === 'ky' ? kyrgyzSource(options) : russianSource(options, log);
    if ('skipped' in source) {
      log(source.skipped);
      continue;
    }
    const words = readWords(source.path);
    const sample = selectSample(words, language === 'ky' ? 13 : 31);
    const file = join(SAMPLE_DIR, `sample-${language}.txt`);
    const header = [
      `# Sample of ${SAMPLE_SOURCES[language]}.`,
      `# ${sample.near.length} forms near a keyword token after folding: all ${sample.withinOne} within one edit, ${sample.twoEdits} of the ${sample.twoEditsOf} within two edits of one of 4+ letters; then ${sample.random.length} random forms.`,
      '# Written by `npx tsx bench/vocabulary-scan.ts --write-samples`; read by tests/unit/sms/vocabulary-sample.test.ts. See README.md here.',
    ];
    const { near, random: others } = sample;
    writeFileSync(file, `${[...header, ...near, ...others].join('\n')}\n`);
    log(`${file}: ${near.length} near + ${others.length} random`);
  }
}

// ---------------------------------------------------------------------------------------------------------

const invokedDirectly =
  isMainThread &&
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  if (process.argv.includes('--write-samples')) {
    writeSamples((line) => console.log(line));
  } else {
    const scan = await scanVocabulary();
    console.log(formatScan(scan));
  }
}
