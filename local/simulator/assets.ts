// The simulator's script as `npm start` serves it at /static/app.js: the typed client (local/simulator/client)
// bundled by esbuild into a temporary directory at start, as infra/console-assets.ts builds the console's.
// The page and its styles stay in local/public.
import { join } from 'node:path';
import { builtOnce, bundleBrowserClient } from '../../infra/console-assets.js';

export const SIMULATOR_CLIENT = join(import.meta.dirname, 'client');

export function buildSimulatorAssets(outDir: string): void {
  bundleBrowserClient(join(SIMULATOR_CLIENT, 'app.ts'), outDir);
}

/** The bundle, built once per process in a temporary directory (never in the repository). */
export const simulatorAssetsDir = builtOnce('hotline-simulator-', buildSimulatorAssets);
