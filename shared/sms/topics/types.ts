// The help topics a distress text can be about, and the shape of a topic lexicon (one data file per
// language: ky.ts, ru.ts). See index.ts for how a text is read against them and docs/keywords.md.

/** Issue 13's distress topics, as the message corpus labels them (tests/fixtures/messages/README.md). */
export const HELP_TOPICS = [
  'documents',
  'wages',
  'police',
  'deportation',
  'violence',
  'health',
  'trafficking',
  'housing',
] as const;

export type HelpTopic = (typeof HELP_TOPICS)[number];

/**
 * One rule is one string. Words of the rule, separated by spaces, are *slots*; every slot must be
 * found somewhere in the text, in any order. A slot is a choice of stems separated by `|`. A stem
 * matches a word of the text that starts with it, both folded by normalize.ts (so `паспорт` also
 * matches `pasportumdu`, and `полиц` matches `policiya`); a stem ending in `$` must be the whole
 * word (`не$`, `кууп$`); stems joined by `_` must be consecutive words (`алып_кой` is алып коюшту,
 * not алып келиш). A slot written `!stem|stem` is the opposite: the rule does not fire when the text
 * has one of those stems (`чыгып_кет дешти !жатаканадан` is told to leave the country, not the dorm).
 *
 * Examples: `'депорт'` (any word starting with депорт), `'паспорт|документ алып_кой|жыйна|бербе'`
 * (a document word and a taking verb anywhere in the text).
 */
export type TopicRule = string;

/** A language's rules per topic, by the script the stems are written in. */
export interface TopicLexicon {
  /**
   * Cyrillic stems. Folding makes most of them match the usual Latin spellings too (ооруп = oorup,
   * полиция = policiya = politsiya, выгнали = vygnali).
   */
  readonly cyrillic: Readonly<Record<HelpTopic, readonly TopicRule[]>>;
  /** Latin spellings folding cannot reach from the Cyrillic stems (ploty for платят, atat for жатат). */
  readonly latin: Readonly<Partial<Record<HelpTopic, readonly TopicRule[]>>>;
}
