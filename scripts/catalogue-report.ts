// Prints the keyword table and how many SMS segments every catalogue text costs (placeholders at
// their longest values), as Markdown for docs/keywords.md. Run: npx tsx scripts/catalogue-report.ts
// Uses Twilio's own segment calculator, the same one the catalogue test uses.

import { SegmentedMessage } from 'sms-segments-calculator';
import {
  fillTemplate,
  type Language,
  LONGEST_PLACEHOLDER_VALUES,
  MESSAGE_IDS,
  MESSAGE_SPECS,
  type MessageId,
  messageTemplate,
} from '../shared/messages/catalogue.js';
import { INTENTS } from '../shared/sms/intents.js';
import { DIGIT_MENU, KEYWORD_ENTRIES, type KeywordEntry } from '../shared/sms/keywords.js';

interface Column {
  readonly title: string;
  readonly language: Language;
  readonly latin: boolean;
}

const COLUMNS: readonly Column[] = [
  { title: 'ky', language: 'ky', latin: false },
  { title: 'ru', language: 'ru', latin: false },
  { title: 'ky-latn', language: 'ky', latin: true },
  { title: 'ru-latn', language: 'ru', latin: true },
];

function keywordTable(): string[] {
  const lines = [
    '| intent | digit | Kyrgyz (Cyrillic / Latin) | Russian (Cyrillic / Latin) | shared or English |',
    '| --- | --- | --- | --- | --- |',
  ];
  const spellings = (entries: readonly KeywordEntry[]) =>
    entries
      .map((entry) => {
        const names = entry.names === undefined ? '' : ` (→ ${entry.names})`;
        return `${entry.typoTolerant ? entry.spelling : `${entry.spelling}*`}${names}`;
      })
      .join(', ') || '–';
  for (const intent of INTENTS) {
    const entries = KEYWORD_ENTRIES.filter((entry) => entry.intent === intent);
    const digit = Object.entries(DIGIT_MENU).find(([, digitIntent]) => digitIntent === intent)?.[0] ?? '–';
    const written = (language: KeywordEntry['writtenIn']) =>
      spellings(entries.filter((entry) => entry.writtenIn === language));
    lines.push(`| \`${intent}\` | ${digit} | ${written('ky')} | ${written('ru')} | ${written('any')} |`);
  }
  return lines;
}

interface Measure {
  readonly characters: number;
  readonly segments: number;
  readonly encoding: string;
}

function measure(id: MessageId, column: Column): Measure {
  const text = fillTemplate(messageTemplate(id, column), LONGEST_PLACEHOLDER_VALUES);
  const message = new SegmentedMessage(text);
  return {
    characters: message.numberOfCharacters,
    segments: message.segmentsCount,
    encoding: message.encodingName,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 0 ? ((sorted[middle - 1] ?? 0) + upper) / 2 : upper;
}

function segmentTable(): string[] {
  const lines = [
    `| message | budget | ${COLUMNS.map((column) => column.title).join(' | ')} |`,
    `| --- | --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
  ];
  const segmentsByColumn = new Map<string, number[]>(COLUMNS.map((column) => [column.title, []]));
  for (const id of MESSAGE_IDS) {
    const cells = COLUMNS.map((column) => {
      const { characters, segments, encoding } = measure(id, column);
      segmentsByColumn.get(column.title)?.push(segments);
      return `${segments} (${characters} ${encoding === 'GSM-7' ? 'GSM' : 'UCS'})`;
    });
    lines.push(`| \`${id}\` | ${MESSAGE_SPECS[id].budget} | ${cells.join(' | ')} |`);
  }
  const summary = COLUMNS.map((column) => {
    const segments = segmentsByColumn.get(column.title) ?? [];
    return `${median(segments)} / ${Math.max(...segments)} / ${segments.reduce((sum, value) => sum + value, 0)}`;
  });
  lines.push(`| **median / max / total** | | ${summary.join(' | ')} |`);
  return lines;
}

console.log('## Keywords\n');
console.log(
  '`*` matched exactly only: under 4 letters, or listed as exact-only. `(→ ky)`: the language it switches to.\n',
);
console.log(keywordTable().join('\n'));
console.log('\n## Segments per message\n');
console.log('Segments (characters, encoding), placeholders at their longest values.\n');
console.log(segmentTable().join('\n'));
