// The console's page, script and styles as the console function serves them: the page and the styles
// copied, the typed client (functions/console/client) bundled by esbuild. The stack builds them into the
// console function's bundle (`console/` beside index.mjs); the local runtime into a temporary directory.
// The simulator's client (local/simulator) is bundled the same way, with the same two helpers.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_SOURCE = join(ROOT, 'functions/console');

/** A typed browser client bundled into one minified ES module (`outDir/app.js`). */
export function bundleBrowserClient(entry: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    outfile: join(outDir, 'app.js'),
    logLevel: 'error',
  });
}

/** `build` run once per process into a new temporary directory (never in the repository); its path. */
export function builtOnce(prefix: string, build: (dir: string) => void): () => string {
  let built: string | undefined;
  return () => {
    if (!built) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      build(dir);
      built = dir;
    }
    return built;
  };
}

export function buildConsoleAssets(outDir: string): void {
  bundleBrowserClient(join(CONSOLE_SOURCE, 'client/app.ts'), outDir);
  for (const file of ['index.html', 'app.css']) copyFileSync(join(CONSOLE_SOURCE, file), join(outDir, file));
}

/** The assets built once per synth, in a temporary directory. */
export const consoleAssetsDir = builtOnce('hotline-console-', buildConsoleAssets);
