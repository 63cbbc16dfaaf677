// `npx tsx bench/language.ts` (a step of `npm run bench`): how well the SMS line reads what people write.
//   1. the labelled corpus (tests/fixtures/messages/corpus.json), the two fresh ones tuned on after one blind
//      run (fresh-2026-12.json, fresh-2026-12b.json) and the held-out one written blind to the code
//      (holdout.json): exact accuracy per language and script, dangerous misfires, distress without help;
//   2. the vocabulary scan (bench/vocabulary-scan.ts): how many real Kyrgyz and Russian words trigger each
//      intent, alone and opening a sentence, in Cyrillic and Latin.
// Writes the "## Language layer" section of bench/.out/RESULTS.md and prints it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type CorpusFigures,
  evaluateCorpus,
  FRESH_PATH,
  HOLDOUT_PATH,
  loadCorpus,
  type Score,
} from './corpus.js';
import { replaceSection } from './costs.js';
import { BENCH_OUT } from './support.js';
import { DANGEROUS_INTENTS, formatScan, scanVocabulary } from './vocabulary-scan.js';

const HEADING = '## Language layer';
/** The second fresh corpus (tests/fixtures/messages/FRESH-B.md): measured blind once, then tuned on. */
const FRESH_B_PATH = resolve(import.meta.dirname, '../tests/fixtures/messages/fresh-2026-12b.json');
const percent = (score: Score | undefined) =>
  score ? `${(score.accuracy * 100).toFixed(1)} % (${score.exact}/${score.total})` : '–';

function corpusRows(name: string, figures: CorpusFigures): string {
  const cell = (key: string) => percent(figures.byLangScript[key]);
  return `| ${name} | ${figures.overall.total} | **${percent(figures.overall)}** | ${cell('ky/cyrillic')} | ${cell('ky/latin')} | ${cell('ru/cyrillic')} | ${cell('ru/latin')} | ${percent(figures.byLang.mixed)} | ${figures.dangerousMisfires.count} | ${figures.distressWithoutHelp.count} of ${figures.distressWithoutHelp.total} |`;
}

async function main(): Promise<void> {
  const tuned = evaluateCorpus();
  const holdout = evaluateCorpus(loadCorpus(HOLDOUT_PATH));
  const fresh = evaluateCorpus(loadCorpus(FRESH_PATH));
  const freshB = evaluateCorpus(loadCorpus(FRESH_B_PATH));
  process.stdout.write('scanning the vocabularies…\n');
  const scan = await scanVocabulary();
  const dangerous = DANGEROUS_INTENTS.map((intent) => `${intent} ${scan.byIntent[intent]?.total ?? 0}`).join(
    ', ',
  );
  const section = [
    HEADING,
    '',
    'Labelled texts run through the pure conversation (`bench/corpus.ts`): exact = the action a human operator',
    'would take, with its date or topic. Dangerous = a text that is no stop, erasure or language request doing one',
    'of those. The held-out corpus was written without sight of the code or the tuned corpus, and is never tuned on;',
    'the fresh ones were written the same way, measured once, then tuned on (tests/fixtures/messages/FRESH.md,',
    'FRESH-B.md).',
    'Goals: ≥ 90 % exact, 0 dangerous, 0 distress without help.',
    '',
    '| corpus | texts | exact | ky Cyrillic | ky Latin | ru Cyrillic | ru Latin | mixed | dangerous | distress without help |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    corpusRows('tuned (corpus.json)', tuned),
    corpusRows('tuned since 2026-12-01 (fresh-2026-12.json; 66.4 % when still blind)', fresh),
    corpusRows('tuned since 2026-12-02 (fresh-2026-12b.json; 73.6 % when still blind)', freshB),
    corpusRows('held-out (holdout.json)', holdout),
    '',
    `Real words that trigger a dangerous intent (\`bench/vocabulary-scan.ts\`, ${scan.mode}): ${dangerous}.`,
    '',
    '```',
    formatScan(scan),
    '```',
  ];
  const resultsPath = join(BENCH_OUT, 'RESULTS.md');
  writeFileSync(resultsPath, replaceSection(readFileSync(resultsPath, 'utf8'), HEADING, section));
  process.stdout.write(`${section.join('\n')}\n`);
}

await main();
