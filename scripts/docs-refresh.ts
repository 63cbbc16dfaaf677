// `npm run docs:refresh`: puts the latest measured figures and pictures into the tracked docs, on purpose.
// Tests and the bench write only to ignored folders (.out/screenshots, bench/.out); this copies
//   - .out/screenshots/*.png (from `npm run test:browser`) into docs/screenshots/,
//   - bench/.out/{RESULTS.md,results.json,reminders-results.json,costs.json} (from `npm run bench`) into bench/,
//   - the benchmark tables into the README (between its bench markers) and docs/costs.md (its costs markers).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, '.out/screenshots');
const BENCH_OUT = join(ROOT, 'bench/.out');
const done: string[] = [];
const missing: string[] = [];

/** Replaces what lies between two marker lines of a tracked document. */
export function replaceBetween(document: string, begin: string, end: string, content: string): string {
  const from = document.indexOf(begin);
  const to = document.indexOf(end);
  if (from === -1 || to < from) throw new Error(`markers ${begin} … ${end} not found`);
  return `${document.slice(0, from + begin.length)}\n${content.trim()}\n${document.slice(to)}`;
}

function refreshScreenshots(): void {
  const shots = existsSync(SHOTS) ? readdirSync(SHOTS).filter((name) => name.endsWith('.png')) : [];
  if (shots.length === 0) {
    missing.push('screenshots: none in .out/screenshots (run `npm run test:browser` first)');
    return;
  }
  mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
  for (const name of shots) copyFileSync(join(SHOTS, name), join(ROOT, 'docs/screenshots', name));
  done.push(`docs/screenshots/: ${shots.join(', ')}`);
}

function refreshBench(): void {
  const files = [
    'RESULTS.md',
    'results.json',
    'reminders-results.json',
    'costs.json',
    'abuse.json',
    'outbox.json',
  ];
  const absent = files.filter((name) => !existsSync(join(BENCH_OUT, name)));
  if (absent.length > 0) {
    missing.push(`bench figures: bench/.out lacks ${absent.join(', ')} (run \`npm run bench\` first)`);
    return;
  }
  for (const name of files) copyFileSync(join(BENCH_OUT, name), join(ROOT, 'bench', name));
  done.push(`bench/: ${files.join(', ')}`);

  // The README quotes the whole results file, one heading level down, without its title.
  const results = readFileSync(join(BENCH_OUT, 'RESULTS.md'), 'utf8')
    .replace(/^# .*\n+/, '')
    .replace(/^(#{2,5}) /gm, '#$1 ')
    // Links written for bench/RESULTS.md (`../docs/…`) point from the repository root in the README.
    .replaceAll('](../', '](');
  const readme = join(ROOT, 'README.md');
  writeFileSync(
    readme,
    replaceBetween(
      readFileSync(readme, 'utf8'),
      '<!-- bench:begin (npm run docs:refresh) -->',
      '<!-- bench:end -->',
      results,
    ),
  );
  done.push('README.md: benchmark figures');

  const tables = join(BENCH_OUT, 'costs-tables.md');
  const costs = join(ROOT, 'docs/costs.md');
  if (existsSync(tables)) {
    writeFileSync(
      costs,
      replaceBetween(
        readFileSync(costs, 'utf8'),
        '<!-- costs:begin (npm run docs:refresh) -->',
        '<!-- costs:end -->',
        readFileSync(tables, 'utf8'),
      ),
    );
    done.push('docs/costs.md: cost tables');
  }
}

refreshScreenshots();
refreshBench();
for (const line of done) process.stdout.write(`refreshed ${line}\n`);
for (const line of missing) process.stdout.write(`not refreshed: ${line}\n`);
if (done.length > 0) process.stdout.write('Review with `git diff`, then commit.\n');
if (done.length === 0) process.exitCode = 1;
