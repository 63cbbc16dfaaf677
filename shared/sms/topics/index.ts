// Reads a text for a help topic (issue 13, "help from any words"): passport or documents taken, unpaid
// wages, police, deportation, violence, injury or illness, trafficking and forced work, housing. The
// stems live in one data file per language (ky.ts, ru.ts; format in types.ts); this file compiles
// them once and matches every word of a text against them. Pure, never throws.

import type { Language } from '../intents.js';
import { foldWord, type MessageToken } from '../normalize.js';
import { ky } from './ky.js';
import { ru } from './ru.js';
import { HELP_TOPICS, type HelpTopic, type TopicLexicon } from './types.js';

export { HELP_TOPICS, type HelpTopic };

/**
 * When a text touches several topics, the gravest wins: a person held against their will
 * (trafficking) before violence, before a threat to their stay (deportation), before the police (a
 * detention that also mentions papers is the police's help first: 192 and a person), documents, health,
 * housing and wages. "паспортту алып иштетип жатат" is trafficking, not documents;
 * "хозяин говорит вызовет полицию и меня депортируют" is deportation, not police.
 */
export const TOPIC_ORDER: readonly HelpTopic[] = [
  'trafficking',
  'violence',
  'deportation',
  'police',
  'documents',
  'health',
  'housing',
  'wages',
];

export const LEXICONS: Readonly<Record<Language, TopicLexicon>> = { ky, ru };

export interface TopicMatch {
  readonly topic: HelpTopic;
  /** The language of the rules that matched, when only one language's did. */
  readonly language?: Language;
}

/** One stem, folded: a prefix, a whole word (`$`), or consecutive prefixes (`_`). */
interface Stem {
  readonly parts: readonly string[];
  readonly whole: boolean;
}

interface CompiledRule {
  readonly topic: HelpTopic;
  readonly language: Language;
  readonly rule: string;
  readonly slots: readonly (readonly Stem[])[];
  /** Slots written `!…`: the rule does not fire when one of their stems is in the text. */
  readonly unless: readonly (readonly Stem[])[];
}

function compileStem(written: string): Stem {
  const whole = written.endsWith('$');
  const parts = (whole ? written.slice(0, -1) : written).split('_').map(foldWord);
  return { parts, whole };
}

export function compileRule(topic: HelpTopic, language: Language, rule: string): CompiledRule {
  const written = rule.trim().split(/\s+/);
  const stems = (slot: string) =>
    slot
      .split('|')
      .filter((stem) => stem !== '')
      .map(compileStem);
  const slots = written.filter((slot) => !slot.startsWith('!')).map(stems);
  const unless = written.filter((slot) => slot.startsWith('!')).map((slot) => stems(slot.slice(1)));
  return { topic, language, rule, slots, unless };
}

export const TOPIC_RULES: readonly CompiledRule[] = TOPIC_ORDER.flatMap((topic) =>
  (['ky', 'ru'] as const).flatMap((language) => {
    const lexicon = LEXICONS[language];
    return [...lexicon.cyrillic[topic], ...(lexicon.latin[topic] ?? [])].map((rule) =>
      compileRule(topic, language, rule),
    );
  }),
);

function stemAt(words: readonly string[], index: number, stem: Stem): boolean {
  return stem.parts.every((part, offset) => {
    const word = words[index + offset];
    if (word === undefined || part === '') return false;
    const last = offset === stem.parts.length - 1;
    return stem.whole && last ? word === part : word.startsWith(part);
  });
}

function ruleMatches(words: readonly string[], rule: CompiledRule): boolean {
  const found = (slot: readonly Stem[]) =>
    slot.some((stem) => words.some((_, index) => stemAt(words, index, stem)));
  return rule.slots.every(found) && !rule.unless.some(found);
}

/** The rules a text matches, in TOPIC_ORDER (tests and the docs use this to explain a reading). */
export function topicRulesIn(tokens: readonly MessageToken[]): CompiledRule[] {
  const words = tokens.filter((token) => token.kind === 'word').map((token) => token.folded);
  if (words.length === 0) return [];
  return TOPIC_RULES.filter((rule) => ruleMatches(words, rule));
}

/** The gravest help topic a text is about, if any, and the language its words point to. */
export function findTopic(tokens: readonly MessageToken[]): TopicMatch | undefined {
  const matched = topicRulesIn(tokens);
  const [first] = matched;
  if (first === undefined) return undefined;
  const languages = new Set(matched.filter((rule) => rule.topic === first.topic).map((r) => r.language));
  const [only] = [...languages];
  return languages.size === 1 && only !== undefined
    ? { topic: first.topic, language: only }
    : { topic: first.topic };
}
