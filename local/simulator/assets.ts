// The simulator's script as `npm start` serves it at /static/app.js: the typed client (local/simulator/client)
// bundled by esbuild into a temporary directory at start, as infra/console-assets.ts builds the console's.
// The page and its styles stay in local/public.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const SIMULATOR_CLIENT = join(import.meta.dirname, 'client');

export function buildSimulatorAssets(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(SIMULATOR_CLIENT, 'app.ts')],
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

let built: string | undefined;

/** The bundle, built once per process in a temporary directory (never in the repository). */
export function simulatorAssetsDir(): string {
  if (!built) {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-simulator-'));
    buildSimulatorAssets(dir);
    built = dir;
  }
  return built;
}
