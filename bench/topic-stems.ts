// `npx tsx bench/topic-stems.ts`: how many real word forms each stem of the help-topic lexicon
// (shared/sms/topics) hits, so greedy stems can be dropped or given a second word. Kyrgyz: the Apertium
// forms in ../shared/data/vocabulary/ky-words.txt; Russian: hunspell-ru expanded by unmunch, as cached by
// bench/vocabulary-scan.ts in bench/.out/ru-words.txt (run that first). A rule of one slot fires alone, so
// its stems are the ones to watch; stems inside longer rules only count with their other words.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tokenize } from '../shared/sms/normalize.js';
import { TOPIC_RULES, topicRulesIn } from '../shared/sms/topics/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const LISTS = [
  ['ky', resolve(ROOT, '../shared/data/vocabulary/ky-words.txt')],
  ['ru', resolve(ROOT, 'bench/.out/ru-words.txt')],
] as const;

const limit = Number(process.argv[2] ?? 8);
for (const [language, path] of LISTS) {
  if (!existsSync(path)) {
    console.log(`${language}: ${path} missing, skipped`);
    continue;
  }
  const words = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const hits = new Map<string, string[]>();
  for (const word of words) {
    for (const rule of topicRulesIn(tokenize(word))) {
      const key = `${rule.topic} [${rule.language}] ${rule.rule}`;
      const list = hits.get(key) ?? [];
      list.push(word);
      hits.set(key, list);
    }
  }
  const alone = TOPIC_RULES.filter((rule) => rule.slots.length === 1).length;
  console.log(`\n${language}: ${words.length} forms; ${alone} one-word rules; forms that fire a rule alone:`);
  for (const [key, list] of [...hits].sort(([, a], [, b]) => b.length - a.length)) {
    console.log(`  ${String(list.length).padStart(6)}  ${key}: ${list.slice(0, limit).join(', ')}`);
  }
}
