// The console's page, script and styles as the console function serves them: the page and the styles
// copied, the typed client (functions/console/client) bundled by esbuild. The stack builds them into the
// console function's bundle (`console/` beside index.mjs); the local runtime into a temporary directory.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_SOURCE = join(ROOT, 'functions/console');

export function buildConsoleAssets(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(CONSOLE_SOURCE, 'client/app.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    outfile: join(outDir, 'app.js'),
    logLevel: 'error',
  });
  for (const file of ['index.html', 'app.css']) copyFileSync(join(CONSOLE_SOURCE, file), join(outDir, file));
}

let built: string | undefined;

/** The assets built once per synth, in a temporary directory (never in the repository). */
export function consoleAssetsDir(): string {
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-console-'));
    buildConsoleAssets(dir);
    built = dir;
  }
  return built;
}
